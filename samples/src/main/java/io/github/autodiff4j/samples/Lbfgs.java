package io.github.autodiff4j.samples;

import java.util.Locale;

/**
 * A small limited-memory BFGS minimizer (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) with
 * a backtracking Armijo line search, in plain Java. It needs only the objective's value and gradient, which it
 * asks for through {@link Objective}: exactly the shape of a generated allocation-free gradient such as
 * {@code RosenbrockNDiff.rosenbrockGrad(double[] x, double[] dx)}. All working arrays are allocated once, before
 * the first iteration; an iteration allocates nothing.
 *
 * <p>Each iteration turns the gradient into a quasi-Newton direction with the two-loop recursion over the last
 * {@code memory} steps and gradient changes, then backtracks from the full step until the Armijo condition
 * {@code f(x + t d) <= f(x) + 1e-4 t g.d} holds, shrinking the step by quadratic interpolation (kept within
 * {@code [0.1 t, 0.5 t]}). A pair whose curvature {@code s.y} is not positive is not stored, so the implied
 * inverse Hessian stays positive definite and every direction is a descent direction.
 */
final class Lbfgs {

    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 60;

    private Lbfgs() {}

    /** A function to minimize, with its gradient. */
    @FunctionalInterface
    interface Objective {
        /**
         * Evaluates the function and its gradient.
         *
         * @param x        the point, not to be modified
         * @param gradient overwritten with the gradient at {@code x}
         * @return the function's value at {@code x}
         */
        double evaluate(double[] x, double[] gradient);
    }

    /** Told about every iteration, for printing progress. */
    @FunctionalInterface
    interface Progress {
        /**
         * Called at the current point before each iteration, and at the last point, where the iterations stop.
         *
         * @param iteration    the number of completed iterations
         * @param value        the function's value at the current point
         * @param gradientNorm the Euclidean norm of the gradient there
         * @param step         the step length {@code t} the last line search accepted (0 at the start)
         * @param evaluations  the number of objective evaluations so far
         */
        void iteration(int iteration, double value, double gradientNorm, double step, int evaluations);
    }

    /**
     * The outcome of a minimization.
     *
     * @param x            the last point
     * @param value        the function's value there
     * @param gradientNorm the gradient's Euclidean norm there
     * @param iterations   the number of iterations
     * @param evaluations  the number of objective evaluations
     * @param converged    whether the gradient norm reached the tolerance
     * @param stopReason   why the iterations stopped
     */
    record Result(
            double[] x,
            double value,
            double gradientNorm,
            int iterations,
            int evaluations,
            boolean converged,
            String stopReason) {}

    /**
     * Minimizes {@code f} from {@code start} until the gradient's norm is at most {@code gradientTolerance}.
     *
     * @param f                 the objective
     * @param start             the starting point, not modified
     * @param memory            how many step pairs to remember, typically 5 to 10
     * @param gradientTolerance stop when the gradient's Euclidean norm is at most this
     * @param maxIterations     stop after this many iterations
     * @param progress          told about each iteration
     * @return the result
     */
    static Result minimize(
            Objective f, double[] start, int memory, double gradientTolerance, int maxIterations, Progress progress) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        double[] direction = new double[n];
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0; // pairs in the ring buffer
        int newest = -1; // index of the newest pair
        double fx = f.evaluate(x, g);
        int evaluations = 1;
        double step = 0;
        int iteration = 0;
        String reason;
        while (true) {
            double gradientNorm = Math.sqrt(dot(g, g));
            progress.iteration(iteration, fx, gradientNorm, step, evaluations);
            if (gradientNorm <= gradientTolerance) {
                reason = String.format(Locale.ROOT, "gradient norm <= %.0e", gradientTolerance);
                break;
            }
            if (iteration == maxIterations) {
                reason = "iteration limit " + maxIterations;
                break;
            }
            // Two-loop recursion: direction = -H g, H the L-BFGS inverse Hessian approximation.
            System.arraycopy(g, 0, direction, 0, n);
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, memory);
                alpha[j] = rho[j] * dot(s[j], direction);
                axpy(-alpha[j], y[j], direction);
            }
            // Initial scaling: s.y / y.y from the newest pair; before any pair, a first step of length 1.
            double scale = stored > 0 ? 1 / (rho[newest] * dot(y[newest], y[newest])) : 1 / gradientNorm;
            for (int i = 0; i < n; i++) {
                direction[i] *= -scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, memory);
                double beta = rho[j] * dot(y[j], direction);
                axpy(-alpha[j] - beta, s[j], direction);
            }
            double slope = dot(g, direction);
            if (!(slope < 0)) { // cannot happen in exact arithmetic; restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i] / gradientNorm;
                }
                slope = -gradientNorm;
            }
            // Backtracking line search from the full quasi-Newton step.
            double t = 1;
            double fTrial = Double.NaN;
            boolean accepted = false;
            for (int backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + t * direction[i];
                }
                fTrial = f.evaluate(trial, trialGradient);
                evaluations++;
                if (fTrial <= fx + ARMIJO * t * slope) {
                    accepted = true;
                    break;
                }
                // Minimizer of the quadratic through f(x), the slope there and f(x + t d); NaN falls to 0.1 t.
                double quadratic = -slope * t * t / (2 * (fTrial - fx - slope * t));
                t = Math.max(0.1 * t, Math.min(0.5 * t, Double.isNaN(quadratic) ? 0 : quadratic));
            }
            if (!accepted) {
                reason = "line search found no decrease (rounding level reached)";
                break;
            }
            // Remember the pair s = trial - x, y = gradient change, if its curvature is positive.
            int next = (newest + 1) % memory;
            for (int i = 0; i < n; i++) {
                s[next][i] = trial[i] - x[i];
                y[next][i] = trialGradient[i] - g[i];
            }
            double curvature = dot(s[next], y[next]);
            if (curvature > 1e-12 * Math.sqrt(dot(s[next], s[next]) * dot(y[next], y[next]))) {
                rho[next] = 1 / curvature;
                newest = next;
                stored = Math.min(stored + 1, memory);
            }
            double[] swap = x;
            x = trial;
            trial = swap;
            swap = g;
            g = trialGradient;
            trialGradient = swap;
            fx = fTrial;
            step = t;
            iteration++;
        }
        double gradientNorm = Math.sqrt(dot(g, g));
        return new Result(x, fx, gradientNorm, iteration, evaluations, gradientNorm <= gradientTolerance, reason);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code target += factor * v}. */
    private static void axpy(double factor, double[] v, double[] target) {
        for (int i = 0; i < v.length; i++) {
            target[i] += factor * v[i];
        }
    }
}
