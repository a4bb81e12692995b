package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the forward sweep does not save: elements a loop rewrites after an earlier loop of the same iteration wrote
 * all of them ({@code RewrittenElements}), and the increment {@code a[j] += e} reversed as one step. Each function is
 * checked in every mode against NumericDiff (the tolerances of {@link ScalarFunction}) at points where the saved and
 * unsaved values differ, and the generated gradient is checked to save exactly the elements it must: the near-misses
 * (a cover that starts later, a different limit, a read in between) keep their saves.
 */
class TapeSavingsTest {
    private static final String CLASS = "demo.Savings";
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, """
        package demo;

        import io.github.autodiff4j.Differentiable;

        public class Savings {
          // ADBench GMM's Q times v, accumulated in place, for several v: the += loop rewrites what the first wrote.
          @Differentiable
          static double triangular(double[] diag, double[] lower, double[] v, int d) {
            double[] out = new double[d];
            double total = 0;
            for (int r = 0; r < 3; r++) {
              for (int j = 0; j < d; j++) {
                out[j] = diag[j] * v[j] * (r + 1);
              }
              int l = 0;
              for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                  out[j] += lower[l] * v[i];
                  l++;
                }
              }
              for (int j = 0; j < d; j++) {
                total += Math.sin(out[j]) * out[j];
              }
            }
            return total;
          }

          // Inner loops that start at the outer counter and stop at a parameter or at a length, some with no trips.
          @Differentiable
          static double pairs(double[] x, int stop) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              for (int j = i + 1; j < stop; j++) {
                s += Math.sin(x[i] * x[j % x.length]);
              }
              for (int j = 2 * i; j < x.length; j++) {
                s += x[i] * Math.exp(x[j]);
              }
            }
            return s;
          }

          // A limit the loop itself moves: the trip count goes on the tape.
          @Differentiable
          static double movingLimit(double[] x) {
            double s = 0;
            for (int r = 0; r < 2; r++) {
              int n = x.length;
              for (int j = r; j < n; j++) {
                s += Math.cos(s * x[j]);
                n -= j % 2;
              }
            }
            return s;
          }

          // An int[] incremented in place and read as an index: the increment's reverse restores an int.
          @Differentiable
          static double intIncrement(double[] x) {
            int[] at = new int[2];
            double s = 0.5;
            for (int r = 0; r < 5; r++) {
              at[r % 2] += 1;
              s = x[at[r % 2] % x.length] * s + Math.sin(x[r % x.length]);
            }
            return s;
          }

          // A helper's integer parameters read the caller's expressions: nothing to save, no trips to count.
          @Differentiable
          static double blocks(double[] v, int width) {
            double s = 0;
            for (int c = 0; c < v.length / width; c++) {
              s += Math.log(1 + squaredNorm(v, c * width, width));
            }
            return s;
          }

          static double squaredNorm(double[] v, int from, int length) {
            double sum = v[from] * v[from];
            for (int i = from + 1; i < from + length; i++) {
              sum += v[i] * v[i];
            }
            return sum;
          }

          // Log-sum-exp of each row: the sum's intermediate values are read by no partial, only its last by log.
          @Differentiable
          static double rowsLogSumExp(double[] a, int rows) {
            int k = a.length / rows;
            double total = 0;
            for (int r = 0; r < rows; r++) {
              double sum = Math.exp(a[r * k]);
              for (int i = 1; i < k; i++) {
                sum += Math.exp(a[r * k + i]);
              }
              total += Math.log(sum) * (r + 1);
            }
            return total;
          }

          // A layer of neurons over matrix rows, through a helper: its row parameters are pointed again, not saved.
          @Differentiable
          static double layer(double[][] w, double[] b, double[][] xs) {
            double total = 0;
            for (int p = 0; p < xs.length; p++) {
              for (int j = 0; j < b.length; j++) {
                total += Math.tanh(neuron(w[j], b[j], xs[p]));
              }
            }
            return total;
          }

          static double neuron(double[] w, double b, double[] x) {
            double sum = b;
            for (int k = 0; k < w.length; k++) {
              sum += w[k] * x[k];
            }
            return sum;
          }

          // An array filled from inputs in each iteration is filled again by the reversed iteration, not saved.
          @Differentiable
          static double refill(double[] x, double[] mu, int k) {
            int d = x.length;
            double[] centred = new double[d];
            double total = 0;
            for (int c = 0; c < k; c++) {
              for (int j = 0; j < d; j++) {
                centred[j] = x[j] - mu[c * d + j];
              }
              double s = 0;
              for (int j = 0; j < d; j++) {
                s += centred[j] * centred[j] * (j + 1);
              }
              total += Math.exp(-s);
            }
            return total;
          }

          // The same with a shift the loop changes: the elements must be saved.
          @Differentiable
          static double shiftedRefill(double[] x, double[] mu, int k) {
            int d = x.length;
            double[] centred = new double[d];
            double total = 0;
            double shift = 0;
            for (int c = 0; c < k; c++) {
              for (int j = 0; j < d; j++) {
                centred[j] = x[j] - mu[c * d + j] - shift;
              }
              double s = 0;
              for (int j = 0; j < d; j++) {
                s += centred[j] * centred[j];
              }
              shift += 0.1;
              total += Math.exp(-s);
            }
            return total;
          }

          // The first loop misses out[0]: the += loop must save what it overwrites.
          @Differentiable
          static double partialCover(double[] a, double[] v) {
            double[] out = new double[v.length];
            double total = 0;
            for (int r = 0; r < 2; r++) {
              for (int j = 1; j < v.length; j++) {
                out[j] = a[j] * v[j];
              }
              for (int j = 0; j < v.length; j++) {
                out[j] -= v[j] * a[0];
              }
              for (int j = 0; j < v.length; j++) {
                total += out[j] * out[j];
              }
            }
            return total;
          }

          // A partial reads out between the two loops: its values must come back.
          @Differentiable
          static double readBetween(double[] a, double[] v) {
            double[] out = new double[v.length];
            double total = 0;
            for (int r = 0; r < 2; r++) {
              for (int j = 0; j < v.length; j++) {
                out[j] = a[j] * v[j];
              }
              total += out[0] * out[0];
              for (int j = 0; j < v.length; j++) {
                out[j] += v[j] * a[j] * out[j];
              }
              for (int j = 0; j < v.length; j++) {
                total += Math.exp(out[j]);
              }
            }
            return total;
          }
        }
        """);
    }

    @Test
    void rewrittenElementsAreNotSaved() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "triangular");
        f.assertDerivatives(new double[] {0.5, -1.2, 2}, new double[] {0.3, -0.7, 1.1}, new double[] {1, 2, -0.5}, 3);
        f.assertDerivatives(new double[] {1.5, 0.2}, new double[] {-0.4}, new double[] {0.25, 0.75}, 2);
        // The first loop saves out[j]; the += loop saves nothing and is reversed as one increment.
        String grad = gradient("triangular");
        assertEquals(1, count(grad, "tape.pushDouble(out["), grad);
        assertEquals(0, count(grad, "dout[j_2] = 0.0;"), grad);
    }

    @Test
    void countersRestartFromWhereTheyStartedWithoutTripCounts() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "pairs");
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7}, 3);
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7}, 6);
        f.assertDerivatives(new double[] {0.3}, 0);
        String grad = gradient("pairs");
        assertEquals(0, count(grad, "tape.push"), grad);
        assertEquals(0, count(grad, "count"), grad);
    }

    @Test
    void intArrayIncrementsAreRestoredAsInts() {
        new ScalarFunction(compiled, CLASS, "intIncrement").assertDerivatives((Object) new double[] {0.5, -1.2, 2});
    }

    @Test
    void integerArgumentsOfHelpersAreSubstituted() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "blocks");
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7, 0.1, -0.3}, 2);
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7, 0.1, -0.3}, 3);
        // Only the argument of log, 1 + sum, is saved: no integer at all.
        String grad = gradient("blocks");
        assertEquals(0, count(grad, "tape.pushInt"), grad);
        assertEquals(1, count(grad, "tape.push"), grad);
    }

    @Test
    void valuesNoPartialReadsAreNotSaved() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "rowsLogSumExp");
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7, 0.1, -0.3}, 2);
        f.assertDerivatives(new double[] {0.5, -1.2, 2, 0.7, 0.1, -0.3}, 3);
        // One save per row: the previous row's sum, which its log's partial reads. The terms' exps are computed again
        // from a, and the sums between them are read by no partial.
        String grad = gradient("rowsLogSumExp");
        assertEquals(1, count(grad, "tape.pushDouble("), grad);
        assertEquals(1, count(grad, "tape.pushDouble(sum);"), grad);
    }

    @Test
    void rowAliasesArePointedAgain() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "layer");
        double[][] xs = {{0.5, -1.0, 0.25}, {1.5, 0.2, -0.7}};
        f.assertDerivatives(new double[][] {{0.3, -0.2, 0.1}, {0.7, 0.4, -0.5}}, new double[] {0.1, -0.3}, xs);
        String grad = gradient("layer");
        assertEquals(0, count(grad, "tape.pushArray"), grad);
        assertEquals(0, count(grad, "tape.pushInt"), grad);
    }

    @Test
    void arraysFilledFromInputsAreFilledAgain() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "refill");
        f.assertDerivatives(new double[] {0.5, -0.2}, new double[] {0.1, 0.3, -0.4, 0.2, 0.6, -0.1}, 3);
        // Only exp(-s), whose partial is itself, is saved.
        assertEquals(1, count(gradient("refill"), "tape.push"), gradient("refill"));
        ScalarFunction g = new ScalarFunction(compiled, CLASS, "shiftedRefill");
        g.assertDerivatives(new double[] {0.5, -0.2}, new double[] {0.1, 0.3, -0.4, 0.2, 0.6, -0.1}, 3);
        assertEquals(1, count(gradient("shiftedRefill"), "tape.pushDouble(centred["));
    }

    @Test
    void aLimitTheLoopMovesIsCounted() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "movingLimit");
        f.assertDerivatives((Object) new double[] {0.5, -1.2, 2, 0.7, 0.1});
        assertEquals(1, count(gradient("movingLimit"), "tape.pushInt(count"));
    }

    @Test
    void aCoverThatStartsLaterKeepsTheSaves() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "partialCover");
        f.assertDerivatives(new double[] {0.5, -1.2, 2}, new double[] {0.3, -0.7, 1.1});
        assertEquals(2, count(gradient("partialCover"), "tape.pushDouble(out["));
    }

    @Test
    void aReadInBetweenKeepsTheSaves() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "readBetween");
        f.assertDerivatives(new double[] {0.5, -1.2, 2}, new double[] {0.3, -0.7, 1.1});
        assertEquals(2, count(gradient("readBetween"), "tape.pushDouble(out["));
    }

    /** The allocation-free gradient member of the companion. */
    private static String gradient(String name) {
        String source = compiled.generatedSource(CLASS + "Diff");
        int start = source.indexOf("public static double " + name + "Grad(");
        return source.substring(start, source.indexOf("\n    }\n", start));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
