package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * A few bodies under their mutual gravity ({@code G = 1}, softened by {@link #SOFTENING}), stepped in time by
 * velocity Verlet, written with {@link Vec3} records: positions and velocities are {@code Vec3[]}, each force a
 * {@code Vec3} built by the record's methods. The gradient of {@link #miss} with respect to the initial velocities
 * comes back as a {@code Vec3[]}, one partial-derivative vector per body.
 */
final class NBody {

    /** Squared softening length, added to every squared distance so that a close pass stays smooth. */
    static final double SOFTENING = 1e-4;

    private NBody() {}

    /**
     * Steps the bodies by velocity Verlet and returns half the squared distance from one body's final position to a
     * target: what an optimiser of the initial velocities minimises to hit the target.
     *
     * @param position the initial positions
     * @param velocity the initial velocities
     * @param mass     the masses
     * @param probe    the body that should hit the target
     * @param target   where it should be at the end
     * @param duration the time simulated
     * @param steps    the number of Verlet steps
     * @return {@code |x_probe(duration) - target|^2 / 2}
     */
    @Differentiable
    static double miss(
            Vec3[] position, Vec3[] velocity, double[] mass, int probe, Vec3 target, double duration, int steps) {
        Vec3 d = finalPosition(position, velocity, mass, probe, duration, steps).minus(target);
        return 0.5 * d.dot(d);
    }

    /**
     * The final position of one body: velocity Verlet, {@code v += a h/2; x += v h; a = a(x); v += a h/2}.
     *
     * @param position the initial positions
     * @param velocity the initial velocities
     * @param mass     the masses
     * @param probe    the body whose position is returned
     * @param duration the time simulated
     * @param steps    the number of Verlet steps
     * @return the body's position at {@code duration}
     */
    @Differentiable
    static Vec3 finalPosition(Vec3[] position, Vec3[] velocity, double[] mass, int probe, double duration, int steps) {
        int n = position.length;
        double h = duration / steps;
        Vec3[] x = new Vec3[n];
        Vec3[] v = new Vec3[n];
        Vec3[] a = new Vec3[n];
        for (int i = 0; i < n; i++) {
            x[i] = position[i];
            v[i] = velocity[i];
        }
        accelerations(x, mass, a);
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < n; i++) {
                v[i] = v[i].plus(a[i].scale(0.5 * h));
                x[i] = x[i].plus(v[i].scale(h));
            }
            accelerations(x, mass, a);
            for (int i = 0; i < n; i++) {
                v[i] = v[i].plus(a[i].scale(0.5 * h));
            }
        }
        return x[probe];
    }

    /**
     * Writes each body's acceleration {@code sum_j m_j (x_j - x_i) / (|x_j - x_i|^2 + SOFTENING)^(3/2)} into
     * {@code a}.
     *
     * @param x    the positions
     * @param mass the masses
     * @param a    receives the accelerations
     */
    static void accelerations(Vec3[] x, double[] mass, Vec3[] a) {
        for (int i = 0; i < x.length; i++) {
            Vec3 sum = Vec3.ZERO;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    Vec3 d = x[j].minus(x[i]);
                    double r2 = d.dot(d) + SOFTENING;
                    sum = sum.plus(d.scale(mass[j] / (r2 * Math.sqrt(r2))));
                }
            }
            a[i] = sum;
        }
    }
}
