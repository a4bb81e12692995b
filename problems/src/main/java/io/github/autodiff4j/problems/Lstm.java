package io.github.autodiff4j.problems;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * ADBench's LSTM objective: the cross-entropy of a character-level model that predicts each entry of a sequence
 * from the previous one, through {@code l} stacked LSTM layers of width {@code b}. It is ADBench's own simplified
 * LSTM, which ADBench's implementations in every language agree on, not a textbook one: every weight is a vector
 * (a diagonal matrix), each gate reads either the layer's input or its hidden state but not both, and the
 * log-sum-exp of the prediction adds 2 inside the logarithm (ADBench issue 143 notes this oddity; the published
 * objective depends on it).
 *
 * <p>Layer {@code L} (0-based) has weights {@code main[8bL ..]}: forget, input, output and change weights, then
 * the four biases, each {@code b} long. With its input {@code u} (the scaled sequence entry for layer 0, the hidden
 * state of layer {@code L - 1}, just updated, for the others) and its hidden state {@code h} and cell {@code s}:
 * <pre>
 *   forget = sigmoid(u w_f + b_f)   input = sigmoid(h w_i + b_i)   output = sigmoid(u w_o + b_o)
 *   change = tanh(h w_c + b_c)      s' = s forget + input change     h' = output tanh(s')
 * </pre>
 * elementwise. A step of the model scales the sequence entry by {@code extra[0..b)}, runs the layers in order, and
 * predicts {@code y = h_last extra[b..2b) + extra[2b..3b)}. The objective is
 * {@code -sum_t sum_j seq[t+1][j] (y_t[j] - log(2 + sum_j' exp(y_t[j']))) / ((c - 1) b)} over the steps
 * {@code t = 0 .. c-2}, the state carried from step to step and starting from the file's.
 *
 * <p>The log-sum-exp's sum starts from its first term, not from 0, because an earlier processor got the reverse
 * mode wrong when a {@code double} local was set to a constant inside a loop and then accumulated (see
 * {@link Gmm}); it no longer does ({@link LstmReference} starts from 0, as the C++ does, and gets the same
 * gradient).
 */
public final class Lstm {

    private Lstm() {}

    /**
     * The LSTM objective. The main and extra parameters are active; the initial state and the sequence are data.
     *
     * @param main     the layers' weights and biases, l x 8b
     * @param extra    the input scale, output weight and output bias, 3b
     * @param state    the initial state, l x 2b: each layer's hidden state then cell; not modified
     * @param sequence the sequence, c x b
     * @param l        the number of layers
     * @param c        the sequence's length
     * @param b        the width
     * @return the objective
     */
    @Differentiable
    public static double lstm(
            double[] main,
            double[] extra,
            @NoDerivative double[] state,
            @NoDerivative double[] sequence,
            int l,
            int c,
            int b) {
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

    /**
     * The logistic function {@code 1 / (1 + exp(-x))}.
     *
     * @param x the argument
     * @return {@code sigmoid(x)}
     */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * ADBench's LSTM log-sum-exp: {@code log(2 + sum exp(v[i]))} over the first {@code length} entries (sic: the
     * 2 is ADBench's, not a standard softmax's).
     *
     * @param v      the values
     * @param length how many, at least 1
     * @return {@code log(2 + sum exp(v))}
     */
    static double logSumExpPlus2(double[] v, int length) {
        // Starts from the first term, not 0: see the class description (no longer needed).
        double sum = Math.exp(v[0]);
        for (int i = 1; i < length; i++) {
            sum += Math.exp(v[i]);
        }
        return Math.log(sum + 2);
    }

    /**
     * One LSTM input file, as {@link AdbenchData#readLstm(String)} reads it.
     *
     * @param name     the file's name
     * @param l        the number of layers
     * @param c        the sequence's length
     * @param b        the width
     * @param main     8lb main parameters
     * @param extra    3b extra parameters
     * @param state    2lb initial state values
     * @param sequence cb sequence values
     */
    public record Input(
            String name, int l, int c, int b, double[] main, double[] extra, double[] state, double[] sequence) {

        /**
         * The number of active inputs, {@code 8lb + 3b}.
         *
         * @return the count
         */
        public int parameters() {
            return main.length + extra.length;
        }

        /**
         * The objective at the file's parameters.
         *
         * @return {@link Lstm#lstm}
         */
        public double objective() {
            return lstm(main, extra, state, sequence, l, c, b);
        }

        /**
         * The objective at other parameters, flattened as {@code [main, extra]}.
         *
         * @param flat the parameters, of length {@link #parameters()}
         * @return the objective there
         */
        public double objective(double[] flat) {
            return lstm(
                    java.util.Arrays.copyOfRange(flat, 0, main.length),
                    java.util.Arrays.copyOfRange(flat, main.length, flat.length),
                    state,
                    sequence,
                    l,
                    c,
                    b);
        }

        /**
         * The parameters flattened as {@code [main, extra]}.
         *
         * @return a new array
         */
        public double[] flatParameters() {
            return Vectors.concat(main, extra);
        }

        /**
         * The gradient by the generated allocation-free reverse mode, flattened as {@code [main, extra]}.
         *
         * @return a new array of length {@link #parameters()}
         */
        public double[] gradient() {
            double[] dmain = new double[main.length];
            double[] dextra = new double[extra.length];
            LstmDiff.lstmGrad(main, extra, state, sequence, l, c, b, dmain, dextra);
            return Vectors.concat(dmain, dextra);
        }

        /**
         * One component of the gradient by the generated forward mode: the JVP along that parameter's unit
         * vector. An independent computation of what {@link #gradient()} holds at that index.
         *
         * @param component the index into {@code [main, extra]}
         * @return the partial derivative
         */
        public double forwardDerivative(int component) {
            double[] dmain = new double[main.length];
            double[] dextra = new double[extra.length];
            if (component < main.length) {
                dmain[component] = 1;
            } else {
                dextra[component - main.length] = 1;
            }
            return LstmDiff.lstmJvp(main, dmain, extra, dextra, state, sequence, l, c, b)
                    .tangent();
        }
    }
}
