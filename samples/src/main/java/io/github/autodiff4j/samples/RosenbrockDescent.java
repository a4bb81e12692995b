package io.github.autodiff4j.samples;

import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Minimizes the 20-dimensional Rosenbrock function from the classic start with L-BFGS ({@link Lbfgs}), using
 * nothing but the generated allocation-free gradient {@code RosenbrockNDiff.rosenbrockGrad(x, dx)}. Before
 * optimizing, it checks that gradient at the start against the closed form and {@link NumericDiff}; after, that
 * the minimizer reached the known minimum {@code (1, ..., 1)} where {@code f = 0}.
 */
final class RosenbrockDescent implements Sample {

    /** The dimension. */
    static final int N = 20;
    /** L-BFGS remembers this many steps. */
    static final int MEMORY = 7;
    /** Stop when the gradient's Euclidean norm is at most this. */
    static final double GRADIENT_TOLERANCE = 1e-10;

    static final int MAX_ITERATIONS = 500;
    /** How many calls the allocation measurement makes. */
    static final int CALLS = 100_000;
    /** How many rounds of {@link #CALLS} calls the allocation measurement makes. */
    static final int ROUNDS = 3;
    /** Print every this many iterations. */
    private static final int EVERY = 10;

    /**
     * Near the minimum {@code x - 1 ~ H^-1 g}, and the smallest eigenvalue of the Hessian H there is 0.499 for
     * n = 20; so a gradient norm of 1e-10 leaves at most 2e-10 in any coordinate. The check allows 1e-8.
     */
    static final double X_TOLERANCE = 1e-8;
    /**
     * Near the minimum {@code f ~ (x - 1)^T H (x - 1) / 2 <= |g|^2 / (2 * 0.499)}, about 1e-20 at the gradient
     * tolerance. The check allows 1e-16.
     */
    static final double F_TOLERANCE = 1e-16;

    @Override
    public String name() {
        return "rosenbrock-descent";
    }

    @Override
    public String description() {
        return "minimize 20-D Rosenbrock with L-BFGS and the allocation-free gradient";
    }

