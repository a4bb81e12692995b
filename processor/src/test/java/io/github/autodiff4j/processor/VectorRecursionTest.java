package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion of static methods of the build returning a {@code double[]} (issue 13, item 6): through the same private
 * members as a library's vector function (item 7), whose pullback takes the result's adjoint array as its seed, and
 * whose records keep each level's returned arrays on the RecursionTape. Checked against NumericDiff in every mode
 * (value bit for bit; first order 1e-7 relative; Hessian 1e-6) and a closed form (1e-12). Every function here was an
 * [autodiff4j:recursion] error (RESULT) before.
 */
class VectorRecursionTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Rec", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Rec {
          /** n steps of v -> sin(v) x + v0, one level per step. */
          static double[] iterate(double[] v, double x, int n) {
            if (n == 0) {
              return v.clone();
            }
            double[] w = iterate(v, x, n - 1);
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
              out[i] = Math.sin(w[i]) * x + v[i];
            }
            return out;
          }

          @Differentiable
          static double energy(double[] v, double x) {
            double[] w = iterate(v, x, 4);
            double s = 0;
            for (double e : w) {
              s += e * e;
            }
            return s;
          }

          /** Scaled squares over [lo, hi), the right half's shifted by the left's last: private, two calls a level. */
          private static double[] scaled(double[] v, double s, int lo, int hi) {
            if (hi - lo == 1) {
              return new double[] {s * v[lo] * v[lo]};
            }
            int mid = (lo + hi) >>> 1;
            double[] left = scaled(v, s, lo, mid);
            double[] right = scaled(v, s * 0.5, mid, hi);
            double[] out = new double[hi - lo];
            for (int i = 0; i < left.length; i++) {
              out[i] = left[i];
            }
            for (int i = 0; i < right.length; i++) {
              out[left.length + i] = right[i] + left[left.length - 1];
            }
            return out;
          }

          /** In a loop, writing the result and the argument after each call; the same array twice. */
          @Differentiable
          static double looped(double[] v, double s) {
            double[] w = v.clone();
            double total = 0;
            for (int k = 0; k < 2; k++) {
              double[] p = scaled(w, s, 0, w.length);
              p[0] = p[0] * s;
              for (int i = 0; i < w.length; i++) {
                w[i] = Math.cos(p[i]) + 0.5 * w[i];
                total += p[i] * w[i];
              }
            }
            return total;
          }

          /** v, multiplied n times by 2: the Jacobian is 2^n I. */
          static double[] doubled(double[] v, int n) {
            if (n == 0) {
              return v.clone();
            }
            double[] w = doubled(v, n - 1);
            for (int i = 0; i < w.length; i++) {
              w[i] = 2 * w[i];
            }
            return w;
          }

          @Differentiable
          static double[] eight(double[] v) {
            return doubled(v, 3);
          }

          @Differentiable
          static double[] steps(double[] v, double x) {
            return iterate(v, x, 3);
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "demo.Rec", name);
    }

    @Test
    void aRecursionOfSteps() {
        f("energy").assertDerivatives(new double[] {0.5, -1.2, 0.3}, 0.7);
    }

    @Test
    void aPrivateTreeInALoopWritingWhatItReturnedAndWhatItWasPassed() {
        f("looped").assertDerivatives(new double[] {0.5, -1.2, 0.3, 0.8, -0.4}, 0.6);
    }

    @Test
    void fromVectorFunctionsWithAClosedForm() {
        double[] v = {0.5, -1.2, 0.3};
        new VectorFunction(compiled, "demo.Rec", "eight").assertDerivatives((Object) v);
        double[][] jacobian = new VectorFunction(compiled, "demo.Rec", "eight").jacobian((Object) v);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 8 : 0, jacobian[i][j], 1e-12);
            }
        }
        new VectorFunction(compiled, "demo.Rec", "steps").assertDerivatives(v, 0.7);
    }

    @Test
    void theCompanionKeepsTheArraysOfEachLevel() {
        String code = compiled.generatedSource("demo.RecDiff");
        assertTrue(code.contains("RecursionTape.keep(iterateRecord("), code);
        assertTrue(code.contains("RecursionTape.nextArray()"), code);
    }
}
