package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;
import io.github.autodiff4j.Special;

/**
 * The Black-Scholes price of a European call option. Its gradient holds the "Greeks" traders hedge with: delta
 * (by spot), vega (by volatility), rho (by rate) and minus theta (by time to expiry).
 *
 * <p>The normal CDF is the runtime's {@link Special#normalCdf}, accurate to about 1e-15, whose derivative rules
 * ({@code @DerivativeOf}) give the exact density and its derivative: so the generated Greeks, Hessian included,
 * agree with the textbook formulas to rounding.
 */
final class BlackScholes {

    private BlackScholes() {}

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
        return spot * Special.normalCdf(d1) - strike * Math.exp(-rate * time) * Special.normalCdf(d2);
    }

    /**
     * The textbook Greeks, derived by hand with the exact normal density {@code phi}: delta {@code N(d1)}, vega
     * {@code S phi(d1) sqrt(T)}, rho {@code K T e^(-rT) N(d2)} and {@code dC/dT = S phi(d1) vol / (2 sqrt(T)) +
     * r K e^(-rT) N(d2)} (minus theta).
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
        double density = Special.normalPdf(d1);
        double discountedStrike = strike * Math.exp(-rate * time);
        return new double[] {
            Special.normalCdf(d1),
            spot * density * root,
            time * discountedStrike * Special.normalCdf(d2),
            spot * density * vol / (2 * root) + rate * discountedStrike * Special.normalCdf(d2)
        };
    }

    /**
     * The textbook second-order Greeks, derived by hand with the exact normal density {@code phi}: gamma
     * {@code d2C/dspot2 = phi(d1) / (S vol sqrt(T))}, vanna {@code d2C/dspot dvol = -phi(d1) d2 / vol} and volga
     * {@code d2C/dvol2 = S phi(d1) sqrt(T) d1 d2 / vol}.
     *
     * @param spot   the underlying's price now
     * @param vol    the volatility, per year
     * @param rate   the risk-free rate, per year
     * @param time   the time to expiry, in years
     * @param strike the strike price
     * @return {@code {gamma, vanna, volga}}
     */
    static double[] secondOrderByHand(double spot, double vol, double rate, double time, double strike) {
        double root = Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * root);
        double d2 = d1 - vol * root;
        double density = Special.normalPdf(d1);
        return new double[] {density / (spot * vol * root), -density * d2 / vol, spot * density * root * d1 * d2 / vol};
    }
}
