package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.Mlp;
import java.util.Arrays;

/** The perceptron's gradient ({@link Mlp#loss}) written out by hand: the hand-written peer of the generated one. */
final class MlpByHand {

    private MlpByHand() {}

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
    static double lossGradByHand(
            double[][] w1,
            double[] b1,
            double[][] w2,
            double[] b2,
            double[][] xs,
            int[] labels,
            double[][] dw1,
            double[] db1,
            double[][] dw2,
            double[] db2,
            double[] hidden,
            double[] scores) {
        int h = b1.length;
        int c = b2.length;
        for (double[] row : dw1) {
            Arrays.fill(row, 0);
        }
        Arrays.fill(db1, 0);
        for (double[] row : dw2) {
            Arrays.fill(row, 0);
        }
        Arrays.fill(db2, 0);
        double total = 0;
        for (int p = 0; p < xs.length; p++) {
            double[] x = xs[p];
            for (int j = 0; j < h; j++) {
                hidden[j] = Math.tanh(Mlp.neuron(w1[j], b1[j], x));
            }
            double largest = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < c; o++) {
                scores[o] = Mlp.neuron(w2[o], b2[o], hidden);
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
