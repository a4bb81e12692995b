package io.github.autodiff4j.samples;

import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits a damped oscillation ({@link DampedOscillation}) to noisy measurements with Hipparchus's
 * Levenberg-Marquardt optimiser, which asks at each step for the model's values and its Jacobian by the
 * parameters: the Jacobian is the generated {@code DampedOscillationDiff.curveJacobian}. The data are made here
 * from known parameters plus Gaussian noise from a seeded {@link Random}, so the fit can be judged against the truth:
 * each fitted parameter must lie within {@value #SIGMAS} standard errors of the true one.
 */
final class CurveFit implements Sample {

    /** The parameters the data are made from: amplitude, decay rate, angular frequency, phase. */
    static final double[] TRUE = {2.0, 0.3, 2.5, 0.4};
    /** Where the optimiser starts: every parameter off, the frequency by 8%. */
    static final double[] START = {1.0, 0.1, 2.3, 0.0};

    static final String[] NAMES = {"A (amplitude)", "lambda (decay)", "omega (frequency)", "phi (phase)"};
    /** Measurements at t = 0, 0.1, ..., 7.9. */
    static final int POINTS = 80;

    static final double SPACING = 0.1;
    /** The noise's standard deviation. */
    static final double NOISE = 0.05;

    static final long SEED = 20_24;
    /** How many standard errors a fitted parameter may be from the truth. */
    static final double SIGMAS = 4;

    @Override
    public String name() {
        return "curve-fit";
    }

    @Override
    public String description() {
        return "Hipparchus Levenberg-Marquardt fits a damped oscillation with the generated Jacobian";
    }

    @Override
    public boolean run(PrintStream out) {
        double[] t = times();
        double[] y = measurements(t);
        out.printf(
                Locale.ROOT,
                "  Model y(t) = A exp(-lambda t) cos(omega t + phi), %d measurements at t = 0, %s, ..., %s" + "%n",
                POINTS,
                Table.number(SPACING),
                Table.number(SPACING * (POINTS - 1)));
        out.printf(
                Locale.ROOT,
                "  made from the true parameters plus Gaussian noise of standard deviation %s (seed %d)." + "%n",
                Table.number(NOISE),
                SEED);
        out.println("  LevenbergMarquardtOptimizer asks for values and Jacobian; both come from one call of the model");
        out.println("  and one of DampedOscillationDiff.curveJacobian(p, t) (4 forward sweeps, one per parameter).");
        out.println();

        LeastSquaresOptimizer.Optimum optimum = fit(t, y, p -> DampedOscillationDiff.curveJacobian(p, t));
        int[] modelCalls = {0};
        Function<double[], double[]> counted = p -> {
            modelCalls[0]++;
            return DampedOscillation.curve(p, t);
        };
        LeastSquaresOptimizer.Optimum numeric = fit(t, y, p -> NumericDiff.jacobian(counted, p));
        int callsPerJacobian = modelCalls[0] / numeric.getEvaluations();
        double[] fitted = optimum.getPoint().toArray();
        int m = POINTS;
        int n = fitted.length;
        // The residuals' standard deviation, and the parameters' standard errors s sqrt(diag (J^T J)^-1).
        double s = optimum.getRMS() * Math.sqrt((double) m / (m - n));
        double[] errors = optimum.getSigma(1e-12).mapMultiply(s).toArray();
        out.printf(
                "  Start (A, lambda, omega, phi) = (%s, %s, %s, %s).%n",
                Table.number(START[0]), Table.number(START[1]), Table.number(START[2]), Table.number(START[3]));
        Table.header(out, "true", "fitted", "std. error se", "|fit - true|/se");
        for (int i = 0; i < n; i++) {
            Table.row(out, NAMES[i], TRUE[i], fitted[i], errors[i], Math.abs(fitted[i] - TRUE[i]) / errors[i]);
        }
        out.printf(
                Locale.ROOT, "      residual standard deviation %.4f (the noise's was %s)%n", s, Table.number(NOISE));
        out.printf(
                Locale.ROOT,
                "  Generated Jacobian: %d iterations, %d evaluations of model and Jacobian.%n",
                optimum.getIterations(),
                optimum.getEvaluations());
        out.printf(
                Locale.ROOT,
                "  The same fit with NumericDiff.jacobian (Richardson-extrapolated central differences):"
                        + " %d iterations,%n  %d evaluations, each Jacobian costing %d model calls instead of one sweep per"
                        + " parameter.%n%n",
                numeric.getIterations(),
                numeric.getEvaluations(),
                callsPerJacobian);

        Checks checks = new Checks(out);
        checks.near(
                "start: curveJacobian = NumericDiff.jacobian",
                DampedOscillationDiff.curveJacobian(START, t),
                NumericDiff.jacobian(p -> DampedOscillation.curve(p, t), START),
                1e-7);
        checks.near(
                "fit: curveJacobian = NumericDiff.jacobian",
                DampedOscillationDiff.curveJacobian(fitted, t),
                NumericDiff.jacobian(p -> DampedOscillation.curve(p, t), fitted),
                1e-7);
        checks.passes(DampedOscillationDiff.curveCheck(fitted, t));
        for (int i = 0; i < n; i++) {
            checks.atMost(
                    "fit: |fitted - true| / standard error, " + NAMES[i],
                    Math.abs(fitted[i] - TRUE[i]) / errors[i],
                    SIGMAS);
        }
        checks.atMost("fit: |residual standard deviation - noise's| / noise's", Math.abs(s - NOISE) / NOISE, 0.2);
        checks.atMost(
                "fit: largest cosine of residuals and a Jacobian column",
                orthogonality(
                        DampedOscillationDiff.curveJacobian(fitted, t),
                        optimum.getResiduals().toArray()),
                1e-6);
        checks.near(
                "NumericDiff Jacobian fit = generated Jacobian fit",
                numeric.getPoint().toArray(),
                fitted,
                1e-8);
        return checks.allPassed();
    }

    /** Fits from {@link #START}, with the given Jacobian of the model by the parameters. */
    private static LeastSquaresOptimizer.Optimum fit(double[] t, double[] y, Function<double[], double[][]> jacobian) {
        var problem = new LeastSquaresBuilder()
                .start(START)
                .target(y)
                .model(point -> {
                    double[] p = point.toArray();
                    return new Pair<>(
                            new ArrayRealVector(DampedOscillation.curve(p, t), false),
                            new Array2DRowRealMatrix(jacobian.apply(p), false));
                })
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build();
        return new LevenbergMarquardtOptimizer().optimize(problem);
    }

    /**
     * At a least-squares minimum the residuals are orthogonal to the Jacobian's columns ({@code J^T r = 0}); this
     * measures how nearly, as the largest cosine of the angle between {@code r} and a column.
     */
    static double orthogonality(double[][] jacobian, double[] residuals) {
        double worst = 0;
        for (int j = 0; j < jacobian[0].length; j++) {
            double dot = 0;
            double column = 0;
            double r = 0;
            for (int i = 0; i < residuals.length; i++) {
                dot += jacobian[i][j] * residuals[i];
                column += jacobian[i][j] * jacobian[i][j];
                r += residuals[i] * residuals[i];
            }
            worst = Math.max(worst, Math.abs(dot) / Math.sqrt(column * r));
        }
        return worst;
    }

    /** The measurement times, {@code 0, SPACING, ...}. */
    static double[] times() {
        double[] t = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = i * SPACING;
        }
        return t;
    }

    /** The true curve plus seeded Gaussian noise. */
    static double[] measurements(double[] t) {
        Random random = new Random(SEED);
        double[] y = DampedOscillation.curve(TRUE, t);
        for (int i = 0; i < y.length; i++) {
            y[i] += NOISE * random.nextGaussian();
        }
        return y;
    }
}
