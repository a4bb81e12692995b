package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instance methods of generic classes: the companion's static members cannot see the class's type variables, so each
 * member declares them itself, with their bounds ({@code <T extends Number & Comparable<T>>}), the outer class's
 * first for an inner class. Regression: the companion named {@code T} without declaring it and did not compile.
 * Derivatives are checked against NumericDiff (tolerances in ScalarFunction: 1e-7 relative for first derivatives,
 * 1e-6 for the Hessian; 1e-7 relative for the Jacobian below).
 */
class GenericClassesTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compileAll("demo.Box", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Box<T> {
          final double w;

          public Box(double w) {
            this.w = w;
          }

          double predict(double x) {
            return w * Math.sin(x) * x;
          }

          @Differentiable
          double loss(double x, double[] v) {
            return predict(x) + v[0] * v[1] * x;
          }
        }
        """, "demo.Bounded", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import java.util.List;
        public class Bounded<T extends Number & Comparable<T>> {
          final double[] w = {0.5, -1.0, 2.0};

          @Differentiable
          double f(double[] x, List<T> tags) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += w[i] * x[i] * x[i] * tags.size();
            }
            return s;
          }

          @Differentiable
          double[] g(double[] x) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              out[i] = Math.exp(w[i] * x[i]) * x[(i + 1) % x.length];
            }
            return out;
          }
        }
        """, "demo.Outer", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Outer<T> {
          public class Inner<U extends T> {
            final double a = 1.5;

            @Differentiable
            double f(double x, double y) {
              return x * x * y + base(x) * a;
            }

            double base(double x) {
              return Math.exp(x);
            }
          }

          public static class Nested<V extends Comparable<V>> {
            @Differentiable
            double f(double x) {
              return Math.log(1 + x * x);
            }
          }

          public static Outer<Number>.Inner<Integer> inner() {
            return new Outer<Number>().new Inner<Integer>();
          }
        }
        """);
    }

    @Test
    void aGenericClass() throws Exception {
        Object box = compiled.load("demo.Box").getConstructor(double.class).newInstance(1.7);
        new ScalarFunction(compiled, "demo.Box", "loss").assertDerivatives(box, 0.4, new double[] {0.3, -1.1});
        assertTrue(compiled.generatedSource("demo.BoxDiff")
                .contains("public static <T> LossGradient lossGrad(Box<T> self, double x, double[] v)"));
    }

    @Test
    void aBoundedTypeVariable() throws Exception {
        Object bounded = compiled.load("demo.Bounded").getConstructor().newInstance();
        double[] x = {0.3, -0.4, 0.9};
        new ScalarFunction(compiled, "demo.Bounded", "f").assertDerivatives(bounded, x, List.of(1, 2));
        assertTrue(
                compiled.generatedSource("demo.BoundedDiff")
                        .contains(
                                "public static <T extends Number & Comparable<T>> FGradient fGrad(Bounded<T> self, double[] x,"));

        // A vector function: its private Jacobian members declare the variables too.
        Class<?> type = compiled.load("demo.Bounded");
        Method g = type.getDeclaredMethod("g", double[].class);
        Method jacobian = compiled.load("demo.BoundedDiff").getMethod("gJacobian", type, double[].class);
        double[][] numeric = NumericDiff.jacobian(p -> value(g, bounded, p.clone()), x);
        double[][] generated = (double[][]) jacobian.invoke(null, bounded, x.clone());
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertEquals(numeric[i][j], generated[i][j], 1e-7 * Math.max(1, Math.abs(numeric[i][j])), i + "," + j);
            }
        }
    }

    private static double[] value(Method g, Object self, double[] x) {
        try {
            g.setAccessible(true);
            return (double[]) g.invoke(self, (Object) x);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Regression: an inner class's read of its enclosing instance's field was emitted as {@code self.a}, and a call of
     * its method as {@code self.twice(x)}: a companion that did not compile. The companion cannot reach
     * {@code Shell.this}.
     */
    @Test
    void aMemberOfTheEnclosingInstanceIsAPositionedError() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Shell {
          double a = 2;

          double twice(double x) {
            return 2 * x;
          }

          public class Inner {
            @Differentiable
            double f(double x) {
              return x * a;
            }

            @Differentiable
            double g(double x) {
              return twice(x) + x;
            }
          }
        }
        """;
        Compilation compilation = Compiled.run("demo.Shell", source);
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
        assertEquals(2, errors.size(), errors::toString);
        assertError(
                errors.get(0),
                DiagnosticsTest.at(source, "a;"),
                "the member a of the enclosing Shell object" + " (Shell.this.a) cannot be differentiated");
        assertError(
                errors.get(1),
                DiagnosticsTest.at(source, "twice(x) +"),
                "the member twice of the enclosing Shell" + " object (Shell.this.twice) cannot be differentiated");
    }

    private static void assertError(
            Diagnostic<? extends JavaFileObject> error, DiagnosticsTest.Position where, String text) {
        String message = error.getMessage(Locale.ROOT);
        assertTrue(message.startsWith("[autodiff4j:expression] " + text), message);
        assertEquals(where, new DiagnosticsTest.Position(error.getLineNumber(), error.getColumnNumber()), message);
    }

    @Test
    void nestedGenericClasses() throws Exception {
        Object inner = compiled.load("demo.Outer").getMethod("inner").invoke(null);
        new ScalarFunction(compiled, "demo.Outer$Inner", "f").assertDerivatives(inner, 0.6, -1.2);
        assertTrue(compiled.generatedSource("demo.Outer_InnerDiff")
                .contains(
                        "public static <T, U extends T> FGradient fGrad(Outer<T>.Inner<U> self, double x, double y)"));

        Object nested = compiled.load("demo.Outer$Nested").getConstructor().newInstance();
        new ScalarFunction(compiled, "demo.Outer$Nested", "f").assertDerivatives(nested, 0.8);
    }
}
