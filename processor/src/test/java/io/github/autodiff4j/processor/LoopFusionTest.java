package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reverse of a function's last loop run inside that loop ({@code LoopFusion}), and the loops it must leave alone.
 * Every function is checked in every mode against NumericDiff (the tolerances of {@link ScalarFunction}), including
 * arrays too short for the loop to run; the generated gradient is checked to have one loop where the fusion applies and
 * two where it must not.
 */
class LoopFusionTest {
    private static final String CLASS = "demo.Fusion";
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, """
        package demo;

        import io.github.autodiff4j.Differentiable;

        public class Fusion {
          // A sum of terms of neighbours, scaled after the loop by a constant: fused.
          @Differentiable
          static double chain(double[] x, double w) {
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
              double d = x[i + 1] - Math.sin(x[i]) * w;
              sum += d * d + Math.exp(-x[i] * x[i]);
            }
            return 0.5 * sum / x.length;
          }

          // Two sums from one loop, one of them read in the other's term: fused.
          @Differentiable
          static double twoSums(double[] x) {
            double s = 0;
            double q = 0;
            for (int i = 0; i < x.length; i++) {
              s += x[i];
              q += x[i] * x[i] * (i + 1);
            }
            return q - 2 * s;
          }

          // The adjoint of the sum depends on the sum: the reverse must wait for the loop.
          @Differentiable
          static double logOfSum(double[] x) {
            double sum = 1;
            for (int i = 0; i < x.length; i++) {
              sum += x[i] * x[i];
            }
            return Math.log(sum);
          }

          // A running product: each iteration's reverse needs the product before it.
          @Differentiable
          static double product(double[] x) {
            double p = 1;
            for (int i = 0; i < x.length; i++) {
              p = p * Math.cos(x[i]);
            }
            return p;
          }

          // An earlier loop stays as it is; only the last one is fused.
          @Differentiable
          static double twoLoops(double[] x) {
            double m = 0;
            for (int i = 0; i < x.length; i++) {
              m += x[i];
            }
            m = m / x.length;
            double v = 0;
            for (int i = 0; i < x.length; i++) {
              v += (x[i] - m) * (x[i] - m);
            }
            return v;
          }
        }
        """);
    }

    @Test
    void aSumScaledByAConstantIsFused() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "chain");
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7}, 1.3);
        f.assertDerivatives(new double[] {0.5}, -0.4);
        String grad = gradient("chain");
        assertEquals(1, loops(grad));
        // The three contributions to dx[i] are merged into one read and one write of the element.
        assertEquals(
                1,
                grad.lines().filter(line -> line.strip().startsWith("dx[i] ")).count(),
                grad);
    }

    @Test
    void twoSumsAreFused() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "twoSums");
        f.assertDerivatives((Object) new double[] {0.5, -1.2, 2, 0.7});
        f.assertDerivatives((Object) new double[] {});
        assertEquals(1, loops(gradient("twoSums")));
    }

    @Test
    void anAdjointThatNeedsTheSumWaits() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "logOfSum");
        f.assertDerivatives((Object) new double[] {0.5, -1.2, 2});
        assertEquals(2, loops(gradient("logOfSum")));
    }

    @Test
    void aRunningProductIsNotFused() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "product");
        f.assertDerivatives((Object) new double[] {0.5, -1.2, 2});
        assertEquals(2, loops(gradient("product")));
    }

    @Test
    void onlyTheLastLoopIsFused() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "twoLoops");
        f.assertDerivatives((Object) new double[] {0.5, -1.2, 2, 0.25});
        assertEquals(3, loops(gradient("twoLoops")));
    }

    /** The gradient member of the companion that holds the sweeps: the allocation-free one where there is one. */
    private static String gradient(String name) {
        String source = compiled.generatedSource(CLASS + "Diff");
        int start = source.indexOf("public static double " + name + "Grad(");
        if (start < 0) {
            start = source.indexOf("Gradient " + name + "Grad(");
        }
        return source.substring(start, source.indexOf("\n    }\n", start));
    }

    /** The loops of the code, not counting the source lines quoted in comments. */
    private static int loops(String code) {
        return (int) code.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("for (") || line.startsWith("while ("))
                .count();
    }
}
