package io.github.autodiff4j.samples;

import static io.github.autodiff4j.samples.Expression.constant;
import static io.github.autodiff4j.samples.Expression.exp;
import static io.github.autodiff4j.samples.Expression.product;
import static io.github.autodiff4j.samples.Expression.sin;
import static io.github.autodiff4j.samples.Expression.sum;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The derivative of {@code f(x) = 2x + x^2} at {@code x = 2} computed the four ways there are: numerically,
 * symbolically, in forward mode and in reverse mode; then {@code d(x^2)/dx} near 0, where finite differences show
 * both of their errors (truncation at large steps, cancellation at small ones) and the generated derivative has
 * neither; and a chart of the error of central differences against the step for {@code e^x sin x}: the V.
 */
final class FourWays implements Sample {

    private static final double X = 2;
    private static final double EXACT_VALUE = 8;
    private static final double EXACT_DERIVATIVE = 6;
    private static final double[] STEPS = {1e-1, 1e-4, 1e-8, 1e-12};

    /** Near 0, where the derivative 2x is small next to the steps a fixed-step formula might use. */
    private static final double NEAR_ZERO = 1e-3;

    private static final double[] STEPS_NEAR_ZERO = {1e-1, 1e-4, 1e-8, 1e-15, 1e-19};

    /** {@link Polynomial#f} as a formula, for the symbolic differentiator. */
    static final Expression F = sum(product(constant(2), Expression.X), product(Expression.X, Expression.X));
    /** {@link Polynomial#wave} as a formula. */
    static final Expression WAVE = product(exp(Expression.X), sin(Expression.X));
    /** Where the chart's derivative is taken. */
    static final double WAVE_AT = 1;
    /** The chart's steps are 10^(-k/4) for k = 0..64: from 1 down to 1e-16. */
    static final int QUARTER_DECADES = 64;
    /** Half the spacing of doubles at 1: the relative rounding error of one operation. */
    static final double UNIT_ROUNDOFF = Math.ulp(1.0) / 2;
    /** The chart's file name. */
    static final String CHART = "four-ways-step-size.svg";

    @Override
    public String name() {
        return "four-ways";
    }

    @Override
    public String description() {
        return "f'(x) for f(x) = 2x + x^2 numerically, symbolically, in forward and in reverse mode; the step-size V";
    }

    @Override
    public boolean run(PrintStream out) {
        out.printf("  f(x) = 2x + x^2 at x = %s, where f(2) = 8 and f'(2) = 6.%n%n", (int) X);
        numerical(out);
        Expression symbolic = symbolic(out);
        Dual forward = PolynomialDiff.fJvp(X, 1);
        out.println("  (c) Forward mode: fJvp(x, dx) carries a tangent dx alongside every intermediate value.");
        out.printf("        PolynomialDiff.fJvp(2, 1) = %s    tangent = f'(2) * dx%n%n", forward);
        PolynomialDiff.FGradient reverse = PolynomialDiff.fGrad(X);
        out.println("  (d) Reverse mode: fGrad(x) evaluates f, then sweeps backward accumulating df/d(each variable).");
        out.printf("        PolynomialDiff.fGrad(2)   = %s    x() = df/dx%n%n", reverse);
        nearZero(out);
        StepSizeErrors v = StepSizeErrors.measure();
        printV(out, v);

        Checks checks = new Checks(out);
        checks.near("forward mode value   fJvp(2, 1).value()   = 8", forward.value(), EXACT_VALUE, 1e-12);
        checks.near("forward mode f'(2)   fJvp(2, 1).tangent() = 6", forward.tangent(), EXACT_DERIVATIVE, 1e-12);
        checks.near("reverse mode value   fGrad(2).value()     = 8", reverse.value(), EXACT_VALUE, 1e-12);
        checks.near("reverse mode f'(2)   fGrad(2).x()         = 6", reverse.x(), EXACT_DERIVATIVE, 1e-12);
        checks.near("symbolic f'(2)       (" + symbolic + ") at 2 = 6", symbolic.at(X), EXACT_DERIVATIVE, 1e-12);
        checks.near(
                "numerical f'(2)      NumericDiff.derivative = fGrad(2).x()",
                NumericDiff.derivative(Polynomial::f, X),
                reverse.x(),
                1e-9);
        checks.passes(PolynomialDiff.fCheck(X));
        checks.near(
                "d(x^2)/dx at 0.001   squareGrad(0.001).x() = 0.002",
                PolynomialDiff.squareGrad(NEAR_ZERO).x(),
                2 * NEAR_ZERO,
                1e-15);
        checks.passes(PolynomialDiff.squareCheck(NEAR_ZERO));
        checks.near(
                "symbolic (e^x sin x)' at 1 = NumericDiff.derivative",
                v.exact(),
                NumericDiff.derivative(Polynomial::wave, WAVE_AT),
                1e-9);
        checks.atMost("generated waveGrad(1).x(): relative error vs symbolic", v.generatedError(), 4 * UNIT_ROUNDOFF);
        checks.near(
                "generated waveHessian(1) = symbolic (e^x sin x)'' at 1",
                PolynomialDiff.waveHessian(WAVE_AT)[0][0],
                WAVE.derivative().derivative().simplify().at(WAVE_AT),
                1e-14);
        // Theory puts the best step near (3 eps |f| / |f'''|)^(1/3), about 1e-5, with an error near 1e-11.
        checks.atMost("central differences: smallest relative error over all steps", v.errors()[v.best()], 1e-9);
        ChartFiles.write(checks, out, CHART, chart(v));
        return checks.allPassed();
    }

