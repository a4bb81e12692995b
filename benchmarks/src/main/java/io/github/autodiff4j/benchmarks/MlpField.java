package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.Mlp;
import org.hipparchus.CalculusFieldElement;

/** The samples' perceptron loss ({@link Mlp#loss}) over {@link CalculusFieldElement}, for Hipparchus's peers. */
final class MlpField {

    private MlpField() {}

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
    static <T extends CalculusFieldElement<T>> T loss(T[][] w1, T[] b1, T[][] w2, T[] b2, double[][] xs, int[] labels) {
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
}
