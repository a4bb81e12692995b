package io.github.autodiff4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
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
 * both tiny and large derivatives are judged sensibly. A NaN, in our derivative or in the numerical one, always
 * fails.
 */
public final class GradientCheck {

    /** The tolerance used unless {@code tolerance(...)} sets another: 1e-6, absolute or relative. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private GradientCheck() {
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
        private final ToDoubleFunction<double[]> f;
        private final double[] x;
        private final String[] names;
        private double[] numeric;

        private Scalar(String function, ToDoubleFunction<double[]> f, double[] x, String[] names) {
            this.comparisons = new Comparisons(function);
            this.f = f;
            this.x = x;
            this.names = names;
        }

        /**
         * Sets the tolerance, absolute or relative, used by the report (default {@link #DEFAULT_TOLERANCE}).
         *
         * @param tolerance the tolerance, non-negative
         * @return this check
         */
        public Scalar tolerance(double tolerance) {
            comparisons.tolerance = tolerance;
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
            if (numeric == null) {
                numeric = NumericDiff.gradient(f, x);
            }
            for (int j = 0; j < x.length; j++) {
                comparisons.add(method + ", d/d" + names[j], gradient[j], numeric[j]);
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
        private final Function<double[], double[]> f;
        private final double[] x;
        private final String[] names;
        private double[][] numeric;

        private Vector(String function, Function<double[], double[]> f, double[] x, String[] names) {
            this.comparisons = new Comparisons(function);
            this.f = f;
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
            if (numeric == null) {
                numeric = NumericDiff.jacobian(f, x);
            }
            requireLength(method + " jacobian", jacobian.length, "rows", numeric.length, "outputs");
            for (int i = 0; i < numeric.length; i++) {
                requireLength(method + " jacobian row " + i, jacobian[i].length, "columns", x.length, "inputs");
                for (int j = 0; j < x.length; j++) {
                    comparisons.add(method + ", d out[" + i + "] / d " + names[j], jacobian[i][j], numeric[i][j]);
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
     * @param tolerance        the tolerance, absolute or relative
     * @param comparisons      the number of compared entries
     * @param whereAbsolute    the method and entry of the largest absolute error
     * @param failures         the number of entries whose absolute and relative errors both exceed the tolerance,
     *                         or that involve a NaN
     */
    public record Report(String function, double maxAbsoluteError, double maxRelativeError, String where,
                         double tolerance, int comparisons, String whereAbsolute, int failures) {

        /**
         * Whether every compared entry has an absolute error or a relative error within the tolerance, and no NaN
         * occurred. A report with no comparisons passes vacuously; check {@link #comparisons()} if that matters.
         *
         * @return {@code failures() == 0}
         */
        public boolean passed() {
            return failures == 0;
        }

        /**
         * A readable multi-line summary, for example:
         * <pre>
         * foo: PASSED (tolerance 1.0e-06)
         *   largest absolute error 3.1e-11 at reverse mode, d/dx
         *   largest relative error 2.4e-11 at forward mode, d/dw[3]
         *   12 comparisons, 0 outside tolerance
         * </pre>
         *
         * @return the summary
         */
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s: %s (tolerance %.1e)\n  largest absolute error %.1e at %s\n"
                            + "  largest relative error %.1e at %s\n  %d comparisons, %d outside tolerance",
                    function, passed() ? "PASSED" : "FAILED", tolerance, maxAbsoluteError, whereAbsolute,
                    maxRelativeError, where, comparisons, failures);
        }
    }

    /** The entries compared by one check; the report is computed from them so that the tolerance can come last. */
    private static final class Comparisons {
        private final String function;
        private final List<Comparison> entries = new ArrayList<>();
        private double tolerance = DEFAULT_TOLERANCE;

        Comparisons(String function) {
            this.function = function;
        }

        void add(String where, double ours, double numeric) {
            entries.add(new Comparison(where, ours, numeric));
        }

        Report report() {
            double maxAbsolute = 0;
            double maxRelative = 0;
            String whereAbsolute = "nowhere (no comparisons)";
            String whereRelative = whereAbsolute;
            int failures = 0;
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
                if (!(absolute <= tolerance || relative <= tolerance)) {
                    failures++;
                }
                first = false;
            }
            return new Report(function, maxAbsolute, maxRelative, whereRelative, tolerance, entries.size(),
                    whereAbsolute, failures);
        }
    }

    private record Comparison(String where, double ours, double numeric) {
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
