package io.github.autodiff4j.samples;

import java.util.Locale;

/**
 * A vector in space, as a record of three doubles, with the arithmetic a simulation needs. It declares no
 * constructor, so {@code @Differentiable} code may call its methods (they are differentiated through, inlined), and
 * the partial derivatives with respect to a {@code Vec3} parameter come back as a {@code Vec3}.
 *
 * @param x the first coordinate
 * @param y the second coordinate
 * @param z the third coordinate
 */
record Vec3(double x, double y, double z) {

    /** The zero vector. */
    static final Vec3 ZERO = new Vec3(0, 0, 0);

    Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    Vec3 scale(double s) {
        return new Vec3(s * x, s * y, s * z);
    }

    double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    double norm() {
        return Math.sqrt(dot(this));
    }

    /**
     * The coordinates as an array, for {@code NumericDiff} and the optimiser.
     *
     * @return {@code {x, y, z}}
     */
    double[] toArray() {
        return new double[] {x, y, z};
    }

    /**
     * The vector of an array's first three entries.
     *
     * @param a the coordinates
     * @return the vector
     */
    static Vec3 of(double[] a) {
        return new Vec3(a[0], a[1], a[2]);
    }

    /**
     * The coordinates to 10 significant digits, e.g. {@code (1.5, -0.25, 3)}.
     *
     * @return the text
     */
    String text() {
        return String.format(Locale.ROOT, "(%.10g, %.10g, %.10g)", x, y, z);
    }
}
