package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code double[][]} parameters and locals: active like {@code double[]}, flattened row by row, in every mode,
 * against NumericDiff (tolerances in ScalarFunction and VectorFunction) and closed forms (1e-12 relative).
 */
class MatricesTest {
    private static Compiled compiled;
    private static final double[][] W1 = {{0.5, -0.3, 0.8}, {0.1, 0.9, -0.6}};
    private static final double[][] W2 = {{1.2, -0.7}};
    private static final double[] X = {0.4, -1.1, 0.7};

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Mat", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Mat {
          /** 0.5 ||W x - y||^2. */
          @Differentiable
          static double leastSquares(double[][] w, @NoDerivative double[] x, @NoDerivative double[] y) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
              double r = -y[i];
              for (int j = 0; j < x.length; j++) {
                r += w[i][j] * x[j];
              }
              sum += 0.5 * r * r;
            }
            return sum;
          }

          /** A two-layer perceptron's output for one input: w2 tanh(w1 x). */
          @Differentiable
          static double perceptron(double[][] w1, double[][] w2, @NoDerivative double[] x) {
            double[] hidden = new double[w1.length];
            for (int i = 0; i < w1.length; i++) {
              double z = 0;
              for (int j = 0; j < x.length; j++) {
                z += w1[i][j] * x[j];
              }
              hidden[i] = Math.tanh(z);
            }
            double out = 0;
            for (int i = 0; i < hidden.length; i++) {
              out += w2[0][i] * hidden[i];
            }
            return out;
          }

          /** The Frobenius norm of a matrix built in a local, through a row alias, and a for-each over rows. */
          @Differentiable
          static double frobenius(double a, double b) {
            double[][] m = new double[2][2];
            double[] first = m[0];
            first[0] = a;
            first[1] = a * b;
            m[1][0] = Math.sin(b);
            m[1][1] = b;
            double sum = 0;
            for (double[] row : m) {
              for (double v : row) {
                sum += v * v;
              }
            }
            return Math.sqrt(sum);
          }

          /** A matrix passed to a helper inside a loop: the helper's parameter points at it anew in each iteration. */
          @Differentiable
          static double helperInLoop(double[][] a) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += rowSum(a, i) * a[i][0];
            }
            return s;
          }

          static double rowSum(double[][] m, int i) {
            double s = 0;
            for (double v : m[i]) {
              s += v * v;
            }
            return s;
          }

          /** A matrix from an initializer, applied to a vector: a vector function of the matrix's inputs. */
          @Differentiable
          static double[] rotate(double theta, double[] v) {
            double[][] r = {{Math.cos(theta), -Math.sin(theta)}, {Math.sin(theta), Math.cos(theta)}};
            double[] out = new double[2];
            for (int i = 0; i < 2; i++) {
              for (int j = 0; j < 2; j++) {
                out[i] += r[i][j] * v[j];
              }
            }
            return out;
          }
        }
        """);
    }

    @Test
    void leastSquaresGradientIsTheOuterProductOfResidualAndInput() {
        double[] y = {0.3, -0.2};
        ScalarFunction f = new ScalarFunction(compiled, "demo.Mat", "leastSquares");
        f.assertDerivatives(W1, X, y);
        double[] gradient = f.gradient(W1, X, y);
        for (int i = 0; i < 2; i++) {
            double r = -y[i];
            for (int j = 0; j < 3; j++) {
                r += W1[i][j] * X[j];
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(r * X[j], gradient[3 * i + j], 1e-12, "d/dw[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void perceptronInEveryMode() {
        new ScalarFunction(compiled, "demo.Mat", "perceptron").assertDerivatives(W1, W2, X);
    }

    @Test
    void allocationFreeGradientFillsMatricesAndChecksTheirShape() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Mat", "perceptron");
        double[][] d1 = {{9, 9, 9}, {9, 9, 9}};
        double[][] d2 = {{9, 9}};
        double value = f.gradInPlace(new Object[] {W1, W2, X}, d1, d2);
        double[] all = f.valueAndGradient(W1, W2, X);
        assertEquals(all[0], value, 0.0);
        double[] flat = Arrays.stream(new double[][] {d1[0], d1[1], d2[0]})
                .flatMapToDouble(Arrays::stream)
                .toArray();
        assertArrayEquals(Arrays.copyOfRange(all, 1, all.length), flat, 0.0, "same gradient, overwritten not added");
        IllegalArgumentException wrong = assertThrows(
                IllegalArgumentException.class,
                () -> f.gradInPlace(new Object[] {W1, W2, X}, new double[][] {{0, 0, 0}, {0, 0}}, new double[1][2]));
        assertTrue(
                wrong.getMessage().contains("length 2") && wrong.getMessage().contains("length 3"), wrong.getMessage());
    }

    @Test
    void matrixLocalsRowAliasesAndForEachOverRows() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Mat", "frobenius");
        f.assertDerivatives(0.7, -1.3);
        double a = 0.7;
        double b = -1.3;
        double norm = Math.sqrt(a * a + a * a * b * b + Math.sin(b) * Math.sin(b) + b * b);
        double dA = (a + a * b * b) / norm;
        assertEquals(dA, f.gradient(a, b)[0], 1e-12 * Math.abs(dA));
    }

    @Test
    void matrixPassedToAHelperInsideALoop() {
        new ScalarFunction(compiled, "demo.Mat", "helperInLoop").assertDerivatives((Object) W1);
    }

    @Test
    void matrixInitializerInAVectorFunction() {
        new VectorFunction(compiled, "demo.Mat", "rotate").assertDerivatives(0.4, new double[] {1.5, -0.5});
    }
}
