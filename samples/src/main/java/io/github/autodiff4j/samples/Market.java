package io.github.autodiff4j.samples;

/**
 * The market an option is priced in. Its compact constructor checks the volatility, so the derivatives with respect
 * to a {@code Market} come back as a generated tangent record ({@code PricingDiff.MarketTangent}, same components),
 * which this check never sees. A record that declares a constructor must be a top-level type in its own file, and
 * {@code @Differentiable} code may read its components but not call its methods (javac bug JDK-8387215).
 *
 * @param spot the underlying's price now
 * @param rate the risk-free rate, continuously compounded, per year
 * @param vol  the volatility, per year, positive
 */
record Market(double spot, double rate, double vol) {

    /**
     * Checks the volatility.
     *
     * @throws IllegalArgumentException if {@code vol <= 0}
     */
    Market {
        if (vol <= 0) {
            throw new IllegalArgumentException("vol must be positive: " + vol);
        }
    }
}
