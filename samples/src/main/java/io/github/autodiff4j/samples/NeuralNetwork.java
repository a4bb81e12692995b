package io.github.autodiff4j.samples;

import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.problems.Mlp;
import io.github.autodiff4j.problems.MlpDiff;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a two-layer perceptron ({@link Mlp}: 2 inputs, {@link #HIDDEN} tanh units, a softmax over 2 classes) to
 * tell apart two interleaved spirals ({@link Spirals}), by full-batch Adam ({@link Training}) driven only by the
 * generated allocation-free gradient {@code MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2)}.
 * Before training it checks that gradient at the initial weights against {@link NumericDiff} on a random sample of
 * components and runs the generated {@code lossCheck} on a few points; after, that the network classifies the
 * training set. It writes the loss curve as an SVG chart (see {@link ChartFiles} for where).
 */
final class NeuralNetwork implements Sample {

    /** The data: points per class, the noise's standard deviation, the seed. */
    static final int PER_CLASS = 200;

    static final double NOISE = 0.04;
    static final long DATA_SEED = 42;

    /** The network: hidden units, the spread of the initial input weights and hidden biases, the seed. */
    static final int HIDDEN = 16;

    static final double INPUT_SCALE = 2;
    static final long WEIGHT_SEED = 1;

    /**
     * Training: Adam steps and their size. With these, every weight seed from 1 to 8 reached 100% training
     * accuracy and a loss between 0.006 and 0.018 (at 750 epochs the loss is 0.02 to 0.05).
     */
    static final int EPOCHS = 1500;

    static final double LEARNING_RATE = 0.02;
    /** The training accuracy the sample requires. */
    static final double ACCURACY_THRESHOLD = 0.95;
    /** The final loss the sample requires: a tenth of log 2, the loss of a network that cannot tell the classes. */
    static final double LOSS_LIMIT = 0.0693;

    /** How many gradient components to compare with NumericDiff, chosen with this seed. */
    static final int SAMPLED = 20;

    static final long SAMPLE_SEED = 7;
    /**
     * The largest relative error allowed between a generated partial derivative and NumericDiff's. The generated
     * one is exact to rounding; NumericDiff (Ridders' extrapolation) is good to about 1e-10 relative on a smooth
     * function such as this loss (tanh, exp, log), as long as the partial is not tiny next to the loss (about 0.7):
     * the sampled partials are 1e-4 to 1e-1 in size (the smallest is printed) and agree to 1.3e-10 at worst, so
     * the usual 1e-6 leaves a wide margin.
     */
    static final double GRADIENT_TOLERANCE = 1e-6;
    /** The generated lossCheck compares the 82 partials, the JVP and the Hessian with NumericDiff, on a few points. */
    static final int CHECK_POINTS = 5;

    /** Print every this many epochs. */
    private static final int EVERY = 100;
    /** How many calls the allocation measurement makes, in each of three rounds. */
    private static final int CALLS = 200;

    /** The chart's file name, in {@link ChartFiles#directory()}. */
    static final String CHART = "neural-network-loss.svg";

    @Override
    public String name() {
        return "neural-network";
    }

    @Override
    public String description() {
        return "train a 2-16-2 tanh/softmax perceptron on two spirals with the generated gradient";
    }

    @Override
    public boolean run(PrintStream out) {
        Spirals.DataSet data = Spirals.generate(PER_CLASS, NOISE, DATA_SEED);
        Training.Weights start = Training.Weights.random(2, HIDDEN, 2, INPUT_SCALE, WEIGHT_SEED);
        out.printf(
                Locale.ROOT,
                "  Data: two interleaved spirals, %d points per class, each arm %s turns, Gaussian"
                        + " noise %s (Spirals,%n",
                PER_CLASS,
                Table.number(Spirals.TURNS),
                Table.number(NOISE));
        out.printf(
                Locale.ROOT,
                "  seed %d). Network: 2 inputs -> %d tanh units -> softmax over 2 classes,"
                        + " %d parameters (w1 %dx2,%n",
                DATA_SEED,
                HIDDEN,
                start.count(),
                HIDDEN);
        out.printf(
                Locale.ROOT,
                "  b1 %d, w2 2x%d, b2 2; random start, seed %d). The loss, the mean cross-entropy,"
                        + " is plain loops%n",
                HIDDEN,
                HIDDEN,
                WEIGHT_SEED);
        out.println("  over double[][] weights in @Differentiable Mlp.loss(w1, b1, w2, b2, @NoDerivative xs,"
                + " @NoDerivative labels),");
        out.println("  calling the helpers Mlp.neuron and Mlp.logSumExp (inlined by the processor). Training sees"
                + " the loss only");
        out.println("  through the generated double MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2),"
                + " which returns");
        out.println("  the loss and writes the gradient into arrays the trainer owns.");
        out.println();

        // The gradient at the start, three ways.
        Training.Weights gradient = start.zeros();
        double value = MlpDiff.lossGrad(
                start.w1(),
                start.b1(),
                start.w2(),
                start.b2(),
                data.xs(),
                data.labels(),
                gradient.w1(),
                gradient.b1(),
                gradient.w2(),
                gradient.b2());
        MlpDiff.LossGradient record =
                MlpDiff.lossGrad(start.w1(), start.b1(), start.w2(), start.b2(), data.xs(), data.labels());
        double initialLoss = Mlp.loss(start.w1(), start.b1(), start.w2(), start.b2(), data.xs(), data.labels());
        int[] sampled = sample(start.count(), SAMPLED, SAMPLE_SEED);
        double[] generated = new double[SAMPLED];
        double[] numeric = new double[SAMPLED];
        double worst = 0;
        double smallest = Double.POSITIVE_INFINITY;
        out.printf(
                Locale.ROOT,
                "  At the start the loss is %s (log 2 = %s: the classes are a coin toss). %d of the" + " %d partial%n",
                Table.number(value),
                Table.number(Math.log(2)),
                SAMPLED,
                start.count());
        out.printf(
                Locale.ROOT,
                "  derivatives, chosen at random (seed %d), from lossGrad and from"
                        + " NumericDiff.derivative of Mlp.loss:%n",
                SAMPLE_SEED);
        out.printf("      %-22s%22s%22s%16s%n", "", "lossGrad", "NumericDiff", "relative error");
        for (int s = 0; s < SAMPLED; s++) {
            int[] at = start.locate(sampled[s]);
            generated[s] = gradient.rows()[at[0]][at[1]];
            numeric[s] = numericPartial(start, data, sampled[s]);
            double error = relativeError(generated[s], numeric[s]);
            worst = Double.isNaN(error) || error > worst ? error : worst;
            smallest = Math.min(smallest, Math.abs(numeric[s]));
            out.printf(
                    Locale.ROOT,
                    "      %-22s%22s%22s%16.1e%n",
                    "d loss / d " + start.name(sampled[s]),
                    Table.number(generated[s]),
                    Table.number(numeric[s]),
                    error);
        }
        out.printf(
                Locale.ROOT,
                "  Largest relative error %.1e; the smallest of these partials is %.1e in size.%n",
                worst,
                smallest);
        out.println();

        Spirals.DataSet few = data.first(CHECK_POINTS);
        GradientCheck.Report report =
                MlpDiff.lossCheck(start.w1(), start.b1(), start.w2(), start.b2(), few.xs(), few.labels());
        out.printf(
                "  Generated check of all %d partials, the JVP and the Hessian on the first %d points, lossCheck(w1,"
                        + " b1, w2, b2, xs, labels):%n",
                start.count(), CHECK_POINTS);
        for (String line : report.toString().split("\n")) {
            out.println("      " + line);
        }
        out.println();

        // Training.
        out.printf(
                Locale.ROOT,
                "  Full-batch Adam (learning rate %s, beta1 %s, beta2 %s), %d epochs of one lossGrad"
                        + " call over all%n",
                Table.number(LEARNING_RATE),
                Table.number(Training.BETA1),
                Table.number(Training.BETA2),
                EPOCHS);
        out.printf("  %d points and one step:%n", data.size());
        out.printf("      %8s  %12s  %10s%n", "epoch", "loss", "accuracy");
        Training.Result result = Training.train(data, start, EPOCHS, LEARNING_RATE, (epoch, loss, w) -> {
            if (epoch % EVERY == 0 || epoch == EPOCHS) {
                out.printf(
                        Locale.ROOT,
                        "      %8d  %12.6f  %9.2f%%%n",
                        epoch,
                        loss,
                        100 * Mlp.accuracy(w.w1(), w.b1(), w.w2(), w.b2(), data.xs(), data.labels()));
            }
        });
        Training.Weights trained = result.weights();
        double accuracy =
                Mlp.accuracy(trained.w1(), trained.b1(), trained.w2(), trained.b2(), data.xs(), data.labels());
        int right = (int) Math.round(accuracy * data.size());
        out.printf(
                Locale.ROOT,
                "  Trained in %.2f s, %.2f ms per epoch (printing included). Final loss %.6f," + " training accuracy%n",
                result.nanos() / 1e9,
                result.nanos() / 1e6 / EPOCHS,
                result.finalLoss());
        out.printf(
                Locale.ROOT, "  %.2f%% (%d of %d points classified correctly).%n", 100 * accuracy, right, data.size());
        out.println();

        // Cost of the gradient against the loss alone, and the allocation of the gradient.
        double lossMicros = microsPerCall(
                () -> Mlp.loss(trained.w1(), trained.b1(), trained.w2(), trained.b2(), data.xs(), data.labels()));
        Training.Weights scratch = trained.zeros();
        double gradMicros = microsPerCall(() -> MlpDiff.lossGrad(
                trained.w1(),
                trained.b1(),
                trained.w2(),
                trained.b2(),
                data.xs(),
                data.labels(),
                scratch.w1(),
                scratch.b1(),
                scratch.w2(),
                scratch.b2()));
        out.printf(
                Locale.ROOT,
                "  Time per call over the %d points, after the training's warm-up: Mlp.loss %.0f us,"
                        + " lossGrad %.0f us%n",
                data.size(),
                lossMicros,
                gradMicros);
        out.printf(
                Locale.ROOT,
                "  (%.1f times the loss, for all %d partials at once).%n",
                gradMicros / lossMicros,
                start.count());
        long allocated = allocatedBytes(trained, data);
        long ownArrays = ownArrayBytes(HIDDEN, 2);
        if (allocated >= 0) {
            out.printf(
                    Locale.ROOT,
                    "  Heap allocated per lossGrad(..., dw1, db1, dw2, db2) call: %d bytes (the least"
                            + " of 3 rounds of %d calls):%n",
                    allocated / CALLS,
                    CALLS);
            out.printf(
                    Locale.ROOT,
                    "  exactly the two work arrays Mlp.loss itself allocates, hidden[%d] and"
                            + " scores[2], and their adjoints,%n",
                    HIDDEN);
            out.printf(
                    Locale.ROOT,
                    "  %d bytes with 16-byte array headers; the gradient code adds nothing, per call"
                            + " or per point.%n",
                    ownArrays);
        }
        out.println();

        Checks checks = new Checks(out);
        checks.near("start: lossGrad(..., dw1, ...) value = Mlp.loss", value, initialLoss, 0);
        checks.near("start: lossGrad(..., dw1, ...) = record form", flatten(gradient), flatten(weights(record)), 0);
        checks.atMost(
                String.format(Locale.ROOT, "start: %d partials vs NumericDiff, largest relative error", SAMPLED),
                worst,
                GRADIENT_TOLERANCE);
        checks.passes(report);
        checks.atMost("trained: final loss", result.finalLoss(), LOSS_LIMIT);
        checks.atMost("trained: training error rate (1 - accuracy)", 1 - accuracy, 1 - ACCURACY_THRESHOLD);
        if (allocated >= 0) {
            checks.atMost(
                    "lossGrad(..., dw1, ...): bytes/call beyond Mlp.loss's arrays",
                    Math.max(0, (double) allocated / CALLS - ownArrays),
                    1);
        }
        double[] epochs = new double[result.losses().length];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e;
        }
        ChartFiles.write(
                checks,
                out,
                CHART,
                SvgChart.lineChart(
                        String.format(
                                Locale.ROOT,
                                "Spirals: 2-%d-2 perceptron, Adam, learning rate %s",
                                HIDDEN,
                                Table.number(LEARNING_RATE)),
                        "epoch",
                        "mean cross-entropy loss",
                        epochs,
                        result.losses()));
        return checks.allPassed();
    }

    /**
     * {@code count} distinct indices out of {@code n}, chosen at random with {@code seed}, in increasing order.
     *
     * @param n     how many to choose from
     * @param count how many to choose
     * @param seed  the seed
     * @return the indices
     */
    static int[] sample(int n, int count, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, count).stream()
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
    }

    /**
     * The partial derivative of {@link Mlp#loss} by one weight, by {@link NumericDiff#derivative} on a copy of the
     * weights.
     *
     * @param weights the point
     * @param data    the data set
     * @param index   the weight's index among the flattened active inputs
     * @return the estimate
     */
    static double numericPartial(Training.Weights weights, Spirals.DataSet data, int index) {
        Training.Weights copy = weights.copy();
        int[] at = copy.locate(index);
        double[] row = copy.rows()[at[0]];
        return NumericDiff.derivative(
                t -> {
                    row[at[1]] = t;
                    return Mlp.loss(copy.w1(), copy.b1(), copy.w2(), copy.b2(), data.xs(), data.labels());
                },
                row[at[1]]);
    }

    /**
     * {@code |actual - expected| / |expected|}; 0 if they are equal, NaN if either is NaN.
     *
     * @param actual   the computed number
     * @param expected the reference
     * @return the relative error
     */
    static double relativeError(double actual, double expected) {
        return actual == expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
    }

    /**
     * The weights as one array, in the order of the flattened active inputs.
     *
     * @param weights the weights
     * @return a new array of {@code weights.count()} numbers
     */
    static double[] flatten(Training.Weights weights) {
        double[] flat = new double[weights.count()];
        int i = 0;
        for (double[] row : weights.rows()) {
            System.arraycopy(row, 0, flat, i, row.length);
            i += row.length;
        }
        return flat;
    }

    /**
     * A generated gradient record's components as weights, to flatten or compare.
     *
     * @param gradient the record
     * @return its arrays, not copies
     */
    static Training.Weights weights(MlpDiff.LossGradient gradient) {
        return new Training.Weights(gradient.w1(), gradient.b1(), gradient.w2(), gradient.b2());
    }

    /** The mean time of one call in microseconds, over enough calls to take about 0.2 s. */
    private static double microsPerCall(Runnable call) {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        int calls = 0;
        long begin = System.nanoTime();
        long elapsed;
        do {
            call.run();
            calls++;
            elapsed = System.nanoTime() - begin;
        } while (elapsed < 200_000_000L);
        return elapsed / 1e3 / calls;
    }

    /**
     * The heap bytes allocated by {@link #CALLS} calls of the allocation-free gradient: the least of three rounds,
     * after a round of warm-up; -1 if this JVM cannot measure a thread's allocations.
     */
    private static long allocatedBytes(Training.Weights w, Spirals.DataSet data) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean bean) || !bean.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        Training.Weights g = w.zeros();
        double sink = 0;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                sink += MlpDiff.lossGrad(
                        w.w1(), w.b1(), w.w2(), w.b2(), data.xs(), data.labels(), g.w1(), g.b1(), g.w2(), g.b2());
            }
            long bytes = bean.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) { // round 0 is the warm-up
                least = Math.min(least, bytes);
            }
        }
        return Double.isNaN(sink) ? -1 : least;
    }

    /**
     * The bytes of the arrays {@link Mlp#loss} allocates on each call, {@code hidden} and {@code scores}, and of
     * their adjoints, which the gradient allocates alongside: a 16-byte header plus 8 bytes per element each.
     */
    static long ownArrayBytes(int hidden, int classes) {
        return 2 * (16 + 8L * hidden) + 2 * (16 + 8L * classes);
    }
}
