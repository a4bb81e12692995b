package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function differentiated through a rule rather than its body ({@code @DerivativeOf}, {@code Special}, recursion
 * through the companion's partials) inside loops whose reverse runs after the whole forward loop: each reversed
 * iteration must evaluate the rule at that iteration's arguments, not the last one's. Regression for issue 11, item 1.
 * Derivatives against NumericDiff (tolerances in ScalarFunction and VectorFunction) and a closed form (1e-12).
 */
class RulesInLoopsTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Rules", """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.Special;
        public class Rules {
          static double softplus(double x) {
            return Math.log1p(Math.exp(x));
          }

          @DerivativeOf("softplus")
          static double softplusDerivative(double x) {
            return 1 / (1 + Math.exp(-x));
          }

          static double blend(double a, double b) {
            return a * Math.exp(b);
          }

          @DerivativeOf("blend")
          static double[] blendDerivative(double a, double b) {
            return new double[] {Math.exp(b), a * Math.exp(b)};
          }

          @Differentiable
          static double erfStored(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = Special.erf(x[i] * 0.7);
            double s = 0;
            for (int i = 0; i < x.length; i++) s += y[i] * (i + 1);
            return s;
          }

          @Differentiable
          static double specialsStored(double[] x) {
            double[] y = new double[x.length];
            int i = 0;
            while (i < x.length) {
              y[i] = Special.erfc(x[i]) + Special.normalCdf(x[i] * x[i]);
              i++;
            }
            double s = 0;
            for (int k = 0; k < x.length; k++) s += y[k] * y[k];
            return s;
          }

          @Differentiable
          static double ruleInNestedLoops(double[] x, double[] w) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < w.length; j++) {
                if (x[i] > w[j]) {
                  y[i] += blend(x[i], w[j]);
                } else {
                  y[i] += softplus(x[i] - w[j]);
                }
              }
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) s += y[i] * y[i];
            return s;
          }

          @Differentiable
          static double recursionInLoop(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = power(x[i], i + 2);
            double s = 0;
            for (int i = 0; i < x.length; i++) s += y[i] * (i + 1);
            return s;
          }

          @Differentiable
          static double power(double x, int n) {
            return n == 0 ? 1 : x * power(x, n - 1);
          }

          @Differentiable
          static double[] ruleInVector(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = softplus(x[i] * 2);
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) out[i] = y[i] * y[x.length - 1 - i];
            return out;
          }

          double scale = 0.5;

          @Differentiable
          double ruleInInstance(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = Special.erf(scale * x[i]);
            double s = 0;
            for (int i = 0; i < x.length; i++) s += y[i] * x[i];
            return s;
          }
        }
        """);
    }

    @Test
    void erfInAStoringLoopIsDifferentiatedAtEachIterationsArgument() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Rules", "erfStored");
        double[] x = {0.5, -1.2, 2.0};
        f.assertDerivatives((Object) x);
        for (int i = 0; i < x.length; i++) {
            double exact = (i + 1) * 0.7 * 2 / Math.sqrt(Math.PI) * Math.exp(-0.49 * x[i] * x[i]);
            assertEquals(exact, f.gradient((Object) x)[i], 1e-12, "d/dx" + i);
        }
    }

    @Test
    void specialFunctionsInAWhileLoop() {
        new ScalarFunction(compiled, "demo.Rules", "specialsStored")
                .assertDerivatives((Object) new double[] {0.3, -0.8, 1.1});
    }

    @Test
    void userRulesInNestedLoopsAndBranches() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Rules", "ruleInNestedLoops");
        f.assertDerivatives(new double[] {0.4, -0.3, 1.2}, new double[] {0.1, 0.9});
    }

    @Test
    void recursionThroughTheCompanionInALoop() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Rules", "recursionInLoop");
        double[] x = {1.1, 0.7, -0.9};
        f.assertDerivatives((Object) x);
        for (int i = 0; i < x.length; i++) {
            double exact = (i + 1) * (i + 2) * Math.pow(x[i], i + 1);
            assertEquals(exact, f.gradient((Object) x)[i], 1e-12 * Math.max(1, Math.abs(exact)), "d/dx" + i);
        }
    }

    @Test
    void ruleInAVectorFunction() {
        new VectorFunction(compiled, "demo.Rules", "ruleInVector")
                .assertDerivatives((Object) new double[] {0.2, -0.5, 0.9});
    }

    @Test
    void ruleInAnInstanceMethod() throws ReflectiveOperationException {
        Object model = compiled.load("demo.Rules").getDeclaredConstructor().newInstance();
        new ScalarFunction(compiled, "demo.Rules", "ruleInInstance").assertDerivatives(model, new double[] {0.6, -1.4});
    }
}
