package io.github.autodiff4j.samples;

import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Greeks of European call options under Black-Scholes ({@link BlackScholes#call}): the price and delta, vega,
 * rho and theta from one reverse sweep ({@code callGrad}), gamma, vanna and volga from the generated Hessian
 * ({@code callHessian}); compared with the closed-form Greeks and with {@link NumericDiff}, for options in, at
 * and out of the money and a short-dated one.
 */
final class OptionGreeks implements Sample {

    static final double SPOT = 100;
    static final double VOL = 0.2;
    static final double RATE = 0.05;
    /** {strike, time to expiry in years} of each option; the first is shown in full. */
    static final double[][] OPTIONS = {{105, 1}, {90, 1}, {100, 1}, {120, 2}, {100, 0.1}};

    static final String[] GREEKS = {
        "delta  dC/dS",
        "vega   dC/dvol",
        "rho    dC/dr",
        "theta  -dC/dT",
        "gamma  d2C/dS2",
        "vanna  d2C/dS dvol",
        "volga  d2C/dvol2"
    };

    /**
     * Closed form against generated: both use the same accurate normal CDF and density, so they should agree to
     * rounding, a few hundred units of 1e-16 through {@code log}, {@code exp} and the CDF. (The mixed error is
     * relative for Greeks above 1, absolute below.)
     */
    static final double CLOSED_FORM_TOLERANCE = 1e-12;
    /** Generated first derivatives against NumericDiff's Richardson-extrapolated differences of the same price. */
    static final double GRADIENT_TOLERANCE = 1e-8;
    /** Generated second derivatives against NumericDiff.hessian, a difference of differences. */
    static final double HESSIAN_TOLERANCE = 1e-5;

    @Override
    public String name() {
        return "option-greeks";
    }

    @Override
    public String description() {
        return "Black-Scholes Greeks from one reverse sweep and the Hessian, against the closed forms";
    }

    @Override
    public boolean run(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "  European calls on a spot of %s, volatility %s, rate %s. BlackScholesDiff.callGrad"
                        + " returns the%n",
                Table.number(SPOT),
                Table.number(VOL),
                Table.number(RATE));
        out.println("  price and its four first derivatives from one forward and one reverse sweep; callHessian"
                + " the second");
        out.println("  derivatives (gamma, vanna, volga are three of its entries). Theta is -dC/dT, per year.");
        out.println();
        double[][] generated = new double[OPTIONS.length][];
        double[][] closedForm = new double[OPTIONS.length][];
        double[][] numeric = new double[OPTIONS.length][];
        for (int o = 0; o < OPTIONS.length; o++) {
            generated[o] = generated(OPTIONS[o][0], OPTIONS[o][1]);
            closedForm[o] = closedForm(OPTIONS[o][0], OPTIONS[o][1]);
            numeric[o] = numeric(OPTIONS[o][0], OPTIONS[o][1]);
        }
        out.printf(
                Locale.ROOT,
                "  Strike %s, %s year to expiry: price %s%n",
                Table.number(OPTIONS[0][0]),
                Table.number(OPTIONS[0][1]),
                Table.number(price(OPTIONS[0])));
        Table.header(out, "generated", "closed form", "NumericDiff");
        for (int g = 0; g < GREEKS.length; g++) {
            Table.row(out, GREEKS[g], generated[0][g], closedForm[0][g], numeric[0][g]);
        }
        out.println();
        out.println("  All the options: the largest mixed error of the seven generated Greeks against");
        out.printf("      %-8s %-8s %-10s %-16s %s%n", "strike", "years", "price", "closed form", "NumericDiff");
        for (int o = 0; o < OPTIONS.length; o++) {
            out.printf(
                    Locale.ROOT,
                    "      %-8s %-8s %-10.4f %-16.1e %.1e%n",
                    Table.number(OPTIONS[o][0]),
                    Table.number(OPTIONS[o][1]),
                    price(OPTIONS[o]),
                    worst(generated[o], closedForm[o]),
                    worst(generated[o], numeric[o]));
        }
        out.println();

        Checks checks = new Checks(out);
        checks.passes(BlackScholesDiff.callCheck(SPOT, VOL, RATE, OPTIONS[0][1], OPTIONS[0][0]));
        for (int o = 0; o < OPTIONS.length; o++) {
            String option = String.format(
                    Locale.ROOT, "K %s, T %s: ", Table.number(OPTIONS[o][0]), Table.number(OPTIONS[o][1]));
            checks.near(
                    option + "delta, vega, rho, theta = NumericDiff",
                    Arrays.copyOf(generated[o], 4),
                    Arrays.copyOf(numeric[o], 4),
                    GRADIENT_TOLERANCE);
            checks.near(
                    option + "gamma, vanna, volga = NumericDiff.hessian",
                    Arrays.copyOfRange(generated[o], 4, 7),
                    Arrays.copyOfRange(numeric[o], 4, 7),
                    HESSIAN_TOLERANCE);
            checks.near(option + "all seven = closed form", generated[o], closedForm[o], CLOSED_FORM_TOLERANCE);
        }
        return checks.allPassed();
    }

    /** The price of an option {strike, time}. */
    private static double price(double[] option) {
        return BlackScholes.call(SPOT, VOL, RATE, option[1], option[0]);
    }

    /** Delta, vega, rho, theta from callGrad; gamma, vanna, volga from callHessian. */
    static double[] generated(double strike, double time) {
        BlackScholesDiff.CallGradient g = BlackScholesDiff.callGrad(SPOT, VOL, RATE, time, strike);
        double[][] h = BlackScholesDiff.callHessian(SPOT, VOL, RATE, time, strike);
        return new double[] {g.spot(), g.vol(), g.rate(), -g.time(), h[0][0], h[0][1], h[1][1]};
    }

    /** The textbook formulas, in the order of {@link #GREEKS}. */
    static double[] closedForm(double strike, double time) {
        double[] first = BlackScholes.greeksByHand(SPOT, VOL, RATE, time, strike);
        double[] second = BlackScholes.secondOrderByHand(SPOT, VOL, RATE, time, strike);
        return new double[] {first[0], first[1], first[2], -first[3], second[0], second[1], second[2]};
    }

    /** NumericDiff's gradient and Hessian of the price, in the order of {@link #GREEKS}. */
    static double[] numeric(double strike, double time) {
        double[] at = {SPOT, VOL, RATE, time};
        double[] gradient = NumericDiff.gradient(v -> BlackScholes.call(v[0], v[1], v[2], v[3], strike), at);
        double[][] h = NumericDiff.hessian(v -> BlackScholes.call(v[0], v[1], v[2], v[3], strike), at);
        return new double[] {gradient[0], gradient[1], gradient[2], -gradient[3], h[0][0], h[0][1], h[1][1]};
    }

    /** The largest mixed error {@code |a - b| / max(1, |b|)} of the entries. */
    static double worst(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
        return worst;
    }
}