    private static void numerical(PrintStream out) {
        out.println("  (a) Numerical: the central difference (f(x+h) - f(x-h)) / 2h at a few steps h.");
        out.printf("        %-12s %-20s %s%n", "step h", "estimate of f'(2)", "error");
        for (double h : STEPS) {
            double estimate = NumericDiff.centralDifference(Polynomial::f, X, h);
            out.printf("        %-12.0e %-20.15f %8.1e%n", h, estimate, estimate - EXACT_DERIVATIVE);
        }
        double richardson = NumericDiff.derivative(Polynomial::f, X);
        out.printf(
                "        %-12s %-20.15f %8.1e   NumericDiff.derivative: Richardson extrapolation to h = 0%n",
                "Richardson", richardson, richardson - EXACT_DERIVATIVE);
        out.println("      The central difference has no truncation error on a quadratic, so every error above is");
        out.println("      rounding: f(x+h) and f(x-h) share their leading digits, and their difference keeps only");
        out.println("      the noisy rest. The smaller the step, the fewer digits survive.");
        out.println();
    }

    /** Differentiates {@link #F} symbolically, prints each stage, and returns the simplified derivative. */
    private static Expression symbolic(PrintStream out) {
        Expression raw = F.derivative();
        Expression simplified = raw.simplify();
        out.println("  (b) Symbolic: differentiation rules applied to the formula, as on paper. Done here by this");
        out.println("      sample's own small differentiator (Expression.java: sum, product and chain rules, then a");
        out.println("      simplifier that folds constants); autodiff4j itself builds no formulas, it generates code.");
        out.printf("        f(x)              = %s%n", F);
        out.printf("        f'(x) by the rules = %s%n", raw);
        out.printf("        f'(x) simplified   = %s%n", simplified);
        out.printf("        f'(2)              = %s%n", format(simplified.at(X)));
        out.printf(
                "      The same for e^x sin x: (%s)' = %s%n%n",
                WAVE, WAVE.derivative().simplify());
        return simplified;
    }

    private static void nearZero(PrintStream out) {
        double x = NEAR_ZERO;
        double exact = PolynomialDiff.squareGrad(x).x();
        DoubleUnaryOperator g = Polynomial::square;
        out.printf("  Where finite differences fail: d(x^2)/dx at x = %s. Exactly 2x = %s, which is what%n", x, exact);
        out.printf("  PolynomialDiff.squareGrad(%s).x() returns. Relative errors of the estimates:%n", x);
        out.printf(
                "        %-12s %-22s %-11s %-22s %s%n",
                "step h", "forward difference", "rel. error", "central difference", "rel. error");
        for (double h : STEPS_NEAR_ZERO) {
            double forward = (g.applyAsDouble(x + h) - g.applyAsDouble(x)) / h;
            double central = NumericDiff.centralDifference(g, x, h);
            out.printf(
                    "        %-12.0e %-22.15f %10.1e  %-22.15f %10.1e%n",
                    h, forward, (forward - exact) / exact, central, (central - exact) / exact);
        }
        out.println("      Truncation: the forward difference (g(x+h) - g(x)) / h is off by h*g''/2 = h, which at");
        out.println("      h = 0.1 is fifty times the derivative itself (the central difference cancels that term).");
        out.println("      Cancellation: at h = 1e-15 the difference g(x+h) - g(x) = 2e-18 is a sliver of"
                + " g(x) = 1e-6,");
        out.printf(
                "      and below %.1e (half the spacing of doubles near x) x + h rounds to x: the estimate is 0.%n",
                Math.ulp(x) / 2);
        out.println("      The generated derivative evaluates 2x directly: no step, no truncation, no cancellation.");
        out.println();
    }

