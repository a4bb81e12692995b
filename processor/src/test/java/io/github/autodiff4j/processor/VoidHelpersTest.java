package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;

import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Void helpers of the same build that write their results into array arguments, BLAS style, as ADBench's C++
 * reference writes them ({@code Qtimesx(..., out)}): {@code axpy}, a matrix-vector product, a helper calling another,
 * early returns, the same array passed as input and output, empty and no-op helpers, in loops and branches, on the own
 * object, and in a vector function. The helper's body replaces the call, so every mode differentiates the writes.
 *
 * <p>Each function is checked with {@link ScalarFunction#assertDerivatives} (value bit for bit, gradient and JVP
 * against NumericDiff within 1e-7, Hessian within 1e-6) or {@link VectorFunction#assertDerivatives} (Jacobian within
 * 1e-7) at several points; closed forms within {@value #CLOSED}.
 */
class VoidHelpersTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.VoidHelpers";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;

      public class VoidHelpers {
        // y += a x
        static void axpy(double a, double[] x, double[] y) {
          for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
          }
        }

        // out = A x, A row-major n x n
        static void matVec(double[] a, double[] x, double[] out) {
          int n = x.length;
          for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
              s += a[i * n + j] * x[j];
            }
            out[i] = s;
          }
        }

        // out = tanh(A x + b): a void helper calling another.
        static void layer(double[] a, double[] b, double[] x, double[] out) {
          matVec(a, x, out);
          for (int i = 0; i < out.length; i++) {
            out[i] = Math.tanh(out[i] + b[i]);
          }
        }

        // ADBench's Qtimesx: Q = diag(exp(qDiag)) + strictly lower triangle ltri, packed column by column.
        static void qTimesX(int d, double[] qDiag, double[] ltri, double[] x, double[] out) {
          for (int i = 0; i < d; i++) {
            out[i] = Math.exp(qDiag[i]) * x[i];
          }
          int lparamsIdx = 0;
          for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
              out[j] += ltri[lparamsIdx] * x[i];
              lparamsIdx++;
            }
          }
        }

        // Leaves early: nothing for a non-positive scale, and stops at the first negative element.
        static void scaleUntilNegative(double[] v, double s) {
          if (s <= 0) {
            return;
          }
          for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
              return;
            }
            v[i] *= s;
          }
        }

        static void nothing(double[] v) {}

        static void noOp(double[] v, double x) {
          double unused = x * v[0];
        }

        @Differentiable
        static double axpyInLoop(double[] x, double[] y, double a) {
          double[] acc = new double[y.length];
          for (int k = 0; k < 3; k++) {
            axpy(a * k, x, acc);
            axpy(1.0, y, acc);
          }
          double s = 0;
          for (double v : acc) {
            s += v * v;
          }
          return s;
        }

        @Differentiable
        static double twoLayers(double[] a1, double[] b1, double[] a2, double[] x) {
          double[] h = new double[x.length];
          double[] o = new double[x.length];
          layer(a1, b1, x, h);
          layer(a2, b1, h, o);
          return o[0] + 2 * o[1];
        }

        // log-density-like term of ADBench's GMM for one point and one component.
        @Differentiable
        static double gmmTerm(double[] x, double[] mu, double[] qDiag, double[] ltri) {
          int d = x.length;
          double[] xcentered = new double[d];
          double[] qx = new double[d];
          for (int i = 0; i < d; i++) {
            xcentered[i] = x[i] - mu[i];
          }
          qTimesX(d, qDiag, ltri, xcentered, qx);
          double sumQ = 0;
          double sq = 0;
          for (int i = 0; i < d; i++) {
            sumQ += qDiag[i];
            sq += qx[i] * qx[i];
          }
          return sumQ - 0.5 * sq;
        }

        @Differentiable
        static double earlyReturns(double[] v, double s) {
          scaleUntilNegative(v, s);
          return v[0] * v[1] + v[v.length - 1];
        }

        // The same array as input and output: y += a y.
        @Differentiable
        static double sameArrayInAndOut(double[] y, double a) {
          axpy(a, y, y);
          nothing(y);
          noOp(y, a);
          return y[0] * y[1] + y[y.length - 1];
        }

        // In a branch, writing into a parameter the caller sees.
        @Differentiable
        static double inBranch(double[] x, double[] y, double a) {
          if (a > 0) {
            axpy(a, x, y);
          } else {
            axpy(-a * a, y, x);
          }
          return x[0] * y[0] + y[1];
        }

        final double weight;

        public VoidHelpers(double weight) {
          this.weight = weight;
        }

        void accumulate(double[] out, double x) {
          for (int i = 0; i < out.length; i++) {
            out[i] += weight * x * (i + 1);
          }
        }

        @Differentiable
        double ownObject(double x, double y) {
          double[] out = new double[2];
          accumulate(out, x);
          accumulate(out, x * y);
          return out[0] * out[1];
        }

        @Differentiable
        static double[] vector(double[] a, double[] x) {
          double[] out = new double[x.length];
          matVec(a, x, out);
          axpy(2.0, x, out);
          return out;
        }
      }
      """;

    private static Corpus corpus;

    @BeforeAll
    static void compile() {
        corpus = Corpus.compile(CLASS, SOURCE);
    }

    private static double[] v(double... xs) {
        return xs;
    }

    @Test
    void axpyInLoop() {
        corpus.atPoints("axpyInLoop", args(v(0.5, -1.0), v(1.5, 0.25), 0.75), args(v(2.0, 0.1), v(-0.5, 1.0), -1.25));
        // acc = 3a x + 3y: s = sum (3 a x_i + 3 y_i)^2; d/da = sum 2 (3 a x_i + 3 y_i) 3 x_i.
        double a = 0.75;
        double[] x = {0.5, -1.0};
        double[] y = {1.5, 0.25};
        double da = 0;
        for (int i = 0; i < 2; i++) {
            da += 2 * (3 * a * x[i] + 3 * y[i]) * 3 * x[i];
        }
        double[] g = corpus.fn("axpyInLoop").gradient(args(x, y, a));
        CorpusSupport.assertClose(new double[] {da}, new double[] {g[g.length - 1]}, CLOSED, "d/da");
    }

    @Test
    void twoLayers() {
        corpus.atPoints(
                "twoLayers",
                args(v(0.5, -0.25, 0.75, 0.1), v(0.1, -0.2), v(-0.3, 0.6, 0.2, 0.4), v(1.0, -0.5)),
                args(v(1.5, 0.5, -0.5, 1.0), v(0.0, 0.3), v(0.2, -0.1, 0.9, 0.3), v(-0.25, 0.75)));
    }

    @Test
    void gmmTerm() {
        corpus.atPoints(
                "gmmTerm",
                args(v(0.5, -1.0, 2.0), v(0.1, 0.2, -0.3), v(0.1, -0.2, 0.3), v(0.5, -0.25, 0.75)),
                args(v(1.5, 0.5, -0.5), v(-0.1, 0.4, 0.3), v(-0.3, 0.2, 0.0), v(0.2, 0.1, -0.6)));
    }

    @Test
    void earlyReturns() {
        corpus.atPoints(
                "earlyReturns",
                args(v(0.5, 1.5, 2.0), 1.25),
                args(v(0.5, -1.5, 2.0), 1.25),
                args(v(0.5, 1.5, 2.0), -0.5));
        // s > 0, all positive: s^2 v0 v1 + s v2.
        assertGradient(
                corpus.fn("earlyReturns"),
                args(v(0.5, 1.5, 2.0), 1.25),
                CLOSED,
                1.25 * 1.25 * 1.5,
                1.25 * 1.25 * 0.5,
                1.25,
                2 * 1.25 * 0.5 * 1.5 + 2.0);
    }

    @Test
    void sameArrayInAndOut() {
        corpus.atPoints("sameArrayInAndOut", args(v(0.5, -1.0, 2.0), 0.75), args(v(1.5, 0.25), -1.25));
        // (1 + a)^2 y0 y1 + (1 + a) y2.
        double a = 0.75;
        assertGradient(
                corpus.fn("sameArrayInAndOut"),
                args(v(0.5, -1.0, 2.0), a),
                CLOSED,
                (1 + a) * (1 + a) * -1.0,
                (1 + a) * (1 + a) * 0.5,
                1 + a,
                2 * (1 + a) * 0.5 * -1.0 + 2.0);
    }

    @Test
    void inBranch() {
        corpus.atPoints("inBranch", args(v(0.5, -1.0), v(1.5, 0.25), 0.75), args(v(0.5, -1.0), v(1.5, 0.25), -0.75));
    }

    @Test
    void ownObject() throws Exception {
        Object receiver = corpus.newInstance(new Class<?>[] {double.class}, 0.5);
        corpus.atPoints("ownObject", args(receiver, 1.5, 0.5), args(receiver, -0.75, 2.0));
    }

    @Test
    void vector() {
        corpus.vectorAtPoints(
                "vector", args(v(0.5, -0.25, 0.75, 0.1), v(1.0, -0.5)), args(v(1.5, 0.5, -0.5, 1.0), v(-0.25, 0.75)));
    }
}
