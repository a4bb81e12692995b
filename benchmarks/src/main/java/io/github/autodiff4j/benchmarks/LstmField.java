package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.Lstm;
import org.hipparchus.CalculusFieldElement;

/** ADBench's LSTM objective ({@link Lstm}) over {@link CalculusFieldElement}, for Hipparchus's peers. */
final class LstmField {

    private LstmField() {}

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
    static <T extends CalculusFieldElement<T>> T lstm(
            T[] main, T[] extra, double[] state, double[] sequence, int l, int c, int b) {
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
                    T change = h.multiply(main[weight + 3 * b + j])
                            .add(main[bias + 3 * b + j])
                            .tanh();
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
