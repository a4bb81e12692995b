package io.github.autodiff4j.samples;

import io.github.autodiff4j.problems.Mlp;
import io.github.autodiff4j.problems.MlpDiff;
import java.util.Random;

/**
 * Trains {@link Mlp} with Adam (Kingma and Ba, 2015): full-batch steps that use nothing but the generated
 * allocation-free gradient {@code MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2)}. The weights,
 * gradients and Adam's moment estimates are allocated once, before the first epoch.
 */
final class Training {

    /** Adam's decay rates of the first and second moment estimates, and its guard against division by 0. */
    static final double BETA1 = 0.9;

    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private Training() {}

    /**
     * The network's parameters, shaped as {@link Mlp#loss} takes them.
     *
     * @param w1 the hidden layer's weights, {@code hidden x inputs}
     * @param b1 the hidden layer's biases
     * @param w2 the output layer's weights, {@code classes x hidden}
     * @param b2 the output layer's biases
     */
    record Weights(double[][] w1, double[] b1, double[][] w2, double[] b2) {

        /**
         * Random weights: input weights and hidden biases standard normal times {@code inputScale} (so that the
         * hidden units' boundaries cross the data at varied angles and offsets), output weights normal with
         * standard deviation {@code 1 / sqrt(hidden)}, output biases 0.
         *
         * @param inputs     the number of inputs
         * @param hidden     the number of hidden units
         * @param classes    the number of classes
         * @param inputScale the standard deviation of the hidden layer's weights and biases
         * @param seed       the seed of the random numbers
         * @return the weights
         */
        static Weights random(int inputs, int hidden, int classes, double inputScale, long seed) {
            Random random = new Random(seed);
            double[][] w1 = new double[hidden][inputs];
            double[] b1 = new double[hidden];
            double[][] w2 = new double[classes][hidden];
            double[] b2 = new double[classes];
            for (int j = 0; j < hidden; j++) {
                for (int k = 0; k < inputs; k++) {
                    w1[j][k] = inputScale * random.nextGaussian();
                }
                b1[j] = inputScale * random.nextGaussian();
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < hidden; j++) {
                    w2[c][j] = random.nextGaussian() / Math.sqrt(hidden);
                }
            }
            return new Weights(w1, b1, w2, b2);
        }

        /**
         * Arrays of zeros of the same shapes, e.g. for a gradient.
         *
         * @return the zeros
         */
        Weights zeros() {
            return new Weights(zeros(w1), new double[b1.length], zeros(w2), new double[b2.length]);
        }

        /**
         * A deep copy.
         *
         * @return new arrays with the same numbers
         */
        Weights copy() {
            return new Weights(copy(w1), b1.clone(), copy(w2), b2.clone());
        }

        /**
         * The number of parameters: the length of the flattened active inputs.
         *
         * @return the count
         */
        int count() {
            return w1.length * w1[0].length + b1.length + w2.length * w2[0].length + b2.length;
        }

        /**
         * The arrays in the order of the flattened active inputs, each matrix as its rows: {@code w1[0], ...,
         * b1, w2[0], ..., b2}. The rows are the weights' own arrays, not copies.
         *
         * @return the rows
         */
        double[][] rows() {
            double[][] rows = new double[w1.length + 1 + w2.length + 1][];
            System.arraycopy(w1, 0, rows, 0, w1.length);
            rows[w1.length] = b1;
            System.arraycopy(w2, 0, rows, w1.length + 1, w2.length);
            rows[rows.length - 1] = b2;
            return rows;
        }

        /**
         * The name of flattened active input {@code index}, e.g. {@code w1[3][1]} or {@code b2[0]}.
         *
         * @param index the index into the flattened inputs
         * @return its name
         */
        String name(int index) {
            int i = index;
            if (i < w1.length * w1[0].length) {
                return "w1[" + i / w1[0].length + "][" + i % w1[0].length + "]";
            }
            i -= w1.length * w1[0].length;
            if (i < b1.length) {
                return "b1[" + i + "]";
            }
            i -= b1.length;
            if (i < w2.length * w2[0].length) {
                return "w2[" + i / w2[0].length + "][" + i % w2[0].length + "]";
            }
            return "b2[" + (i - w2.length * w2[0].length) + "]";
        }