    @Override
    public boolean run(PrintStream out) {
        double[] start = RosenbrockN.classicStart(N);
        out.printf(
                Locale.ROOT,
                "  f(x) = sum_{i=0}^{n-2} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 with n = %d," + " written as a for%n",
                N);
        out.println("  loop over a double[] (RosenbrockN.rosenbrock). Its minimum is f = 0 at (1, ..., 1). Start: the");
        out.println("  classic (-1.2, 1, -1.2, 1, ...). The optimizer sees f only through the generated");
        out.println("  double RosenbrockNDiff.rosenbrockGrad(double[] x, double[] dx): the value returned, the"
                + " gradient");
        out.println("  written into dx, an array the optimizer owns, so an evaluation allocates nothing.");
        out.println();

        double[] gradient = new double[N];
        double value = RosenbrockNDiff.rosenbrockGrad(start, gradient);
        double[] byHand = RosenbrockN.gradientByHand(start);
        double[] numeric = NumericDiff.gradient(RosenbrockN::rosenbrock, start);
        out.printf(
                "  At the start f = %s. The gradient, by coordinate (the pattern repeats in the middle):%n",
                Table.number(value));
        Table.header(out, "rosenbrockGrad", "by hand", "NumericDiff");
        for (int i = 0; i < N; i++) {
            if (i == 4) {
                out.println("      ...");
                i = N - 2;
            }
            Table.row(out, "df/dx[" + i + "]", gradient[i], byHand[i], numeric[i]);
        }
        out.println();

        out.printf(
                Locale.ROOT,
                "  L-BFGS (memory %d, backtracking Armijo line search; see Lbfgs)," + " until |gradient| <= %.0e:%n",
                MEMORY,
                GRADIENT_TOLERANCE);
        out.printf("      %9s  %22s  %12s  %10s  %11s%n", "iteration", "f(x)", "|gradient|", "step t", "evaluations");
        String[] last = {null}; // the progress line of the last iteration, printed at the end if not yet printed
        Lbfgs.Result result = Lbfgs.minimize(
                RosenbrockNDiff::rosenbrockGrad,
                start,
                MEMORY,
                GRADIENT_TOLERANCE,
                MAX_ITERATIONS,
                (iteration, f, norm, step, evaluations) -> {
                    last[0] = progressLine(iteration, f, norm, step, evaluations);
                    if (iteration % EVERY == 0) {
                        out.println(last[0]);
                        last[0] = null;
                    }
                });
        if (last[0] != null) {
            out.println(last[0]);
        }
        double farthest = 0;
        for (double xi : result.x()) {
            farthest = Math.max(farthest, Math.abs(xi - 1));
        }
        out.printf(
                "  Stopped after %d iterations and %d evaluations of value and gradient: %s.%n",
                result.iterations(), result.evaluations(), result.stopReason());
        out.printf(
                Locale.ROOT,
                "  x = (%s, %s, ..., %s), max_i |x[i] - 1| = %.1e, f(x) = %.1e.%n",
                Table.number(result.x()[0]),
                Table.number(result.x()[1]),
                Table.number(result.x()[N - 1]),
                farthest,
                result.value());
        out.println();

        long allocated = allocatedBytes(result.x(), CALLS);
        if (allocated >= 0) {
            out.printf(
                    Locale.ROOT,
                    "  Heap allocated by %d calls of rosenbrockGrad(x, dx): %d bytes (the least of %d"
                            + " rounds after a warm-up;%n",
                    CALLS,
                    allocated,
                    ROUNDS);
            out.println("  a round can also count a few hundred bytes the JVM allocates for itself, as while"
                    + " compiling).");
            out.println();
        }

        GradientCheck.Report report = RosenbrockNDiff.rosenbrockCheck(start);
        out.println("  Generated check at the start, rosenbrockCheck(x):");
        for (String line : report.toString().split("\n")) {
            out.println("      " + line);
        }
        out.println();

        Checks checks = new Checks(out);
        checks.near("start: rosenbrockGrad(x, dx) value = rosenbrock(x)", value, RosenbrockN.rosenbrock(start), 1e-15);
        checks.near("start: gradient = closed form", gradient, byHand, 1e-12);
        checks.near("start: gradient = NumericDiff.gradient", gradient, numeric, 1e-7);
        checks.near(
                "start: rosenbrockGrad(x).x() = dx overload",
                RosenbrockNDiff.rosenbrockGrad(start).x(),
                gradient,
                0);
        checks.passes(report);
        checks.atMost("end: |gradient|", result.gradientNorm(), GRADIENT_TOLERANCE);
        checks.atMost("end: max_i |x[i] - 1|", farthest, X_TOLERANCE);
        checks.atMost("end: f(x), whose minimum is 0", result.value(), F_TOLERANCE);
        if (allocated >= 0) {
            // The smallest object takes 16 bytes: under 1 byte per call, no call allocates.
            checks.atMost("rosenbrockGrad(x, dx): bytes allocated per call", (double) allocated / CALLS, 1);
        }
        return checks.allPassed();
    }

    private static String progressLine(int iteration, double f, double norm, double step, int evaluations) {
        return String.format(
                Locale.ROOT,
                "      %9d  %22.15e  %12.3e  %10s  %11d",
                iteration,
                f,
                norm,
                iteration == 0 ? "" : String.format(Locale.ROOT, "%.3g", step),
                evaluations);
    }

    /**
     * The heap bytes that {@code calls} calls of the allocation-free gradient allocate: the least over
     * {@link #ROUNDS} rounds after as many calls of warm-up (the tape grows to its working size, the JIT compiles);
     * -1 if this JVM cannot measure a thread's allocations.
     *
     * @param x     the point
     * @param calls how many calls to measure in each round
     * @return the bytes allocated, or -1
     */
    static long allocatedBytes(double[] x, int calls) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean bean) || !bean.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        double[] dx = new double[x.length];
        double sink = 0;
        for (int i = 0; i < calls; i++) { // warm-up
            sink += RosenbrockNDiff.rosenbrockGrad(x, dx);
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                sink += RosenbrockNDiff.rosenbrockGrad(x, dx);
            }
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return Double.isNaN(sink) ? -1 : least;
    }
}
