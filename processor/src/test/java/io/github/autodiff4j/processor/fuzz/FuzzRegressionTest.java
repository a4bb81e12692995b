package io.github.autodiff4j.processor.fuzz;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * Bugs the differential fuzzer ({@link FuzzTest}) found, each reduced by hand to a small program and checked with
 * {@link ScalarFunction#assertDerivatives} (gradient, JVP, Hessian and fooCheck against NumericDiff, tolerances of
 * ScalarFunction).
 */
class FuzzRegressionTest {
  /**
   * An early return makes reverse mode replay segments; the loop that fills the array with a constant must still run
   * its counter back down, so that the old elements go back where they came from (was: index 3 out of bounds).
   */
  @Test
  void constantStoresInALoopAfterAnEarlyReturn() {
    Compiled compiled = Compiled.compile("fuzz.Stores", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Stores {
          @Differentiable
          static double f(double x) {
            if (x > 5) {
              return x;
            }
            double[] a = new double[3];
            for (int i = 0; i < a.length; i++) {
              a[i] = 1.5;
            }
            return x * a[1];
          }
        }
        """);
    ScalarFunction f = new ScalarFunction(compiled, "fuzz.Stores", "f");
    f.assertDerivatives(0.3);
    f.assertDerivatives(6.0);
  }

  /**
   * A helper called on the result of another call of a helper: the inner call's result is a fresh variable, which must
   * count as active for the outer callee, so that the outer callee's own calls are inlined too (was: a
   * ClassCastException in the processor).
   */
  @Test
  void helperCalledOnTheResultOfAHelperThatCallsAHelper() {
    Compiled compiled = Compiled.compile("fuzz.Nested", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Nested {
          static double fill(double[] out, double q) {
            out[0] = Math.sin(q);
            return out[0] + q * out[1];
          }

          static double pair(double p, double q) {
            double[] a = {p, q};
            return fill(a, a[0]);
          }

          @Differentiable
          static double f(double x, double y) {
            return pair(pair(x, y), Math.PI) * y;
          }
        }
        """);
    ScalarFunction f = new ScalarFunction(compiled, "fuzz.Nested", "f");
    f.assertDerivatives(0.3, -0.7);
    f.assertDerivatives(1.9, 0.4);
  }
}
