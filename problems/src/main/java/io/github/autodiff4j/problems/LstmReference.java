package io.github.autodiff4j.problems;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * ADBench's LSTM objective written the way ADBench's C++ reference writes it ({@code src/cpp/shared/lstm.h};
 * Microsoft, MIT licence): the same functions ({@code lstm_model}, {@code lstm_predict}, {@code lstm_objective},
 * {@code sigmoid}, {@code logsumexp}), void where the C++ is void, writing into the state, the prediction and
 * {@code T* loss} as it does, with the same loops and index arithmetic. {@link Lstm} is the same objective rewritten
 * for Java as one method, and it is what the samples run. Both are benchmarked side by side ({@code LstmBench}).
 *
 * <p>The translation, mechanical wherever Java allows:
 * <ul>
 *   <li>Names become Java's lower camel case ({@code lstm_predict} is {@link #lstmPredict}, {@code main_params}
 *   {@code mainParams}).</li>
 *   <li>A {@code T*} parameter becomes a {@code double[]}; where some caller passes a pointer into the middle of an
 *   array ({@code sequence_wrap.sequence[t]}, {@code state.layer_state[i].hidden}), the callee takes the array and
 *   the offset as an extra {@code int} right after it, and indexes {@code input[inputOff + i]} where the C++ indexes
 *   {@code input[i]}.</li>
 *   <li>The C++ structs {@code MainParams}, {@code LayerParams}, {@code WeightOrBias}, {@code ExtraParams},
 *   {@code State}, {@code LayerState} and {@code InputSequence} hold nothing but pointers into the flat arrays, at
 *   fixed offsets that their constructors compute. Java cannot point into an array, and an object holding the
 *   arrays would be a constant to the processor, so the functions take the flat arrays and compute the same
 *   offsets: {@code main_params.layer_params[i]} is {@code mainParams} from {@code 8 * b * i}, in it
 *   {@code weight.forget} from 0, {@code weight.ingate} from {@code hsize}, {@code weight.outgate} from
 *   {@code 2 hsize}, {@code weight.change} from {@code 3 hsize} and the biases likewise from {@code 4 hsize};
 *   {@code state.layer_state[i]} is {@code state} from {@code 2 * b * i}, {@code hidden} first and {@code cell}
 *   {@code hsize} after; {@code extra_params}' {@code in_weight}, {@code out_weight} and {@code out_bias} start at
 *   0, {@code b} and {@code 2 b}.</li>
 *   <li>{@code lstm_objective} takes {@code std::vector<T> state} by value: the caller's vector is copied. Here the
 *   caller, {@link #lstm}, passes {@code state.clone()}, so the caller's state is left as it was.</li>
 *   <li>{@code T* loss}, the single output of {@code lstm_objective}, is a {@code double[1]}; {@link #lstm}, the
 *   {@code @Differentiable} entry point (the processor differentiates methods that return {@code double}), calls
 *   it and returns {@code loss[0]}.</li>
 * </ul>
 */
public final class LstmReference {

    private LstmReference() {}

    /**
     * The LSTM objective: {@link #lstmObjective} on a copy of the state, with its output parameter returned. The
     * main and extra parameters are active; the initial state and the sequence are data.
     *
     * @param l           the number of layers
     * @param c           the sequence's length
     * @param b           the width
     * @param mainParams  the layers' weights and biases, l x 8b
     * @param extraParams the input scale, output weight and output bias, 3b
     * @param state       the initial state, l x 2b; not modified
     * @param sequence    the sequence, c x b
     * @return the objective
     */
    @Differentiable
    public static double lstm(
            int l,
            int c,
            int b,
            double[] mainParams,
            double[] extraParams,
            @NoDerivative double[] state,
            @NoDerivative double[] sequence) {
        double[] loss = new double[1];
        lstmObjective(l, c, b, mainParams, extraParams, state.clone(), sequence, loss);
        return loss[0];
    }

    /**
     * {@code lstm.h}'s {@code sigmoid}.
     *
     * @param x the argument
     * @return {@code 1 / (1 + exp(-x))}
     */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * {@code lstm.h}'s {@code logsumexp}: {@code log(sum exp(vect[i]) + 2)} over {@code sz} entries (sic: the 2 is
     * ADBench's).
     *
     * @param vect the values
     * @param sz   how many
     * @return the log-sum-exp plus 2
     */
    static double logsumexp(double[] vect, int sz) {
        double sum = 0.0;
        for (int i = 0; i < sz; ++i) {
            sum += Math.exp(vect[i]);
        }
        sum += 2;
        return Math.log(sum);
    }

    /**
     * {@code lstm.h}'s {@code lstm_model}: one layer's step, updating its hidden state and cell in place.
     *
     * @param hsize     the width
     * @param params    holds the layer's {@code LayerParams} from {@code paramsOff}: weights, then biases
     * @param paramsOff where they start ({@code &main_params[8 * hsize * i]})
     * @param state     holds the layer's {@code LayerState} from {@code stateOff}: hidden, then cell
     * @param stateOff  where it starts ({@code &state[2 * hsize * i]})
     * @param input     holds the layer's input from {@code inputOff}
     * @param inputOff  where it starts
     */
    static void lstmModel(
            int hsize, double[] params, int paramsOff, double[] state, int stateOff, double[] input, int inputOff) {
        // LayerParams(layer_params, hsize): weight(layer_params), bias(&layer_params[hsize * 4]), and each
        // WeightOrBias(params, hsize): forget(params), ingate(&params[hsize]), outgate(&params[2 * hsize]),
        // change(&params[3 * hsize]).
        int weightForget = paramsOff;
        int weightIngate = paramsOff + hsize;
        int weightOutgate = paramsOff + 2 * hsize;
        int weightChange = paramsOff + 3 * hsize;
        int biasForget = paramsOff + hsize * 4;
        int biasIngate = biasForget + hsize;
        int biasOutgate = biasForget + 2 * hsize;
        int biasChange = biasForget + 3 * hsize;
        // LayerState(layer_state, hsize): hidden(layer_state), cell(&layer_state[hsize]).
        int hidden = stateOff;
        int cell = stateOff + hsize;
        for (int i = 0; i < hsize; ++i) {
            // gates for i-th cell/hidden
            double forget = sigmoid(input[inputOff + i] * params[weightForget + i] + params[biasForget + i]);
            double ingate = sigmoid(state[hidden + i] * params[weightIngate + i] + params[biasIngate + i]);
            double outgate = sigmoid(input[inputOff + i] * params[weightOutgate + i] + params[biasOutgate + i]);
            double change = Math.tanh(state[hidden + i] * params[weightChange + i] + params[biasChange + i]);

            state[cell + i] = state[cell + i] * forget + ingate * change;
            state[hidden + i] = outgate * Math.tanh(state[cell + i]);
        }
    }

    /**
     * {@code lstm.h}'s {@code lstm_predict}: runs the layers on one input and writes the prediction.
     *
     * @param l           the number of layers
     * @param b           the width
     * @param mainParams  the layers' weights and biases, l x 8b
     * @param extraParams the input scale, output weight and output bias, 3b
     * @param state       the state, l x 2b, updated
     * @param input       holds the input from {@code inputOff}, b
     * @param inputOff    where it starts ({@code sequence_wrap.sequence[t]})
     * @param output      receives the prediction, b
     */
    static void lstmPredict(
            int l,
            int b,
            double[] mainParams,
            double[] extraParams,
            double[] state,
            double[] input,
            int inputOff,
            double[] output) {
        // ExtraParams(params, hsize): in_weight(params), out_weight(&params[hsize]), out_bias(&params[2 * hsize]).
        for (int i = 0; i < b; ++i) {
            output[i] = input[inputOff + i] * extraParams[i];
        }

        double[] layerOutput = output;
        int layerOutputOff = 0;

        for (int i = 0; i < l; ++i) {
            lstmModel(b, mainParams, 8 * b * i, state, 2 * b * i, layerOutput, layerOutputOff);
            layerOutput = state;
            layerOutputOff = 2 * b * i;
        }

        for (int i = 0; i < b; ++i) {
            output[i] = layerOutput[layerOutputOff + i] * extraParams[b + i] + extraParams[2 * b + i];
        }
    }

    /**
     * {@code lstm.h}'s {@code lstm_objective} (loss function).
     *
     * @param l           the number of layers
     * @param c           the sequence's length
     * @param b           the width
     * @param mainParams  the layers' weights and biases, l x 8b
     * @param extraParams the input scale, output weight and output bias, 3b
     * @param state       the state, l x 2b: the caller's copy, updated
     * @param sequence    the sequence, c x b
     * @param loss        receives the objective in {@code loss[0]}
     */
    static void lstmObjective(
            int l,
            int c,
            int b,
            double[] mainParams,
            double[] extraParams,
            double[] state,
            double[] sequence,
            double[] loss) {
        double total = 0.0;
        int count = 0;
        double[] ypred = new double[b];
        double[] ynorm = new double[b];
        for (int t = 0; t < c - 1; ++t) {
            // sequence_wrap.sequence[t] is &sequence[b * t].
            lstmPredict(l, b, mainParams, extraParams, state, sequence, b * t, ypred);

            double lse = logsumexp(ypred, b);
            for (int i = 0; i < b; ++i) {
                ynorm[i] = ypred[i] - lse;
            }

            // ygold = sequence_wrap.sequence[t + 1]
            int ygold = b * (t + 1);
            for (int i = 0; i < b; ++i) {
                total += sequence[ygold + i] * ynorm[i];
            }

            count += b;
        }

        loss[0] = -total / count;
    }

    /**
     * The objective on an input as {@link AdbenchData#readLstm} reads it.
     *
     * @param in the input
     * @return {@link #lstm} at its parameters
     */
    public static double objective(Lstm.Input in) {
        return lstm(in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence());
    }

    /**
     * The gradient by the generated allocation-free reverse mode, flattened as {@code [main, extra]} (the order of
     * {@link Lstm.Input#gradient()}).
     *
     * @param in the input
     * @return a new array of length {@link Lstm.Input#parameters()}
     */
    public static double[] gradient(Lstm.Input in) {
        double[] dmain = new double[in.main().length];
        double[] dextra = new double[in.extra().length];
        LstmReferenceDiff.lstmGrad(
                in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence(), dmain, dextra);
        return Vectors.concat(dmain, dextra);
    }
}
