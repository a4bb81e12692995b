package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * A private nested class is invisible to the companion, another class of the package. Each use that generated code
 * would have to name is a positioned {@code [autodiff4j:private-class]} error, where the companion did not compile
 * before; the same code with the class package-private compiles and is exact (NumericDiff: ScalarFunction's
 * tolerances, gradient 1e-7, Hessian 1e-6).
 */
class PrivateClassTest {
    private static final String NODE = """
          %s static final class Node {
            final double w;
            final Node next;
            Node(double w, Node next) {
              this.w = w;
              this.next = next;
            }
          }
        """;

    @Test
    void aParameterOfAPrivateClass() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
        %s
          @Differentiable
          static double f(Node n, double x) {
            return n == null ? x : 2 * x;
          }
        }
        """.formatted(NODE.formatted("private"));
        assertSingleError(
                source,
                "[autodiff4j:private-class]",
                at(source, "n, double x"),
                "parameter n needs the private class Node",
                "Make Node package-private");
    }

    @Test
    void aMethodOfAPrivateClass() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static final class Inner {
            @Differentiable
            static double sq(double x) {
              return x * x;
            }
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:private-class]",
                at(source, "sq(double x)"),
                "method sq needs the private class Inner",
                "Make Inner package-private");
    }

    @Test
    void aFieldOfAPrivateClassReadThroughAHelper() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static final class Weights {
            static final double[] W = {0.5, 1.5};
          }
          @Differentiable
          static double f(double x) {
            return Weights.W[1] * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:private-class]",
                at(source, "Weights.W[1]"),
                "field W needs the private class Weights",
                "Make Weights package-private");
    }

    @Test
    void aCallOfAPrivateClasssMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static final class Steps {
            static int count(int k) {
              return 2 * k;
            }
          }
          @Differentiable
          static double f(double x, int k) {
            double s = x;
            for (int i = 0; i < Steps.count(k); i++) {
              s = Math.sin(s);
            }
            return s;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:private-class]",
                at(source, "Steps.count(k)"),
                "the call of count needs the private class Steps",
                "Make Steps package-private");
    }

    @Test
    void theSameRecursionOverAPackagePrivateClassCompilesAndIsExact() throws Exception {
        Compiled compiled = Compiled.compile("demo.Foo", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
        %s
          static double walk(Node n, double x) {
            return n == null ? x : Math.sin(n.w * walk(n.next, x));
          }
          @Differentiable
          static double f(Node n, double x) {
            return walk(n, x);
          }
        }
        """.formatted(NODE.formatted("")));
        java.lang.reflect.Constructor<?> make = compiled.load("demo.Foo$Node").getDeclaredConstructors()[0];
        make.setAccessible(true);
        Object list = make.newInstance(0.5, make.newInstance(-1.5, null));
        new ScalarFunction(compiled, "demo.Foo", "f").assertDerivatives(list, 0.4);
    }
}
