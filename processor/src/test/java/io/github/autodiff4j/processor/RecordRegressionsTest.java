package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records the differential fuzzer found mishandled (seeds 6660001 and 6660002), reduced: each compiled into a
 * companion that did not compile, crashed the processor, or left the caller's arrays other than the function leaves
 * them. Derivatives checked against NumericDiff with ScalarFunction's and VectorFunction's tolerances (1e-7 first
 * order, 1e-6 Hessian; 1e-11 JVP and VJP against the Jacobian).
 */
class RecordRegressionsTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compileAll("fuzz.Box", """
                package fuzz;
                public record Box(double u, double v) {
                  public Box {
                    if (u < -1e12) {
                      throw new IllegalArgumentException("u = " + u);
                    }
                  }
                }
                """, "fuzz.R", """
                package fuzz;
                import io.github.autodiff4j.Differentiable;
                import io.github.autodiff4j.NoDerivative;
                public class R {
                  public record Pt(double x, double y) {
                    static Pt of(double x, double y) { return new Pt(x, y); }
                    Pt plus(Pt o) { return new Pt(x + o.x, y + o.y()); }
                    Pt minus(Pt o) { return new Pt(x - o.x(), y - o.y); }
                  }

                  /** A call as the receiver of equals, and concatenated into a string (the companion did not compile). */
                  @Differentiable
                  static double calls(double a, double b) {
                    assert ("" + Pt.of(a, b)).startsWith("Pt[") : "" + Pt.of(a, b);
                    return Pt.of(a, b).equals(new Pt(b, a)) ? a : a * b + new Pt(a, b).plus(Pt.of(b, a)).x();
                  }

                  /** A constant record beside doubles only (its partials' members took arrays). */
                  @Differentiable
                  static double scaled(double x, @NoDerivative Pt c) {
                    return x * c.x();
                  }

                  /** A record chosen between a built one and a constant one (an internal error). */
                  @Differentiable
                  static Pt chosen(@NoDerivative Pt q, double x) {
                    return (x < 3 ? new Pt(1, x * x) : q).minus(x > 2 ? q : q);
                  }

                  /** Writes a record into the caller's array (its JVP left the array as it was). */
                  @Differentiable
                  static double writes(Pt[] ps, double x) {
                    ps[0] = new Pt(x, 2 * x);
                    return ps[0].x() * ps[1].y();
                  }

                  /** A checked record result of a function writing into its array (its VJP ran the function again). */
                  @Differentiable
                  static Box boxed(double[] w, double b) {
                    w[1] -= b;
                    return new Box(1.5 * w[1], w[0] * b);
                  }
                }
                """);
    }

    private static Object pt(double x, double y) throws ReflectiveOperationException {
        Constructor<?> c = compiled.load("fuzz.R$Pt").getDeclaredConstructors()[0];
        c.setAccessible(true);
        return c.newInstance(x, y);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "fuzz.R", name);
    }

    @Test
    void callsAsReceiversAndInStrings() {
        f("calls").assertDerivatives(0.7, -1.3);
        assertEquals(0.5, f("calls").value(0.5, 0.5), 0.0);
    }

    @Test
    void aConstantRecordBesideDoubles() throws Exception {
        f("scaled").assertDerivatives(0.7, pt(2.5, 1));
        assertEquals(2.5, f("scaled").gradient(0.7, pt(2.5, 1))[0], 0.0);
    }

    @Test
    void aRecordChosenByAConditional() throws Exception {
        new VectorFunction(compiled, "fuzz.R", "chosen").assertDerivatives(pt(0.5, -2), 1.5);
        new VectorFunction(compiled, "fuzz.R", "chosen").assertDerivatives(pt(0.5, -2), 3.5);
    }

    @Test
    void recordsWrittenIntoTheCallersArrayComeBack() throws Exception {
        Object[] ps = (Object[]) Array.newInstance(compiled.load("fuzz.R$Pt"), 2);
        ps[0] = pt(1, 2);
        ps[1] = pt(3, 4);
        f("writes").assertDerivatives(ps, 5.0);
        Object[] mine = ps.clone();
        compiled.load("fuzz.RDiff")
                .getMethod("writesJvp", ps.getClass(), ps.getClass(), double.class, double.class)
                .invoke(null, mine, ps.clone(), 5.0, 1.0);
        assertEquals(pt(5, 10), mine[0], "the JVP writes the record, as the function does");
        assertEquals(pt(3, 4), mine[1]);
    }

    @Test
    void aVjpRunsTheFunctionOnce() throws Exception {
        new VectorFunction(compiled, "fuzz.R", "boxed").assertDerivatives(new double[] {1, 2, 3}, 0.25);
        double[] w = {1, 2, 3};
        // The seed of a record that declares its constructor is its tangent record.
        Class<?> tangent = compiled.load("fuzz.RDiff$BoxTangent");
        Constructor<?> seed = tangent.getDeclaredConstructors()[0];
        compiled.load("fuzz.RDiff")
                .getMethod("boxedVjp", double[].class, double.class, tangent)
                .invoke(null, w, 0.25, seed.newInstance(1.0, 1.0));
        // Restored, as a double[] result's VJP leaves it; before, the value's extra call of boxed left 1.75 there.
        assertArrayEquals(new double[] {1, 2, 3}, w, 0.0);
    }
}
