package io.github.autodiff4j.problems;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * A two-layer perceptron classifier written as plain Java loops over {@code double[][]} weight matrices: a hidden
 * layer of {@code tanh} units, then a softmax over the classes. The weights are the active parameters of
 * {@link #loss}; the data set is a constant ({@code @NoDerivative}). The processor generates {@code MlpDiff},
 * whose allocation-free {@code lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2)} is all the training loop
 * needs.
 *
 * <p>Shapes, for {@code d} inputs, {@code h} hidden units and {@code c} classes: {@code w1} is {@code h x d} (row
 * {@code j} holds hidden unit {@code j}'s input weights), {@code b1} has length {@code h}, {@code w2} is
 * {@code c x h} and {@code b2} has length {@code c}.
 */
public final class Mlp {

    private Mlp() {}

    /**
     * The mean cross-entropy of the network's softmax output over a data set:
     * {@code (1/n) sum_p [log sum_c exp(z_c(x_p)) - z_{label_p}(x_p)]}, where
     * {@code z = w2 tanh(w1 x + b1) + b2} are the class scores (logits).
     *
     * @param w1     the hidden layer's weights, {@code h x d}
     * @param b1     the hidden layer's biases, length {@code h}
     * @param w2     the output layer's weights, {@code c x h}
     * @param b2     the output layer's biases, length {@code c}
     * @param xs     the inputs, one row of length {@code d} per point
     * @param labels each point's class, in {@code [0, c)}
     * @return the mean cross-entropy, in nats; {@code log c} for a network that cannot tell the classes apart
     */
    @Differentiable
    public static double loss(
            double[][] w1,
            double[] b1,
            double[][] w2,
            double[] b2,
            @NoDerivative double[][] xs,
            @NoDerivative int[] labels) {
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

    /**
     * One unit's pre-activation, {@code b + w . x}.
     *
     * @param w the unit's weights
     * @param b its bias
     * @param x its inputs, of the length of {@code w}
     * @return the weighted sum
     */
    public static double neuron(double[] w, double b, double[] x) {
        double sum = b;
        for (int k = 0; k < w.length; k++) {
            sum += w[k] * x[k];
        }
        return sum;
    }

    /**
     * {@code log sum_c exp(z_c)}, computed as {@code m + log sum_c exp(z_c - m)} with {@code m = max_c z_c} so that
     * no exponential overflows. The shift does not change the derivative: {@code m}'s own contribution,
     * {@code 1 - sum_c softmax_c}, is 0.
     *
     * @param z the scores, at least one
     * @return the log of the sum of their exponentials
     */
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
     * The class with the largest score for one input (the first of equal ones): the network's prediction.
     *
     * @param w1 the hidden layer's weights
     * @param b1 the hidden layer's biases
     * @param w2 the output layer's weights
     * @param b2 the output layer's biases
     * @param x  the input
     * @return the predicted class
     */
    public static int predict(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] x) {
        double[] hidden = new double[b1.length];
        for (int j = 0; j < b1.length; j++) {
            hidden[j] = Math.tanh(neuron(w1[j], b1[j], x));
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < b2.length; c++) {
            double score = neuron(w2[c], b2[c], hidden);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * The fraction of the points whose predicted class is their label.
     *
     * @param w1     the hidden layer's weights
     * @param b1     the hidden layer's biases
     * @param w2     the output layer's weights
     * @param b2     the output layer's biases
     * @param xs     the inputs
     * @param labels the classes
     * @return the accuracy, in {@code [0, 1]}
     */
    public static double accuracy(double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] xs, int[] labels) {
        int right = 0;
        for (int p = 0; p < xs.length; p++) {
            if (predict(w1, b1, w2, b2, xs[p]) == labels[p]) {
                right++;
            }
        }
        return (double) right / xs.length;
    }
}
