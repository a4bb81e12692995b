package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * Calls into other classes compiled in the same build are differentiated through, like calls within a class: static
 * helpers, a helper of a class in another package, and a method of an object passed in. Checked against NumericDiff
 * (tolerances in ScalarFunction) and a closed form (1e-12 relative).
 */
class CrossClassTest {

    @Test
    void helpersInOtherClassesAndPackages() throws Exception {
        Compiled compiled = Compiled.compileAll(
                "util.Kernels", """
            package util;
            public final class Kernels {
              public static double gaussian(double r, double width) {
                return Math.exp(-0.5 * square(r / width));
              }
              static double square(double v) {
                return v * v;
              }
            }
            """,
                "demo.Geometry", """
            package demo;
            public class Geometry {
              static double distance(double[] a, double[] b) {
                double sum = 0;
                for (int i = 0; i < a.length; i++) {
                  sum += (a[i] - b[i]) * (a[i] - b[i]);
                }
                return Math.sqrt(sum);
              }
            }
            """,
                "demo.Field", """
            package demo;
            import io.github.autodiff4j.Differentiable;
            import io.github.autodiff4j.NoDerivative;
            import util.Kernels;
            public class Field {
              @Differentiable
              static double potential(double[] p, @NoDerivative double[] source, double width) {
                return Kernels.gaussian(Geometry.distance(p, source), width);
              }
            }
            """);
        ScalarFunction f = new ScalarFunction(compiled, "demo.Field", "potential");
        double[] p = {0.3, -0.4};
        double[] source = {1.0, 0.5};
        f.assertDerivatives(p, source, 0.8);
        double r2 = 0.7 * 0.7 + 0.9 * 0.9;
        double exact = Math.exp(-0.5 * r2 / 0.64) * r2 / (0.8 * 0.8 * 0.8);
        assertEquals(exact, f.gradient(p, source, 0.8)[2], 1e-12 * exact, "d/dwidth");
    }
}
