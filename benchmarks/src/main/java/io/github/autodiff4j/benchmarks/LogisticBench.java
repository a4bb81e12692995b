package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NoDerivative;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The loss of an L2-regularised logistic regression on m = 1000 samples of n = 100 features (synthetic, seeded):
 * {@code (1/m) sum_i [log(1 + exp(w . x_i)) - y_i w . x_i] + lambda/2 ||w||^2}, the log written stably as
 * {@code max(z, 0) + log1p(exp(-|z|))}. Against: the generated gradient (both forms), one JVP and the gradient by
 * 100 JVPs, Hipparchus {@link Gradient} and {@link DerivativeStructure}, central differences (201 evaluations) and
 * the textbook gradient by hand, {@code (1/m) X^T (sigmoid(X w) - y) + lambda w}.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class LogisticBench {

    /** Samples. */
    static final int M = 1000;
    /** Features: the active inputs. */
    static final int N = 100;
    /** The regularisation weight. */
    static final double LAMBDA = 1e-3;

    double[][] xs;
    double[] ys;
    double[] w;
    double[] v;
    double[] dw;
    double[] unit;
    double[][] parts;
    double[][] gradients;
    DSFactory ds;

    /**
     * The loss.
     *
     * @param w      the weights, one per feature
     * @param xs     the samples, m rows of n features
     * @param ys     the labels, 0 or 1
     * @param lambda the regularisation weight
     * @return the loss
     */
    @Differentiable
    static double loss(
            double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys, @NoDerivative double lambda) {
        double total = 0;
        for (int i = 0; i < xs.length; i++) {
            double z = dot(w, xs[i]);
            total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[i] * z;
        }
        double penalty = 0;
        for (int j = 0; j < w.length; j++) {
            penalty += w[j] * w[j];
        }
        return total / xs.length + 0.5 * lambda * penalty;
    }

    static double dot(double[] w, double[] x) {
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            sum += w[k] * x[k];
        }
        return sum;
    }

    /**
     * The same loss over a Hipparchus field, operation for operation.
     *
     * @param w      the weights
     * @param xs     the samples
     * @param ys     the labels
     * @param lambda the regularisation weight
     * @param <T>    the field's element type
     * @return the loss with its derivatives
     */
    static <T extends CalculusFieldElement<T>> T loss(T[] w, double[][] xs, double[] ys, double lambda) {
        T zero = Peers.zero(w[0]);
        T total = zero;
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            T z = zero;
            for (int k = 0; k < w.length; k++) {
                z = z.add(w[k].multiply(x[k]));
            }
            T softplus = (z.getReal() > 0 ? z : zero).add(z.abs().negate().exp().log1p());
            total = total.add(softplus.subtract(z.multiply(ys[i])));
        }
        T penalty = zero;
        for (int j = 0; j < w.length; j++) {
            penalty = penalty.add(w[j].multiply(w[j]));
        }
        return total.divide(xs.length).add(penalty.multiply(0.5 * lambda));
    }

    /**
     * The gradient by hand, with the value: {@code (1/m) sum_i (sigmoid(z_i) - y_i) x_i + lambda w}.
     *
     * @param w      the weights
     * @param xs     the samples
     * @param ys     the labels
     * @param lambda the regularisation weight
     * @param g      overwritten with the gradient
     * @return the loss
     */
    static double lossGradByHand(double[] w, double[][] xs, double[] ys, double lambda, double[] g) {
        java.util.Arrays.fill(g, 0);
        double total = 0;
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            double z = 0;
            for (int k = 0; k < w.length; k++) {
                z += w[k] * x[k];
            }
            double e = Math.exp(-Math.abs(z));
            total += Math.max(z, 0) + Math.log1p(e) - ys[i] * z;
            double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            double r = sigmoid - ys[i];
            for (int k = 0; k < w.length; k++) {
                g[k] += r * x[k];
            }
        }
        double penalty = 0;
        double scale = 1.0 / xs.length;
        for (int k = 0; k < w.length; k++) {
            penalty += w[k] * w[k];
            g[k] = g[k] * scale + lambda * w[k];
        }
        return total * scale + 0.5 * lambda * penalty;
    }

    /**
     * Draws the data (features standard normal, labels from a random true model) and the point; checks what the
     * trial's method computes against the generated gradient, and that against the hand-written one.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        prepare(Peers.method(params));
    }

    void prepare(String method) {
        Random random = new Random(20240612L);
        double[] truth = new double[N];
        for (int k = 0; k < N; k++) {
            truth[k] = random.nextGaussian() / Math.sqrt(N) * 3;
        }
        xs = new double[M][N];
        ys = new double[M];
        for (int i = 0; i < M; i++) {
            double z = 0;
            for (int k = 0; k < N; k++) {
                xs[i][k] = random.nextGaussian();
                z += truth[k] * xs[i][k];
            }
            ys[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        w = new double[N];
        v = new double[N];
        dw = new double[N];
        unit = new double[N];
        for (int k = 0; k < N; k++) {
            w[k] = 0.1 * random.nextGaussian();
            v[k] = random.nextGaussian();
        }
        parts = new double[][] {w};
        gradients = new double[][] {dw};
        ds = new DSFactory(N, 1);

        double[] reference = new double[N];
        double value = LogisticBenchDiff.lossGrad(w, xs, ys, LAMBDA, reference);
        double[] byHand = new double[N];
        Peers.check("value by hand", value, lossGradByHand(w, xs, ys, LAMBDA, byHand), 1e-13);
        Peers.check("gradient by hand", reference, byHand, 1e-13);
        double[] g = new double[N];
        switch (method) {
            case "function" -> Peers.check(method, value, function(), 1e-14);
            case "gradientRecord" -> g = gradientRecord().w();
            case "gradientInPlace" -> LogisticBenchDiff.lossGrad(w, xs, ys, LAMBDA, g);
            case "handWritten" -> lossGradByHand(w, xs, ys, LAMBDA, g);
            case "jvp" -> {
                double dot = 0;
                for (int k = 0; k < N; k++) {
                    dot += reference[k] * v[k];
                }
                Peers.check(method, dot, jvp().tangent(), 1e-12);
            }
            case "jvpGradient" -> g = jvpGradient().clone();
            case "hipparchusGradient" -> g = hipparchusGradient().getGradient();
            case "hipparchusDS" -> g = Peers.dsGradient(hipparchusDS());
            case "finiteDifferences" -> {
                finiteDifferences();
                g = dw.clone();
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
        if (!method.equals("function") && !method.equals("jvp")) {
            Peers.check(method, reference, g, method.equals("finiteDifferences") ? 1e-6 : 1e-12);
        }
    }

    /**
     * The loss alone.
     *
     * @return the loss
     */
    @Benchmark
    public double function() {
        return loss(w, xs, ys, LAMBDA);
    }

    /**
     * The generated gradient, record form.
     *
     * @return the record
     */
    @Benchmark
    public LogisticBenchDiff.LossGradient gradientRecord() {
        return LogisticBenchDiff.lossGrad(w, xs, ys, LAMBDA);
    }

    /**
     * The generated gradient, allocation-free form.
     *
     * @return the loss
     */
    @Benchmark
    public double gradientInPlace() {
        return LogisticBenchDiff.lossGrad(w, xs, ys, LAMBDA, dw);
    }

    /**
     * One generated JVP.
     *
     * @return the loss and its directional derivative
     */
    @Benchmark
    public Dual jvp() {
        return LogisticBenchDiff.lossJvp(w, v, xs, ys, LAMBDA);
    }

    /**
     * The gradient by 100 generated JVPs.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] jvpGradient() {
        for (int k = 0; k < N; k++) {
            unit[k] = 1;
            dw[k] = LogisticBenchDiff.lossJvp(w, unit, xs, ys, LAMBDA).tangent();
            unit[k] = 0;
        }
        return dw;
    }

    /**
     * The gradient by hand.
     *
     * @return the loss
     */
    @Benchmark
    public double handWritten() {
        return lossGradByHand(w, xs, ys, LAMBDA, dw);
    }

    /**
     * Hipparchus {@link Gradient} in 100 variables.
     *
     * @return the loss with its gradient
     */
    @Benchmark
    public Gradient hipparchusGradient() {
        return loss(Peers.gradientVariables(w, 0, N), xs, ys, LAMBDA);
    }

    /**
     * Hipparchus {@link DerivativeStructure}, order 1 in 100 variables.
     *
     * @return the loss with its derivatives
     */
    @Benchmark
    public DerivativeStructure hipparchusDS() {
        return loss(Peers.dsVariables(ds, w, 0), xs, ys, LAMBDA);
    }

    /**
     * Central differences: 201 evaluations of the loss.
     *
     * @return the loss
     */
    @Benchmark
    public double finiteDifferences() {
        return Peers.centralDifferences(() -> loss(w, xs, ys, LAMBDA), parts, gradients);
    }
}
