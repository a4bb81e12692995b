package io.github.autodiff4j.samples;

import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Gmm;
import io.github.autodiff4j.problems.GmmDiff;
import io.github.autodiff4j.problems.Lstm;
import io.github.autodiff4j.problems.LstmDiff;
import io.github.autodiff4j.problems.Vectors;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Two objectives of ADBench, Microsoft's published benchmark of automatic-differentiation tools (MIT licence):
 * the Gaussian mixture model ({@link Gmm}) and the LSTM ({@link Lstm}), written from their definitions and
 * differentiated by the processor. It reproduces ADBench's published objective values, checks the generated
 * gradients against {@link NumericDiff}, and times gradient against objective, roughly.
 *
 * <p>On large inputs {@code NumericDiff} costs dozens of objective evaluations per component, so the gradient is
 * checked on a sample of components drawn with a seeded {@link Random} from each parameter block
 * ({@link #sampleComponents}).
 */
final class Adbench implements Sample {

    /** ADBench's objective for {@code gmm_test.txt}, as the data's README gives it. */
    static final double GMM_TEST_OBJECTIVE = 8.07380408004975791;
    /** ADBench's objective for {@code lstm_l2_c1024.txt}, printed to 8 digits. */
    static final double LSTM_OBJECTIVE = 0.66666518;
    /** Half a unit in the 8th decimal place: the LSTM objective must round to {@link #LSTM_OBJECTIVE}. */
    static final double LSTM_OBJECTIVE_HALF_UNIT = 0.5e-8;
    /**
     * The GMM objective must match ADBench's to 1e-12 relative: both evaluate the same formula in double precision
     * (with ADBench's 12-digit pi), so only rounding should separate them. (Measured: all 17 digits agree.)
     */
    static final double GMM_OBJECTIVE_TOLERANCE = 1e-12;
    /**
     * gmm_test.txt's gradient against NumericDiff: relative error per component, every component. (Measured:
     * 8e-13.)
     */
    static final double GMM_TEST_GRADIENT_TOLERANCE = 1e-7;
    /**
     * The 1k-point GMM gradients against NumericDiff, per sampled component: the absolute or the relative error
     * within this (the rule of {@code GradientCheck}). Not 1e-7: here NumericDiff itself is the less accurate
     * side. The objective is a sum over 1000 points of size 1e3 to 3e4, and its rounding noise divided by the
     * difference step is up to about 1e-7 of a component: over 100 sampled components per file we measured
     * NumericDiff off by 9.9e-8 relative on a component larger than 1 (gmm_1k_d10_K50) and by 1.4e-6 relative
     * (2e-9 absolute) on one of 7e-4 (gmm_1k_d2_K200), while the generated forward and reverse modes, two separate
     * transformations, agreed with each other to 7e-14 on every one of them. The tight check is
     * {@link #FORWARD_REVERSE_TOLERANCE}.
     */
    static final double GMM_GRADIENT_TOLERANCE = 1e-6;
    /**
     * The LSTM gradient against NumericDiff, per sampled component: the absolute or the relative error within
     * this. Some components are as small as 7e-7 while the objective is 0.67, so NumericDiff's error relative to
     * them reaches 4e-7 (measured over 110 sampled components; the absolute error stays below 5e-11). Components
     * for the sequence's always-zero columns are exactly 0, where only the absolute error means anything.
     */
    static final double LSTM_GRADIENT_TOLERANCE = 1e-6;
    /**
     * The reverse-mode gradient against the generated forward mode (a JVP along each sampled parameter's unit
     * vector), relative error (absolute where the component is 0): two exact derivatives computed in different
     * orders, so only rounding separates them (7e-14 is the worst measured). This catches errors in the
     * derivative far smaller than NumericDiff can resolve, though not one shared by both modes; NumericDiff
     * guards against that.
     */
    static final double FORWARD_REVERSE_TOLERANCE = 1e-11;
    /** How many gradient components the sampled checks compare. */
    static final int SAMPLED = 20;
    /** The seed of the sampled checks, fixed so that every run compares the same components. */
    static final long SEED = 20_240_601;

    /** The 1k-point GMM input the sample checks and times. */
    static final String GMM_1K = "gmm_1k_d10_K50.txt";
    /** The 10k-point GMM input the sample times, to set beside ADBench's published ratios for d = 2, K = 5. */
    static final String GMM_10K = "gmm_10k_d2_K5.txt";
    /** The LSTM input. */
    static final String LSTM = "lstm_l2_c1024.txt";

    /**
     * Timing: warm-up until this long has passed or {@link #WARM_UP_CALLS} calls have run. The generated gradients
     * are large methods that the JIT's optimizing compiler takes about a second to compile on a small machine, and
     * until it has, they run several times slower: the first timing of each generated method warms up for
     * {@link #FIRST_WARM_UP_NANOS}, later ones (the same method on another input) and the objectives for
     * {@link #WARM_UP_NANOS}.
     */
    private static final long FIRST_WARM_UP_NANOS = 1_200_000_000L;

    private static final long WARM_UP_NANOS = 300_000_000L;
    private static final int WARM_UP_CALLS = 20_000;
    /** Timing: the fastest of at least this many calls, for at least this long (or {@link #WARM_UP_CALLS}). */
    private static final int MEASURED = 5;

    private static final long MEASURED_NANOS = 150_000_000L;

    @Override
    public String name() {
        return "adbench";
    }

    @Override
    public String description() {
        return "ADBench's GMM and LSTM objectives: published values, gradients, gradient/objective time";
    }

    @Override
    public boolean run(PrintStream out) {
        out.println("  ADBench (github.com/microsoft/ADBench, MIT licence) benchmarks AD tools on fixed objectives and"
                + " inputs.");
        out.println("  Gmm.gmm and Lstm.lstm are written from the definitions in shared/data/adbench/README.md and"
                + " differentiated");
        out.println("  by the processor; the inputs are read from " + AdbenchData.directory() + ".");
        out.println();

        Gmm.Input test = AdbenchData.readGmm("gmm_test.txt");
        Gmm.Input oneK = AdbenchData.readGmm(GMM_1K);
        Gmm.Input tenK = AdbenchData.readGmm(GMM_10K);
        Lstm.Input lstm = AdbenchData.readLstm(LSTM);

        out.printf("  (1) GMM on gmm_test.txt: %s%n", describe(test));
        double testValue = test.objective();
        out.printf(
                Locale.ROOT,
                "      objective %-24s ADBench %-22s relative difference %.1e%n",
                String.format(Locale.ROOT, "%.17g", testValue),
                "8.07380408004975791",
                relativeError(testValue, GMM_TEST_OBJECTIVE));
        double[] testGradient = test.gradient();
        int[] all = allComponents(test.parameters());
        Comparison testNumeric =
                compare(test::objective, test.flatParameters(), testGradient, all, GMM_TEST_GRADIENT_TOLERANCE);
        double testForward = forwardReverse(test::forwardDerivative, testGradient, all);
        out.printf("      gradient [alphas, means, icf] by GmmDiff.gmmGrad, on all %d components:%n", all.length);
        out.println("        against NumericDiff: " + testNumeric.describe(gmmNames(test)));
        out.printf(
                Locale.ROOT,
                "        against forward mode (gmmJvp along each unit vector): worst relative" + " difference %.1e%n",
                testForward);
        GmmDiff.GmmGradient record = GmmDiff.gmmGrad(
                test.alphas(),
                test.means(),
                test.icf(),
                test.x(),
                test.gamma(),
                test.m(),
                test.n(),
                test.d(),
                test.k());
        GradientCheck.Report report = GmmDiff.gmmCheck(
                test.alphas(),
                test.means(),
                test.icf(),
                test.x(),
                test.gamma(),
                test.m(),
                test.n(),
                test.d(),
                test.k());
        out.println(
                "      Generated check, gmmCheck(...) (reverse and forward mode, and the Hessian, against NumericDiff):");
        printIndented(out, report.toString());
        out.println();

        out.printf("  (2) GMM on %s: %s%n", GMM_1K, describe(oneK));
        out.printf(Locale.ROOT, "      objective %.17g (ADBench publishes no value for this file)%n", oneK.objective());
        int[] oneKSample = gmmSample(oneK, new Random(SEED));
        double[] oneKGradient = oneK.gradient();
        Comparison oneKNumeric =
                compare(oneK::objective, oneK.flatParameters(), oneKGradient, oneKSample, GMM_GRADIENT_TOLERANCE);
        double oneKForward = forwardReverse(oneK::forwardDerivative, oneKGradient, oneKSample);
        out.printf(
                "      gradient on %d components drawn with seed %d (%d alphas, %d means, %d icf):%n",
                oneKSample.length,
                SEED,
                count(oneKSample, 0, oneK.k()),
                count(oneKSample, oneK.k(), oneK.k() + oneK.means().length),
                count(oneKSample, oneK.k() + oneK.means().length, oneK.parameters()));
        out.println("        against NumericDiff: " + oneKNumeric.describe(gmmNames(oneK)));
        out.printf(Locale.ROOT, "        against forward mode: worst relative difference %.1e%n", oneKForward);
        out.println();

        out.printf("  (3) LSTM on %s: %s%n", LSTM, describe(lstm));
        double lstmValue = lstm.objective();
        out.printf(
                Locale.ROOT,
                "      objective %.17g, to 8 digits %.8f; ADBench %.8f%n",
                lstmValue,
                lstmValue,
                LSTM_OBJECTIVE);
        int[] lstmSample = lstmSample(lstm, new Random(SEED));
        double[] lstmGradient = lstm.gradient();
        Comparison lstmNumeric =
                compare(lstm::objective, lstm.flatParameters(), lstmGradient, lstmSample, LSTM_GRADIENT_TOLERANCE);
        double lstmForward = forwardReverse(lstm::forwardDerivative, lstmGradient, lstmSample);
        out.printf(
                "      gradient [main, extra] by LstmDiff.lstmGrad, on %d components drawn with seed %d"
                        + " (%d main, %d extra):%n",
                lstmSample.length,
                SEED,
                count(lstmSample, 0, lstm.main().length),
                count(lstmSample, lstm.main().length, lstm.parameters()));
        out.println("        against NumericDiff: " + lstmNumeric.describe(lstmNames(lstm)));
        out.printf(
                Locale.ROOT, "        against forward mode (lstmJvp): worst relative difference %.1e%n", lstmForward);
        out.println();

        out.println("  (4) Gradient time / objective time. A ROUGH single-run timing: one JVM, 0.3 to 1.2 s of"
                + " warm-up, then the fastest");
        out.println("      call in 0.15 s; no JMH, no forks: expect tens of percent of noise between runs, more on a"
                + " busy machine.");
        out.println("      JMH figures live in benchmarks/.");
        out.println("      The gradient is the allocation-free gmmGrad/lstmGrad(..., d...) overload. ADBench's"
                + " published ratios are for");
        out.println("      10k points, C++ on a 2015 Xeon: context, not a like-for-like comparison.");
        out.printf(
                "      %-22s %12s %12s %8s   %s%n",
                "input",
                "objective",
                "gradient",
                "ratio",
                "published ratio: hand-written C++, Tapenade, ADOL-C, Adept");
        // gmm_test first: its thousands of quick warm-up calls get gmmGrad compiled as a whole, which the few long
        // calls on the large inputs do not (they leave it to on-stack replacement, several times slower).
        timeGmm(out, test, "-", FIRST_WARM_UP_NANOS);
        timeGmm(out, oneK, "d10 K50: 3.13, 7.93, 20.8, 25.2", FIRST_WARM_UP_NANOS);
        timeGmm(out, tenK, "d2 K5:   1.88, 3.74, 13.1, 10.9", WARM_UP_NANOS);
        timeLstm(out, lstm);
        out.println();

        Checks checks = new Checks(out);
        checks.near(
                "gmm(gmm_test.txt) = ADBench's 8.07380408004975791",
                testValue,
                GMM_TEST_OBJECTIVE,
                GMM_OBJECTIVE_TOLERANCE);
        checks.atMost(
                "gmm_test: worst relative error vs NumericDiff, all",
                testNumeric.worstRelative(),
                GMM_TEST_GRADIENT_TOLERANCE);
        checks.atMost(
                "gmm_test: worst relative difference vs forward mode, all", testForward, FORWARD_REVERSE_TOLERANCE);
        checks.near(
                "gmm_test: gmmGrad record = in-place gradient",
                Vectors.concat(record.alphas(), record.means(), record.icf()),
                testGradient,
                0);
        checks.passes(report);
        String oneKName = GMM_1K.replace(".txt", "");
        checks.atMost(oneKName + ": sampled outside 1e-6 vs NumericDiff", oneKNumeric.failures(), 0);
        checks.atMost(oneKName + ": worst relative difference vs forward mode", oneKForward, FORWARD_REVERSE_TOLERANCE);
        checks.atMost(
                "|lstm - 0.66666518| (must round to it: half unit 5e-9)",
                Math.abs(lstmValue - LSTM_OBJECTIVE),
                LSTM_OBJECTIVE_HALF_UNIT);
        checks.atMost("lstm: sampled outside 1e-6 vs NumericDiff", lstmNumeric.failures(), 0);
        checks.atMost("lstm: worst relative difference vs forward mode", lstmForward, FORWARD_REVERSE_TOLERANCE);
        return checks.allPassed();
    }

    private static String describe(Gmm.Input g) {
        return String.format(
                Locale.ROOT, "d = %d, K = %d, n = %d points, %d parameters", g.d(), g.k(), g.n(), g.parameters());
    }

    private static String describe(Lstm.Input l) {
        return String.format(
                Locale.ROOT,
                "l = %d layers, c = %d steps, b = %d wide, %d parameters",
                l.l(),
                l.c(),
                l.b(),
                l.parameters());
    }

    private static void timeGmm(PrintStream out, Gmm.Input g, String published, long gradientWarmUpNanos) {
        double[] da = new double[g.alphas().length];
        double[] dmu = new double[g.means().length];
        double[] dq = new double[g.icf().length];
        double objective = fastestMillis(
                () -> Gmm.gmm(g.alphas(), g.means(), g.icf(), g.x(), g.gamma(), g.m(), g.n(), g.d(), g.k()),
                WARM_UP_NANOS);
        double gradient = fastestMillis(
                () -> GmmDiff.gmmGrad(
                        g.alphas(), g.means(), g.icf(), g.x(), g.gamma(), g.m(), g.n(), g.d(), g.k(), da, dmu, dq),
                gradientWarmUpNanos);
        timingRow(out, g.name(), objective, gradient, published);
    }

    private static void timeLstm(PrintStream out, Lstm.Input l) {
        double[] dmain = new double[l.main().length];
        double[] dextra = new double[l.extra().length];
        double objective = fastestMillis(
                () -> Lstm.lstm(l.main(), l.extra(), l.state(), l.sequence(), l.l(), l.c(), l.b()), WARM_UP_NANOS);
        double gradient = fastestMillis(
                () -> LstmDiff.lstmGrad(
                        l.main(), l.extra(), l.state(), l.sequence(), l.l(), l.c(), l.b(), dmain, dextra),
                FIRST_WARM_UP_NANOS);
        timingRow(out, l.name(), objective, gradient, "l2 c1024 (not in the README's table)");
    }

    private static void timingRow(PrintStream out, String name, double objective, double gradient, String published) {
        out.printf(
                Locale.ROOT,
                "      %-22s %9.4f ms %9.4f ms %8.1f   %s%n",
                name,
                objective,
                gradient,
                gradient / objective,
                published);
    }

    /**
     * The fastest call, in milliseconds: after a warm-up of {@code warmUpNanos} or {@link #WARM_UP_CALLS} calls
     * (so that the JIT has compiled the hot code), the fastest of at least {@link #MEASURED} calls and
     * {@link #MEASURED_NANOS} of calls (or {@link #WARM_UP_CALLS} calls).
     */
    private static double fastestMillis(DoubleSupplier call, long warmUpNanos) {
        double sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < WARM_UP_CALLS && System.nanoTime() - start < warmUpNanos; i++) {
            sink += call.getAsDouble();
        }
        long fastest = Long.MAX_VALUE;
        start = System.nanoTime();
        for (int i = 0; i < MEASURED || i < WARM_UP_CALLS && System.nanoTime() - start < MEASURED_NANOS; i++) {
            long before = System.nanoTime();
            sink += call.getAsDouble();
            fastest = Math.min(fastest, System.nanoTime() - before);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("NaN while timing");
        }
        return fastest / 1e6;
    }

    // Sampled gradient checks ------------------------------------------------------------------------------------

    /**
     * A gradient compared with NumericDiff on some components. Each component's relative error is
     * {@code |ours - numeric| / |numeric|} (the absolute error where {@code numeric == 0}); it passes when its
     * absolute or its relative error is within the tolerance, as in {@code GradientCheck}.
     *
     * @param compared        how many components were compared
     * @param tolerance       the tolerance
     * @param failures        how many components failed (a NaN fails)
     * @param worstRelative   the worst relative error; NaN if any comparison was NaN
     * @param relativeAt      the component with the worst relative error
     * @param ours            the generated gradient there
     * @param numeric         NumericDiff's estimate there
     * @param worstAbsolute   the worst absolute error
     * @param absoluteAt      the component with the worst absolute error
     */
    record Comparison(
            int compared,
            double tolerance,
            int failures,
            double worstRelative,
            int relativeAt,
            double ours,
            double numeric,
            double worstAbsolute,
            int absoluteAt) {

        /**
         * One line: the worst errors, where, and the failures.
         *
         * @param names names the components
         * @return the text
         */
        String describe(IntFunction<String> names) {
            return String.format(
                    Locale.ROOT,
                    "worst relative error %.1e at %s (%s vs %s), worst absolute %.1e at" + " %s; %d of %d outside %.0e",
                    worstRelative,
                    name(names, relativeAt),
                    Table.number(ours),
                    Table.number(numeric),
                    worstAbsolute,
                    name(names, absoluteAt),
                    failures,
                    compared,
                    tolerance);
        }

        private static String name(IntFunction<String> names, int index) {
            return index < 0 ? "-" : names.apply(index);
        }
    }

    /**
     * Compares components of a gradient with NumericDiff's derivative of {@code f} along each one.
     *
     * @param f         the function of the flattened parameters
     * @param point     the parameters, not modified
     * @param gradient  the gradient to check, flattened as {@code point}
     * @param indices   the components to compare
     * @param tolerance the tolerance, absolute or relative
     * @return the comparison
     */
    static Comparison compare(
            ToDoubleFunction<double[]> f, double[] point, double[] gradient, int[] indices, double tolerance) {
        double worstRelative = 0;
        int relativeAt = -1;
        double numericAt = Double.NaN;
        double worstAbsolute = 0;
        int absoluteAt = -1;
        int failures = 0;
        double[] moved = point.clone();
        for (int index : indices) {
            double numeric = NumericDiff.derivative(
                    t -> {
                        moved[index] = t;
                        return f.applyAsDouble(moved);
                    },
                    point[index]);
            moved[index] = point[index];
            double absolute = Math.abs(gradient[index] - numeric);
            double relative = numeric == 0 ? absolute : absolute / Math.abs(numeric);
            if (!(absolute <= tolerance || relative <= tolerance)) {
                failures++;
            }
            if (relativeAt < 0 || !(relative <= worstRelative) && !Double.isNaN(worstRelative)) {
                worstRelative = relative; // a NaN sticks
                relativeAt = index;
                numericAt = numeric;
            }
            if (absoluteAt < 0 || !(absolute <= worstAbsolute) && !Double.isNaN(worstAbsolute)) {
                worstAbsolute = absolute;
                absoluteAt = index;
            }
        }
        return new Comparison(
                indices.length,
                tolerance,
                failures,
                worstRelative,
                relativeAt,
                relativeAt < 0 ? Double.NaN : gradient[relativeAt],
                numericAt,
                worstAbsolute,
                absoluteAt);
    }

    /**
     * The worst relative difference (absolute where the component is 0; NaN if any is NaN) between components of
     * a reverse-mode gradient and the same partial derivatives by forward mode.
     *
     * @param forward  the forward-mode partial derivative by component index
     * @param gradient the reverse-mode gradient
     * @param indices  the components to compare
     * @return the worst difference
     */
    static double forwardReverse(IntToDoubleFunction forward, double[] gradient, int[] indices) {
        double worst = 0;
        for (int index : indices) {
            double difference = Math.abs(forward.applyAsDouble(index) - gradient[index]);
            double relative = gradient[index] == 0 ? difference : difference / Math.abs(gradient[index]);
            if (Double.isNaN(relative)) {
                return Double.NaN;
            }
            worst = Math.max(worst, relative);
        }
        return worst;
    }

    /** How many of {@code indices} lie in {@code [from, to)}. */
    private static int count(int[] indices, int from, int to) {
        return (int) Arrays.stream(indices).filter(i -> i >= from && i < to).count();
    }

    /**
     * Distinct components drawn at random from consecutive blocks of a flattened parameter vector, at most
     * {@code counts[b]} from block {@code b} (all of it if it is smaller), sorted.
     *
     * @param random the generator, seeded by the caller
     * @param sizes  the blocks' lengths, in order
     * @param counts how many components to draw from each block
     * @return the flat indices
     */
    static int[] sampleComponents(Random random, int[] sizes, int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        int[] chosen = new int[total];
        int found = 0;
        int offset = 0;
        for (int b = 0; b < sizes.length; b++) {
            int want = Math.min(counts[b], sizes[b]);
            boolean[] taken = new boolean[sizes[b]];
            for (int i = 0; i < want; i++) {
                int pick;
                do {
                    pick = random.nextInt(sizes[b]);
                } while (taken[pick]);
                taken[pick] = true;
                chosen[found++] = offset + pick;
            }
            offset += sizes[b];
        }
        int[] result = Arrays.copyOf(chosen, found);
        Arrays.sort(result);
        return result;
    }

    /**
     * {@link #SAMPLED} components of a GMM gradient: a fifth from the alphas, two fifths each from the means and
     * the icf.
     *
     * @param g      the input
     * @param random the generator
     * @return the flat indices into {@code [alphas, means, icf]}
     */
    static int[] gmmSample(Gmm.Input g, Random random) {
        int alphas = SAMPLED / 5;
        int means = (SAMPLED - alphas) / 2;
        return sampleComponents(random, new int[] {g.alphas().length, g.means().length, g.icf().length}, new int[] {
            alphas, means, SAMPLED - alphas - means
        });
    }

    /**
     * {@link #SAMPLED} components of an LSTM gradient: three quarters from the main parameters, a quarter from the
     * extra ones.
     *
     * @param l      the input
     * @param random the generator
     * @return the flat indices into {@code [main, extra]}
     */
    static int[] lstmSample(Lstm.Input l, Random random) {
        int main = SAMPLED * 3 / 4;
        return sampleComponents(
                random, new int[] {l.main().length, l.extra().length}, new int[] {main, SAMPLED - main});
    }

    static int[] allComponents(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /**
     * Names the components of a flattened GMM gradient, e.g. {@code icf[7]}.
     *
     * @param g the input
     * @return the naming function
     */
    static IntFunction<String> gmmNames(Gmm.Input g) {
        int k = g.alphas().length;
        int means = g.means().length;
        return i ->
                i < k ? "alphas[" + i + "]" : i < k + means ? "means[" + (i - k) + "]" : "icf[" + (i - k - means) + "]";
    }

    /**
     * Names the components of a flattened LSTM gradient, e.g. {@code extra[3]}.
     *
     * @param l the input
     * @return the naming function
     */
    static IntFunction<String> lstmNames(Lstm.Input l) {
        int main = l.main().length;
        return i -> i < main ? "main[" + i + "]" : "extra[" + (i - main) + "]";
    }

    static double relativeError(double actual, double expected) {
        return actual == expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
    }

    private static void printIndented(PrintStream out, String text) {
        for (String line : text.split("\n")) {
            out.println("        " + line);
        }
    }
}
