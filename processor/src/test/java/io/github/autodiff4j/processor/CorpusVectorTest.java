package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Corpus, part 4: vector functions ({@code double[] bar(...)}): an RK4 integration of an ODE returning the final state
 * (a Jacobian through a loop), a matrix-vector product with the matrix row-major in a double[], vectors built with
 * initializers, softmax, prefix sums, a cross product, a sorted copy, a ReLU layer, a helper's array returned directly,
 * and early returns of different arrays.
 *
 * <p>Every function is checked with {@link VectorFunction#assertDerivatives} (Jacobian against NumericDiff within
 * 1e-7, JVP and VJP against the generated Jacobian within 1e-11, and barCheck) at several points; closed-form
 * Jacobians within {@value #CLOSED} relative to max(1, |expected|).
 */
class CorpusVectorTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Vectors";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Vectors {
        static double[] decayRhs(double[] y, double k) {
          double[] r = new double[y.length];
          for (int i = 0; i < y.length; i++) {
            r[i] = -k * y[i];
          }
          return r;
        }

        // Classical RK4 for y' = -k y with n steps of size h: the final state.
        @Differentiable
        static double[] rk4Decay(double[] y0, double k, @NoDerivative double h, int n) {
          int m = y0.length;
          double[] y = new double[m];
          for (int i = 0; i < m; i++) {
            y[i] = y0[i];
          }
          double[] tmp = new double[m];
          for (int step = 0; step < n; step++) {
            double[] k1 = decayRhs(y, k);
            for (int i = 0; i < m; i++) {
              tmp[i] = y[i] + 0.5 * h * k1[i];
            }
            double[] k2 = decayRhs(tmp, k);
            for (int i = 0; i < m; i++) {
              tmp[i] = y[i] + 0.5 * h * k2[i];
            }
            double[] k3 = decayRhs(tmp, k);
            for (int i = 0; i < m; i++) {
              tmp[i] = y[i] + h * k3[i];
            }
            double[] k4 = decayRhs(tmp, k);
            for (int i = 0; i < m; i++) {
              y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
          }
          return y;
        }

        // The same integration with the right-hand side written inline (no helper call).
        @Differentiable
        static double[] rk4DecayInline(double[] y0, double k, @NoDerivative double h, int n) {
          int m = y0.length;
          double[] y = new double[m];
          for (int i = 0; i < m; i++) {
            y[i] = y0[i];
          }
          for (int step = 0; step < n; step++) {
            for (int i = 0; i < m; i++) {
              double k1 = -k * y[i];
              double k2 = -k * (y[i] + 0.5 * h * k1);
              double k3 = -k * (y[i] + 0.5 * h * k2);
              double k4 = -k * (y[i] + h * k3);
              y[i] += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
          }
          return y;
        }

        static double[] lotkaVolterra(double[] y, double a, double b) {
          return new double[] {a * y[0] - b * y[0] * y[1], b * y[0] * y[1] - y[1]};
        }

        // RK4 for the Lotka-Volterra equations: nonlinear, parameters active.
        @Differentiable
        static double[] rk4LotkaVolterra(double[] y0, double a, double b, int n) {
          double h = 0.05;
          double[] y = {y0[0], y0[1]};
          for (int step = 0; step < n; step++) {
            double[] k1 = lotkaVolterra(y, a, b);
            double[] k2 = lotkaVolterra(new double[] {y[0] + 0.5 * h * k1[0], y[1] + 0.5 * h * k1[1]}, a, b);
            double[] k3 = lotkaVolterra(new double[] {y[0] + 0.5 * h * k2[0], y[1] + 0.5 * h * k2[1]}, a, b);
            double[] k4 = lotkaVolterra(new double[] {y[0] + h * k3[0], y[1] + h * k3[1]}, a, b);
            for (int i = 0; i < 2; i++) {
              y[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
          }
          return y;
        }

        // y = M x with M (rows x x.length) row-major in a double[].
        @Differentiable
        static double[] matVec(double[] m, double[] x) {
          int n = x.length;
          int rows = m.length / n;
          double[] y = new double[rows];
          for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
              s += m[i * n + j] * x[j];
            }
            y[i] = s;
          }
          return y;
        }

        @Differentiable
        static double[] initializer(double x, double y) {
          return new double[] {x * y, Math.sin(x), y * y - x};
        }

        @Differentiable
        static double[] initializerLocal(double x, double y) {
          double[] r = {x + y, x * y, 2.0};
          r[1] += x;
          r[2] *= y;
          return r;
        }

        @Differentiable
        static double[] polarToCartesian(double r, double theta) {
          return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
        }

        @Differentiable
        static double[] softmax(double[] a) {
          double m = a[0];
          for (double v : a) {
            if (v > m) {
              m = v;
            }
          }
          double[] p = new double[a.length];
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            p[i] = Math.exp(a[i] - m);
            s += p[i];
          }
          for (int i = 0; i < a.length; i++) {
            p[i] = p[i] / s;
          }
          return p;
        }

        @Differentiable
        static double[] cumsum(double[] a) {
          double[] c = new double[a.length];
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i];
            c[i] = s;
          }
          return c;
        }

        @Differentiable
        static double[] cross(double[] u, double[] v) {
          return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        }

        // Insertion sort of a copy, returned: the Jacobian is the permutation that ran.
        @Differentiable
        static double[] sorted(double[] a) {
          double[] s = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            s[i] = a[i];
          }
          for (int i = 1; i < s.length; i++) {
            double key = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > key) {
              s[j + 1] = s[j];
              j--;
            }
            s[j + 1] = key;
          }
          return s;
        }

        // relu(W x + b), W row-major.
        @Differentiable
        static double[] reluLayer(double[] w, double[] x, double[] b) {
          double[] y = new double[b.length];
          for (int i = 0; i < b.length; i++) {
            double z = b[i];
            for (int j = 0; j < x.length; j++) {
              z += w[i * x.length + j] * x[j];
            }
            y[i] = z > 0 ? z : 0.0;
          }
          return y;
        }

        static double[] scaled(double[] v, double s) {
          double[] r = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * s;
          }
          return r;
        }

        @Differentiable
        static double[] helperReturned(double[] a, double s) {
          return scaled(a, s * s);
        }

        @Differentiable
        static double[] earlyReturn(double[] a, double t) {
          if (a[0] > t) {
            return new double[] {a[0] * t, a[1]};
          }
          double[] r = new double[2];
          for (int i = 0; i < 2; i++) {
            r[i] = a[i] * a[i] + t;
            if (r[i] > 10) {
              return r;
            }
          }
          r[0] -= r[1];
          return r;
        }

        // Power iteration for the dominant eigenvector of a symmetric 2 x 2 matrix [[p, q], [q, 1]], normalized.
        @Differentiable
        static double[] powerIteration(double p, double q) {
          double[] v = {1, 0.5};
          for (int it = 0; it < 200; it++) {
            double a = p * v[0] + q * v[1];
            double b = q * v[0] + v[1];
            double n = Math.sqrt(a * a + b * b);
            v[0] = a / n;
            v[1] = b / n;
          }
          return v;
        }
      }
      """;

    private static Compiled compiled;
    private static Class<?> companion;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        companion = compiled.load(CLASS + "Diff");
    }

    private static VectorFunction fn(String method) {
        return new VectorFunction(compiled, CLASS, method);
    }

    private static void atPoints(String method, Object[]... points) {
        VectorFunction f = fn(method);
        CorpusSupport.atPoints(method, f::assertDerivatives, points);
    }

    private static double[] v(double... values) {
        return values;
    }

    private static void assertJacobian(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tolerance, what + " row " + i);
        }
    }

    @Test
    void rk4Decay() {
        atPoints(
                "rk4Decay",
                args(v(1, -2), 0.7, 0.1, 10),
                args(v(0.5, 0.25, 3), 2.0, 0.05, 40),
                args(v(1, -2), 0.7, 0.1, 0));
        // One RK4 step of y' = -k y multiplies y by R = 1 - z + z^2/2 - z^3/6 + z^4/24, z = h k: y_n = R^n y0, so
        // dy_n/dy0 = R^n I and dy_n/dk = n R^(n-1) R'(z) h y0 with R'(z) = -1 + z - z^2/2 + z^3/6.
        double k = 0.7;
        double h = 0.1;
        int n = 10;
        double z = h * k;
        double r = 1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24;
        double dr = -1 + z - z * z / 2 + z * z * z / 6;
        double rn = Math.pow(r, n);
        double dk = n * Math.pow(r, n - 1) * dr * h;
        double[][] jacobian = fn("rk4Decay").jacobian(v(1, -2), k, h, n);
        assertJacobian(new double[][] {{rn, 0, dk * 1}, {0, rn, dk * -2}}, jacobian, CLOSED, "rk4Decay Jacobian");
        assertClose(v(rn, -2 * rn), fn("rk4Decay").value(v(1, -2), k, h, n), CLOSED, "rk4Decay value");
    }

    @Test
    void rk4DecayInline() {
        atPoints(
                "rk4DecayInline",
                args(v(1, -2), 0.7, 0.1, 10),
                args(v(0.5, 0.25, 3), 2.0, 0.05, 40),
                args(v(1, -2), 0.7, 0.1, 0));
        // One RK4 step of y' = -k y multiplies y by R = 1 - z + z^2/2 - z^3/6 + z^4/24, z = h k: y_n = R^n y0, so
        // dy_n/dy0 = R^n I and dy_n/dk = n R^(n-1) R'(z) h y0 with R'(z) = -1 + z - z^2/2 + z^3/6.
        double k = 0.7;
        double h = 0.1;
        int n = 10;
        double z = h * k;
        double r = 1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24;
        double dr = -1 + z - z * z / 2 + z * z * z / 6;
        double rn = Math.pow(r, n);
        double dk = n * Math.pow(r, n - 1) * dr * h;
        double[][] jacobian = fn("rk4DecayInline").jacobian(v(1, -2), k, h, n);
        assertJacobian(new double[][] {{rn, 0, dk * 1}, {0, rn, dk * -2}}, jacobian, CLOSED, "rk4DecayInline Jacobian");
        assertClose(v(rn, -2 * rn), fn("rk4DecayInline").value(v(1, -2), k, h, n), CLOSED, "rk4DecayInline value");
    }

    @Test
    void rk4LotkaVolterra() {
        atPoints(
                "rk4LotkaVolterra",
                args(v(1, 0.5), 1.1, 0.4, 20),
                args(v(2, 1), 0.8, 1.2, 60),
                args(v(1, 0.5), 1.1, 0.4, 1));
    }

    @Test
    void matVec() {
        double[] m = v(1, 2, 3, 4, 5, 6);
        double[] x = v(0.5, -1, 2);
        atPoints("matVec", args(m, x), args(m, v(1, 1)), args(v(0.3), v(-2)));
        // d y_i / d m[i n + j] = x_j, d y_i / d x_j = m[i n + j].
        double[][] expected = {
            {0.5, -1, 2, 0, 0, 0, 1, 2, 3},
            {0, 0, 0, 0.5, -1, 2, 4, 5, 6},
        };
        assertJacobian(expected, fn("matVec").jacobian(m, x), CLOSED, "matVec Jacobian");
    }

    @Test
    void initializer() {
        atPoints("initializer", args(0.5, 1.5), args(-2.0, 0.3));
        assertJacobian(
                new double[][] {{1.5, 0.5}, {Math.cos(0.5), 0}, {-1, 3}},
                fn("initializer").jacobian(0.5, 1.5),
                CLOSED,
                "initializer Jacobian");
    }

    @Test
    void initializerLocal() {
        atPoints("initializerLocal", args(0.5, 1.5), args(-2.0, 0.3));
        assertJacobian(
                new double[][] {{1, 1}, {1.5 + 1, 0.5}, {0, 2}},
                fn("initializerLocal").jacobian(0.5, 1.5),
                CLOSED,
                "initializerLocal Jacobian");
    }

    @Test
    void polarToCartesian() {
        atPoints("polarToCartesian", args(2.0, 0.3), args(0.5, -2.5), args(1.0, 0.0));
        double r = 2.0;
        double t = 0.3;
        assertJacobian(
                new double[][] {{Math.cos(t), -r * Math.sin(t)}, {Math.sin(t), r * Math.cos(t)}},
                fn("polarToCartesian").jacobian(r, t),
                CLOSED,
                "polarToCartesian Jacobian");
    }

    @Test
    void softmax() {
        atPoints("softmax", args((Object) v(1, 2, 3)), args((Object) v(1000, 999, 1001.5)), args((Object) v(0.3, 0.3)));
        // d p_i / d a_j = p_i ([i = j] - p_j).
        double[] a = v(1, 2, 3);
        double s = Arrays.stream(a).map(Math::exp).sum();
        double[] p = Arrays.stream(a).map(t -> Math.exp(t) / s).toArray();
        double[][] expected = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                expected[i][j] = p[i] * ((i == j ? 1 : 0) - p[j]);
            }
        }
        assertJacobian(expected, fn("softmax").jacobian((Object) a), CLOSED, "softmax Jacobian");
    }

    @Test
    void cumsum() {
        atPoints("cumsum", args((Object) v(1, -2, 0.5, 4)), args((Object) v(7)));
        assertJacobian(
                new double[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}},
                fn("cumsum").jacobian((Object) v(1, 2, 3)),
                0.0,
                "cumsum Jacobian");
    }

    @Test
    void cross() {
        double[] u = v(1, 2, 3);
        double[] w = v(-0.5, 4, 0.25);
        atPoints("cross", args(u, w), args(v(0, 0, 1), v(1, 0, 0)));
        // d(u x w)/du = -[w]x, d(u x w)/dw = [u]x.
        double[][] expected = {
            {0, w[2], -w[1], 0, -u[2], u[1]},
            {-w[2], 0, w[0], u[2], 0, -u[0]},
            {w[1], -w[0], 0, -u[1], u[0], 0},
        };
        assertJacobian(expected, fn("cross").jacobian(u, w), CLOSED, "cross Jacobian");
    }

    @Test
    void sorted() {
        // Points away from ties; one pair 1e-3 apart.
        atPoints("sorted", args((Object) v(3, 1, 2)), args((Object) v(0.5, -1, 4, 2.5, 0)), args((Object)
                v(1.0, 1.001, 0.2)));
        double[][] expected = {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        assertJacobian(expected, fn("sorted").jacobian((Object) v(3, 1, 2)), 0.0, "sorted Jacobian: a permutation");
        assertClose(v(1, 2, 3), fn("sorted").value((Object) v(3, 1, 2)), 0.0, "sorted value");
    }

    @Test
    void reluLayer() {
        double[] w = v(1, -1, 0.5, 2, -0.5, 0.25);
        atPoints(
                "reluLayer",
                args(w, v(0.3, 0.7), v(0.1, -0.2, 0.4)),
                args(w, v(-1, 2), v(0.5, 0.5, -0.5)),
                args(w, v(0.3, 0.7), v(0.401, -1.5, 0.001)));
        // z = W x + b = (0.1 - 0.4, -0.2 + 0.15 + 1.4, 0.4 - 0.15 + 0.175) = (-0.3, 1.35, 0.425): row 0 is cut off.
        double[][] expected = {
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0.3, 0.7, 0, 0, 0.5, 2, 0, 1, 0},
            {0, 0, 0, 0, 0.3, 0.7, -0.5, 0.25, 0, 0, 1},
        };
        assertJacobian(
                expected, fn("reluLayer").jacobian(w, v(0.3, 0.7), v(0.1, -0.2, 0.4)), CLOSED, "reluLayer Jacobian");
    }

    @Test
    void helperReturned() {
        atPoints("helperReturned", args(v(1, -2, 3), 1.5), args(v(0.25), -0.5));
        double s = 1.5;
        assertJacobian(
                new double[][] {{s * s, 0, 2 * s}, {0, s * s, -4 * s}},
                fn("helperReturned").jacobian(v(1, -2), s),
                CLOSED,
                "helperReturned Jacobian");
    }

    @Test
    void earlyReturn() {
        // a0 > t: first return; otherwise r0 > 10 returns from inside the loop, or both elements computed.
        atPoints(
                "earlyReturn",
                args(v(2, 3), 1.0),
                args(v(1, 3), 1.5),
                args(v(3.5, 1), 4.0),
                args(v(1, 2), 1.001),
                args(v(1, 2), 0.999));
        assertJacobian(
                new double[][] {{1, 0, 2}, {0, 1, 0}},
                fn("earlyReturn").jacobian(v(2, 3), 1.0),
                CLOSED,
                "earlyReturn Jacobian, first return");
    }

    @Test
    void powerIteration() {
        atPoints("powerIteration", args(3.0, 0.5), args(2.0, -1.0));
        // 200 iterations converge (eigenvalue ratio about 0.1 here) to the dominant eigenvector (lambda - 1, q),
        // normalized, with lambda = (p + 1)/2 + sqrt(((p - 1)/2)^2 + q^2); the Jacobian is checked above.
        double p = 3.0;
        double q = 0.5;
        double lambda = (p + 1) / 2 + Math.sqrt((p - 1) * (p - 1) / 4 + q * q);
        double a = lambda - 1;
        double n = Math.hypot(a, q);
        assertClose(v(a / n, q / n), fn("powerIteration").value(p, q), 1e-13, "powerIteration value");
    }

    @Test
    void jvpRejectsTangentsOfTheWrongLength() {
        Method jvp = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals("crossJvp"))
                .findFirst()
                .orElseThrow();
        double[] u = v(1, 2, 3);
        double[] w = v(4, 5, 6);
        assertAll(
                () -> assertRejected(() -> invoke(jvp, u, new double[2], w, new double[3]), 3, 2),
                () -> assertRejected(() -> invoke(jvp, u, new double[3], w, new double[4]), 3, 4));
    }

    @Test
    void vjpRejectsASeedOfTheWrongLength() {
        Method vjp = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals("crossVjp"))
                .findFirst()
                .orElseThrow();
        double[] u = v(1, 2, 3);
        double[] w = v(4, 5, 6);
        assertAll(
                () -> assertRejected(() -> invoke(vjp, u, w, new double[2]), 3, 2),
                () -> assertRejected(() -> invoke(vjp, u, w, new double[4]), 3, 4));
    }

    @Test
    void jvpAndVjpAgreeOnADualPairing() {
        // <seed, J dx> = <J^T seed, dx> for the RK4 integration, with both sides computed by the generated code.
        Method jvp = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals("rk4LotkaVolterraJvp"))
                .findFirst()
                .orElseThrow();
        double[] y0 = v(1, 0.5);
        double[] dy0 = v(0.3, -0.7);
        double da = 0.2;
        double db = -0.4;
        DualVector d = (DualVector) invoke(jvp, y0, dy0, 1.1, da, 0.4, db, 30);
        double[] seed = v(-1.5, 0.25);
        double[][] vjp = fn("rk4LotkaVolterra").vjp(args(y0, 1.1, 0.4, 30), seed);
        double left = seed[0] * d.tangent()[0] + seed[1] * d.tangent()[1];
        double right = vjp[1][0] * dy0[0] + vjp[1][1] * dy0[1] + vjp[1][2] * da + vjp[1][3] * db;
        assertClose(left, right, 1e-12, "<seed, J dx> vs <J^T seed, dx>");
    }

    private static void assertRejected(Executable call, int expectedLength, int actualLength) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String message = String.valueOf(e.getMessage());
        assertTrue(
                message.contains(String.valueOf(expectedLength)) && message.contains(String.valueOf(actualLength)),
                "the message must name both lengths, " + expectedLength + " and " + actualLength + ": " + message);
    }

    private static Object invoke(Method m, Object... args) {
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        }
    }
}