    /**
     * The relative error of central differences for the derivative of {@code e^x sin x} at 1, by step, with the two
     * terms that make it: truncation {@code h^2 |f'''| / 6} and rounding about {@code eps |f| / 2h}; and the
     * generated derivative's error, which has no step. The exact derivative and {@code f'''} are the symbolic ones.
     */
    record StepSizeErrors(
            double exact,
            double generatedError,
            double[] steps,
            double[] errors,
            double[] truncation,
            double[] rounding,
            int best) {

        static StepSizeErrors measure() {
            Expression first = WAVE.derivative().simplify();
            double exact = first.at(WAVE_AT);
            double third = first.derivative().simplify().derivative().simplify().at(WAVE_AT);
            double value = Polynomial.wave(WAVE_AT);
            double generatedError = Math.abs(PolynomialDiff.waveGrad(WAVE_AT).x() - exact) / Math.abs(exact);
            double[] steps = new double[QUARTER_DECADES + 1];
            double[] errors = new double[steps.length];
            double[] truncation = new double[steps.length];
            double[] rounding = new double[steps.length];
            int best = 0;
            for (int k = 0; k <= QUARTER_DECADES; k++) {
                double h = Math.pow(10, -k / 4.0);
                steps[k] = h;
                errors[k] =
                        Math.abs(NumericDiff.centralDifference(Polynomial::wave, WAVE_AT, h) - exact) / Math.abs(exact);
                truncation[k] = h * h * Math.abs(third) / 6 / Math.abs(exact);
                rounding[k] = Math.ulp(1.0) * Math.abs(value) / (2 * h) / Math.abs(exact);
                best = errors[k] < errors[best] ? k : best;
            }
            return new StepSizeErrors(exact, generatedError, steps, errors, truncation, rounding, best);
        }
    }

    private static void printV(PrintStream out, StepSizeErrors v) {
        out.printf(
                Locale.ROOT,
                "  The V: central differences for (e^x sin x)' at 1 = %.15f against the step h%n",
                v.exact());
        out.println("  (relative errors; every fourth step of the chart):");
        out.printf("        %-10s %-14s %-20s %s%n", "step h", "error", "truncation h^2|f'''|/6", "rounding eps|f|/2h");
        for (int k = 0; k <= QUARTER_DECADES; k += 8) {
            out.printf(
                    Locale.ROOT,
                    "        %-10.0e %-14.1e %-20.1e %.1e%n",
                    v.steps()[k],
                    v.errors()[k],
                    v.truncation()[k],
                    v.rounding()[k]);
        }
        out.printf(
                Locale.ROOT,
                "      Best step h = %.1e, relative error %.1e: larger steps lose to truncation," + " smaller ones%n",
                v.steps()[v.best()],
                v.errors()[v.best()]);
        out.printf(
                Locale.ROOT,
                "      to rounding. The generated waveGrad(1).x() has no step; its relative error" + " is %.1e.%n%n",
                v.generatedError());
    }

    /** The V as a log-log chart; the error terms are drawn only between 1e-17 and 10, around the V. */
    static String chart(StepSizeErrors v) {
        // An error of 0 cannot be drawn on a log axis; then the generated derivative's is drawn at the unit roundoff.
        double floor = Math.max(v.generatedError(), UNIT_ROUNDOFF);
        String generated = v.generatedError() == 0
                ? "generated derivative (0; at \u03b5/2)"
                : String.format(Locale.ROOT, "generated derivative (%.0e)", v.generatedError());
        return SvgChart.chart(
                "Relative error of d/dx (e^x sin x) at x = 1 by central differences",
                "step h",
                true,
                "relative error",
                true,
                List.of(
                        new SvgChart.Series("central difference", v.steps(), v.errors(), false, true),
                        new SvgChart.Series(
                                "truncation h\u00b2|f'''|/6", v.steps(), inRange(v.truncation()), true, false),
                        new SvgChart.Series("rounding \u03b5|f|/2h", v.steps(), inRange(v.rounding()), true, false),
                        SvgChart.Series.line(
                                generated,
                                new double[] {v.steps()[QUARTER_DECADES], v.steps()[0]},
                                new double[] {floor, floor})));
    }

    /** The values, with those outside the chart's range [1e-17, 10] set to 0, which a log axis leaves out. */
    private static double[] inRange(double[] values) {
        double[] kept = values.clone();
        for (int i = 0; i < kept.length; i++) {
            kept[i] = kept[i] > 10 || kept[i] < 1e-17 ? 0 : kept[i];
        }
        return kept;
    }

    /** Prints whole numbers without a fractional part, as a reader writes them. */
    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
