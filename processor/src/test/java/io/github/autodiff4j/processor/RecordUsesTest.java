package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records in the other forms a user writes them: streamed, as varargs, as a field of the receiver, ordered by their
 * own compareTo, returned unchanged by a recursion, null where the function allows it, in an array initializer, in
 * instance helpers, with a custom rule in a loop, in a recursion over an array of records and in switch cases.
 * Checked against NumericDiff in every mode (ScalarFunction: value bit for bit, gradient and JVP 1e-7 relative,
 * Hessian 1e-6), and against closed forms (exactly) where they exist. The recursion and the null record were errors
 * before.
 */
class RecordUsesTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Uses", """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        import java.util.Arrays;
        public class Uses {
          public record P(double x, double y) implements Comparable<P> {
            static final P ZERO = new P(0, 0);
            public int compareTo(P o) { return Double.compare(x, o.x); }
            P times(double s) { return new P(x * s, y * s); }
          }

          final P origin;

          Uses(P origin) { this.origin = origin; }

          @Differentiable
          static double stream(P[] ps) {
            return Arrays.stream(ps).mapToDouble(p -> p.x() * p.y()).sum();
          }

          @Differentiable
          static double varargs(double s, P... ps) {
            double t = 0;
            for (P p : ps) {
              t += p.x() * s * p.y();
            }
            return t;
          }

          @Differentiable
          double field(double s) {
            return origin.x() * s + origin.times(s).y() * s;
          }

          @Differentiable
          static double ordered(P a, P b) {
            return a.compareTo(b) > 0 ? a.x() * b.y() : b.x() * a.y();
          }

          /** Returns its parameter unchanged at the bottom: a record is a value, so that is a new one. */
          static P halve(P p, int n) {
            return n == 0 ? p : halve(p.times(0.5), n - 1);
          }

          @Differentiable
          static double recursive(P p) {
            return halve(p, 3).x() + halve(p, 2).y();
          }

          @Differentiable
          static double nulls(P p, @NoDerivative P q) {
            return q == null ? p.x() * p.x() : p.x() * q.x();
          }

          P shifted(P v) {
            return new P(v.x() * origin.x(), v.y());
          }

          /** An instance helper taking and returning records, on the own object. */
          @Differentiable
          double instance(P v, double s) {
            P u = shifted(v).times(s);
            return u.x() * u.y();
          }

          static double soft(double x) {
            return Math.log1p(Math.exp(x));
          }

          @DerivativeOf("soft")
          static double softDerivative(double x) {
            return 1 / (1 + Math.exp(-x));
          }

          /** A custom rule in a loop, on a record's components. */
          @Differentiable
          static double rules(P v) {
            double t = 0;
            for (int i = 0; i < 3; i++) {
              t += soft(v.x() * i + v.y());
            }
            return t;
          }

          /** A recursion over an array of records, by index. */
          static double sumTo(P[] ps, int i) {
            return i == ps.length ? 0 : ps[i].x() * ps[i].y() + sumTo(ps, i + 1);
          }

          @Differentiable
          static double recursionOverRecords(P[] ps) {
            return sumTo(ps, 0);
          }

          @Differentiable
          static double switched(P v, int k) {
            return switch (k) {
              case 0 -> v.x();
              case 1 -> v.y() * v.x();
              default -> new P(v.y(), v.x()).times(v.x()).y();
            };
          }

          @Differentiable
          static double initializer(double s) {
            P[] ps = {new P(s, 1), P.ZERO};
            ps[1] = ps[0].times(s);
            return ps[1].x() * ps[0].x() + ps.length;
          }
        }
        """);
    }

    private static Object p(double x, double y) throws ReflectiveOperationException {
        Constructor<?> c = compiled.load("demo.Uses$P").getDeclaredConstructors()[0];
        c.setAccessible(true);
        return c.newInstance(x, y);
    }

    private static Object ps(double... xy) throws ReflectiveOperationException {
        Object[] out = (Object[]) Array.newInstance(compiled.load("demo.Uses$P"), xy.length / 2);
        for (int i = 0; i < out.length; i++) {
            out[i] = p(xy[2 * i], xy[2 * i + 1]);
        }
        return out;
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "demo.Uses", name);
    }

    @Test
    void streamedAndVarargs() throws Exception {
        f("stream").assertDerivatives(ps(0.7, -1.3, 1.1, 0.4, -0.5, 2));
        f("varargs").assertDerivatives(1.5, ps(0.7, -1.3, 1.1, 0.4));
    }

    @Test
    void theReceiversRecordIsAConstant() throws Exception {
        Constructor<?> make = compiled.load("demo.Uses").getDeclaredConstructors()[0];
        make.setAccessible(true);
        Object uses = make.newInstance(p(1.1, 0.4));
        f("field").assertDerivatives(uses, 0.8);
        // x0 + 2 s y0
        assertEquals(1.1 + 2 * 0.8 * 0.4, f("field").gradient(uses, 0.8)[0], 1e-15);
    }

    @Test
    void orderedByItsOwnCompareTo() throws Exception {
        f("ordered").assertDerivatives(p(0.7, -1.3), p(1.1, 0.4));
        f("ordered").assertDerivatives(p(1.7, -1.3), p(1.1, 0.4));
    }

    @Test
    void aRecursionReturningItsParameter() throws Exception {
        f("recursive").assertDerivatives(p(0.7, -1.3));
        double[] gradient = f("recursive").gradient(p(0.7, -1.3));
        assertEquals(0.125, gradient[0], 0.0);
        assertEquals(0.25, gradient[1], 0.0);
    }

    @Test
    void aNullConstantRecord() throws Exception {
        f("nulls").assertDerivatives(p(0.7, -1.3), null);
        f("nulls").assertDerivatives(p(0.7, -1.3), p(2, 3));
        assertEquals(1.4, f("nulls").gradient(p(0.7, -1.3), null)[0], 1e-15);
    }

    @Test
    void instanceHelpersRulesRecursionAndSwitches() throws Exception {
        Constructor<?> make = compiled.load("demo.Uses").getDeclaredConstructors()[0];
        make.setAccessible(true);
        f("instance").assertDerivatives(make.newInstance(p(1.5, 0)), p(0.7, -0.4), 0.3);
        f("rules").assertDerivatives(p(0.7, -0.4));
        f("recursionOverRecords").assertDerivatives(ps(0.7, -0.4, 1.2, 0.5, -0.3, 2));
        for (int k = 0; k < 3; k++) {
            f("switched").assertDerivatives(p(0.7, -0.4), k);
        }
    }

    @Test
    void anArrayInitializerOfRecords() {
        f("initializer").assertDerivatives(0.9);
    }
}
