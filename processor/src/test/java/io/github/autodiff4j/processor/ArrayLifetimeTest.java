package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays whose identity or contents change while a loop runs: a new array per iteration, an array a helper reads
 * through its own parameter while the caller writes it. The backward sweep must see each iteration's array as it was.
 * Both functions compute x^(2^steps), so the exact derivative 2^steps x^(2^steps - 1) is the reference, to 1e-12
 * relative; NumericDiff and the Hessian are checked too.
 */
class ArrayLifetimeTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Lifetimes", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Lifetimes {
          @Differentiable
          static double allocatedInLoop(double x, int steps) {
            double s = x;
            for (int i = 0; i < steps; i++) {
              double[] k = {s * s};
              s = k[0];
            }
            return s;
          }

          @Differentiable
          static double helperReadsArrayInLoop(double x, int steps) {
            double[] y = {x};
            for (int i = 0; i < steps; i++) {
              y[0] = square(y);
            }
            return y[0];
          }

          @Differentiable
          static double helperReturnsNewArrayInLoop(double x, int steps) {
            double[] y = {x, 1};
            for (int i = 0; i < steps; i++) {
              y = squares(y);
            }
            return y[0] * y[1];
          }

          static double square(double[] y) {
            return y[0] * y[0];
          }

          static double[] squares(double[] y) {
            return new double[] {y[0] * y[0], y[1]};
          }
        }
        """);
    }

    @Test
    void eachIterationSeesItsOwnArray() {
        for (String name : new String[] {"allocatedInLoop", "helperReadsArrayInLoop", "helperReturnsNewArrayInLoop"}) {
            ScalarFunction f = new ScalarFunction(compiled, "demo.Lifetimes", name);
            for (int steps = 0; steps <= 3; steps++) {
                double x = 1.1;
                double power = Math.pow(2, steps);
                double exact = power * Math.pow(x, power - 1);
                assertEquals(exact, f.gradient(x, steps)[0], 1e-12 * exact, name + " with " + steps + " steps");
                f.assertDerivatives(x, steps);
            }
        }
    }
}