        /**
         * Flattened active input {@code index}'s array and position in it.
         *
         * @param index the index into the flattened inputs
         * @return {@code {row, column}} into {@link #rows()}
         */
        int[] locate(int index) {
            double[][] rows = rows();
            int i = index;
            for (int r = 0; r < rows.length; r++) {
                if (i < rows[r].length) {
                    return new int[] {r, i};
                }
                i -= rows[r].length;
            }
            throw new IndexOutOfBoundsException("index " + index + " of " + count() + " parameters");
        }

        private static double[][] zeros(double[][] a) {
            return new double[a.length][a[0].length];
        }

        private static double[][] copy(double[][] a) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }
    }

    /** Told the loss at every epoch, for printing progress. */
    @FunctionalInterface
    interface Progress {
        /**
         * Called before each step with the loss at the current weights, and once more after the last step.
         *
         * @param epoch   the number of steps taken so far
         * @param loss    the mean cross-entropy at the current weights
         * @param weights the current weights, to read but not to modify or keep
         */
        void epoch(int epoch, double loss, Weights weights);
    }

    /**
     * The outcome of training.
     *
     * @param weights the final weights
     * @param losses  the loss before each step and, last, after the final step: {@code epochs + 1} values
     * @param nanos   the wall-clock time of the training loop
     */
    record Result(Weights weights, double[] losses, long nanos) {

        /**
         * The loss at the final weights.
         *
         * @return the last loss
         */
        double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * Runs {@code epochs} full-batch Adam steps from {@code start}.
     *
     * @param data         the training set
     * @param start        the initial weights, not modified
     * @param epochs       the number of steps
     * @param learningRate Adam's step size
     * @param progress     told the loss at every epoch
     * @return the trained weights and the loss curve
     */
    static Result train(Spirals.DataSet data, Weights start, int epochs, double learningRate, Progress progress) {
        Weights w = start.copy();
        Weights g = w.zeros();
        double[][] params = w.rows();
        double[][] grads = g.rows();
        double[][] m = w.zeros().rows();
        double[][] v = w.zeros().rows();
        double[] losses = new double[epochs + 1];
        double[][] xs = data.xs();
        int[] labels = data.labels();
        long begin = System.nanoTime();
        double decay1 = 1;
        double decay2 = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double loss = MlpDiff.lossGrad(w.w1(), w.b1(), w.w2(), w.b2(), xs, labels, g.w1(), g.b1(), g.w2(), g.b2());
            losses[epoch] = loss;
            progress.epoch(epoch, loss, w);
            decay1 *= BETA1;
            decay2 *= BETA2;
            // The bias-corrected step: learningRate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon).
            double step = learningRate / (1 - decay1);
            double scale2 = 1 / (1 - decay2);
            for (int r = 0; r < params.length; r++) {
                double[] p = params[r];
                double[] gr = grads[r];
                double[] mr = m[r];
                double[] vr = v[r];
                for (int i = 0; i < p.length; i++) {
                    mr[i] = BETA1 * mr[i] + (1 - BETA1) * gr[i];
                    vr[i] = BETA2 * vr[i] + (1 - BETA2) * gr[i] * gr[i];
                    p[i] -= step * mr[i] / (Math.sqrt(vr[i] * scale2) + EPSILON);
                }
            }
        }
        long nanos = System.nanoTime() - begin;
        losses[epochs] = Mlp.loss(w.w1(), w.b1(), w.w2(), w.b2(), xs, labels);
        progress.epoch(epochs, losses[epochs], w);
        return new Result(w, losses, nanos);
    }
}
