package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Lstm;
import io.github.autodiff4j.problems.LstmDiff;
import io.github.autodiff4j.problems.Vectors;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * ADBench's LSTM objective ({@link Lstm}) on {@code lstm_l2_c1024} (2 layers, 1024 steps, width 14: 266 parameters):
 * the objective, the generated gradient (both forms), one JVP, Hipparchus {@link Gradient} and
 * {@link DerivativeStructure}, and central differences (533 evaluations). No gradient by 266 JVPs (more than 100
 * inputs) and none by hand (ADBench's hand-written LSTM gradient is a project of its own).
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class LstmBench {

    /** The input file, without {@code .txt}. */
    @Param({"lstm_l2_c1024"})
    public String file;

    Lstm.Input in;
    double[] vMain;
    double[] vExtra;
    double[] dMain;
    double[] dExtra;
    double[][] parts;
    double[][] gradients;
    DSFactory ds;

    /**
     * Reads the file and checks what the trial's method computes against the generated gradient.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        prepare(Peers.method(params));
    }

    void prepare(String method) {
        in = AdbenchData.readLstm(file + ".txt");
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
        parts = new double[][] {in.main(), in.extra()};
        gradients = new double[][] {dMain, dExtra};
        ds = new DSFactory(in.parameters(), 1);

        double value = LstmDiff.lstmGrad(
                in.main(), in.extra(), in.state(), in.sequence(), in.l(), in.c(), in.b(), dMain, dExtra);
        double[] reference = Vectors.concat(dMain, dExtra);
        double[] g = null;
        switch (method) {
            case "function" -> Peers.check(method, value, function(), 1e-13);
            case "gradientRecord" -> {
                LstmDiff.LstmGradient r = gradientRecord();
                g = Vectors.concat(r.main(), r.extra());
            }
            case "gradientInPlace" -> {
                gradientInPlace();
                g = Vectors.concat(dMain, dExtra);
            }
            case "jvp" -> {
                double[] direction = Vectors.concat(vMain, vExtra);
                double dot = 0;
                for (int i = 0; i < direction.length; i++) {
                    dot += reference[i] * direction[i];
                }
                Peers.check(method, dot, jvp().tangent(), 1e-11);
            }
            case "hipparchusGradient" -> g = hipparchusGradient().getGradient();
            case "hipparchusDS" -> g = Peers.dsGradient(hipparchusDS());
            case "finiteDifferences" -> {
                finiteDifferences();
                g = Vectors.concat(dMain, dExtra);
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
        if (g != null) {
            Peers.check(method, reference, g, method.equals("finiteDifferences") ? 1e-6 : 1e-11);
        }
    }

    /**
     * The objective alone.
     *
     * @return the objective
     */
    @Benchmark
    public double function() {
        return Lstm.lstm(in.main(), in.extra(), in.state(), in.sequence(), in.l(), in.c(), in.b());
    }

    /**
     * The generated gradient, record form.
     *
     * @return the record
     */
    @Benchmark
    public LstmDiff.LstmGradient gradientRecord() {
        return LstmDiff.lstmGrad(in.main(), in.extra(), in.state(), in.sequence(), in.l(), in.c(), in.b());
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @return the objective
     */
    @Benchmark
    public double gradientInPlace() {
        return LstmDiff.lstmGrad(
                in.main(), in.extra(), in.state(), in.sequence(), in.l(), in.c(), in.b(), dMain, dExtra);
    }

    /**
     * One generated JVP.
     *
     * @return the objective and its directional derivative
     */
    @Benchmark
    public Dual jvp() {
        return LstmDiff.lstmJvp(
                in.main(), vMain, in.extra(), vExtra, in.state(), in.sequence(), in.l(), in.c(), in.b());
    }

    /**
     * Hipparchus {@link Gradient} in 266 variables.
     *
     * @return the objective with its gradient
     */
    @Benchmark
    public Gradient hipparchusGradient() {
        int total = in.parameters();
        return LstmField.lstm(
                Peers.gradientVariables(in.main(), 0, total),
                Peers.gradientVariables(in.extra(), in.main().length, total),
                in.state(),
                in.sequence(),
                in.l(),
                in.c(),
                in.b());
    }

    /**
     * Hipparchus {@link DerivativeStructure}, order 1 in 266 variables.
     *
     * @return the objective with its derivatives
     */
    @Benchmark
    public DerivativeStructure hipparchusDS() {
        return LstmField.lstm(
                Peers.dsVariables(ds, in.main(), 0),
                Peers.dsVariables(ds, in.extra(), in.main().length),
                in.state(),
                in.sequence(),
                in.l(),
                in.c(),
                in.b());
    }

    /**
     * Central differences: 533 evaluations of the objective.
     *
     * @return the objective
     */
    @Benchmark
    public double finiteDifferences() {
        Lstm.Input i = in;
        return Peers.centralDifferences(
                () -> Lstm.lstm(i.main(), i.extra(), i.state(), i.sequence(), i.l(), i.c(), i.b()), parts, gradients);
    }
}
