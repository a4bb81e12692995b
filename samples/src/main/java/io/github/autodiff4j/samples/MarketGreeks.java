package io.github.autodiff4j.samples;

import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.Special;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Black-Scholes Greeks with records ({@link Pricing#call}): one reverse sweep gives the partials with respect to the
 * {@link Market} as a {@code MarketTangent} (delta, rho, vega) and with respect to the {@link Pricing.Option} as an
 * {@code Option} (dC/dK, dC/dT); compared with the closed forms and with {@link NumericDiff}, for options in, at and
 * out of the money and a short-dated one.
 */
final class MarketGreeks implements Sample {

    static final Market MARKET = new Market(100, 0.05, 0.2);
    static final Pricing.Option[] OPTIONS = {
        new Pricing.Option(105, 1),
        new Pricing.Option(90, 1),
        new Pricing.Option(100, 1),
        new Pricing.Option(120, 2),
        new Pricing.Option(100, 0.1)
    };
    static final String[] LABELS = {"delta  dC/dspot", "rho    dC/drate", "vega   dC/dvol", "dC/dK", "dC/dT"};
    /** Generated against closed form: the same normal CDF and density, so rounding only. */
    static final double CLOSED_FORM_TOLERANCE = 1e-12;
    /** Generated against NumericDiff's extrapolated differences. */
    static final double NUMERIC_TOLERANCE = 1e-8;

    @Override
    public String name() {
        return "market-greeks";
    }

    @Override
    public String description() {
        return "Black-Scholes on records: Greeks as a MarketTangent and an Option, against the closed forms";
    }

    @Override
    public boolean run(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "  call(Market market, Option option) with %s (its constructor rejects vol <= 0).%n",
                MARKET);
        out.println(
                "  PricingDiff.callGrad(market, option) returns (value, MarketTangent market, Option option): one reverse"
                        + " sweep.");
        Pricing.Option first = OPTIONS[0];
        PricingDiff.CallGradient g = PricingDiff.callGrad(MARKET, first);
        out.printf(Locale.ROOT, "  For %s: price %s%n", first, Table.number(g.value()));
        out.println("      market() = " + g.market());
        out.println("      option() = " + g.option());
        Table.header(out, "generated", "closed form", "NumericDiff");
        double[] generated0 = generated(first);
        double[] closed0 = closedForm(first);
        double[] numeric0 = numeric(first);
        for (int i = 0; i < LABELS.length; i++) {
            Table.row(out, LABELS[i], generated0[i], closed0[i], numeric0[i]);
        }
        out.println();

        Checks checks = new Checks(out);
        checks.holds(
                "gradient types: MarketTangent and Option",
                g.market().getClass().getSimpleName().equals("MarketTangent") && g.option() instanceof Pricing.Option);
        checks.passes(PricingDiff.callCheck(MARKET, first));
        for (Pricing.Option o : OPTIONS) {
            String option =
                    String.format(Locale.ROOT, "K %s, T %s: ", Table.number(o.strike()), Table.number(o.maturity()));
            double[] generated = generated(o);
            checks.near(
                    option + "price = BlackScholes.call",
                    PricingDiff.callGrad(MARKET, o).value(),
                    price(o),
                    1e-14);
            checks.near(option + "5 partials = closed form", generated, closedForm(o), CLOSED_FORM_TOLERANCE);
            checks.near(option + "5 partials = NumericDiff", generated, numeric(o), NUMERIC_TOLERANCE);
        }
        return checks.allPassed();
    }

    /** The generated partials, in the order of {@link #LABELS}. */
    static double[] generated(Pricing.Option o) {
        PricingDiff.CallGradient g = PricingDiff.callGrad(MARKET, o);
        return new double[] {
            g.market().spot(),
            g.market().rate(),
            g.market().vol(),
            g.option().strike(),
            g.option().maturity()
        };
    }

    /** The price by the sample {@code several-variables}' array-free Black-Scholes. */
    static double price(Pricing.Option o) {
        return BlackScholes.call(MARKET.spot(), MARKET.vol(), MARKET.rate(), o.maturity(), o.strike());
    }

    /**
     * The textbook partials: delta {@code N(d1)}, rho {@code K T e^(-rT) N(d2)}, vega {@code S phi(d1) sqrt(T)},
     * {@code dC/dK = -e^(-rT) N(d2)} and {@code dC/dT = S phi(d1) vol / (2 sqrt(T)) + r K e^(-rT) N(d2)}.
     */
    static double[] closedForm(Pricing.Option o) {
        double s = MARKET.spot();
        double r = MARKET.rate();
        double v = MARKET.vol();
        double k = o.strike();
        double t = o.maturity();
        double[] byHand = BlackScholes.greeksByHand(s, v, r, t, k); // delta, vega, rho, dC/dT
        double d2 = (Math.log(s / k) + (r - 0.5 * v * v) * t) / (v * Math.sqrt(t));
        return new double[] {byHand[0], byHand[2], byHand[1], -Math.exp(-r * t) * Special.normalCdf(d2), byHand[3]};
    }

    /** NumericDiff's gradient of the price by (spot, rate, vol, strike, maturity). */
    static double[] numeric(Pricing.Option o) {
        return NumericDiff.gradient(
                p -> Pricing.call(new Market(p[0], p[1], p[2]), new Pricing.Option(p[3], p[4])),
                new double[] {MARKET.spot(), MARKET.rate(), MARKET.vol(), o.strike(), o.maturity()});
    }
}
