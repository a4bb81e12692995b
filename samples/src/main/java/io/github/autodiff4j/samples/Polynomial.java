package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * The one-variable functions of the {@link FourWays} sample. The processor generates {@code PolynomialDiff} from
 * the {@code @Differentiable} methods; {@link FourWays} also writes them as {@link Expression}s to differentiate
 * symbolically.
 */
final class Polynomial {

    private Polynomial() {}

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
     * {@code e^x sin x}: unlike a quadratic, it has a third derivative, so central differences also suffer
     * truncation error, and their error against the step traces the full V of {@link FourWays}'s chart.
     *
     * @param x the point
     * @return {@code e^x sin x}
     */
    @Differentiable
    static double wave(double x) {
        return Math.exp(x) * Math.sin(x);
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
