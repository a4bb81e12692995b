package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Lstm;
import io.github.autodiff4j.problems.LstmDiff;
import io.github.autodiff4j.problems.LstmReference;
import io.github.autodiff4j.problems.LstmReferenceDiff;
import io.github.autodiff4j.problems.Vectors;
import java.util.Random;
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
 * ADBench's LSTM objective in the C++ reference's shape ({@link LstmReference}: {@code lstm_model} and
 * {@code lstm_predict} as void functions writing into the state and the prediction), on the same file, with the
 * same methods of ours, direction and profile as {@link LstmBench}, which times the one-method rewrite
 * ({@link Lstm}): the objective, the generated gradient in both forms, one JVP. The name ends in {@code LstmBench},
 * so {@code run-all.sh LstmBench} runs both shapes in one run. Each setup checks the trial's method against the
 * rewrite's generated gradient.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ReferenceLstmBench {

    /** The input file, without {@code .txt}. */
    @Param({"lstm_l2_c1024"})
    public String file;

    Lstm.Input in;
    double[] vMain;
    double[] vExtra;
    double[] dMain;
    double[] dExtra;

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
        in = AdbenchData.readLstm(file + ".txt");
        // LstmBench's direction, drawn the same way.
        Random random = new Random(20240614L);
        vMain = new double[in.main().length];
        vExtra = new double[in.extra().length];
        for (int i = 0; i < vMain.length; i++) {
            vMain[i] = random.nextGaussian();
        }
        for (int i = 0; i < vExtra.length; i++) {
            vExtra[i] = random.nextGaussian();
        }
        dMain = new double[in.main().length];
        dExtra = new double[in.extra().length];
        double value = LstmDiff.lstmGrad(
                in.main(), in.extra(), in.state(), in.sequence(), in.l(), in.c(), in.b(), dMain, dExtra);
        double[] reference = Vectors.concat(dMain, dExtra);
        switch (method) {
            case "function" -> Peers.check(method, value, function(), 1e-13);
            case "gradientRecord" -> {
                LstmReferenceDiff.LstmGradient r = gradientRecord();
                Peers.check(method, reference, Vectors.concat(r.mainParams(), r.extraParams()), 1e-11);
            }
            case "gradientInPlace" -> {
                Peers.check(method + " value", value, gradientInPlace(), 1e-13);
                Peers.check(method, reference, Vectors.concat(dMain, dExtra), 1e-11);
            }
            case "jvp" -> {
                double[] direction = Vectors.concat(vMain, vExtra);
                double dot = 0;
                for (int i = 0; i < direction.length; i++) {
                    dot += reference[i] * direction[i];
                }
                Peers.check(method, dot, jvp().tangent(), 1e-11);
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
    }

    /**
     * The objective alone.
     *
     * @return the objective
     */
    @Benchmark
    public double function() {
        return LstmReference.lstm(in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence());
    }

    /**
     * The generated gradient, record form.
     *
     * @return the record
     */
    @Benchmark
    public LstmReferenceDiff.LstmGradient gradientRecord() {
        return LstmReferenceDiff.lstmGrad(in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence());
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @return the objective
     */
    @Benchmark
    public double gradientInPlace() {
        return LstmReferenceDiff.lstmGrad(
                in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence(), dMain, dExtra);
    }

    /**
     * One generated JVP.
     *
     * @return the objective and its directional derivative
     */
    @Benchmark
    public Dual jvp() {
        return LstmReferenceDiff.lstmJvp(
                in.l(), in.c(), in.b(), in.main(), vMain, in.extra(), vExtra, in.state(), in.sequence());
    }
}
