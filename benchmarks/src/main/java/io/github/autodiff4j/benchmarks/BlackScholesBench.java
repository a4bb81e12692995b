package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NoDerivative;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.Special;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Black-Scholes price of a European call and its Greeks, with the normal CDF {@link Special#normalCdf} (whose
 * {@code @DerivativeOf} rule is the normal density). Four active inputs: spot, volatility, rate, time to expiry.
 *
 * <p>The four first-order Greeks (delta, vega, rho, and minus theta) by: the generated reverse mode (one sweep,
 * record form: scalar parameters have no allocation-free form), four generated JVPs, Hipparchus {@link Gradient} and
 * {@link DerivativeStructure} of order 1, central differences (9 evaluations) and the closed forms by hand. All five
 * Greeks, gamma included: the generated gradient plus the generated Hessian (gamma is its entry [0][0]; the Hessian
 * costs four forward-over-reverse sweeps), Hipparchus {@link DerivativeStructure} of order 2 (all first and second
 * derivatives in one evaluation), central differences plus a second difference in spot (11 evaluations) and the
 * closed forms by hand.
 *
 * <p>Hipparchus evaluates the normal CDF through {@link Derivative#compose}, with the same density as our rule: the
 * library's counterpart of a custom derivative. (Hipparchus's own {@code Erf.erfc} over a field would cost far more
 * field operations.)
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class BlackScholesBench {

    double spot = 100;
    double vol = 0.2;
    double rate = 0.03;
    double time = 1.5;
    double strike = 105;
    /** The first-order Greeks (or all five), overwritten by the hand-written and finite-difference forms. */
    double[] greeks = new double[5];

    DSFactory ds1 = new DSFactory(4, 1);
    DSFactory ds2 = new DSFactory(4, 2);

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
        double root = Math.sqrt(time);
        double volRoot = vol * root;
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volRoot;
        double d2 = d1 - volRoot;
        return spot * Special.normalCdf(d1) - strike * Math.exp(-rate * time) * Special.normalCdf(d2);
    }

    /**
     * The same price over Hipparchus's derivative types, operation for operation.
     *
     * @param spot   the underlying's price now
     * @param vol    the volatility
     * @param rate   the rate
     * @param time   the time to expiry
     * @param strike the strike price
     * @param <T>    {@link Gradient}, {@link DerivativeStructure}
     * @return the price with its derivatives
     */
    static <T extends Derivative<T>> T call(T spot, T vol, T rate, T time, double strike) {
        T root = time.sqrt();
        T volRoot = vol.multiply(root);
        T d1 = spot.divide(strike)
                .log()
                .add(rate.add(vol.multiply(vol).multiply(0.5)).multiply(time))
                .divide(volRoot);
        T d2 = d1.subtract(volRoot);
        return spot.multiply(normalCdf(d1))
                .subtract(rate.multiply(time).negate().exp().multiply(strike).multiply(normalCdf(d2)));
    }

    /** The normal CDF of a Hipparchus derivative, by the chain rule with its known derivatives. */
    static <T extends Derivative<T>> T normalCdf(T x) {
        double v = x.getValue();
        double density = Special.normalPdf(v);
        return x.getOrder() == 1
                ? x.compose(Special.normalCdf(v), density)
                : x.compose(Special.normalCdf(v), density, -v * density);
    }

    /**
     * The Greeks in closed form, with the price: delta {@code N(d1)}, vega {@code S phi(d1) sqrt(T)}, rho
     * {@code K T e^(-rT) N(d2)}, {@code dC/dT = S phi(d1) vol / (2 sqrt(T)) + r K e^(-rT) N(d2)} and, if
     * {@code out} has room, gamma {@code phi(d1) / (S vol sqrt(T))}.
     *
     * @param spot   the underlying's price now
     * @param vol    the volatility
     * @param rate   the rate
     * @param time   the time to expiry
     * @param strike the strike price
     * @param out    receives delta, vega, rho, dC/dT and, if it has five entries, gamma
     * @return the price
     */
    static double greeksByHand(double spot, double vol, double rate, double time, double strike, double[] out) {
        double root = Math.sqrt(time);
        double volRoot = vol * root;
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volRoot;
        double d2 = d1 - volRoot;
        double n1 = Special.normalCdf(d1);
        double n2 = Special.normalCdf(d2);
        double density = Special.normalPdf(d1);
        double discountedStrike = strike * Math.exp(-rate * time);
        out[0] = n1;
        out[1] = spot * density * root;
        out[2] = time * discountedStrike * n2;
        out[3] = spot * density * vol / (2 * root) + rate * discountedStrike * n2;
        if (out.length > 4) {
            out[4] = density / (spot * volRoot);
        }
        return spot * n1 - discountedStrike * n2;
    }

    /**
     * Checks what the trial's method computes against the closed forms.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        prepare(Peers.method(params));
    }

    void prepare(String method) {
        double[] expected = new double[5];
        double price = greeksByHand(spot, vol, rate, time, strike, expected);
        double[] first = java.util.Arrays.copyOf(expected, 4);
        BlackScholesBenchDiff.CallGradient g = BlackScholesBenchDiff.callGrad(spot, vol, rate, time, strike);
        Peers.check("price", price, g.value(), 1e-14);
        Peers.check("gradient", first, new double[] {g.spot(), g.vol(), g.rate(), g.time()}, 1e-13);
        Peers.check(
                "gamma", expected[4], BlackScholesBenchDiff.callHessian(spot, vol, rate, time, strike)[0][0], 1e-13);
        switch (method) {
            case "function" -> Peers.check(method, price, function(), 1e-14);
            case "gradientRecord", "handWritten", "hessian", "greeks", "handWrittenGreeks" -> {}
            case "jvp" -> Peers.check(method, first[0] + 2 * first[3], jvp().tangent(), 1e-13);
            case "jvpGradient" -> Peers.check(method, first, jvpGradient(), 1e-13);
            case "hipparchusGradient" ->
                Peers.check(method, first, hipparchusGradient().getGradient(), 1e-13);
            case "hipparchusDS" -> Peers.check(method, first, Peers.dsGradient(hipparchusDS()), 1e-13);
            case "hipparchusDS2" -> {
                DerivativeStructure ds = hipparchusDS2();
                Peers.check(method, first, Peers.dsGradient(ds), 1e-13);
                Peers.check(method + " gamma", expected[4], ds.getPartialDerivative(2, 0, 0, 0), 1e-13);
            }
            case "finiteDifferences" -> {
                finiteDifferences();
                Peers.check(method, first, java.util.Arrays.copyOf(greeks, 4), 1e-7);
            }
            case "finiteDifferencesGreeks" -> {
                finiteDifferencesGreeks();
                Peers.check(method, expected, greeks, 1e-6);
            }
            default -> throw new IllegalStateException("no check for " + method);
        }
    }

    /**
     * The price alone.
     *
     * @return the price
     */
    @Benchmark
    public double function() {
        return call(spot, vol, rate, time, strike);
    }

    /**
     * The generated gradient: the price and four Greeks from one reverse sweep.
     *
     * @return the record
     */
    @Benchmark
    public BlackScholesBenchDiff.CallGradient gradientRecord() {
        return BlackScholesBenchDiff.callGrad(spot, vol, rate, time, strike);
    }

    /**
     * One generated JVP, along (1, 0, 0, 2).
     *
     * @return the price and the directional derivative
     */
    @Benchmark
    public Dual jvp() {
        return BlackScholesBenchDiff.callJvp(spot, 1, vol, 0, rate, 0, time, 2, strike);
    }

    /**
     * The four Greeks by four generated JVPs.
     *
     * @return the Greeks
     */
    @Benchmark
    public double[] jvpGradient() {
        double[] out = greeks;
        out[0] = BlackScholesBenchDiff.callJvp(spot, 1, vol, 0, rate, 0, time, 0, strike)
                .tangent();
        out[1] = BlackScholesBenchDiff.callJvp(spot, 0, vol, 1, rate, 0, time, 0, strike)
                .tangent();
        out[2] = BlackScholesBenchDiff.callJvp(spot, 0, vol, 0, rate, 1, time, 0, strike)
                .tangent();
        out[3] = BlackScholesBenchDiff.callJvp(spot, 0, vol, 0, rate, 0, time, 1, strike)
                .tangent();
        return java.util.Arrays.copyOf(out, 4);
    }

    /**
     * The generated Hessian (4 x 4): gamma is its entry [0][0].
     *
     * @return the Hessian
     */
    @Benchmark
    public double[][] hessian() {
        return BlackScholesBenchDiff.callHessian(spot, vol, rate, time, strike);
    }

    /**
     * All five Greeks the generated way: the gradient (one reverse sweep) and the Hessian.
     *
     * @param bh consumes both
     */
    @Benchmark
    public void greeks(Blackhole bh) {
        bh.consume(BlackScholesBenchDiff.callGrad(spot, vol, rate, time, strike));
        bh.consume(BlackScholesBenchDiff.callHessian(spot, vol, rate, time, strike)[0][0]);
    }

    /**
     * The four first-order Greeks in closed form, with the price.
     *
     * @return the price
     */
    @Benchmark
    public double handWritten() {
        return greeksByHand(spot, vol, rate, time, strike, greeks4);
    }

    private final double[] greeks4 = new double[4];

    /**
     * All five Greeks in closed form, with the price.
     *
     * @return the price
     */
    @Benchmark
    public double handWrittenGreeks() {
        return greeksByHand(spot, vol, rate, time, strike, greeks);
    }

    /**
     * Hipparchus {@link Gradient} in 4 variables.
     *
     * @return the price with its gradient
     */
    @Benchmark
    public Gradient hipparchusGradient() {
        return call(
                Gradient.variable(4, 0, spot),
                Gradient.variable(4, 1, vol),
                Gradient.variable(4, 2, rate),
                Gradient.variable(4, 3, time),
                strike);
    }

    /**
     * Hipparchus {@link DerivativeStructure}, order 1 in 4 variables.
     *
     * @return the price with its derivatives
     */
    @Benchmark
    public DerivativeStructure hipparchusDS() {
        return call(ds1.variable(0, spot), ds1.variable(1, vol), ds1.variable(2, rate), ds1.variable(3, time), strike);
    }

    /**
     * Hipparchus {@link DerivativeStructure}, order 2 in 4 variables: all five Greeks (and the rest of the Hessian).
     *
     * @return the price with its derivatives
     */
    @Benchmark
    public DerivativeStructure hipparchusDS2() {
        return call(ds2.variable(0, spot), ds2.variable(1, vol), ds2.variable(2, rate), ds2.variable(3, time), strike);
    }

    /**
     * The four first-order Greeks by central differences: 8 evaluations (plus one for the price).
     *
     * @return the price
     */
    @Benchmark
    public double finiteDifferences() {
        double s = spot;
        double v = vol;
        double r = rate;
        double t = time;
        double k = strike;
        double[] out = greeks;
        out[0] = NumericDiff.centralDifference(x -> call(x, v, r, t, k), s, step(s));
        out[1] = NumericDiff.centralDifference(x -> call(s, x, r, t, k), v, step(v));
        out[2] = NumericDiff.centralDifference(x -> call(s, v, x, t, k), r, step(r));
        out[3] = NumericDiff.centralDifference(x -> call(s, v, r, x, k), t, step(t));
        return call(s, v, r, t, k);
    }

    /**
     * All five Greeks by differences: the four central differences, and gamma by the second difference
     * {@code (C(S + h) - 2 C(S) + C(S - h)) / h^2} with {@code h = eps^(1/4) max(1, S)}: 11 evaluations.
     *
     * @return the price
     */
    @Benchmark
    public double finiteDifferencesGreeks() {
        double price = finiteDifferences();
        double h = Math.sqrt(Math.sqrt(Math.ulp(1.0))) * Math.max(1, Math.abs(spot));
        greeks[4] = (call(spot + h, vol, rate, time, strike) - 2 * price + call(spot - h, vol, rate, time, strike))
                / (h * h);
        return price;
    }

    private static double step(double x) {
        return Peers.STEP * Math.max(1, Math.abs(x));
    }
}
