package io.github.autodiff4j;

import java.util.Arrays;

/**
 * A vector of dual numbers stored as two arrays: the values and their derivatives along one direction. Generated
 * {@code barJvp} methods of vector functions return one.
 *
 * <p>The arrays are not copied: the record holds the arrays it was given. Unlike a plain record with array
 * components, {@link #equals(Object)}, {@link #hashCode()} and {@link #toString()} use the arrays' contents.
 *
 * @param value   the values
 * @param tangent the derivatives of the values along the chosen direction, of the same length
 */
public record DualVector(double[] value, double[] tangent) {

    /**
     * Checks the arrays.
     *
     * @param value   the values
     * @param tangent the tangents, of the same length
     * @throws IllegalArgumentException if an array is {@code null} or their lengths differ
     */
    public DualVector {
        if (value == null || tangent == null) {
            throw new IllegalArgumentException(
                    "DualVector: value and tangent must not be null (value " + (value == null ? "null" : "non-null")
                            + ", tangent " + (tangent == null ? "null" : "non-null") + ")");
        }
        if (value.length != tangent.length) {
            throw new IllegalArgumentException(
                    "DualVector: value has length " + value.length + " but tangent has length " + tangent.length);
        }
    }

    /**
     * The number of entries.
     *
     * @return {@code value().length}
     */
    public int size() {
        return value.length;
    }

    /**
     * Equal when the other object is a {@code DualVector} with equal array contents, compared as by
     * {@link Arrays#equals(double[], double[])} (so NaN equals NaN, and 0.0 differs from -0.0).
     *
     * @param o the object to compare with
     * @return whether both arrays have equal contents
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DualVector other
                && Arrays.equals(value, other.value)
                && Arrays.equals(tangent, other.tangent);
    }

    /**
     * A hash code of the arrays' contents, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Arrays.hashCode(tangent);
    }

    /**
     * The contents, e.g. {@code DualVector[value=[1.0, 2.0], tangent=[0.5, 0.0]]}.
     *
     * @return a readable representation
     */
    @Override
    public String toString() {
        return "DualVector[value=" + Arrays.toString(value) + ", tangent=" + Arrays.toString(tangent) + "]";
    }
}
