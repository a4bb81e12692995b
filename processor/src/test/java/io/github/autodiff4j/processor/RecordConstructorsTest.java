package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records that declare their canonical constructor: a compact constructor that checks its arguments runs on the same
 * values in every member (it throws as the function does), and derivatives with respect to such a record are a tangent
 * record of their own ({@code MarketTangent}), which that constructor never sees: vega, rho and delta may be
 * negative where the record forbids it. Checked against NumericDiff (ScalarFunction: gradient and JVP 1e-7 relative,
 * Hessian 1e-6) and against Black-Scholes' closed-form Greeks (1e-10 relative; N by Simpson's rule, 1e-14).
 */
class RecordConstructorsTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compileAll("demo.Market", """
                package demo;
                /** A market whose constructor checks its volatility. */
                public record Market(double spot, double rate, double vol) {
                  public Market {
                    if (vol <= 0) {
                      throw new IllegalArgumentException("vol must be positive: " + vol);
                    }
                  }
                }
                """, "demo.Greeks", """
                package demo;
                import io.github.autodiff4j.Differentiable;
                import io.github.autodiff4j.Special;
                public class Greeks {
                  public record Option(double strike, double maturity) {}

                  /** Black-Scholes' call price. */
                  @Differentiable
                  public static double call(Market m, Option o) {
                    double sd = m.vol() * Math.sqrt(o.maturity());
                    double d1 = (Math.log(m.spot() / o.strike()) + (m.rate() + 0.5 * m.vol() * m.vol()) * o.maturity()) / sd;
                    double d2 = d1 - sd;
                    return m.spot() * Special.normalCdf(d1) - o.strike() * Math.exp(-m.rate() * o.maturity()) * Special.normalCdf(d2);
                  }

                  /** A market built inside the function, bumped: its constructor's check runs on the bumped values. */
                  @Differentiable
                  public static double bumped(Market m, Option o, double shift) {
                    Market up = new Market(m.spot(), m.rate(), m.vol() + shift);
                    return call(up, o) - call(m, o);
                  }
                }
                """);
    }

    private static Object market(double spot, double rate, double vol) throws ReflectiveOperationException {
        return make("demo.Market", spot, rate, vol);
    }

    private static Object option(double strike, double maturity) throws ReflectiveOperationException {
        return make("demo.Greeks$Option", strike, maturity);
    }

    private static Object make(String type, Object... args) throws ReflectiveOperationException {
        Constructor<?> c = compiled.load(type).getDeclaredConstructors()[0];
        c.setAccessible(true);
        return c.newInstance(args);
    }

    @Test
    void greeksComeBackAsATangentRecordOfTheMarket() throws Exception {
        Object m = market(100, 0.03, 0.25);
        Object o = option(110, 0.75);
        ScalarFunction call = new ScalarFunction(compiled, "demo.Greeks", "call");
        call.assertDerivatives(m, o);
        // Delta N(d1), rho K T e^{-rT} N(d2), vega S sqrt(T) phi(d1); strike and maturity too.
        double s = 100, r = 0.03, v = 0.25, k = 110, t = 0.75;
        double sd = v * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * v * v) * t) / sd;
        double d2 = d1 - sd;
        double[] gradient = call.gradient(m, o);
        assertEquals(normalCdf(d1), gradient[0], 1e-10, "delta");
        assertEquals(k * t * Math.exp(-r * t) * normalCdf(d2), gradient[1], 1e-10 * k, "rho");
        assertEquals(s * Math.sqrt(t) * pdf(d1), gradient[2], 1e-10 * s, "vega");
        assertEquals(-Math.exp(-r * t) * normalCdf(d2), gradient[3], 1e-10, "dC/dK");

        Method grad = compiled.load("demo.GreeksDiff").getMethod("callGrad", m.getClass(), o.getClass());
        Object record = grad.invoke(null, m, o);
        RecordComponent[] components = record.getClass().getRecordComponents();
        assertEquals("demo.GreeksDiff$MarketTangent", components[1].getType().getName());
        // The option declares no constructor: its partials are an Option.
        assertEquals(o.getClass(), components[2].getType());
    }

    @Test
    void aNegativePartialIsFineInTheTangentRecord() throws Exception {
        // d/dvol of the bumped difference is negative here: the tangent record holds it where Market's own
        // constructor would throw.
        Object m = market(100, 0.03, 0.25);
        Object o = option(100, 1.0);
        ScalarFunction bumped = new ScalarFunction(compiled, "demo.Greeks", "bumped");
        bumped.assertDerivatives(m, o, 0.05);
        double[] gradient = bumped.gradient(m, o, 0.05);
        // At the money, vega falls as the volatility grows: the difference of vegas is negative.
        assertTrue(gradient[2] < 0, "d/dvol of the bumped difference: " + gradient[2]);
    }

    @Test
    void theConstructorsCheckRunsInEveryMember() throws Exception {
        Object m = market(100, 0.03, 0.25);
        Object o = option(110, 0.75);
        Class<?> companion = compiled.load("demo.GreeksDiff");
        Method grad = companion.getMethod("bumpedGrad", m.getClass(), o.getClass(), double.class);
        Throwable thrown =
                assertThrows(java.lang.reflect.InvocationTargetException.class, () -> grad.invoke(null, m, o, -0.3));
        assertTrue(
                thrown.getCause() instanceof IllegalArgumentException,
                thrown.getCause().toString());
        assertEquals(
                "vol must be positive: -0.04999999999999999", thrown.getCause().getMessage());
    }

    /** N(x) by Simpson's rule on the normal density from -12: accurate to about 1e-14, independent of the code. */
    private static double normalCdf(double x) {
        int n = 20_000;
        double a = -12;
        double h = (x - a) / n;
        double sum = pdf(a) + pdf(x);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * pdf(a + i * h);
        }
        return sum * h / 3;
    }

    private static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }
}
