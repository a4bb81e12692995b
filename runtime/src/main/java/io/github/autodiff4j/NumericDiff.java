package io.github.autodiff4j;

import java.util.Arrays;
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
 * The initial step is {@code 0.1·max(1, |x|)}; if that does not reach a relative error estimate of {@code 1e-10}
 * (for example because the function varies on a much smaller scale, or is undefined a step away), the method
 * restarts from steps 16, 256 and 4096 times smaller and keeps the best estimate of all. On smooth functions the
 * result is typically accurate to about 1e-10 relative or better; {@link #hessian(ToDoubleFunction, double[])},
 * being a derivative of a numerical derivative, to about 1e-6.
 *
 * <p>The functions passed in are called many times (about 20 to 80 times per derivative) and must be
 * deterministic. Arrays passed in are never modified.
 */
public final class NumericDiff {

    private static final double FIRST_STEP = 0.1;
    private static final double SHRINK = 1.4;
    private static final double SHRINK2 = SHRINK * SHRINK;
    private static final int STEPS = 10;
    /** Ridders stops when the extrapolation's error grows by this factor over the best one seen. */
    private static final double SAFE = 2;
    private static final int STARTS = 4;
    private static final double RESTART_SHRINK = 16;
    private static final double ACCURATE = 1e-10;

    private NumericDiff() {
    }

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
     * @return the estimate of {@code f'(x)}, NaN if no finite estimate could be formed
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
            gradient[k] = derivative(t -> {
                point[k] = t;
                return f.applyAsDouble(point);
            }, x[k]);
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
            columns[k] = derivatives(t -> {
                point[k] = t;
                return f.apply(point);
            }, x[k]);
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

    /** Ridders' estimate of every component of {@code g'(t)}, restarting from smaller steps while inaccurate. */
    private static double[] derivatives(DoubleFunction<double[]> g, double t) {
        double h = FIRST_STEP * Math.max(1, Math.abs(t));
        Estimate best = ridders(g, t, h, -1);
        for (int start = 1; start < STARTS && !best.accurate(); start++) {
            h /= RESTART_SHRINK;
            best.improveWith(ridders(g, t, h, best.value.length));
        }
        return best.value;
    }

    /**
     * Ridders' method (Numerical Recipes' dfridr) for all components of {@code g'(t)} at once, from step h;
     * {@code length} is the expected number of components, or -1 if not known yet.
     */
    private static Estimate ridders(DoubleFunction<double[]> g, double t, double h, int length) {
        double[] d = central(g, t, h, length);
        int m = d.length;
        Estimate best = new Estimate(m);
        // Per component, the previous and the current row of the extrapolation tableau.
        double[][] previous = new double[m][STEPS];
        double[][] current = new double[m][STEPS];
        boolean[] done = new boolean[m];
        int remaining = m;
        for (int i = 0; i < STEPS && remaining > 0; i++) {
            if (i > 0) {
                h /= SHRINK;
                d = central(g, t, h, m);
            }
            for (int k = 0; k < m; k++) {
                if (done[k]) {
                    continue;
                }
                double[] p = previous[k];
                double[] c = current[k];
                c[0] = d[k];
                double factor = SHRINK2;
                for (int j = 1; j <= i; j++, factor *= SHRINK2) {
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
     * Central differences of every component of g at t. The denominator is the difference of the points actually
     * evaluated, not 2h, so the rounding of {@code t ± h} does not bias the quotient.
     */
    private static double[] central(DoubleFunction<double[]> g, double t, double h, int length) {
        double above = t + h;
        double below = t - h;
        double[] fAbove = g.apply(above).clone(); // g may reuse its result array
        double[] fBelow = g.apply(below);
        int m = length < 0 ? fAbove.length : length;
        if (fAbove.length != m || fBelow.length != m) {
            throw new IllegalArgumentException("NumericDiff: the function returned arrays of lengths " + fAbove.length
                    + " and " + fBelow.length + " where " + m + " was expected; it must always return the same length");
        }
        double step = above - below;
        double[] d = new double[m];
        for (int k = 0; k < m; k++) {
            d[k] = (fAbove[k] - fBelow[k]) / step;
        }
        return d;
    }

    /** The best estimate so far of each component, with its error estimate. */
    private static final class Estimate {
        final double[] value;
        final double[] error;

        Estimate(int m) {
            value = new double[m];
            error = new double[m];
            Arrays.fill(value, Double.NaN);
            Arrays.fill(error, Double.POSITIVE_INFINITY);
        }

        boolean accurate() {
            for (int k = 0; k < value.length; k++) {
                if (!(error[k] <= ACCURATE * Math.abs(value[k]))) {
                    return false;
                }
            }
            return true;
        }

        void improveWith(Estimate other) {
            for (int k = 0; k < value.length; k++) {
                if (other.error[k] < error[k]) {
                    error[k] = other.error[k];
                    value[k] = other.value[k];
                }
            }
        }
    }
}
