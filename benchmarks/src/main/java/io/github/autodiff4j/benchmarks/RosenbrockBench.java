package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Dual;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The n-dimensional Rosenbrock function, written once as plain Java, against what the processor generates from it:
 * the reverse-mode gradient (record and allocation-free forms), one forward-mode JVP, and the closed-form gradient
 * written by hand. All in one class so one JMH run measures them side by side on the same inputs; read the results as
 * ratios to {@link #function()} (see {@link RatioTable} and {@code benchmarks/run-rosenbrock.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockBench {

    /** The dimension. */
    @Param({"10", "100", "1000", "10000"})
    public int n;

    /** The point: fixed, from a seeded {@link Random}. */
    private double[] x;

    /** The adjoint array the allocation-free gradient and the hand-written gradient overwrite. */
    private double[] dx;

    /** The JVP's direction: fixed, from a seeded {@link Random}. */
    private double[] v;

    /**
     * {@code f(x) = sum over i < n - 1 of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2}; its minimum is 0 at
     * {@code (1, ..., 1)}.
     *
     * @param x the point, at least one entry
     * @return the function's value
     */
    @Differentiable
    static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /**
     * The gradient in closed form, with the value, in one loop: {@code df/dx[i] += -400 x[i] a - 2 b} and
     * {@code df/dx[i+1] += 200 a}, where {@code a = x[i+1] - x[i]^2}, {@code b = 1 - x[i]}.
     *
     * @param x the point
     * @param g overwritten with the gradient, same length as {@code x}
     * @return the function's value
     */
    static double rosenbrockGradByHand(double[] x, double[] g) {
        int m = x.length;
        double sum = 0;
        g[0] = 0;
        for (int i = 0; i < m - 1; i++) {
            double xi = x[i];
            double a = x[i + 1] - xi * xi;
            double b = 1 - xi;
            sum += 100 * a * a + b * b;
            g[i] += -400 * xi * a - 2 * b;
            g[i + 1] = 200 * a;
        }
        return sum;
    }

    /**
     * Draws the point and the direction and allocates the adjoint array once; then checks that the generated gradient
     * agrees with the hand-written one, so the benchmarks compare equal work.
     */
    @Setup
    public void setUp() {
        Random random = new Random(20240611L);
        x = new double[n];
        v = new double[n];
        dx = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1.5 + 3 * random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        double[] byHand = new double[n];
        double valueByHand = rosenbrockGradByHand(x, byHand);
        double value = RosenbrockBenchDiff.rosenbrockGrad(x, dx);
        double scale = Math.max(1, Math.abs(valueByHand));
        if (Math.abs(value - valueByHand) > 1e-12 * scale) {
            throw new IllegalStateException("value " + value + " != " + valueByHand + " by hand");
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(dx[i] - byHand[i]) > 1e-9 * Math.max(1, Math.abs(byHand[i]))) {
                throw new IllegalStateException("df/dx[" + i + "] " + dx[i] + " != " + byHand[i] + " by hand");
            }
        }
    }

    /**
     * The function alone: the baseline of every ratio.
     *
     * @return the value, consumed by JMH
     */
    @Benchmark
    public double function() {
        return rosenbrock(x);
    }

    /**
     * The generated reverse-mode gradient, record form: allocates the record and its gradient array per call.
     *
     * @return the record, consumed by JMH
     */
    @Benchmark
    public RosenbrockBenchDiff.RosenbrockGradient gradientRecord() {
        return RosenbrockBenchDiff.rosenbrockGrad(x);
    }

    /**
     * The generated reverse-mode gradient, allocation-free form: overwrites {@link #dx}.
     *
     * @return the value, consumed by JMH (the gradient lives on in the {@code dx} field)
     */
    @Benchmark
    public double gradientInPlace() {
        return RosenbrockBenchDiff.rosenbrockGrad(x, dx);
    }

    /**
     * One generated forward-mode JVP in the fixed direction {@link #v}.
     *
     * @return the value and directional derivative, consumed by JMH
     */
    @Benchmark
    public Dual jvp() {
        return RosenbrockBenchDiff.rosenbrockJvp(x, v);
    }

    /**
     * The closed-form gradient written by hand, with the value, overwriting {@link #dx}: the target for the
     * generated gradient.
     *
     * @return the value, consumed by JMH
     */
    @Benchmark
    public double handWritten() {
        return rosenbrockGradByHand(x, dx);
    }
}
