package io.github.autodiff4j.samples;

import java.util.Random;

/**
 * Two interleaved spirals in the plane, a classic data set that no linear classifier can separate: class
 * {@code k} (0 or 1) winds out from the centre along {@code r = t}, {@code angle = TURNS 2 pi t + k pi} for
 * {@code t} from {@link #INNER} to 1, so each arm lies between two turns of the other. Each point is perturbed by
 * Gaussian noise of standard deviation {@code noise} in each coordinate.
 */
final class Spirals {

    /** How many times each arm winds around the centre. */
    static final double TURNS = 1.75;
    /** The radius of the first point of each arm (at the centre the arms would touch). */
    static final double INNER = 0.08;

    private Spirals() {}

    /**
     * A labelled data set.
     *
     * @param xs     the points, one {@code {x, y}} row each
     * @param labels each point's class, 0 or 1
     */
    record DataSet(double[][] xs, int[] labels) {

        /**
         * The number of points.
         *
         * @return the number of rows of {@link #xs()}
         */
        int size() {
            return xs.length;
        }

        /**
         * The first {@code n} points, e.g. a subset small enough for an expensive check. The spirals alternate
         * class point by point, so even a short prefix holds both classes.
         *
         * @param n how many points
         * @return a new data set sharing no arrays with this one
         */
        DataSet first(int n) {
            double[][] subset = new double[n][];
            for (int p = 0; p < n; p++) {
                subset[p] = xs[p].clone();
            }
            return new DataSet(subset, java.util.Arrays.copyOf(labels, n));
        }
    }

    /**
     * Generates the spirals, the two classes alternating point by point.
     *
     * @param perClass how many points in each class
     * @param noise    the standard deviation of the Gaussian noise added to each coordinate
     * @param seed     the seed of the random numbers, so that every run sees the same data
     * @return {@code 2 perClass} points
     */
    static DataSet generate(int perClass, double noise, long seed) {
        Random random = new Random(seed);
        double[][] xs = new double[2 * perClass][];
        int[] labels = new int[2 * perClass];
        for (int i = 0; i < perClass; i++) {
            double t = INNER + (1 - INNER) * i / (perClass - 1);
            for (int k = 0; k < 2; k++) {
                double angle = TURNS * 2 * Math.PI * t + k * Math.PI;
                int p = 2 * i + k;
                xs[p] = new double[] {
                    t * Math.cos(angle) + noise * random.nextGaussian(),
                    t * Math.sin(angle) + noise * random.nextGaussian()
                };
                labels[p] = k;
            }
        }
        return new DataSet(xs, labels);
    }
}
