package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/** NaN and infinite inputs flow through generated derivatives as IEEE arithmetic says, without exceptions. */
class NonFiniteInputsTest {

  @Test
  void nanAndInfinityPropagate() {
    Compiled compiled = Compiled.compile("demo.Edge", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Edge {
          @Differentiable
          static double f(double x, double y) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += Math.exp(-x * i) * y;
            }
            return s / (1 + x * x);
          }
        }
        """);
    ScalarFunction f = new ScalarFunction(compiled, "demo.Edge", "f");
    double[] nan = f.valueAndGradient(Double.NaN, 1.0);
    assertTrue(Double.isNaN(nan[0]) && Double.isNaN(nan[1]), "NaN in x gives NaN value and d/dx");
    double[] infinite = f.valueAndGradient(1.0, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, infinite[0], "value grows without bound in y");
    // d/dy = sum_i exp(-x i) / (1 + x^2) does not involve y: finite even at y = infinity.
    double exact = (1 + Math.exp(-1) + Math.exp(-2)) / 2;
    assertEquals(exact, infinite[2], 1e-15, "d/dy at y = infinity");
    assertTrue(Double.isInfinite(infinite[1]) || Double.isNaN(infinite[1]), "d/dx involves y");
  }
}
