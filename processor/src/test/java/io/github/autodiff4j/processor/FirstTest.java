package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

class FirstTest {
    @Test
    void smoke() {
        Compiled c = Compiled.compile("demo.Foo", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static final double K = 3.0;
          @Differentiable
          public static double f(double x) {
            return 2 * x + x * x;
          }
          @Differentiable
          static double g(double x, double y, int n) {
            double a = Math.sin(x * y);
            a = a * a + n;
            a += Math.exp(y) / x;
            return a * x + y + sq(y) * K;
          }
          static double sq(double v) {
            double r = v * v;
            return r;
          }
        }
        """);
        new ScalarFunction(c, "demo.Foo", "f").assertDerivatives(2.0);
        new ScalarFunction(c, "demo.Foo", "g").assertDerivatives(0.7, 1.3, 2);
    }
}
