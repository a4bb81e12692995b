package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * The Black-Scholes price of a European call option. Its gradient holds the "Greeks" traders hedge with: delta
 * (by spot), vega (by volatility), rho (by rate) and minus theta (by time to expiry).
 *
 * <p>The normal CDF is written with {@code Math} functions only, from the complementary error function of
 * Numerical Recipes ({@code erfcc}, a Chebyshev fit with fractional error below 1.2e-7 everywhere). So the price
 * is accurate to about 1e-7 relative, and the generated derivatives are the exact derivatives of <em>this</em>
 * formula; they differ from the textbook Greeks (which use the exact density) by about as much.
 */
final class BlackScholes {

    /** Math.sqrt(2), as a literal: a compile-time constant the generated code can inline though it is private. */
    private static final double SQRT2 = 1.4142135623730951;

    private BlackScholes() {
    }

    /**
     * The price of a call option.
     *
     * @param spot   the underlying's price now
     * @param vol    the volatility, per year
     * @param rate   the risk-free rate, continuously compounded, per year
     * @param time   the time to expiry, in years
     * @param strike the strike price, a constant of the contract
     * @return the option's price
     */
    @Differentiable
    static double call(double spot, double vol, double rate, double time, @NoDerivative double strike) {
        double volRoot = vol * Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volRoot;
        double d2 = d1 - volRoot;
        return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
    }

    /**
     * The textbook Greeks, derived by hand with the exact normal density {@code phi}: delta {@code N(d1)}, vega
     * {@code S phi(d1) sqrt(T)}, rho {@code K T e^(-rT) N(d2)} and {@code dC/dT = S phi(d1) vol / (2 sqrt(T)) +
     * r K e^(-rT) N(d2)} (minus theta). They use this class's approximate {@code N}, so they match the generated
     * gradient to about the approximation's accuracy, not to rounding.
     *
     * @param spot   the underlying's price now
     * @param vol    the volatility, per year
     * @param rate   the risk-free rate, per year
     * @param time   the time to expiry, in years
     * @param strike the strike price
     * @return {@code {dC/dspot, dC/dvol, dC/drate, dC/dtime}}
     */
    static double[] greeksByHand(double spot, double vol, double rate, double time, double strike) {
        double root = Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * root);
        double d2 = d1 - vol * root;
        double density = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
        double discountedStrike = strike * Math.exp(-rate * time);
        return new double[] {
            normalCdf(d1),
            spot * density * root,
            time * discountedStrike * normalCdf(d2),
            spot * density * vol / (2 * root) + rate * discountedStrike * normalCdf(d2)};
    }

    /**
     * The standard normal CDF, {@code erfc(-x / sqrt 2) / 2}, accurate to about 1e-7 (see the class description).
     *
     * @param x the point
     * @return {@code P(Z <= x)} for a standard normal {@code Z}
     */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / SQRT2);
    }

    /** Numerical Recipes' erfcc: fractional error below 1.2e-7; smooth, as the two branches join with equal slope. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
