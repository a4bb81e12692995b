package io.github.autodiff4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numerical differentiation, used to check the derivatives that generated code computes (see
 * {@link GradientCheck}).
 *
 * <p>{@link #derivative(DoubleUnaryOperator, double)} uses Ridders' method: central differences with a shrinking
 * step, extrapolated to step 0 (Richardson extrapolation), keeping the estimate whose error estimate is smallest.
 * One run cannot tell a smooth function from one that is flat on the scale of its steps but not below it (an
 * iterated map that the first step, {@code 0.1·max(1, |x|)}, carries into a basin of convergence on both sides):
 * there every difference agrees and the error estimate is 0. So the method runs again from a step 256 times smaller
 * and accepts a result only when the two runs agree within their error estimates (or 1e-6 relative); otherwise it
 * runs on from steps 16, 256 and 4096 times smaller still, until two successive runs agree. Where none do, the
 * result is NaN: an estimate that cannot be confirmed is not returned, and a {@link GradientCheck} cannot pass on it
 * (it is inconclusive there). On smooth functions the result is typically accurate to about 1e-10 relative or better;
 * {@link #hessian(ToDoubleFunction, double[])}, being a derivative of a numerical derivative, to about 1e-6.
 *
 * <p>Where a derivative does not check out, {@link #runs(DoubleUnaryOperator, double)} gives the evidence: the
 * estimate from every starting step, and from one-sided steps on each side. {@link #smooth(List)} tells whether they
 * agree, that is whether the function looks smooth at {@code x} on every scale the steps reach; a kink or a jump at or
 * near {@code x} makes them disagree. {@link GradientCheck} uses it to tell a wrong derivative from a point where
 * numerical differentiation cannot decide.
 *
 * <p>The functions passed in are called many times (about 40 to 160 times per derivative) and must be
 * deterministic. Arrays passed in are never modified.
 */
public final class NumericDiff {

    private static final double FIRST_STEP = 0.1;
    private static final double SHRINK = 1.4;
    private static final double SHRINK2 = SHRINK * SHRINK;
    private static final int STEPS = 10;
    /** Ridders stops when the extrapolation's error grows by this factor over the best one seen. */
    private static final double SAFE = 2;
    /** The second run starts this much smaller than the first: far enough below it to see what it stepped over. */
    private static final double PROBE_SHRINK = 256;
    /** Each further run starts this much smaller than the one before, down to about 1e-7·max(1, |x|). */
    private static final double RESTART_SHRINK = 16;

    private static final int RESTARTS = 3;
    /** Two runs agree when they differ by at most this many times the sum of their error estimates... */
    private static final double AGREE_ERRORS = 4;
    /** ...or by at most this relative difference, the accuracy that the checks built on this class ask for. */
    private static final double AGREE_RELATIVE = 1e-6;
    /**
     * Of two runs that agree, the larger-step one is kept when its error estimate is below this relative size: the
     * smaller steps add rounding noise that their own error estimate tends to understate.
     */
    private static final double ACCURATE = 1e-10;
    /** A run counts only if its error estimate is at most this fraction of the derivative or of its scale. */
    private static final double USABLE = 1e-4;

    private NumericDiff() {}

    /**
     * The plain central difference {@code (f(x+h) - f(x-h)) / (2h)}, with truncation error of order {@code h²} and
     * rounding error of order {@code ε·|f|/h}: too large a step is inaccurate, too small a step cancels. Prefer
     * {@link #derivative(DoubleUnaryOperator, double)}, which chooses the step itself.
     *
     * @param f the function
     * @param x the point
     * @param h the step, positive
     * @return the central-difference estimate of {@code f'(x)}
     */
    public static double centralDifference(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /**
     * The derivative {@code f'(x)} by Ridders' method (see the class description); typically accurate to about
     * 1e-10 relative on smooth functions.
     *
     * @param f the function
     * @param x the point
     * @return the estimate of {@code f'(x)}; NaN if no two runs from different steps agree (the function is not
     *         differentiable at {@code x} on any scale the steps reach, or too noisy), or no finite estimate was formed
     */
    public static double derivative(DoubleUnaryOperator f, double x) {
        return derivatives(t -> new double[] {f.applyAsDouble(t)}, x)[0];
    }

    /**
     * The gradient of a scalar function of several variables, each component by
     * {@link #derivative(DoubleUnaryOperator, double)} along its coordinate.
     *
     * @param f the function; it receives a working copy of {@code x}, never {@code x} itself
     * @param x the point, not modified
     * @return the gradient, of length {@code x.length}
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] point = x.clone();
        double[] gradient = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            int k = j;
            gradient[k] = derivative(
                    t -> {
                        point[k] = t;
                        return f.applyAsDouble(point);
                    },
                    x[k]);
            point[k] = x[k];
        }
        return gradient;
    }

    /**
     * The Jacobian of a vector function, {@code m x n}: entry {@code [i][j]} is the derivative of output {@code i}
     * by input {@code j}. Each column comes from one Ridders extrapolation along input {@code j}, applied to all
     * outputs at once, with the accuracy of {@link #derivative(DoubleUnaryOperator, double)}.
     *
     * @param f the function; it receives a working copy of {@code x}, never {@code x} itself, and must return
     *          arrays of one length {@code m}
     * @param x the point, not modified
     * @return the {@code m x n} Jacobian, where {@code n = x.length}
     * @throws IllegalArgumentException if {@code f} returns arrays of different lengths
     */
    public static double[][] jacobian(Function<double[], double[]> f, double[] x) {
        int n = x.length;
        double[] point = x.clone();
        double[][] columns = new double[n][];
        for (int j = 0; j < n; j++) {
            int k = j;
            columns[k] = derivatives(
                    t -> {
                        point[k] = t;
                        return f.apply(point);
                    },
                    x[k]);
            point[k] = x[k];
        }
        int m = n == 0 ? f.apply(point).length : columns[0].length;
        double[][] jacobian = new double[m][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                jacobian[i][j] = columns[j][i];
            }
        }
        return jacobian;
    }

    /**
     * The Hessian of a scalar function: the Jacobian of {@link #gradient(ToDoubleFunction, double[])}, made exactly
     * symmetric by averaging it with its transpose. As a derivative of a numerical derivative it is less accurate
     * than first derivatives: about 1e-6 relative on smooth functions. It costs several hundred evaluations of
     * {@code f} per entry.
     *
     * @param f the function; it receives working copies of {@code x}, never {@code x} itself
     * @param x the point, not modified
     * @return the symmetric {@code n x n} Hessian, where {@code n = x.length}
     */
    public static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
        double[][] h = jacobian(y -> gradient(f, y), x);
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return h;
    }

    /**
     * What one Ridders run estimated: the evidence behind a numerical derivative.
     *
     * @param kind     {@code "central"}, or {@code "right"} or {@code "left"} for one-sided differences, which see a
     *                 kink exactly at the point that central differences average away
     * @param step     the run's first step; it shrinks by 1.4 per extrapolation step from there
     * @param estimate the run's best estimate of the derivative
     * @param error    its error estimate (the spread of the extrapolation tableau)
     * @param usable   whether the estimate is finite and its error estimate small beside the derivative or beside
     *                 the scale of one ({@code |f| / step}): a run whose steps straddle a kink or a jump is not
     */
    public record Run(String kind, double step, double estimate, double error, boolean usable) {

        /**
         * Whether two runs agree: within {@value #AGREE_ERRORS} times the sum of their error estimates, or within
         * {@value #AGREE_RELATIVE} relative; the rule by which {@link #derivative} confirms one run by another.
         *
         * @param other the other run
         * @return whether the two estimates agree
         */
        public boolean agrees(Run other) {
            return NumericDiff.agree(estimate, error, other.estimate, other.error);
        }

        /**
         * A short description, e.g. {@code "central from 1.0e-01: 0.4100000 ± 3.1e-12"}, with {@code (unusable)}
         * after an unusable run.
         */
        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s from %.1e: %.7g \u00b1 %.1e%s",
                    kind,
                    step,
                    estimate,
                    error,
                    usable ? "" : " (unusable)");
        }
    }

    /**
     * Every run behind {@link #derivative(DoubleUnaryOperator, double)}, without stopping at the first agreement:
     * central runs from each starting step in turn ({@code 0.1·max(1, |x|)}, then 256, 16, 16 and 16 times smaller),
     * then a one-sided run on the right and one on the left from the second starting step. The evidence for deciding
     * whether {@code f} is smooth at {@code x} on the scales the steps reach; see {@link #smooth(List)}.
     *
     * @param f the function
     * @param x the point
     * @return the runs, coarsest central run first, then right, then left
     */
    public static List<Run> runs(DoubleUnaryOperator f, double x) {
        return componentRuns(t -> new double[] {f.applyAsDouble(t)}, x)[0];
    }

    /**
     * Whether the runs show a function smooth at the point: every run after the first usable, and each agreeing with
     * the next (see {@link Run#agrees(Run)}). The first, coarsest run is left out: its steps, from
     * {@code 0.1·max(1, |x|)}, may leave the function's domain or straddle a feature that far off, which says nothing
     * about the derivative at {@code x}. Where the others do not agree, the derivative depends on the step (a kink or
     * a jump at or near the point, or a function too rough for these scales), and no estimate can prove a claimed
     * derivative wrong.
     *
     * @param runs the runs, from {@link #runs(DoubleUnaryOperator, double)}
     * @return whether the runs after the first are usable and successive ones agree
     */
    public static boolean smooth(List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            if (!runs.get(i).usable() || i > 1 && !runs.get(i - 1).agrees(runs.get(i))) {
                return false;
            }
        }
        return runs.size() > 2;
    }

    /** The runs of {@link #runs(DoubleUnaryOperator, double)} for every component of g at once: [component][run]. */
    static List<Run>[] componentRuns(DoubleFunction<double[]> g, double t) {
        List<Estimate> estimates = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        double h = FIRST_STEP * Math.max(1, Math.abs(t));
        for (int run = 0; run <= RESTARTS + 1; run++) {
            if (run > 0) {
                h /= run == 1 ? PROBE_SHRINK : RESTART_SHRINK;
            }
            estimates.add(ridders(g, t, h, run == 0 ? -1 : estimates.get(0).value.length, 0));
            kinds.add("central");
            steps.add(h);
        }
        int m = estimates.get(0).value.length;
        for (int side : new int[] {1, -1}) {
            estimates.add(ridders(g, t, steps.get(1), m, side));
            kinds.add(side > 0 ? "right" : "left");
            steps.add(steps.get(1));
        }
        @SuppressWarnings("unchecked")
        List<Run>[] runs = new List[m];
        for (int k = 0; k < m; k++) {
            runs[k] = new ArrayList<>();
            for (int r = 0; r < estimates.size(); r++) {
                Estimate e = estimates.get(r);
                runs[k].add(new Run(kinds.get(r), steps.get(r), e.value[k], e.error[k], e.usable(k)));
            }
        }
        return runs;
    }

    /**
     * Ridders' estimate of every component of {@code g'(t)}, confirmed by a run from a much smaller step: for each
     * component, the first usable run that agrees with the usable run before it settles it; NaN where none does.
     */
    private static double[] derivatives(DoubleFunction<double[]> g, double t) {
        double h = FIRST_STEP * Math.max(1, Math.abs(t));
        Estimate first = ridders(g, t, h, -1, 0);
        int m = first.value.length;
        double[] result = new double[m];
        Arrays.fill(result, Double.NaN);
        // Per component, the last usable run, or null.
        Estimate[] previous = new Estimate[m];
        int remaining = m;
        Estimate current = first;
        for (int run = 0; run <= RESTARTS + 1 && remaining > 0; run++) {
            if (run > 0) {
                h /= run == 1 ? PROBE_SHRINK : RESTART_SHRINK;
                current = ridders(g, t, h, m, 0);
            }
            for (int k = 0; k < m; k++) {
                if (!Double.isNaN(result[k]) || !current.usable(k)) {
                    continue;
                }
                if (previous[k] != null && previous[k].agrees(current, k)) {
                    result[k] = previous[k].confirmedBy(current, k);
                    remaining--;
                }
                previous[k] = current;
            }
        }
        return result;
    }

    /**
     * Ridders' method (Numerical Recipes' dfridr) for all components of {@code g'(t)} at once, from step h;
     * {@code length} is the expected number of components, or -1 if not known yet; {@code side} is 0 for central
     * differences, 1 or -1 for one-sided differences to the right or to the left.
     */
    private static Estimate ridders(DoubleFunction<double[]> g, double t, double h, int length, int side) {
        // One-sided differences have an error in every power of h, central ones only in even powers.
        double base = side == 0 ? SHRINK2 : SHRINK;
        double[] at = side == 0 ? null : g.apply(t).clone();
        double[][] first = difference(g, t, h, length, side, at);
        double[] d = first[0];
        int m = d.length;
        Estimate best = new Estimate(m);
        for (int k = 0; k < m; k++) {
            best.scale[k] = first[1][k] / h;
        }
        // Per component, the previous and the current row of the extrapolation tableau.
        double[][] previous = new double[m][STEPS];
        double[][] current = new double[m][STEPS];
        boolean[] done = new boolean[m];
        int remaining = m;
        for (int i = 0; i < STEPS && remaining > 0; i++) {
            if (i > 0) {
                h /= SHRINK;
                d = difference(g, t, h, m, side, at)[0];
            }
            for (int k = 0; k < m; k++) {
                if (done[k]) {
                    continue;
                }
                double[] p = previous[k];
                double[] c = current[k];
                c[0] = d[k];
                double factor = base;
                for (int j = 1; j <= i; j++, factor *= base) {
                    c[j] = (c[j - 1] * factor - p[j - 1]) / (factor - 1);
                    double error = Math.max(Math.abs(c[j] - c[j - 1]), Math.abs(c[j] - p[j - 1]));
                    if (error <= best.error[k]) {
                        best.error[k] = error;
                        best.value[k] = c[j];
                    }
                }
                // Higher orders got worse by a significant factor: rounding dominates, stop early.
                if (i > 0 && Math.abs(c[i] - p[i - 1]) >= SAFE * best.error[k]) {
                    done[k] = true;
                    remaining--;
                }
                previous[k] = c;
                current[k] = p;
            }
        }
        return best;
    }

    /**
     * Differences of every component of g at t (central for side 0, else one-sided with {@code at = g(t)}), and the
     * larger magnitude of g at the two points. The denominator is the difference of the points actually evaluated,
     * not 2h, so the rounding of {@code t ± h} does not bias the quotient.
     */
    private static double[][] difference(
            DoubleFunction<double[]> g, double t, double h, int length, int side, double[] at) {
        double above = side < 0 ? t : t + h;
        double below = side > 0 ? t : t - h;
        double[] fAbove = side < 0 ? at : g.apply(above).clone(); // g may reuse its result array
        double[] fBelow = side > 0 ? at : g.apply(below);
        int m = length < 0 ? fAbove.length : length;
        if (fAbove.length != m || fBelow.length != m) {
            throw new IllegalArgumentException("NumericDiff: the function returned arrays of lengths " + fAbove.length
                    + " and " + fBelow.length + " where " + m + " was expected; it must always return the same length");
        }
        double step = above - below;
        double[] d = new double[m];
        double[] magnitude = new double[m];
        for (int k = 0; k < m; k++) {
            d[k] = (fAbove[k] - fBelow[k]) / step;
            magnitude[k] = Math.max(Math.abs(fAbove[k]), Math.abs(fBelow[k]));
        }
        return new double[][] {d, magnitude};
    }

    /** Whether two estimates agree, given their error estimates (see the class constants). */
    private static boolean agree(double a, double errorA, double b, double errorB) {
        double tolerance =
                Math.max(AGREE_ERRORS * (errorA + errorB), AGREE_RELATIVE * Math.max(Math.abs(a), Math.abs(b)));
        return Math.abs(a - b) <= tolerance;
    }

    /**
     * One run's best estimate of each component, with its error estimate and the scale of a derivative there,
     * {@code |g| / h} at the run's first step.
     */
    private static final class Estimate {
        final double[] value;
        final double[] error;
        final double[] scale;

        Estimate(int m) {
            value = new double[m];
            error = new double[m];
            scale = new double[m];
            Arrays.fill(value, Double.NaN);
            Arrays.fill(error, Double.POSITIVE_INFINITY);
        }

        /**
         * Whether component k is finite with an error estimate small beside the derivative or beside the scale of
         * one: a run whose steps straddle a jump or a kink is not, and cannot confirm another.
         */
        boolean usable(int k) {
            return Double.isFinite(value[k])
                    && error[k] <= USABLE * Math.max(Math.abs(value[k]), Double.isFinite(scale[k]) ? scale[k] : 0);
        }

        /** Whether component k of this run and of the other agree (see the class constants). */
        boolean agrees(Estimate other, int k) {
            return agree(value[k], error[k], other.value[k], other.error[k]);
        }

        /**
         * Component k once the smaller-step run other has confirmed it: this run's value if its error estimate is
         * below {@value #ACCURATE} relative or below the other's, since smaller steps add rounding noise that their
         * own error estimate tends to understate; otherwise the other's.
         */
        double confirmedBy(Estimate other, int k) {
            boolean keep = error[k] <= Math.max(other.error[k], ACCURATE * Math.abs(value[k]));
            return keep ? value[k] : other.value[k];
        }
    }
}
