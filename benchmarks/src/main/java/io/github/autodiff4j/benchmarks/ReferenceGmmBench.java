package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Gmm;
import io.github.autodiff4j.problems.GmmDiff;
import io.github.autodiff4j.problems.GmmReference;
import io.github.autodiff4j.problems.GmmReferenceDiff;
import io.github.autodiff4j.problems.Vectors;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * ADBench's GMM objective in the C++ reference's shape ({@link GmmReference}: void helpers writing into output
 * arrays), on the same files, with the same methods and profile as {@link GmmBench}, which times the
 * array-returning rewrite ({@link Gmm}): the objective and the generated gradient in both forms. The name ends in
 * {@code GmmBench}, so {@code run-all.sh GmmBench} runs both shapes in one run, and the ratio table shows them on
 * adjacent rows. Each setup checks the trial's method against the rewrite's generated gradient.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ReferenceGmmBench {

    /** The input file, without {@code .txt}: {@link GmmBench}'s files. */
    @Param({"gmm_1k_d2_K5", "gmm_1k_d10_K5", "gmm_1k_d2_K200", "gmm_1k_d10_K50"})
    public String file;

    Gmm.Input in;
    GmmReference.Wishart wishart;
    double[] dAlphas;
    double[] dMeans;
    double[] dIcf;

    /**
     * Reads the file and checks what the trial's method computes against the rewrite's generated gradient.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        prepare(Peers.method(params));
    }

    void prepare(String method) {
        in = AdbenchData.readGmm(file + ".txt");
        wishart = GmmReference.wishart(in);
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
            case "function" -> Peers.check(method, value, function(), 1e-12);
            case "gradientInPlace" -> {
                Peers.check(method + " value", value, gradientInPlace(), 1e-12);
                Peers.check(method, reference, Vectors.concat(dAlphas, dMeans, dIcf), 1e-11);
            }
            case "gradientRecord" -> {
                GmmReferenceDiff.GmmGradient g = gradientRecord();
                Peers.check(method, reference, Vectors.concat(g.alphas(), g.means(), g.icf()), 1e-11);
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
    }

    /**
     * The objective alone: the baseline.
     *
     * @return the objective
     */
    @Benchmark
    public double function() {
        return GmmReference.gmm(in.d(), in.k(), in.n(), in.alphas(), in.means(), in.icf(), in.x(), wishart);
    }

    /**
     * The generated gradient, record form.
     *
     * @return the record
     */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GmmReferenceDiff.GmmGradient gradientRecord() {
        return GmmReferenceDiff.gmmGrad(in.d(), in.k(), in.n(), in.alphas(), in.means(), in.icf(), in.x(), wishart);
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @return the objective (the gradient lives on in the state's arrays)
     */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double gradientInPlace() {
        return GmmReferenceDiff.gmmGrad(
                in.d(), in.k(), in.n(), in.alphas(), in.means(), in.icf(), in.x(), wishart, dAlphas, dMeans, dIcf);
    }
}
