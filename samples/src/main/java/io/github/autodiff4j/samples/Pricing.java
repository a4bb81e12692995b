package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Special;

/**
 * Black-Scholes with records: the price of a European call from a {@link Market} and an {@link Option}. The generated
 * {@code PricingDiff.callGrad(market, option)} returns the price, a {@code MarketTangent} (delta, rho, vega) and an
 * {@code Option} (dC/dK, dC/dT).
 */
final class Pricing {

    private Pricing() {}

    /**
     * A European option's contract.
     *
     * @param strike   the strike price
     * @param maturity the time to expiry, in years
     */
    record Option(double strike, double maturity) {}

    /**
     * The Black-Scholes price of a call.
     *
     * @param market the market
     * @param option the option
     * @return the price
     */
    @Differentiable
    static double call(Market market, Option option) {
        double spot = market.spot();
        double rate = market.rate();
        double vol = market.vol();
        double strike = option.strike();
        double time = option.maturity();
        double volRoot = vol * Math.sqrt(time);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volRoot;
        double d2 = d1 - volRoot;
        return spot * Special.normalCdf(d1) - strike * Math.exp(-rate * time) * Special.normalCdf(d2);
    }
}
