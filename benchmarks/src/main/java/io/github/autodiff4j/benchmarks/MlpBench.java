package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.problems.Mlp;
import io.github.autodiff4j.problems.MlpDiff;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The samples' 2-16-2 tanh/softmax perceptron ({@link Mlp}, 82 weights as {@code double[][]} and {@code double[]})
 * on 256 points of two noisy spirals (seeded): the loss, the generated gradient (both forms), one JVP and the
 * gradient by 82 JVPs, Hipparchus {@link Gradient} and {@link DerivativeStructure}, central differences (165
 * evaluations) and backpropagation by hand.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MlpBench {

    static final int POINTS_PER_CLASS = 128;
    static final int INPUTS = 2;
    static final int HIDDEN = 16;
    static final int CLASSES = 2;
    static final int WEIGHTS = HIDDEN * INPUTS + HIDDEN + CLASSES * HIDDEN + CLASSES;

    double[][] xs;
    int[] labels;
    double[][] w1;
    double[] b1;
    double[][] w2;
    double[] b2;
    /** The direction of the JVP, and the unit direction of the gradient by JVPs (all zeros between calls). */
    double[][] vw1;

    double[] vb1;
    double[][] vw2;
    double[] vb2;
    double[][] uw1;
    double[] ub1;
    double[][] uw2;
    double[] ub2;
    /** The gradient, overwritten by the in-place forms. */
    double[][] dw1;

    double[] db1;
    double[][] dw2;
    double[] db2;
    double[] hidden;
    double[] scores;
    /** The weights' arrays in flattened order (rows of w1, b1, rows of w2, b2), and the gradient's. */
    double[][] parts;

    double[][] gradients;
    double[][] units;
    double[] flatGradient;
    DSFactory ds;

    /**
     * Draws the data and the weights; checks what the trial's method computes against the generated gradient, and
     * that against backpropagation by hand.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        prepare(Peers.method(params));
    }

    void prepare(String method) {
        Random random = new Random(20240613L);
        int n = 2 * POINTS_PER_CLASS;
        xs = new double[n][];
        labels = new int[n];
        for (int p = 0; p < n; p++) {
            int label = p % 2;
            double t = (double) (p / 2) / POINTS_PER_CLASS;
            double angle = 3 * Math.PI * t + Math.PI * label;
            xs[p] = new double[] {
                t * Math.cos(angle) + 0.05 * random.nextGaussian(), t * Math.sin(angle) + 0.05 * random.nextGaussian()
            };
            labels[p] = label;
        }
        w1 = gaussian(random, HIDDEN, INPUTS, 1);
        b1 = gaussian(random, 1, HIDDEN, 0.1)[0];
        w2 = gaussian(random, CLASSES, HIDDEN, 0.5);
        b2 = gaussian(random, 1, CLASSES, 0.1)[0];
        vw1 = gaussian(random, HIDDEN, INPUTS, 1);
        vb1 = gaussian(random, 1, HIDDEN, 1)[0];
        vw2 = gaussian(random, CLASSES, HIDDEN, 1);
        vb2 = gaussian(random, 1, CLASSES, 1)[0];
        uw1 = new double[HIDDEN][INPUTS];
        ub1 = new double[HIDDEN];
        uw2 = new double[CLASSES][HIDDEN];
        ub2 = new double[CLASSES];
        dw1 = new double[HIDDEN][INPUTS];
        db1 = new double[HIDDEN];
        dw2 = new double[CLASSES][HIDDEN];
        db2 = new double[CLASSES];
        hidden = new double[HIDDEN];
        scores = new double[CLASSES];
        parts = flatten(w1, b1, w2, b2);
        gradients = flatten(dw1, db1, dw2, db2);
        units = flatten(uw1, ub1, uw2, ub2);
        flatGradient = new double[WEIGHTS];
        ds = new DSFactory(WEIGHTS, 1);

        double value = MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2);
        double[] reference = Vectors.concat(gradients);
        Peers.check("value by hand", value, handWritten(), 1e-13);
        Peers.check("gradient by hand", reference, Vectors.concat(gradients), 1e-13);
        double[] g = null;
        switch (method) {
            case "function" -> Peers.check(method, value, function(), 1e-14);
            case "gradientRecord" -> {
                MlpDiff.LossGradient r = gradientRecord();
                g = Vectors.concat(flatten(r.w1(), r.b1(), r.w2(), r.b2()));
            }
            case "gradientInPlace" -> {
                gradientInPlace();
                g = Vectors.concat(gradients);
            }
            case "handWritten" -> {
                handWritten();
                g = Vectors.concat(gradients);
            }
            case "jvp" -> {
                double[] direction = Vectors.concat(flatten(vw1, vb1, vw2, vb2));
                double dot = 0;
                for (int i = 0; i < WEIGHTS; i++) {
                    dot += reference[i] * direction[i];
                }
                Peers.check(method, dot, jvp().tangent(), 1e-12);
            }
            case "jvpGradient" -> g = jvpGradient().clone();
            case "hipparchusGradient" -> g = hipparchusGradient().getGradient();
            case "hipparchusDS" -> g = Peers.dsGradient(hipparchusDS());
            case "finiteDifferences" -> {
                finiteDifferences();
                g = Vectors.concat(gradients);
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
        if (g != null) {
            Peers.check(method, reference, g, method.equals("finiteDifferences") ? 1e-6 : 1e-12);
        }
    }

    private static double[][] gaussian(Random random, int rows, int columns, double scale) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int k = 0; k < columns; k++) {
                row[k] = scale * random.nextGaussian();
            }
        }
        return m;
    }

    /** The rows of {@code w1}, {@code b1}, the rows of {@code w2}, {@code b2}: the flattened order, by reference. */
    static double[][] flatten(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        double[][] all = new double[w1.length + 1 + w2.length + 1][];
        int at = 0;
        for (double[] row : w1) {
            all[at++] = row;
        }
        all[at++] = b1;
        for (double[] row : w2) {
            all[at++] = row;
        }
        all[at] = b2;
        return all;
    }

    /**
     * The loss alone.
     *
     * @return the loss
     */
    @Benchmark
    public double function() {
        return Mlp.loss(w1, b1, w2, b2, xs, labels);
    }

    /**
     * The generated gradient, record form.
     *
     * @return the record
     */
    @Benchmark
    public MlpDiff.LossGradient gradientRecord() {
        return MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels);
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @return the loss
     */
    @Benchmark
    public double gradientInPlace() {
        return MlpDiff.lossGrad(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2);
    }

    /**
     * One generated JVP.
     *
     * @return the loss and its directional derivative
     */
    @Benchmark
    public Dual jvp() {
        return MlpDiff.lossJvp(w1, vw1, b1, vb1, w2, vw2, b2, vb2, xs, labels);
    }

    /**
     * The gradient by 82 generated JVPs, flattened.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] jvpGradient() {
        int at = 0;
        for (double[] unit : units) {
            for (int k = 0; k < unit.length; k++) {
                unit[k] = 1;
                flatGradient[at++] = MlpDiff.lossJvp(w1, uw1, b1, ub1, w2, uw2, b2, ub2, xs, labels)
                        .tangent();
                unit[k] = 0;
            }
        }
        return flatGradient;
    }

    /**
     * Backpropagation by hand.
     *
     * @return the loss
     */
    @Benchmark
    public double handWritten() {
        return MlpByHand.lossGradByHand(w1, b1, w2, b2, xs, labels, dw1, db1, dw2, db2, hidden, scores);
    }

    /**
     * Hipparchus {@link Gradient} in 82 variables.
     *
     * @return the loss with its gradient
     */
    @Benchmark
    public Gradient hipparchusGradient() {
        Gradient[][] v1 = new Gradient[HIDDEN][];
        int at = 0;
        for (int j = 0; j < HIDDEN; j++) {
            v1[j] = Peers.gradientVariables(w1[j], at, WEIGHTS);
            at += INPUTS;
        }
        Gradient[] c1 = Peers.gradientVariables(b1, at, WEIGHTS);
        at += HIDDEN;
        Gradient[][] v2 = new Gradient[CLASSES][];
        for (int c = 0; c < CLASSES; c++) {
            v2[c] = Peers.gradientVariables(w2[c], at, WEIGHTS);
            at += HIDDEN;
        }
        Gradient[] c2 = Peers.gradientVariables(b2, at, WEIGHTS);
        return MlpField.loss(v1, c1, v2, c2, xs, labels);
    }

    /**
     * Hipparchus {@link DerivativeStructure}, order 1 in 82 variables.
     *
     * @return the loss with its derivatives
     */
    @Benchmark
    public DerivativeStructure hipparchusDS() {
        DerivativeStructure[][] v1 = new DerivativeStructure[HIDDEN][];
        int at = 0;
        for (int j = 0; j < HIDDEN; j++) {
            v1[j] = Peers.dsVariables(ds, w1[j], at);
            at += INPUTS;
        }
        DerivativeStructure[] c1 = Peers.dsVariables(ds, b1, at);
        at += HIDDEN;
        DerivativeStructure[][] v2 = new DerivativeStructure[CLASSES][];
        for (int c = 0; c < CLASSES; c++) {
            v2[c] = Peers.dsVariables(ds, w2[c], at);
            at += HIDDEN;
        }
        DerivativeStructure[] c2 = Peers.dsVariables(ds, b2, at);
        return MlpField.loss(v1, c1, v2, c2, xs, labels);
    }

    /**
     * Central differences: 165 evaluations of the loss.
     *
     * @return the loss
     */
    @Benchmark
    public double finiteDifferences() {
        return Peers.centralDifferences(() -> Mlp.loss(w1, b1, w2, b2, xs, labels), parts, gradients);
    }
}
