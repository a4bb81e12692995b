package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;
import org.hipparchus.CalculusFieldElement;

/**
 * The samples' two-layer perceptron: a copy of the loss of {@code samples/.../Mlp.java} (a hidden layer of
 * {@code tanh} units, then a softmax over the classes, mean cross-entropy over a data set; {@code w1} is
 * {@code h x d}, {@code b1} {@code h}, {@code w2} {@code c x h}, {@code b2} {@code c}), so that the benchmarks do not
 * depend on the samples module; plus the same loss over {@link CalculusFieldElement} for Hipparchus, and the gradient
 * by hand (backpropagation written out).
 */
final class Mlp {

    private Mlp() {
    }

    /**
     * The mean cross-entropy of the network's softmax output (the samples' code, unchanged).
     *
     * @param w1     the hidden layer's weights, {@code h x d}
     * @param b1     the hidden layer's biases
     * @param w2     the output layer's weights, {@code c x h}
     * @param b2     the output layer's biases
     * @param xs     the inputs, one row of length {@code d} per point
     * @param labels each point's class, in {@code [0, c)}
     * @return the mean cross-entropy
     */
    @Differentiable
    static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2,
                       @NoDerivative double[][] xs, @NoDerivative int[] labels) {
        double[] hidden = new double[b1.length];
        double[] scores = new double[b2.length];
        double total = 0;
        for (int p = 0; p < xs.length; p++) {
            for (int j = 0; j < b1.length; j++) {
                hidden[j] = Math.tanh(neuron(w1[j], b1[j], xs[p]));
            }
            for (int c = 0; c < b2.length; c++) {
                scores[c] = neuron(w2[c], b2[c], hidden);
            }
            total += logSumExp(scores) - scores[labels[p]];
        }
        return total / xs.length;
    }

    static double neuron(double[] w, double b, double[] x) {
        double sum = b;
        for (int k = 0; k < w.length; k++) {
            sum += w[k] * x[k];
        }
        return sum;
    }

    static double logSumExp(double[] z) {
        double largest = z[0];
        for (int c = 1; c < z.length; c++) {
            largest = Math.max(largest, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            sum += Math.exp(z[c] - largest);
        }
        return largest + Math.log(sum);
    }

    /**
     * The same loss over a Hipparchus field, operation for operation.
     *
     * @param w1     the hidden layer's weights
     * @param b1     the hidden layer's biases
     * @param w2     the output layer's weights
     * @param b2     the output layer's biases
     * @param xs     the inputs
     * @param labels the classes
     * @param <T>    the field's element type
     * @return the loss with its derivatives
     */
    static <T extends CalculusFieldElement<T>> T loss(T[][] w1, T[] b1, T[][] w2, T[] b2, double[][] xs,
            int[] labels) {
        T zero = Peers.zero(b1[0]);
        T[] hidden = Peers.zeros(b1, b1.length);
        T[] scores = Peers.zeros(b1, b2.length);
        T total = zero;
        for (int p = 0; p < xs.length; p++) {
            double[] x = xs[p];
            for (int j = 0; j < b1.length; j++) {
                T sum = b1[j];
                for (int k = 0; k < x.length; k++) {
                    sum = sum.add(w1[j][k].multiply(x[k]));
                }
                hidden[j] = sum.tanh();
            }
            for (int c = 0; c < b2.length; c++) {
                T sum = b2[c];
                for (int k = 0; k < hidden.length; k++) {
                    sum = sum.add(w2[c][k].multiply(hidden[k]));
                }
                scores[c] = sum;
            }
            T largest = scores[0];
            for (int c = 1; c < scores.length; c++) {
                if (scores[c].getReal() > largest.getReal()) {
                    largest = scores[c];
                }
            }
            T sum = zero;
            for (int c = 0; c < scores.length; c++) {
                sum = sum.add(scores[c].subtract(largest).exp());
            }
            total = total.add(largest.add(sum.log()).subtract(scores[labels[p]]));
        }
        return total.divide(xs.length);
    }

    /**
     * The gradient by hand: the forward pass, then backpropagation per point ({@code dz = softmax - onehot},
     * {@code dh = w2^T dz}, {@code da = dh (1 - h^2)}), accumulated and divided by the number of points.
     *
     * @param w1     the hidden layer's weights
     * @param b1     the hidden layer's biases
     * @param w2     the output layer's weights
     * @param b2     the output layer's biases
     * @param xs     the inputs
     * @param labels the classes
     * @param dw1    overwritten with the gradient by {@code w1}
     * @param db1    overwritten with the gradient by {@code b1}
     * @param dw2    overwritten with the gradient by {@code w2}
     * @param db2    overwritten with the gradient by {@code b2}
     * @param hidden scratch, the length of {@code b1}
     * @param scores scratch, the length of {@code b2}
     * @return the loss
     */
    static double lossGradByHand(double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] xs,
            int[] labels, double[][] dw1, double[] db1, double[][] dw2, double[] db2, double[] hidden,
            double[] scores) {
        int h = b1.length;
        int c = b2.length;
        for (double[] row : dw1) {
            java.util.Arrays.fill(row, 0);
        }
        java.util.Arrays.fill(db1, 0);
        for (double[] row : dw2) {
            java.util.Arrays.fill(row, 0);
        }
        java.util.Arrays.fill(db2, 0);
        double total = 0;
        for (int p = 0; p < xs.length; p++) {
            double[] x = xs[p];
            for (int j = 0; j < h; j++) {
                hidden[j] = Math.tanh(neuron(w1[j], b1[j], x));
            }
            double largest = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < c; o++) {
                scores[o] = neuron(w2[o], b2[o], hidden);
                largest = Math.max(largest, scores[o]);
            }
            double sum = 0;
            for (int o = 0; o < c; o++) {
                scores[o] = Math.exp(scores[o] - largest);
                sum += scores[o];
            }
            int label = labels[p];
            // scores[o] holds exp(z_o - largest): the loss is log(sum) - (z_label - largest).
            total += Math.log(sum) - Math.log(scores[label]);
            for (int o = 0; o < c; o++) {
                double dz = scores[o] / sum - (o == label ? 1 : 0);
                scores[o] = dz;
                db2[o] += dz;
                double[] dRow = dw2[o];
                for (int j = 0; j < h; j++) {
                    dRow[j] += dz * hidden[j];
                }
            }
            for (int j = 0; j < h; j++) {
                double dh = 0;
                for (int o = 0; o < c; o++) {
                    dh += scores[o] * w2[o][j];
                }
                double da = dh * (1 - hidden[j] * hidden[j]);
                db1[j] += da;
                double[] dRow = dw1[j];
                for (int k = 0; k < x.length; k++) {
                    dRow[k] += da * x[k];
                }
            }
        }
        double scale = 1.0 / xs.length;
        for (double[] row : dw1) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= scale;
            }
        }
        for (int j = 0; j < h; j++) {
            db1[j] *= scale;
        }
        for (double[] row : dw2) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= scale;
            }
        }
        for (int o = 0; o < c; o++) {
            db2[o] *= scale;
        }
        return total * scale;
    }
}
