package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursive {@code @Differentiable} methods, directly and mutually recursive: a recursive call goes through the
 * partial derivatives the method's companion generates, in every mode and in the Hessian. Checked against NumericDiff
 * (tolerances in ScalarFunction) and closed forms (1e-12 relative).
 */
class RecursionTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.compile("demo.Rec", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Rec {
          /** x^n by recursion. */
          @Differentiable
          static double power(double x, int n) {
            if (n == 0) {
              return 1;
            }
            return x * power(x, n - 1);
          }

          /** The continued fraction 1 / (a + 1 / (a + ...)) n levels deep, in two variables. */
          @Differentiable
          static double fraction(double a, double b, int n) {
            return n == 0 ? b : 1 / (a + fraction(a, b, n - 1));
          }

          /** Mutual recursion: a chain of sines and cosines. */
          @Differentiable
          static double wave(double x, int n) {
            return n == 0 ? x : Math.sin(ripple(x, n - 1));
          }

          @Differentiable
          static double ripple(double x, int n) {
            return n == 0 ? x : Math.cos(wave(x, n - 1)) + 0.5 * x;
          }
        }
        """);
  }

  @Test
  void directRecursion() {
    ScalarFunction power = new ScalarFunction(compiled, "demo.Rec", "power");
    for (int n = 0; n <= 5; n++) {
      power.assertDerivatives(1.3, n);
      double exact = n * Math.pow(1.3, n - 1);
      assertEquals(exact, power.gradient(1.3, n)[0], 1e-12 * Math.max(1, exact), "d/dx x^" + n);
    }
  }

  @Test
  void recursionInTwoVariables() {
    ScalarFunction fraction = new ScalarFunction(compiled, "demo.Rec", "fraction");
    for (int n = 0; n <= 4; n++) {
      fraction.assertDerivatives(1.7, 0.4, n);
    }
  }

  @Test
  void mutualRecursion() {
    for (String name : new String[] {"wave", "ripple"}) {
      ScalarFunction f = new ScalarFunction(compiled, "demo.Rec", name);
      for (int n = 0; n <= 4; n++) {
        f.assertDerivatives(0.6, n);
      }
    }
  }
}
