package io.github.autodiff4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Compares derivatives computed by generated code with {@link NumericDiff} applied to the original function.
 * Generated {@code fooCheck} methods use it; it can also be used directly:
 * <pre>{@code
 * GradientCheck.Report r = GradientCheck.scalar("foo", v -> foo(v[0], v[1]), new double[] {x, y}, new String[] {"x", "y"})
 *         .gradient("reverse mode", new double[] {g.x(), g.y()})
 *         .report();
 * assert r.passed() : r;
 * }</pre>
 *
 * <p>An entry passes when its absolute error {@code |ours - numeric|} or its relative error
 * {@code |ours - numeric| / |numeric|} (the absolute error when {@code numeric == 0}) is at most the tolerance, so
 * both tiny and large derivatives are judged sensibly.
 *
 * <p>An entry outside the tolerance is a real mismatch only where numerical differentiation can be trusted. So for
 * each such entry the check asks {@link NumericDiff#runs} for its estimates from every step, central and one-sided:
 * if they agree ({@link NumericDiff#smooth}) and ours differs from the finest of them too, the function is smooth
 * there and the entry fails; if they do not (a kink, a jump or an event of a simulation at or near the point, which
 * the steps straddle), the check cannot decide and the entry is <em>inconclusive</em>, with those estimates as
 * evidence. The report's {@link Outcome} is
 * {@code FAILED} if any entry fails, else {@code INCONCLUSIVE} if any entry is inconclusive, else {@code PASSED}. A
 * NaN in our derivative always fails; a NaN from NumericDiff (no two of its runs agree) is inconclusive.
 */
public final class GradientCheck {

    /** The tolerance used unless {@code tolerance(...)} sets another: 1e-6, absolute or relative. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /**
     * The tolerance of Hessian entries unless {@link Scalar#hessianTolerance(double)} sets another: 1e-6, absolute or
     * relative. They are compared with the numerical Jacobian of the gradient, which is exact to rounding, so the
     * numerical second derivatives are about as accurate as first ones (1e-10 relative on smooth functions).
     */
    public static final double DEFAULT_HESSIAN_TOLERANCE = 1e-6;

    /**
     * The Hessian is compared for up to this many flattened inputs. Its check costs one forward-over-reverse sweep
     * and 40 to 160 gradients per input, and two {@code n x n} matrices; beyond this the report says it was skipped.
     */
    public static final int MAX_HESSIAN_INPUTS = 1000;

    private GradientCheck() {}

    /** How a check ended. */
    public enum Outcome {
        /** Every entry is within the tolerance. */
        PASSED,
        /** Some entry is outside the tolerance where NumericDiff agrees with itself from every fine step. */
        FAILED,
        /**
         * Every entry outside the tolerance is at a point where NumericDiff's estimates from different steps disagree
         * (the function is not smooth there on the scale of the steps), so the check could not decide.
         */
        INCONCLUSIVE
    }

    /**
     * Starts a check of a scalar function of the flattened active inputs {@code x}.
     *
     * @param function the function's name, for the report
     * @param f        the function of the flattened active inputs
     * @param x        the point, copied
     * @param names    one label per entry of {@code x}, e.g. {@code "x"}, {@code "w[3]"}
     * @return the check, to which derivatives are added with {@link Scalar#gradient(String, double[])}
     * @throws IllegalArgumentException if {@code names} and {@code x} differ in length
     */
    public static Scalar scalar(String function, ToDoubleFunction<double[]> f, double[] x, String[] names) {
        requireLength("names", names.length, "entries", x.length, "inputs");
        return new Scalar(function, f, x.clone(), names.clone());
    }

    /**
     * Starts a check of a vector function of the flattened active inputs {@code x}.
     *
     * @param function the function's name, for the report
     * @param f        the function of the flattened active inputs; it must always return arrays of one length
     * @param x        the point, copied
     * @param names    one label per entry of {@code x}, e.g. {@code "x"}, {@code "w[3]"}
     * @return the check, to which Jacobians are added with {@link Vector#jacobian(String, double[][])}
     * @throws IllegalArgumentException if {@code names} and {@code x} differ in length
     */
    public static Vector vector(String function, Function<double[], double[]> f, double[] x, String[] names) {
        requireLength("names", names.length, "entries", x.length, "inputs");
        return new Vector(function, f, x.clone(), names.clone());
    }

    /** A check of a scalar function; not thread-safe. */
    public static final class Scalar {
        private final Comparisons comparisons;
        private final Numeric numeric;
        private final double[] x;
        private final String[] names;
        private double hessianTolerance = DEFAULT_HESSIAN_TOLERANCE;

        private Scalar(String function, ToDoubleFunction<double[]> f, double[] x, String[] names) {
            this.comparisons = new Comparisons(function);
            this.numeric = new Numeric(v -> new double[] {f.applyAsDouble(v)}, x);
            this.x = x;
            this.names = names;
        }

        /**
         * Sets the tolerance, absolute or relative, of first derivatives (default {@link #DEFAULT_TOLERANCE}).
         *
         * @param tolerance the tolerance, non-negative
         * @return this check
         */
        public Scalar tolerance(double tolerance) {
            comparisons.tolerance = tolerance;
            return this;
        }

        /**
         * Sets the tolerance, absolute or relative, of Hessian entries (default {@link #DEFAULT_HESSIAN_TOLERANCE});
         * it applies to the Hessians compared after it.
         *
         * @param tolerance the tolerance, non-negative
         * @return this check
         */
        public Scalar hessianTolerance(double tolerance) {
            hessianTolerance = tolerance;
            return this;
        }

        /**
         * Compares a gradient with {@link NumericDiff#gradient(ToDoubleFunction, double[])}, which is computed on
         * the first call and reused by later ones.
         *
         * @param method   how {@code gradient} was computed, for the report, e.g. {@code "reverse mode"}
         * @param gradient the gradient to check, one entry per input
         * @return this check
         * @throws IllegalArgumentException if {@code gradient} does not have one entry per input
         */
        public Scalar gradient(String method, double[] gradient) {
            requireLength(method + " gradient", gradient.length, "entries", x.length, "inputs");
            comparisons.compared.add(method + ": the gradient, against NumericDiff of the function");
            for (int j = 0; j < x.length; j++) {
                comparisons.add(method + ", d/d" + names[j], gradient[j], numeric, 0, j, -1);
            }
            return this;
        }

        /**
         * Compares a Hessian with {@link NumericDiff#jacobian(Function, double[])} of a gradient function, to the
         * Hessian tolerance. The gradient function is the code under test too: compare it with
         * {@link #gradient(String, double[])} as well, so that the Hessian is checked against a checked gradient. With
         * more than {@link #MAX_HESSIAN_INPUTS} inputs nothing is computed, and the report says the Hessian was not
         * compared.
         *
         * @param method   how the Hessian was computed, for the report, e.g. {@code "forward over reverse"}
         * @param hessian  computes the {@code n x n} Hessian to check
         * @param gradient the gradient of the flattened inputs, as computed by the code under test
         * @return this check
         * @throws IllegalArgumentException if the Hessian is not {@code n x n}
         */
        public Scalar hessian(String method, Supplier<double[][]> hessian, Function<double[], double[]> gradient) {
            if (x.length > MAX_HESSIAN_INPUTS) {
                comparisons.compared.add(String.format(
                        Locale.ROOT, "Hessian: not compared, %d inputs (more than %d)", x.length, MAX_HESSIAN_INPUTS));
                return this;
            }
            double[][] h = hessian.get();
            requireLength(method + " Hessian", h.length, "rows", x.length, "inputs");
            Numeric jacobian = new Numeric(gradient, x);
            comparisons.compared.add(String.format(
                    Locale.ROOT,
                    "%s: the Hessian, against NumericDiff of the gradient" + " (tolerance %.1e)",
                    method,
                    hessianTolerance));
            for (int i = 0; i < x.length; i++) {
                requireLength(method + " Hessian row " + i, h[i].length, "columns", x.length, "inputs");
                for (int j = 0; j < x.length; j++) {
                    comparisons.add(
                            method + ", d2/d" + names[i] + " d" + names[j], h[i][j], jacobian, i, j, hessianTolerance);
                }
            }
            return this;
        }

        /**
         * The result of all comparisons made so far.
         *
         * @return the report
         */
        public Report report() {
            return comparisons.report();
        }
    }

    /** A check of a vector function; not thread-safe. */
    public static final class Vector {
        private final Comparisons comparisons;
        private final Numeric numeric;
        private final double[] x;
        private final String[] names;

        private Vector(String function, Function<double[], double[]> f, double[] x, String[] names) {
            this.comparisons = new Comparisons(function);
            this.numeric = new Numeric(f, x);
            this.x = x;
            this.names = names;
        }

        /**
         * Sets the tolerance, absolute or relative, used by the report (default {@link #DEFAULT_TOLERANCE}).
         *
         * @param tolerance the tolerance, non-negative
         * @return this check
         */
        public Vector tolerance(double tolerance) {
            comparisons.tolerance = tolerance;
            return this;
        }

        /**
         * Compares a Jacobian with {@link NumericDiff#jacobian(Function, double[])}, which is computed on the
         * first call and reused by later ones.
         *
         * @param method   how {@code jacobian} was computed, for the report, e.g. {@code "JVP"}
         * @param jacobian the {@code m x n} Jacobian to check: one row per output, one column per input
         * @return this check
         * @throws IllegalArgumentException if {@code jacobian} does not have one row per output and one column per
         *                                  input
         */
        public Vector jacobian(String method, double[][] jacobian) {
            int outputs = numeric.jacobian().length;
            requireLength(method + " jacobian", jacobian.length, "rows", outputs, "outputs");
            comparisons.compared.add(method + ": the Jacobian, against NumericDiff of the function");
            for (int i = 0; i < outputs; i++) {
                requireLength(method + " jacobian row " + i, jacobian[i].length, "columns", x.length, "inputs");
                for (int j = 0; j < x.length; j++) {
                    comparisons.add(method + ", d out[" + i + "] / d " + names[j], jacobian[i][j], numeric, i, j, -1);
                }
            }
            return this;
        }

        /**
         * The result of all comparisons made so far.
         *
         * @return the report
         */
        public Report report() {
            return comparisons.report();
        }
    }

    /**
     * The result of a check.
     *
     * @param function         the checked function's name
     * @param maxAbsoluteError the largest absolute error {@code |ours - numeric|} over all compared entries; NaN if
     *                         any entry involved a NaN
     * @param maxRelativeError the largest relative error {@code |ours - numeric| / |numeric|} (the absolute error
     *                         where {@code numeric == 0}); NaN if any entry involved a NaN
     * @param where            the method and entry of the largest relative error (of the first NaN, if any), e.g.
     *                         {@code "reverse mode, d/dw[3]"} or {@code "JVP, d out[2] / d x[1]"}
     * @param tolerance        the tolerance of first derivatives, absolute or relative
     * @param comparisons      the number of compared entries
     * @param whereAbsolute    the method and entry of the largest absolute error
     * @param failures         the number of entries outside the tolerance (their absolute and relative errors both
     *                         exceed it, or they involve a NaN), inconclusive ones included
     * @param outcome          passed, failed, or inconclusive (see {@link Outcome})
     * @param inconclusive     how many of the entries outside the tolerance are at a point where NumericDiff's
     *                         estimates from different steps disagree
     * @param compared         what was compared with what, one line per comparison made (and for a Hessian too
     *                         large to compare, that it was not)
     * @param evidence         for a failed or inconclusive check, NumericDiff's estimates from every step at one
     *                         entry outside the tolerance (an inconclusive one if the check is inconclusive, else the
     *                         first that failed); empty otherwise
     */
    public record Report(
            String function,
            double maxAbsoluteError,
            double maxRelativeError,
            String where,
            double tolerance,
            int comparisons,
            String whereAbsolute,
            int failures,
            Outcome outcome,
            int inconclusive,
            List<String> compared,
            String evidence) {

        /** Copies the list of what was compared. */
        public Report {
            compared = List.copyOf(compared);
        }

        /**
         * Whether every compared entry has an absolute error or a relative error within the tolerance, and no NaN
         * occurred. A report with no comparisons passes vacuously; check {@link #comparisons()} if that matters. An
         * inconclusive check has not passed.
         *
         * @return {@code outcome() == PASSED}
         */
        public boolean passed() {
            return outcome == Outcome.PASSED;
        }

        /**
         * Whether the check could not decide: every entry outside the tolerance is at a point where the function is
         * not smooth on the scale of NumericDiff's steps (see {@link #evidence()}). Check at a nearby point.
         *
         * @return {@code outcome() == INCONCLUSIVE}
         */
        public boolean inconclusiveAtThisPoint() {
            return outcome == Outcome.INCONCLUSIVE;
        }

        /**
         * A readable multi-line summary, for example:
         * <pre>
         * foo: PASSED (tolerance 1.0e-06)
         *   reverse mode: the gradient, against NumericDiff of the function
         *   forward mode: the gradient, against NumericDiff of the function
         *   largest absolute error 3.1e-11 at reverse mode, d/dx
         *   largest relative error 2.4e-11 at forward mode, d/dw[3]
         *   12 comparisons, 0 outside tolerance
         * </pre>
         * An inconclusive or failed check adds what it found and the evidence, NumericDiff's estimate from each step.
         *
         * @return the summary
         */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(
                    String.format(Locale.ROOT, "%s: %s (tolerance %.1e)\n", function, outcome, tolerance));
            for (String line : compared) {
                out.append("  ").append(line).append('\n');
            }
            out.append(String.format(
                    Locale.ROOT,
                    "  largest absolute error %.1e at %s\n"
                            + "  largest relative error %.1e at %s\n  %d comparisons, %d outside tolerance",
                    maxAbsoluteError,
                    whereAbsolute,
                    maxRelativeError,
                    where,
                    comparisons,
                    failures));
            if (outcome == Outcome.INCONCLUSIVE) {
                out.append("\n  inconclusive at this point: NumericDiff's estimates from different steps disagree"
                        + " there, so the\n  function is not smooth here on the scale of its steps (a kink, a jump or"
                        + " an event nearby);\n  check at a nearby point");
            } else if (outcome == Outcome.FAILED && inconclusive > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "\n  %d of them inconclusive (NumericDiff's estimates disagree"
                                + " there), %d failed: ours is NaN, or NumericDiff's estimates agree there",
                        inconclusive,
                        failures - inconclusive));
            } else if (outcome == Outcome.FAILED) {
                // Our NaN fails whatever NumericDiff finds: its estimates need not agree for that.
                out.append("\n  a real mismatch: ours is NaN, or NumericDiff's estimates agree there from every step"
                        + " but the coarsest");
            }
            if (!evidence.isEmpty()) {
                out.append('\n').append(evidence.indent(2).stripTrailing());
            }
            return out.toString();
        }
    }

    /**
     * The numerical derivatives of a function with one or more outputs at a point: its Jacobian, computed once, and
     * per input the evidence of every run ({@link NumericDiff#runs}), computed only for inputs where an entry is
     * outside the tolerance.
     */
    private static final class Numeric {
        private final Function<double[], double[]> f;
        private final double[] x;
        private double[][] jacobian;
        private final Map<Integer, List<NumericDiff.Run>[]> runs = new HashMap<>();

        Numeric(Function<double[], double[]> f, double[] x) {
            this.f = f;
            this.x = x;
        }

        double[][] jacobian() {
            if (jacobian == null) {
                jacobian = NumericDiff.jacobian(f, x);
            }
            return jacobian;
        }

        /** NumericDiff's runs for output i along input j. */
        List<NumericDiff.Run> runs(int i, int j) {
            return runs.computeIfAbsent(j, k -> {
                double[] point = x.clone();
                return NumericDiff.componentRuns(
                        t -> {
                            point[k] = t;
                            return f.apply(point);
                        },
                        x[k]);
            })[i];
        }
    }

    /** The entries compared by one check; the report is computed from them so that the tolerance can come last. */
    private static final class Comparisons {
        private final String function;
        private final List<Comparison> entries = new ArrayList<>();
        private final List<String> compared = new ArrayList<>();
        private double tolerance = DEFAULT_TOLERANCE;

        Comparisons(String function) {
            this.function = function;
        }

        /** Compares ours with entry (i, j) of numeric's Jacobian, to {@code tolerance}, or the check's if negative. */
        void add(String where, double ours, Numeric numeric, int i, int j, double tolerance) {
            entries.add(new Comparison(where, ours, numeric.jacobian()[i][j], numeric, i, j, tolerance));
        }

        Report report() {
            double maxAbsolute = 0;
            double maxRelative = 0;
            String whereAbsolute = "nowhere (no comparisons)";
            String whereRelative = whereAbsolute;
            int failures = 0;
            int inconclusive = 0;
            String failedEvidence = "";
            String inconclusiveEvidence = "";
            boolean first = true;
            for (Comparison c : entries) {
                double absolute = c.absoluteError();
                double relative = c.numeric == 0 ? absolute : absolute / Math.abs(c.numeric);
                // A NaN error is the worst one; the first NaN keeps the location.
                if (first || !Double.isNaN(maxAbsolute) && !(absolute <= maxAbsolute)) {
                    maxAbsolute = absolute;
                    whereAbsolute = c.where;
                }
                if (first || !Double.isNaN(maxRelative) && !(relative <= maxRelative)) {
                    maxRelative = relative;
                    whereRelative = c.where;
                }
                double limit = c.tolerance < 0 ? tolerance : c.tolerance;
                if (!(absolute <= limit || relative <= limit)) {
                    failures++;
                    List<NumericDiff.Run> runs = c.source.runs(c.i, c.j);
                    // Our NaN is never excused. Otherwise the mismatch is real only where the estimates agree from
                    // every fine step and ours differs from the finest of them too.
                    boolean decided =
                            Double.isNaN(c.ours) || NumericDiff.smooth(runs) && !within(c.ours, finest(runs), limit);
                    if (!decided) {
                        inconclusive++;
                    }
                    if (decided && failedEvidence.isEmpty()) {
                        failedEvidence = evidence(c, runs);
                    } else if (!decided && inconclusiveEvidence.isEmpty()) {
                        inconclusiveEvidence = evidence(c, runs);
                    }
                }
                first = false;
            }
            Outcome outcome =
                    failures == 0 ? Outcome.PASSED : inconclusive == failures ? Outcome.INCONCLUSIVE : Outcome.FAILED;
            String evidence = outcome == Outcome.INCONCLUSIVE ? inconclusiveEvidence : failedEvidence;
            return new Report(
                    function,
                    maxAbsolute,
                    maxRelative,
                    whereRelative,
                    tolerance,
                    entries.size(),
                    whereAbsolute,
                    failures,
                    outcome,
                    inconclusive,
                    compared,
                    evidence);
        }

        /** Whether ours is within the tolerance of numeric, absolutely or relatively. */
        private static boolean within(double ours, double numeric, double tolerance) {
            double absolute = ours == numeric ? 0 : Math.abs(ours - numeric);
            return absolute <= tolerance || absolute <= tolerance * Math.abs(numeric);
        }

        /** The estimate of the run from the smallest central step. */
        private static double finest(List<NumericDiff.Run> runs) {
            double finest = Double.NaN;
            for (NumericDiff.Run run : runs) {
                if (run.kind().equals("central")) {
                    finest = run.estimate();
                }
            }
            return finest;
        }

        private static String evidence(Comparison c, List<NumericDiff.Run> runs) {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "evidence at %s: ours %.10g, NumericDiff %.10g; its estimates by step:",
                    c.where,
                    c.ours,
                    c.numeric));
            for (NumericDiff.Run run : runs) {
                out.append("\n  ").append(run);
            }
            return out.toString();
        }
    }

    private record Comparison(
            String where, double ours, double numeric, Numeric source, int i, int j, double tolerance) {
        /** {@code |ours - numeric|}, 0 for equal infinities, NaN if either is NaN. */
        double absoluteError() {
            return ours == numeric ? 0 : Math.abs(ours - numeric);
        }
    }

    private static void requireLength(String what, int length, String unit, int expected, String expectedUnit) {
        if (length != expected) {
            throw new IllegalArgumentException("GradientCheck: " + what + " has " + length + " " + unit
                    + " but there are " + expected + " " + expectedUnit);
        }
    }
}
