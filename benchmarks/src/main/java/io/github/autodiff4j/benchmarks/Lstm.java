package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;
import org.hipparchus.CalculusFieldElement;

/**
 * ADBench's LSTM objective: a copy of the samples' {@code Lstm} (see its description and
 * {@code data/adbench/README.md}), so that the benchmarks do not depend on the samples module, plus the same
 * objective over {@link CalculusFieldElement} for Hipparchus.
 */
final class Lstm {

    private Lstm() {
    }

    /**
     * The LSTM objective (the samples' code, unchanged).
     *
     * @param main     the layers' weights and biases, l x 8b
     * @param extra    the input scale, output weight and output bias, 3b
     * @param state    the initial state, l x 2b; not modified
     * @param sequence the sequence, c x b
     * @param l        the number of layers
     * @param c        the sequence's length
     * @param b        the width
     * @return the objective
     */
    @Differentiable
    static double lstm(double[] main, double[] extra, @NoDerivative double[] state, @NoDerivative double[] sequence,
            int l, int c, int b) {
        double[] s = new double[2 * l * b];
        for (int i = 0; i < 2 * l * b; i++) {
            s[i] = state[i];
        }
        double[] scaled = new double[b];
        double[] prediction = new double[b];
        double total = 0;
        int count = 0;
        for (int t = 0; t < c - 1; t++) {
            for (int j = 0; j < b; j++) {
                scaled[j] = sequence[t * b + j] * extra[j];
            }
            for (int layer = 0; layer < l; layer++) {
                int hidden = 2 * b * layer;
                int cell = hidden + b;
                int weight = 8 * b * layer;
                int bias = weight + 4 * b;
                for (int j = 0; j < b; j++) {
                    double u = layer == 0 ? scaled[j] : s[hidden - 2 * b + j];
                    double h = s[hidden + j];
                    double forget = sigmoid(u * main[weight + j] + main[bias + j]);
                    double input = sigmoid(h * main[weight + b + j] + main[bias + b + j]);
                    double output = sigmoid(u * main[weight + 2 * b + j] + main[bias + 2 * b + j]);
                    double change = Math.tanh(h * main[weight + 3 * b + j] + main[bias + 3 * b + j]);
                    double newCell = s[cell + j] * forget + input * change;
                    s[cell + j] = newCell;
                    s[hidden + j] = output * Math.tanh(newCell);
                }
            }
            int last = 2 * b * (l - 1);
            for (int j = 0; j < b; j++) {
                prediction[j] = s[last + j] * extra[b + j] + extra[2 * b + j];
            }
            double lse = logSumExpPlus2(prediction, b);
            for (int j = 0; j < b; j++) {
                total += sequence[(t + 1) * b + j] * (prediction[j] - lse);
            }
            count += b;
        }
        return -total / count;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double logSumExpPlus2(double[] v, int length) {
        double sum = Math.exp(v[0]);
        for (int i = 1; i < length; i++) {
            sum += Math.exp(v[i]);
        }
        return Math.log(sum + 2);
    }

    /**
     * The same objective over a Hipparchus field, operation for operation.
     *
     * @param main     the layers' weights and biases
     * @param extra    the input scale, output weight and output bias
     * @param state    the initial state
     * @param sequence the sequence
     * @param l        the number of layers
     * @param c        the sequence's length
     * @param b        the width
     * @param <T>      the field's element type
     * @return the objective with its derivatives
     */
    static <T extends CalculusFieldElement<T>> T lstm(T[] main, T[] extra, double[] state, double[] sequence, int l,
            int c, int b) {
        T zero = Peers.zero(main[0]);
        T[] s = Peers.zeros(main, 2 * l * b);
        for (int i = 0; i < 2 * l * b; i++) {
            s[i] = zero.add(state[i]);
        }
        T[] scaled = Peers.zeros(main, b);
        T[] prediction = Peers.zeros(main, b);
        T total = zero;
        int count = 0;
        for (int t = 0; t < c - 1; t++) {
            for (int j = 0; j < b; j++) {
                scaled[j] = extra[j].multiply(sequence[t * b + j]);
            }
            for (int layer = 0; layer < l; layer++) {
                int hidden = 2 * b * layer;
                int cell = hidden + b;
                int weight = 8 * b * layer;
                int bias = weight + 4 * b;
                for (int j = 0; j < b; j++) {
                    T u = layer == 0 ? scaled[j] : s[hidden - 2 * b + j];
                    T h = s[hidden + j];
                    T forget = sigmoid(u.multiply(main[weight + j]).add(main[bias + j]));
                    T input = sigmoid(h.multiply(main[weight + b + j]).add(main[bias + b + j]));
                    T output = sigmoid(u.multiply(main[weight + 2 * b + j]).add(main[bias + 2 * b + j]));
                    T change = h.multiply(main[weight + 3 * b + j]).add(main[bias + 3 * b + j]).tanh();
                    T newCell = s[cell + j].multiply(forget).add(input.multiply(change));
                    s[cell + j] = newCell;
                    s[hidden + j] = output.multiply(newCell.tanh());
                }
            }
            int last = 2 * b * (l - 1);
            for (int j = 0; j < b; j++) {
                prediction[j] = s[last + j].multiply(extra[b + j]).add(extra[2 * b + j]);
            }
            T sum = prediction[0].exp();
            for (int j = 1; j < b; j++) {
                sum = sum.add(prediction[j].exp());
            }
            T lse = sum.add(2).log();
            for (int j = 0; j < b; j++) {
                total = total.add(prediction[j].subtract(lse).multiply(sequence[(t + 1) * b + j]));
            }
            count += b;
        }
        return total.negate().divide(count);
    }

    static <T extends CalculusFieldElement<T>> T sigmoid(T x) {
        return x.negate().exp().add(1).reciprocal();
    }
}
