package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recursion through the companion: the gradient, one JVP and the Hessian of a recursion {@code depth} levels deep, for
 * a direct recursion in one double ({@code direct}) and a mutual recursion in two ({@code mutual}). Each level of the
 * recursion calls its companion once, so every ratio to the function should stay roughly constant as the depth grows
 * (the Hessian's per column). {@link RecursionRatios} prints the ratios from JMH's JSON.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(
        value = 1,
        jvmArgsAppend = {Peers.YOUNG_GENERATION, "-Xss16m"})
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RecursionBench {

    @Param({"100", "1000", "2000"})
    int depth;

    @Param({"direct", "mutual"})
    String shape;

    double x = 0.7;
    double y = -0.4;

    /**
     * A direct recursion in one double.
     *
     * @param x the input
     * @param n the depth
     * @return {@code sin} of the level below, plus half of x
     */
    @Differentiable
    static double direct(double x, int n) {
        return n == 0 ? x : Math.sin(direct(x, n - 1)) + 0.5 * x;
    }

    /**
     * A mutual recursion in two doubles, with {@link #pong}: each level swaps them.
     *
     * @param x the first input
     * @param y the second input
     * @param n the depth
     * @return the value
     */
    @Differentiable
    static double ping(double x, double y, int n) {
        return n == 0 ? x * y : Math.sin(pong(y, x, n - 1)) + 0.5 * x;
    }

    /**
     * The other half of {@link #ping}.
     *
     * @param x the first input
     * @param y the second input
     * @param n the depth
     * @return the value
     */
    @Differentiable
    static double pong(double x, double y, int n) {
        return n == 0 ? x - y : 0.9 * Math.cos(ping(y, 0.5 * x, n - 1)) + 0.1 * y;
    }

    /** Checks the generated derivatives against numerical differentiation, at this depth. */
    @Setup
    public void check() {
        boolean direct = shape.equals("direct");
        double[] point = direct ? new double[] {x} : new double[] {x, y};
        java.util.function.ToDoubleFunction<double[]> f =
                direct ? p -> direct(p[0], depth) : p -> ping(p[0], p[1], depth);
        double[] gradient = direct
                ? new double[] {RecursionBenchDiff.directGrad(x, depth).x()}
                : new double[] {
                    RecursionBenchDiff.pingGrad(x, y, depth).x(),
                    RecursionBenchDiff.pingGrad(x, y, depth).y()
                };
        Peers.check(shape + " gradient", NumericDiff.gradient(f, point), gradient, 1e-7);
        Peers.check(shape + " value", f.applyAsDouble(point), function(), 0);
        double[][] hessian = hessian();
        double[][] numeric = NumericDiff.hessian(f, point);
        for (int i = 0; i < point.length; i++) {
            Peers.check(shape + " Hessian row " + i, numeric[i], hessian[i], 1e-5);
        }
    }

    @Benchmark
    public double function() {
        return shape.equals("direct") ? direct(x, depth) : ping(x, y, depth);
    }

    @Benchmark
    public Object gradientRecord() {
        return shape.equals("direct")
                ? RecursionBenchDiff.directGrad(x, depth)
                : RecursionBenchDiff.pingGrad(x, y, depth);
    }

    @Benchmark
    public Dual jvp() {
        return shape.equals("direct")
                ? RecursionBenchDiff.directJvp(x, 1, depth)
                : RecursionBenchDiff.pingJvp(x, 1, y, 2, depth);
    }

    @Benchmark
    public double[][] hessian() {
        return shape.equals("direct")
                ? RecursionBenchDiff.directHessian(x, depth)
                : RecursionBenchDiff.pingHessian(x, y, depth);
    }
}
