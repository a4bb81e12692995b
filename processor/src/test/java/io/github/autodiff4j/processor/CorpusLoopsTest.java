package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corpus, part 2: loops. Loops that accumulate and loops that overwrite their state, constant and data-dependent trip
 * counts, while and do-while, break and continue (labelled too, in nested loops), early return from inside a loop.
 *
 * <p>Every function is checked with {@link ScalarFunction#assertDerivatives} (reverse, forward, Hessian and fooCheck
 * against NumericDiff, tolerances of ScalarFunction: 1e-7 first order, 1e-6 Hessian) at several points. Closed forms,
 * where there are any, within {@value #CLOSED} relative to max(1, |expected|) unless a test states otherwise.
 */
class CorpusLoopsTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Loops";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Loops {
        // Overwrites its parameter n times.
        @Differentiable
        static double repeatedSin(double x, int n) {
          for (int i = 0; i < n; i++) {
            x = Math.sin(x);
          }
          return x;
        }

        @Differentiable
        static double powerByMultiplication(double x, int n) {
          double p = 1;
          for (int i = 0; i < n; i++) {
            p *= x;
          }
          return p;
        }

        // Exponentiation by squaring: the int parameter is consumed by the loop.
        @Differentiable
        static double powerBySquaring(double x, int n) {
          double result = 1;
          double base = x;
          while (n > 0) {
            if (n % 2 == 1) {
              result *= base;
            }
            base *= base;
            n /= 2;
          }
          return result;
        }

        @Differentiable
        static double geometricSum(double x, double y, int n) {
          double s = 0;
          double t = 1;
          for (int i = 0; i < n; i++) {
            s += t * y;
            t *= x;
          }
          return s;
        }

        // The Taylor series of exp, stopped by a break when the terms no longer matter.
        @Differentiable
        static double expSeries(double x) {
          double term = 1;
          double sum = 1;
          for (int k = 1; k < 500; k++) {
            term *= x / k;
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
              break;
            }
          }
          return sum;
        }

        @Differentiable
        static double continueEveryThird(double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
              continue;
            }
            s += Math.sin(i * x) / i;
          }
          return s;
        }

        @Differentiable
        static double labelledContinue(double x, double y, int n) {
          double s = 0;
          outer:
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              if (j > i) {
                continue outer;
              }
              if ((i + j) % 2 == 1) {
                continue;
              }
              s += Math.pow(x, i) * Math.pow(y, j) / (1 + i + j);
            }
          }
          return s;
        }

        // Labelled break out of a nested loop when an active running sum crosses a threshold.
        @Differentiable
        static double labelledBreak(double x, double y) {
          double s = 0;
          search:
          for (int i = 1; i < 50; i++) {
            for (int j = 1; j <= i; j++) {
              s += x / (i * j) + y * y / (i + j);
              if (s > 10) {
                break search;
              }
            }
          }
          return s * x;
        }

        // A break out of a labelled if (not a loop): the rest of the if is skipped.
        @Differentiable
        static double labelledIf(double x, double y) {
          double s = x;
          check:
          if (x > 0) {
            s *= y;
            if (s > 1) {
              break check;
            }
            s += x * x;
          }
          return s * y;
        }

        static double clipped(double a, double b) {
          double s = a * b;
          clip:
          if (s > 0) {
            if (s > 2) {
              s = 2 + Math.log(s - 1);
              break clip;
            }
            s = s * s / 2;
          }
          return s;
        }

        // The same in a loop, through a helper.
        @Differentiable
        static double labelledIfInALoop(double[] w, double y) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += clipped(w[i], y);
          }
          return s;
        }

        // Escape-time iteration: returns from inside the loop when |z| > 4.
        @Differentiable
        static double escape(double z0, double c) {
          double z = z0;
          for (int i = 0; i < 100; i++) {
            z = z * z + c;
            if (Math.abs(z) > 4) {
              return i + Math.log(Math.abs(z));
            }
          }
          return z;
        }

        // A while loop whose trip count depends on both active inputs.
        @Differentiable
        static double whileDataDependent(double x, double step) {
          double s = 0;
          int k = 0;
          while (s < x) {
            s += step * (k + 1);
            k++;
          }
          return s * step + k * x;
        }

        @Differentiable
        static double doWhileHalving(double x) {
          double m = x;
          int e = 0;
          do {
            m = m / 2;
            e++;
          } while (m > 1);
          return m * m + e * x;
        }

        @Differentiable
        static double nestedLoops(double x, double y, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              s += Math.sin(x * i + y * j) * (i - j);
            }
          }
          return s;
        }

        // Thirty gradient-descent steps toward the cube root of 2, in a while (true) with a break.
        @Differentiable
        static double whileTrueBreak(double x) {
          double t = x;
          int i = 0;
          while (true) {
            t = t - 0.1 * (t * t * t - 2);
            i++;
            if (i >= 30) {
              break;
            }
          }
          return t;
        }

        @Differentiable
        static double countdownByTwo(double x, int n) {
          double p = 1;
          for (int i = n; i > 0; i -= 2) {
            p *= x + i;
          }
          return p;
        }

        @Differentiable
        static double productSeries(double x, int n) {
          double p = 1;
          for (int k = 1; k <= n; k++) {
            p *= 1 + x / k;
          }
          return p;
        }

        // ++ and -- on an active double inside a loop.
        @Differentiable
        static double incrementActive(double x) {
          double t = x;
          for (int i = 0; i < 5; i++) {
            t++;
            t *= 0.5;
          }
          t--;
          return t * t;
        }

        // The logistic map, active rate r: overwrites x n times.
        @Differentiable
        static double logisticMap(double x, double r, int n) {
          for (int i = 0; i < n; i++) {
            x = r * x * (1 - x);
          }
          return x;
        }

        // Two loop variables, a comma update.
        @Differentiable
        static double twoIndices(double x, double y, int n) {
          double s = 0;
          for (int i = 0, j = n; i < j; i++, j--) {
            s += Math.pow(x, i) * Math.pow(y, j);
          }
          return s;
        }

        // A do-while with continue: skips even terms of an alternating series.
        @Differentiable
        static double doWhileContinue(double x, int n) {
          double s = 0;
          int k = 0;
          do {
            k++;
            if (k % 2 == 0) {
              continue;
            }
            s += Math.cos(k * x) / (k * k);
          } while (k < n);
          return s;
        }

        // Running maximum of the iterates of a loop that overwrites: branch inside the loop on active values.
        @Differentiable
        static double runningMaxOfIterates(double x, double a) {
          double best = x;
          for (int i = 0; i < 8; i++) {
            x = a * Math.sin(x) + 0.3 * x;
            if (x > best) {
              best = x;
            }
          }
          return best + x;
        }

        // A double loop variable (constant: it never depends on x).
        @Differentiable
        static double doubleLoopVariable(double x, double step) {
          double s = 0;
          for (double t = 0; t < 2; t += 0.5) {
            s += t * x * x + step * t;
          }
          return s;
        }

        // y is first assigned inside the loop, where it depends on s and so is saved rather than recomputed, then
        // again after it: that assignment overwrites the value the loop's reverse reads first, so it is restored
        // although it is y's first assignment at the top level.
        @Differentiable
        static double assignedInLoopThenAfter(double x, double z, int n) {
          double y;
          double s = 0;
          int i;
          for (i = 0; i < n; i++) {
            y = Math.sin(s + x * i) + z;
            s += y * y;
          }
          if (z > 0) {
            y = s * z;
            i = 2 * n;
          } else {
            y = s * x;
            i = n - 1;
          }
          s += y * x + i;
          return s;
        }

        // The inner counter is read after its loop, so the reverse must restore it for the previous outer iteration
        // rather than start it from its literal.
        @Differentiable
        static double counterReadAfterLoop(double[] x, int n) {
          double s = 0.5;
          for (int r = 0; r < 3; r++) {
            int j;
            for (j = 0; j < n + r; j++) {
              s = Math.sin(s + x[j % x.length]);
            }
            s = s * x[j % x.length];
          }
          return s;
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
    }

    private static ScalarFunction fn(String method) {
        return new ScalarFunction(compiled, CLASS, method);
    }

    private static void atPoints(String method, Object[]... points) {
        ScalarFunction f = fn(method);
        CorpusSupport.atPoints(method, f::assertDerivatives, points);
    }

    @Test
    void repeatedSin() {
        atPoints("repeatedSin", args(0.7, 0), args(0.7, 1), args(0.7, 10), args(-2.0, 25), args(3.0, 100));
        ScalarFunction f = fn("repeatedSin");
        for (int n : new int[] {0, 1, 10, 100}) {
            // d/dx of the n-fold composition: the product of cos over the iterates before each step.
            double x = 0.7;
            double derivative = 1;
            for (int i = 0; i < n; i++) {
                derivative *= Math.cos(x);
                x = Math.sin(x);
            }
            CorpusSupport.assertValue(f, args(0.7, n), CLOSED, x);
            assertGradient(f, args(0.7, n), CLOSED, derivative);
        }
    }

    @Test
    void powerByMultiplication() {
        atPoints("powerByMultiplication", args(1.3, 0), args(1.3, 1), args(1.3, 7), args(-0.8, 5), args(2.0, 20));
        ScalarFunction f = fn("powerByMultiplication");
        for (int n : new int[] {0, 1, 7, 20}) {
            assertGradient(f, args(1.3, n), CLOSED, n * Math.pow(1.3, n - 1));
            double[][] h = f.hessian(1.3, n);
            assertClose(n * (n - 1) * Math.pow(1.3, n - 2), h[0][0], CLOSED, "Hessian n=" + n);
        }
    }

    @Test
    void powerBySquaring() {
        atPoints("powerBySquaring", args(1.1, 0), args(1.1, 1), args(1.1, 13), args(-0.9, 32), args(0.5, 7));
        ScalarFunction f = fn("powerBySquaring");
        for (int n : new int[] {1, 2, 13, 32}) {
            assertGradient(f, args(1.1, n), CLOSED, n * Math.pow(1.1, n - 1));
        }
    }

    @Test
    void geometricSum() {
        atPoints("geometricSum", args(0.5, 2.0, 10), args(-1.5, 0.3, 6), args(0.999, 1.0, 40));
        ScalarFunction f = fn("geometricSum");
        // s = y (1 - x^n) / (1 - x).
        double x = 0.5;
        double y = 2.0;
        int n = 10;
        double dx = y * (-n * Math.pow(x, n - 1) * (1 - x) + (1 - Math.pow(x, n))) / ((1 - x) * (1 - x));
        assertGradient(f, args(x, y, n), CLOSED, dx, (1 - Math.pow(x, n)) / (1 - x));
    }

    @Test
    void expSeries() {
        // Not at x = 0: there the first term is exactly 0, the loop stops at once and the computation that ran is 1 + x
        // (second derivative 0, while every neighbouring point runs more terms); 0.001 stops after six terms instead.
        atPoints("expSeries", args(0.001), args(1.0), args(-3.0), args(10.0));
        ScalarFunction f = fn("expSeries");
        // The derivative of the truncated series is the series with one term fewer: exp(x) to about 1e-15 relative.
        for (double x : new double[] {0.001, 1, -3, 10}) {
            double expected = Math.exp(x);
            double[] g = f.gradient(x);
            assertClose(1, g[0] / expected, 1e-12, "d/dx expSeries(" + x + ") / exp(x)");
            assertClose(1, f.hessian(x)[0][0] / expected, 1e-12, "d2/dx2 expSeries(" + x + ") / exp(x)");
        }
    }

    @Test
    void continueEveryThird() {
        atPoints("continueEveryThird", args(0.3, 0), args(0.3, 10), args(-1.7, 25));
        ScalarFunction f = fn("continueEveryThird");
        double expected = 0;
        for (int i = 1; i < 10; i++) {
            if (i % 3 != 0) {
                expected += Math.cos(i * 0.3);
            }
        }
        assertGradient(f, args(0.3, 10), CLOSED, expected);
    }

    @Test
    void labelledContinue() {
        atPoints("labelledContinue", args(0.8, 1.2, 1), args(0.8, 1.2, 6), args(-1.1, 0.5, 9));
        ScalarFunction f = fn("labelledContinue");
        double x = 0.8;
        double y = 1.2;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j <= i; j++) {
                if ((i + j) % 2 == 0) {
                    dx += i * Math.pow(x, i - 1) * Math.pow(y, j) / (1 + i + j);
                    dy += j * Math.pow(x, i) * Math.pow(y, j - 1) / (1 + i + j);
                }
            }
        }
        assertGradient(f, args(x, y, 6), CLOSED, dx, dy);
    }

    @Test
    void labelledBreak() {
        // Where the sum first exceeds 10 depends on x and y; these points are not next to a change of the exit.
        atPoints("labelledBreak", args(1.0, 1.0), args(3.0, 0.5), args(0.2, 2.0), args(0.01, 0.01));
    }

    @Test
    void labelledIf() {
        // Both sides of s * y > 1 (the break) and x <= 0 (no if), away from the switch.
        atPoints("labelledIf", args(0.5, 3.0), args(0.5, 1.2), args(-0.7, 2.0));
        // Through a helper in a loop: products above 2 (the break), between 0 and 2, and below 0.
        atPoints("labelledIfInALoop", args(new double[] {2.5, 0.4, -0.8}, 1.3), args(new double[] {1.0, 3.0}, 0.9));
    }

    @Test
    void escape() {
        // (0.5, 0.5) escapes at i = 4; (0.1, -0.5) and (0.3, 0.2) stay bounded for 100 steps.
        atPoints("escape", args(0.5, 0.5), args(1.5, -0.2), args(0.1, -0.5), args(0.3, 0.2));
        ScalarFunction f = fn("escape");
        // c = -0.5: z converges to the fixed point z* = (1 - sqrt 3)/2 of z^2 + c; dz*/dc = 1/(1 - 2 z*) = 1/sqrt 3,
        // and the influence of z0 decays like |2 z*|^100.
        assertGradient(f, args(0.1, -0.5), 1e-12, 0.0, 1 / Math.sqrt(3));
    }

    @Test
    void whileDataDependent() {
        // With step 1, s = 1, 3, 6, ...; the loop exits when s >= x, so the trip count changes at x = 1, 3, 6: 3.5 is
        // inside, 2.999 and 3.001 are 1e-3 from a change (3.0 itself would be one).
        atPoints(
                "whileDataDependent",
                args(3.5, 1.0),
                args(10.0, 0.7),
                args(0.5, 2.0),
                args(2.999, 1.0),
                args(3.001, 1.0),
                args(-1.0, 1.0));
        ScalarFunction f = fn("whileDataDependent");
        // (3.5, 1): s = 6 step, k = 3: f = 6 step^2 + 3x.
        assertGradient(f, args(3.5, 1.0), CLOSED, 3.0, 12.0);
        // (2.999, 1): s = 3 step, k = 2: f = 3 step^2 + 2x.
        assertGradient(f, args(2.999, 1.0), CLOSED, 2.0, 6.0);
        // x <= 0: no iteration, f = 0 + 0.
        assertGradient(f, args(-1.0, 1.0), CLOSED, 0.0, 0.0);
    }

    @Test
    void doWhileHalving() {
        // e changes where x crosses a power of 2: 3.996 and 4.004 are 1e-3 relative from x = 4.
        atPoints("doWhileHalving", args(3.0), args(0.5), args(3.996), args(4.004), args(100.0));
        ScalarFunction f = fn("doWhileHalving");
        for (double x : new double[] {3, 0.5, 3.996, 4.004, 100}) {
            int e = 0;
            double m = x;
            do {
                m /= 2;
                e++;
            } while (m > 1);
            double scale = Math.pow(2, -e);
            assertGradient(f, args(x), CLOSED, 2 * x * scale * scale + e);
        }
    }

    @Test
    void nestedLoops() {
        atPoints("nestedLoops", args(0.3, 0.4, 4), args(-1.0, 2.0, 6), args(0.3, 0.4, 0));
    }

    @Test
    void whileTrueBreak() {
        atPoints("whileTrueBreak", args(1.0), args(1.5), args(0.2));
        // Converged to 2^(1/3) in 30 steps of contraction factor |1 - 0.3 t^2| ~ 0.52: the derivative ~ 0.52^30 ~ 3e-9.
        double t = 1.0;
        double d = 1.0;
        for (int i = 0; i < 30; i++) {
            d *= 1 - 0.3 * t * t;
            t = t - 0.1 * (t * t * t - 2);
        }
        assertGradient(fn("whileTrueBreak"), args(1.0), CLOSED, d);
    }

    @Test
    void countdownByTwo() {
        atPoints("countdownByTwo", args(0.5, 7), args(0.5, 6), args(-2.5, 1), args(1.0, 0));
        // n = 7: (x+7)(x+5)(x+3)(x+1).
        double x = 0.5;
        double[] f = {x + 7, x + 5, x + 3, x + 1};
        double d = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1;
            for (int j = 0; j < 4; j++) {
                p *= j == i ? 1 : f[j];
            }
            d += p;
        }
        assertGradient(fn("countdownByTwo"), args(x, 7), CLOSED, d);
    }

    @Test
    void productSeries() {
        atPoints("productSeries", args(0.5, 10), args(-0.5, 3), args(2.0, 30));
        // d/dx prod (1 + x/k) = prod * sum 1/(k + x).
        double x = 0.5;
        double p = 1;
        double s = 0;
        for (int k = 1; k <= 10; k++) {
            p *= 1 + x / k;
            s += 1 / (k + x);
        }
        assertGradient(fn("productSeries"), args(x, 10), CLOSED, p * s);
    }

    @Test
    void incrementActive() {
        atPoints("incrementActive", args(0.0), args(3.0), args(-7.5));
        // t = (x + 31)/32 - 1 after the loop and the decrement; f = t^2, f' = 2t/32.
        for (double x : new double[] {0, 3, -7.5}) {
            double t = (x + 31) / 32 - 1;
            assertGradient(fn("incrementActive"), args(x), CLOSED, 2 * t / 32);
        }
    }

    @Test
    void logisticMap() {
        atPoints("logisticMap", args(0.2, 2.5, 10), args(0.6, 3.2, 15), args(0.3, 1.5, 1));
    }

    @Test
    void twoIndices() {
        atPoints("twoIndices", args(0.9, 1.1, 7), args(0.9, 1.1, 8), args(-1.3, 0.4, 5), args(2.0, 2.0, 0));
    }

    @Test
    void doWhileContinue() {
        atPoints("doWhileContinue", args(0.4, 0), args(0.4, 1), args(0.4, 9), args(-2.0, 20));
        ScalarFunction f = fn("doWhileContinue");
        double expected = 0;
        for (int k = 1; k <= 9; k += 2) {
            expected -= Math.sin(k * 0.4) / k;
        }
        assertGradient(f, args(0.4, 9), CLOSED, expected);
        // n = 0: the body still runs once (k = 1).
        assertGradient(f, args(0.4, 0), CLOSED, -Math.sin(0.4));
    }

    @Test
    void runningMaxOfIterates() {
        atPoints("runningMaxOfIterates", args(0.5, 1.2), args(2.0, 0.5), args(-1.0, 2.0), args(0.1, -0.7));
    }

    @Test
    void assignedInLoopThenAfter() {
        atPoints(
                "assignedInLoopThenAfter",
                args(0.7, 0.3, 4),
                args(0.7, -0.3, 4),
                args(-1.2, 0.9, 1),
                args(0.5, 2.0, 0));
        // n = 1: y = z and s = z^2 in the loop; then f = z^2 + z^3 x + 2 (z > 0) or z^2 + z^2 x^2 (z <= 0).
        double x = 0.7;
        double z = 0.3;
        assertGradient(fn("assignedInLoopThenAfter"), args(x, z, 1), CLOSED, z * z * z, 2 * z + 3 * z * z * x);
        z = -0.3;
        assertGradient(fn("assignedInLoopThenAfter"), args(x, z, 1), CLOSED, 2 * z * z * x, 2 * z + 2 * z * x * x);
    }

    @Test
    void counterReadAfterLoop() {
        atPoints(
                "counterReadAfterLoop",
                args(new double[] {0.3, -0.8, 1.1, 0.6}, 2),
                args(new double[] {1.2, 0.4, -0.5}, 4));
    }

    @Test
    void doubleLoopVariable() {
        atPoints("doubleLoopVariable", args(1.5, 0.25), args(-0.5, 2.0));
        // t = 0, 0.5, 1, 1.5: sum t = 3: f = 3x^2 + 3 step.
        assertGradient(fn("doubleLoopVariable"), args(1.5, 0.25), CLOSED, 6 * 1.5, 3.0);
    }
}
