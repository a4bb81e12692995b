package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Gmm;
import io.github.autodiff4j.problems.GmmDiff;
import io.github.autodiff4j.problems.Vectors;
import java.util.concurrent.TimeUnit;
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
 * ADBench's GMM objective ({@link Gmm}) on ADBench's inputs of 1000 points (the files in {@code data/adbench}): the
 * objective, and the generated reverse-mode gradient in record and allocation-free forms; Hipparchus
 * {@link Gradient} on the smallest file only (30 parameters; on the others every operation would carry a dense
 * gradient of 330 to 3300 entries). No hand-written gradient and no finite differences here: the issue compares the
 * gradient/objective ratio with ADBench's published ones (data/adbench/README.md), which were measured on 10000
 * points, so compare the ratios, not the times.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GmmBench {

    /**
     * One input file, read once, with the gradient arrays the allocation-free form overwrites. On setup, checks
     * what the trial's method computes against the generated gradient.
     */
    public abstract static class Input {
        Gmm.Input in;
        double[] dAlphas;
        double[] dMeans;
        double[] dIcf;

        void prepare(String file, String method) {
            in = AdbenchData.readGmm(file + ".txt");
            dAlphas = new double[in.alphas().length];
            dMeans = new double[in.means().length];
            dIcf = new double[in.icf().length];
            double value = GmmDiff.gmmGrad(
                    in.alphas(),
                    in.means(),
                    in.icf(),
                    in.x(),
                    in.gamma(),
                    in.m(),
                    in.n(),
                    in.d(),
                    in.k(),
                    dAlphas,
                    dMeans,
                    dIcf);
            double[] reference = Vectors.concat(dAlphas, dMeans, dIcf);
            switch (method) {
                case "function" -> Peers.check(method, value, function(this), 1e-12);
                case "gradientInPlace" -> {}
                case "gradientRecord" -> {
                    GmmDiff.GmmGradient g = gradientRecord(this);
                    Peers.check(method, reference, Vectors.concat(g.alphas(), g.means(), g.icf()), 0);
                }
                case "hipparchusGradient" -> {
                    Gradient g = hipparchusGradient(this);
                    Peers.check(method + " value", value, g.getValue(), 1e-12);
                    Peers.check(method, reference, g.getGradient(), 1e-11);
                }
                default -> throw new IllegalStateException("no check for " + method);
            }
        }
    }

    /** The files of our own code. */
    @State(Scope.Benchmark)
    public static class Files extends Input {
        /** The input file, without {@code .txt}. */
        @Param({"gmm_1k_d2_K5", "gmm_1k_d10_K5", "gmm_1k_d2_K200", "gmm_1k_d10_K50"})
        public String file;

        /**
         * Reads the file and checks the trial's method.
         *
         * @param params the trial's parameters
         */
        @Setup
        public void setUp(BenchmarkParams params) {
            prepare(Peers.method(params));
        }

        void prepare(String method) {
            prepare(file, method);
        }
    }

    /** The file of Hipparchus. */
    @State(Scope.Benchmark)
    public static class PeerFiles extends Input {
        /** The input file, without {@code .txt}. */
        @Param({"gmm_1k_d2_K5"})
        public String filePeers;

        /**
         * Reads the file and checks the trial's method.
         *
         * @param params the trial's parameters
         */
        @Setup
        public void setUp(BenchmarkParams params) {
            prepare(Peers.method(params));
        }

        void prepare(String method) {
            prepare(filePeers, method);
        }
    }

    /**
     * The objective alone: the baseline.
     *
     * @param s the input
     * @return the objective
     */
    @Benchmark
    public double function(Files s) {
        return function((Input) s);
    }

    static double function(Input s) {
        Gmm.Input in = s.in;
        return Gmm.gmm(in.alphas(), in.means(), in.icf(), in.x(), in.gamma(), in.m(), in.n(), in.d(), in.k());
    }

    /**
     * The generated gradient, record form.
     *
     * @param s the input
     * @return the record
     */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GmmDiff.GmmGradient gradientRecord(Files s) {
        return gradientRecord((Input) s);
    }

    static GmmDiff.GmmGradient gradientRecord(Input s) {
        Gmm.Input in = s.in;
        return GmmDiff.gmmGrad(in.alphas(), in.means(), in.icf(), in.x(), in.gamma(), in.m(), in.n(), in.d(), in.k());
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @param s the input
     * @return the objective (the gradient lives on in the state's arrays)
     */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double gradientInPlace(Files s) {
        Gmm.Input in = s.in;
        return GmmDiff.gmmGrad(
                in.alphas(),
                in.means(),
                in.icf(),
                in.x(),
                in.gamma(),
                in.m(),
                in.n(),
                in.d(),
                in.k(),
                s.dAlphas,
                s.dMeans,
                s.dIcf);
    }

    /**
     * Hipparchus {@link Gradient} on the field version of the objective.
     *
     * @param s the input
     * @return the objective with its gradient
     */
    @Benchmark
    public Gradient hipparchusGradient(PeerFiles s) {
        return hipparchusGradient((Input) s);
    }

    static Gradient hipparchusGradient(Input s) {
        Gmm.Input in = s.in;
        int total = in.parameters();
        int k = in.alphas().length;
        int kd = in.means().length;
        return GmmField.gmm(
                Peers.gradientVariables(in.alphas(), 0, total),
                Peers.gradientVariables(in.means(), k, total),
                Peers.gradientVariables(in.icf(), k + kd, total),
                in.x(),
                in.gamma(),
                in.m(),
                in.n(),
                in.d(),
                in.k());
    }
}
