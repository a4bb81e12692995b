package io.github.autodiff4j.samples;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.function.DoubleUnaryOperator;

/**
 * The derivative of {@code f(x) = 2x + x^2} at {@code x = 2} computed the four ways there are: numerically,
 * symbolically, in forward mode and in reverse mode; then {@code d(x^2)/dx} near 0, where finite differences show
 * both of their errors (truncation at large steps, cancellation at small ones) and the generated derivative has
 * neither.
 */
final class FourWays implements Sample {

    private static final double X = 2;
    private static final double EXACT_VALUE = 8;
    private static final double EXACT_DERIVATIVE = 6;
    private static final double[] STEPS = {1e-1, 1e-4, 1e-8, 1e-12};

    /** Near 0, where the derivative 2x is small next to the steps a fixed-step formula might use. */
    private static final double NEAR_ZERO = 1e-3;
    private static final double[] STEPS_NEAR_ZERO = {1e-1, 1e-4, 1e-8, 1e-15, 1e-19};

    @Override
    public String name() {
        return "four-ways";
    }

    @Override
    public String description() {
        return "f'(x) for f(x) = 2x + x^2 numerically, symbolically, in forward and in reverse mode";
    }

    @Override
    public boolean run(PrintStream out) {
        out.printf("  f(x) = 2x + x^2 at x = %s, where f(2) = 8 and f'(2) = 6.%n%n", (int) X);
        numerical(out);
        symbolic(out);
        Dual forward = PolynomialDiff.fJvp(X, 1);
        out.println("  (c) Forward mode: fJvp(x, dx) carries a tangent dx alongside every intermediate value.");
        out.printf("        PolynomialDiff.fJvp(2, 1) = %s    tangent = f'(2) * dx%n%n", forward);
        PolynomialDiff.FGradient reverse = PolynomialDiff.fGrad(X);
        out.println("  (d) Reverse mode: fGrad(x) evaluates f, then sweeps backward accumulating df/d(each variable).");
        out.printf("        PolynomialDiff.fGrad(2)   = %s    x() = df/dx%n%n", reverse);
        nearZero(out);

        Checks checks = new Checks(out);
        checks.near("forward mode value   fJvp(2, 1).value()   = 8", forward.value(), EXACT_VALUE, 1e-12);
        checks.near("forward mode f'(2)   fJvp(2, 1).tangent() = 6", forward.tangent(), EXACT_DERIVATIVE, 1e-12);
        checks.near("reverse mode value   fGrad(2).value()     = 8", reverse.value(), EXACT_VALUE, 1e-12);
        checks.near("reverse mode f'(2)   fGrad(2).x()         = 6", reverse.x(), EXACT_DERIVATIVE, 1e-12);
        checks.near("symbolic f'(2)       fPrimeByHand(2)      = 6", Polynomial.fPrimeByHand(X), EXACT_DERIVATIVE,
                1e-12);
        checks.near("numerical f'(2)      NumericDiff.derivative = fGrad(2).x()",
                NumericDiff.derivative(Polynomial::f, X), reverse.x(), 1e-9);
        checks.passes(PolynomialDiff.fCheck(X));
        checks.near("d(x^2)/dx at 0.001   squareGrad(0.001).x() = 0.002",
                PolynomialDiff.squareGrad(NEAR_ZERO).x(), 2 * NEAR_ZERO, 1e-15);
        checks.passes(PolynomialDiff.squareCheck(NEAR_ZERO));
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
        out.printf("        %-12s %-20.15f %8.1e   NumericDiff.derivative: Richardson extrapolation to h = 0%n",
                "Richardson", richardson, richardson - EXACT_DERIVATIVE);
        out.println("      The central difference has no truncation error on a quadratic, so every error above is");
        out.println("      rounding: f(x+h) and f(x-h) share their leading digits, and their difference keeps only");
        out.println("      the noisy rest. The smaller the step, the fewer digits survive.");
        out.println();
    }

    private static void symbolic(PrintStream out) {
        out.println("  (b) Symbolic: differentiation rules applied to the formula, as on paper.");
        out.println("        f'(x) = (2x)' + (x*x)'        sum rule");
        out.println("              = 2 + (1*x + x*1)       constant factor; product rule");
        out.println("              = 2 + 2x");
        out.printf("        f'(2) = %s                     Polynomial.fPrimeByHand(2)%n%n",
                format(Polynomial.fPrimeByHand(X)));
    }

    private static void nearZero(PrintStream out) {
        double x = NEAR_ZERO;
        double exact = PolynomialDiff.squareGrad(x).x();
        DoubleUnaryOperator g = Polynomial::square;
        out.printf("  Where finite differences fail: d(x^2)/dx at x = %s. Exactly 2x = %s, which is what%n",
                x, exact);
        out.printf("  PolynomialDiff.squareGrad(%s).x() returns. Relative errors of the estimates:%n", x);
        out.printf("        %-12s %-22s %-11s %-22s %s%n", "step h", "forward difference", "rel. error",
                "central difference", "rel. error");
        for (double h : STEPS_NEAR_ZERO) {
            double forward = (g.applyAsDouble(x + h) - g.applyAsDouble(x)) / h;
            double central = NumericDiff.centralDifference(g, x, h);
            out.printf("        %-12.0e %-22.15f %10.1e  %-22.15f %10.1e%n", h, forward, (forward - exact) / exact,
                    central, (central - exact) / exact);
        }
        out.println("      Truncation: the forward difference (g(x+h) - g(x)) / h is off by h*g''/2 = h, which at");
        out.println("      h = 0.1 is fifty times the derivative itself (the central difference cancels that term).");
        out.println("      Cancellation: at h = 1e-15 the difference g(x+h) - g(x) = 2e-18 is a sliver of"
                + " g(x) = 1e-6,");
        out.printf("      and below %.1e (half the spacing of doubles near x) x + h rounds to x: the estimate is 0.%n",
                Math.ulp(x) / 2);
        out.println("      The generated derivative evaluates 2x directly: no step, no truncation, no cancellation.");
        out.println();
    }

    /** Prints whole numbers without a fractional part, as a reader writes them. */
    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
