package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * The one-variable functions of the {@link FourWays} sample. The processor generates {@code PolynomialDiff} from
 * the two {@code @Differentiable} methods; {@link #fPrimeByHand(double)} is the derivative worked out on paper.
 */
final class Polynomial {

    private Polynomial() {
    }

    /**
     * {@code f(x) = 2x + x^2}.
     *
     * @param x the point
     * @return {@code 2x + x^2}
     */
    @Differentiable
    static double f(double x) {
        return 2 * x + x * x;
    }

    /**
     * The symbolic derivative of {@link #f(double)}: by the sum rule {@code f' = (2x)' + (x*x)'}; {@code (2x)' = 2}
     * (constant factor); by the product rule {@code (x*x)' = 1*x + x*1 = 2x}; so {@code f'(x) = 2 + 2x}.
     *
     * @param x the point
     * @return {@code 2 + 2x}
     */
    static double fPrimeByHand(double x) {
        return 2 + 2 * x;
    }

    /**
     * {@code x^2}, used to show how finite differences go wrong near 0.
     *
     * @param x the point
     * @return {@code x^2}
     */
    @Differentiable
    static double square(double x) {
        return x * x;
    }
}
