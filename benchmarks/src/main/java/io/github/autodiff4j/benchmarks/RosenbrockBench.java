package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Dual;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The n-dimensional Rosenbrock function, written once as plain Java, against what the processor generates from it
 * and against the peers, all in one class so one JMH run measures them side by side on the same inputs; read the
 * results as ratios to {@link #function} (see {@link RatioTable}).
 *
 * <ul>
 *   <li>ours: the reverse-mode gradient (record and allocation-free forms), one forward-mode JVP, and the whole
 *   gradient by {@code n} JVPs (for n up to 100 only: it costs n times a JVP);</li>
 *   <li>Hipparchus {@link Gradient} and {@link DerivativeStructure} (order 1) on the same function written once over
 *   {@link CalculusFieldElement} ({@link #rosenbrock(CalculusFieldElement[])});</li>
 *   <li>central finite differences with a fixed step, 2n evaluations ({@link Peers#centralDifferences});</li>
 *   <li>the closed-form gradient written by hand.</li>
 * </ul>
 * Each group has its own sizes, as its own JMH parameter: {@code n} (ours and by hand: 10 to 10000), {@code nPeers}
 * (Hipparchus and finite differences: 10 to 1000; at n = 10000 each Hipparchus variable carries a dense gradient of
 * 10000 entries, so one call does some 6 * 10^4 operations on 10^4-long arrays and allocates gigabytes, seconds per
 * call) and {@code nJvps} (n JVPs: 10 and 100). {@code -p n=1000} on the command line restricts only the first.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockBench {

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
     * The same function over any Hipparchus field of derivatives, operation for operation.
     *
     * @param x   the point
     * @param <T> {@link Gradient}, {@link DerivativeStructure}, ...
     * @return the function's value with its derivatives
     */
    static <T extends CalculusFieldElement<T>> T rosenbrock(T[] x) {
        T sum = Peers.zero(x[0]);
        for (int i = 0; i < x.length - 1; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(100).multiply(a).add(b.multiply(b)));
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
     * The inputs of one size: the point and a direction, from a seeded {@link Random}, and the arrays the
     * benchmarks write into. On setup, computes once what the trial's benchmark method computes and checks it
     * against the generated reverse-mode gradient (which is checked against the hand-written one), so that every
     * benchmark does equal work.
     */
    public abstract static class Point {
        /** The point. */
        double[] x;
        /** The JVP's direction. */
        double[] v;
        /** The gradient arrays the in-place forms overwrite. */
        double[] dx;
        /** A unit vector, all zeros between calls, for the gradient by JVPs. */
        double[] unit;
        /** The parts and gradients that finite differences perturb and fill. */
        double[][] parts;

        double[][] gradients;
        /** Hipparchus's factory of order-1 structures in n variables, made (and its compiler cached) on setup. */
        DSFactory ds;

        void prepare(int n, String method) {
            Random random = new Random(20240611L);
            x = new double[n];
            v = new double[n];
            dx = new double[n];
            unit = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = -1.5 + 3 * random.nextDouble();
            }
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            parts = new double[][] {x};
            gradients = new double[][] {dx};
            // Hipparchus's DSCompiler takes memory quadratic in n (400 MB at n = 10000): only when measured.
            ds = method.equals("hipparchusDS") ? new DSFactory(n, 1) : null;

            double[] reference = new double[n];
            double value = RosenbrockBenchDiff.rosenbrockGrad(x, reference);
            double[] byHand = new double[n];
            Peers.check("value by hand", value, rosenbrockGradByHand(x, byHand), 1e-14);
            Peers.check("gradient by hand", byHand, reference, 1e-13);
            double[] g = new double[n];
            switch (method) {
                case "function" -> Peers.check(method, value, rosenbrock(x), 1e-14);
                case "gradientRecord" ->
                    g = RosenbrockBenchDiff.rosenbrockGrad(x).x();
                case "gradientInPlace" -> RosenbrockBenchDiff.rosenbrockGrad(x, g);
                case "handWritten" -> rosenbrockGradByHand(x, g);
                case "jvp" -> {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += reference[i] * v[i];
                    }
                    Peers.check(
                            method, dot, RosenbrockBenchDiff.rosenbrockJvp(x, v).tangent(), 1e-12);
                }
                case "jvpGradient" -> g = jvpGradient(this).clone();
                case "hipparchusGradient" -> g = hipparchusGradient(this).getGradient();
                case "hipparchusDS" -> g = Peers.dsGradient(hipparchusDS(this));
                case "finiteDifferences" -> {
                    finiteDifferences(this);
                    g = dx.clone();
                }
                default -> throw new IllegalStateException("no check for " + method);
            }
            if (!method.equals("function") && !method.equals("jvp")) {
                Peers.check(method, reference, g, method.equals("finiteDifferences") ? 1e-6 : 1e-13);
            }
        }
    }

    /** The sizes of our own code and the hand-written gradient. */
    @State(Scope.Benchmark)
    public static class Sizes extends Point {
        /** The dimension. */
        @Param({"10", "100", "1000", "10000"})
        public int n;

        /**
         * Draws the inputs and checks the trial's method.
         *
         * @param params the trial's parameters
         */
        @Setup
        public void setUp(BenchmarkParams params) {
            prepare(Peers.method(params));
        }

        void prepare(String method) {
            prepare(n, method);
        }
    }

    /** The sizes of the peers: Hipparchus and finite differences. */
    @State(Scope.Benchmark)
    public static class PeerSizes extends Point {
        /** The dimension. */
        @Param({"10", "100", "1000"})
        public int nPeers;

        /**
         * Draws the inputs and checks the trial's method.
         *
         * @param params the trial's parameters
         */
        @Setup
        public void setUp(BenchmarkParams params) {
            prepare(Peers.method(params));
        }

        void prepare(String method) {
            prepare(nPeers, method);
        }
    }

    /** The sizes of the gradient by n JVPs. */
    @State(Scope.Benchmark)
    public static class JvpSizes extends Point {
        /** The dimension. */
        @Param({"10", "100"})
        public int nJvps;

        /**
         * Draws the inputs and checks the trial's method.
         *
         * @param params the trial's parameters
         */
        @Setup
        public void setUp(BenchmarkParams params) {
            prepare(Peers.method(params));
        }

        void prepare(String method) {
            prepare(nJvps, method);
        }
    }

    /**
     * The function alone: the baseline of every ratio.
     *
     * @param s the inputs
     * @return the value, consumed by JMH
     */
    @Benchmark
    public double function(Sizes s) {
        return rosenbrock(s.x);
    }

    /**
     * The generated reverse-mode gradient, record form: allocates the record and its gradient array per call.
     *
     * @param s the inputs
     * @return the record, consumed by JMH
     */
    @Benchmark
    public RosenbrockBenchDiff.RosenbrockGradient gradientRecord(Sizes s) {
        return RosenbrockBenchDiff.rosenbrockGrad(s.x);
    }

    /**
     * The generated reverse-mode gradient, allocation-free form: overwrites {@code dx}.
     *
     * @param s the inputs
     * @return the value, consumed by JMH (the gradient lives on in {@code dx})
     */
    @Benchmark
    public double gradientInPlace(Sizes s) {
        return RosenbrockBenchDiff.rosenbrockGrad(s.x, s.dx);
    }

    /**
     * One generated forward-mode JVP in the fixed direction {@code v}.
     *
     * @param s the inputs
     * @return the value and directional derivative, consumed by JMH
     */
    @Benchmark
    public Dual jvp(Sizes s) {
        return RosenbrockBenchDiff.rosenbrockJvp(s.x, s.v);
    }

    /**
     * The closed-form gradient written by hand, with the value, overwriting {@code dx}: the target for the
     * generated gradient.
     *
     * @param s the inputs
     * @return the value, consumed by JMH
     */
    @Benchmark
    public double handWritten(Sizes s) {
        return rosenbrockGradByHand(s.x, s.dx);
    }

    /**
     * The whole gradient by forward mode: n generated JVPs along the unit vectors, into {@code dx}.
     *
     * @param s the inputs
     * @return the gradient, consumed by JMH
     */
    @Benchmark
    public double[] jvpGradient(JvpSizes s) {
        return jvpGradient((Point) s);
    }

    static double[] jvpGradient(Point s) {
        double[] unit = s.unit;
        for (int i = 0; i < unit.length; i++) {
            unit[i] = 1;
            s.dx[i] = RosenbrockBenchDiff.rosenbrockJvp(s.x, unit).tangent();
            unit[i] = 0;
        }
        return s.dx;
    }

    /**
     * Hipparchus {@link Gradient}: seeds n variables (each with a dense gradient of n entries) and runs the field
     * version of the function.
     *
     * @param s the inputs
     * @return the value with its gradient, consumed by JMH
     */
    @Benchmark
    public Gradient hipparchusGradient(PeerSizes s) {
        return hipparchusGradient((Point) s);
    }

    static Gradient hipparchusGradient(Point s) {
        return rosenbrock(Peers.gradientVariables(s.x, 0, s.x.length));
    }

    /**
     * Hipparchus {@link DerivativeStructure} of order 1 in n variables, from a factory made once.
     *
     * @param s the inputs
     * @return the value with its derivatives, consumed by JMH
     */
    @Benchmark
    public DerivativeStructure hipparchusDS(PeerSizes s) {
        return hipparchusDS((Point) s);
    }

    static DerivativeStructure hipparchusDS(Point s) {
        return rosenbrock(Peers.dsVariables(s.ds, s.x, 0));
    }

    /**
     * Central finite differences with a fixed step: 2n + 1 evaluations of the function, into {@code dx}.
     *
     * @param s the inputs
     * @return the value, consumed by JMH
     */
    @Benchmark
    public double finiteDifferences(PeerSizes s) {
        return finiteDifferences((Point) s);
    }

    static double finiteDifferences(Point s) {
        double[] x = s.x;
        return Peers.centralDifferences(() -> rosenbrock(x), s.parts, s.gradients);
    }
}
