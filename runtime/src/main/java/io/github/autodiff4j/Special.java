package io.github.autodiff4j;

/**
 * Special functions Java lacks, with their derivatives declared by {@link DerivativeOf}, so that
 * {@code @Differentiable} code can use them in every mode and in Hessians.
 *
 * <p>{@link #erf} uses the series of Abramowitz and Stegun 7.1.5 for |x| &lt; 2.5 and the continued fraction 7.1.14
 * beyond, accurate to about 1e-15 absolute; {@link #erfc} computes the tail directly so that it keeps its relative
 * accuracy for large x.
 */
public final class Special {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

    private Special() {}

    /**
     * The error function, erf(x) = 2/sqrt(pi) times the integral of exp(-t^2) from 0 to x.
     *
     * @param x the argument
     * @return erf(x)
     */
    public static double erf(double x) {
        if (Math.abs(x) >= 2.5) {
            return Math.copySign(1 - erfcTail(Math.abs(x)), x);
        }
        // Maclaurin series: erf(x) = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)).
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 100; n++) {
            term *= -x2 / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /**
     * d erf(x) / dx = 2/sqrt(pi) exp(-x^2).
     *
     * @param x the argument
     * @return the derivative of {@link #erf} at x
     */
    @DerivativeOf("erf")
    public static double erfDerivative(double x) {
        return TWO_OVER_SQRT_PI * Math.exp(-x * x);
    }

    /**
     * The second derivative of {@link #erf}, -2x erf'(x): what Hessians of code calling {@code erf} need.
     *
     * @param x the argument
     * @return erf''(x)
     */
    @DerivativeOf("erfDerivative")
    public static double erfSecondDerivative(double x) {
        return -2 * x * erfDerivative(x);
    }

    /**
     * The complementary error function, 1 - erf(x), accurate also where it is tiny.
     *
     * @param x the argument
     * @return erfc(x)
     */
    public static double erfc(double x) {
        if (x >= 2.5) {
            return erfcTail(x);
        }
        return 1 - erf(x);
    }

    /**
     * d erfc(x) / dx = -2/sqrt(pi) exp(-x^2).
     *
     * @param x the argument
     * @return the derivative of {@link #erfc} at x
     */
    @DerivativeOf("erfc")
    public static double erfcDerivative(double x) {
        return -TWO_OVER_SQRT_PI * Math.exp(-x * x);
    }

    /**
     * The second derivative of {@link #erfc}, 2x (2/sqrt(pi)) exp(-x^2).
     *
     * @param x the argument
     * @return erfc''(x)
     */
    @DerivativeOf("erfcDerivative")
    public static double erfcSecondDerivative(double x) {
        return 2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x);
    }

    /**
     * The standard normal cumulative distribution function, Phi(x) = erfc(-x / sqrt 2) / 2.
     *
     * @param x the argument
     * @return Phi(x)
     */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * d Phi(x) / dx: the standard normal density.
     *
     * @param x the argument
     * @return phi(x)
     */
    @DerivativeOf("normalCdf")
    public static double normalPdf(double x) {
        return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
    }

    /**
     * d phi(x) / dx = -x phi(x): the second derivative of {@link #normalCdf}.
     *
     * @param x the argument
     * @return phi'(x)
     */
    @DerivativeOf("normalPdf")
    public static double normalPdfDerivative(double x) {
        return -x * normalPdf(x);
    }

    /** erfc(x) for x >= 2.5 by the continued fraction of Abramowitz and Stegun 7.1.14, evaluated bottom up. */
    private static double erfcTail(double x) {
        double fraction = 0;
        for (int k = 60; k >= 1; k--) {
            fraction = (k / 2.0) / (x + fraction);
        }
        return Math.exp(-x * x) / (x + fraction) / Math.sqrt(Math.PI);
    }
}
