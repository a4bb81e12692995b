package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls into a library compiled earlier of {@code @Differentiable} functions returning a {@code double[]} (issue 13,
 * item 7): their companions carry public members (fooRecord, fooPullback seeded with the result's adjoint array,
 * fooPushforward returning the value and tangent arrays, and their JVPs) through which the caller's derivatives go, in
 * every mode and in Hessians. Two compilations, the caller's against the library's class output, as from another
 * Maven module or a jar. Checked against NumericDiff (value bit for bit; first order 1e-7 relative; Hessian 1e-6) and
 * closed forms (1e-12). Every caller here was an [autodiff4j:opaque-call] error before.
 */
class LibraryVectorsTest {
    @TempDir
    static Path library;

    private static Compiled application;

    @BeforeAll
    static void compileLibraryThenApplication() throws IOException {
        Compiled.compileLibrary(library, "lib.Vectors", """
            package lib;
            import io.github.autodiff4j.Differentiable;
            public class Vectors {
              @Differentiable
              public static double[] normalize(double[] v) {
                double s = 0;
                for (double e : v) {
                  s += e * e;
                }
                double n = Math.sqrt(s);
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                  out[i] = v[i] / n;
                }
                return out;
              }

              @Differentiable
              public static double[] matVec(double[][] a, double[] x) {
                double[] y = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  for (int j = 0; j < x.length; j++) {
                    y[i] += a[i][j] * x[j];
                  }
                }
                return y;
              }

              @Differentiable
              public static double[] softmax(double[] z, double temperature) {
                double max = Double.NEGATIVE_INFINITY;
                for (double e : z) {
                  max = Math.max(max, e);
                }
                double[] p = new double[z.length];
                double sum = 0;
                for (int i = 0; i < z.length; i++) {
                  p[i] = Math.exp((z[i] - max) / temperature);
                  sum += p[i];
                }
                for (int i = 0; i < z.length; i++) {
                  p[i] /= sum;
                }
                return p;
              }

              /** A loop that writes a local array, then a result read from it: prefix products. */
              @Differentiable
              public static double[] prefixProducts(double[] v, int skip) {
                double[] work = new double[v.length];
                double acc = 1;
                for (int i = 0; i < v.length; i++) {
                  if (i != skip) {
                    acc *= v[i];
                  }
                  work[i] = acc;
                }
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                  out[i] = Math.sin(work[i]) + work[i] * v[i];
                }
                return out;
              }

              /** The row sums of a matrix squared, over doubles alone too. */
              @Differentiable
              public static double[] rowEnergy(double[][] m, double scale) {
                double[] out = new double[m.length];
                for (int i = 0; i < m.length; i++) {
                  double s = 0;
                  for (double e : m[i]) {
                    s += e;
                  }
                  out[i] = scale * s * s;
                }
                return out;
              }

              /** Over doubles alone. */
              @Differentiable
              public static double[] polar(double r, double theta) {
                return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
              }

              /** Returns its parameter: a caller would take it for a new array, so it gets no members. */
              @Differentiable
              public static double[] same(double[] v) {
                return v;
              }
            }
            """);
        application = Compiled.compileAgainst(library, "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Vectors;
        public class Uses {
          /** A loss of normalize(x). */
          @Differentiable
          public static double loss(double[] x, double[] target) {
            double[] u = Vectors.normalize(x);
            double s = 0;
            for (int i = 0; i < u.length; i++) {
              double d = u[i] - target[i];
              s += d * d;
            }
            return s;
          }

          @Differentiable
          static double quadratic(double[][] a, double[] x) {
            double[] y = Vectors.matVec(a, x);
            double s = 0;
            for (int i = 0; i < y.length; i++) {
              s += y[i] * x[i];
            }
            return s;
          }

          @Differentiable
          static double crossEntropy(double[] z, double temperature, int label) {
            return -Math.log(Vectors.softmax(z, temperature)[label]);
          }

          /** In a loop, writing the result array and the argument after each call. */
          @Differentiable
          static double iterated(double[] v, double x) {
            double[] w = v.clone();
            double s = 0;
            for (int k = 0; k < 3; k++) {
              double[] p = Vectors.prefixProducts(w, k);
              p[0] = p[0] * x;
              for (int i = 0; i < w.length; i++) {
                w[i] = Math.cos(p[i]) + 0.5 * w[i];
                s += p[i] * w[i];
              }
            }
            return s;
          }

          /** The same array passed twice, and a matrix row by row. */
          @Differentiable
          static double twice(double[] x, double t) {
            double[] y = Vectors.matVec(new double[][] {x, x}, x);
            double[] e = Vectors.rowEnergy(new double[][] {y, x}, t);
            return e[0] + e[1] * y[1];
          }

          @Differentiable
          static double area(double r, double t) {
            double[] p = Vectors.polar(r, t);
            double[] q = Vectors.polar(r * 0.5, t + 1);
            return p[0] * q[1] - p[1] * q[0] + p[0] * p[1];
          }

          @Differentiable
          static double[] unit(double[] x) {
            return Vectors.normalize(x);
          }

          /** A vector function composing them. */
          @Differentiable
          static double[] layer(double[] x, double t) {
            double[][] a = {{x[0], 0.5}, {-0.3, x[1] * t}, {t, 1.0}};
            double[] h = Vectors.matVec(a, Vectors.normalize(x));
            return Vectors.softmax(h, t);
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(application, "app.Uses", name);
    }

    private static VectorFunction v(String name) {
        return new VectorFunction(application, "app.Uses", name);
    }

    @Test
    void aLossOfNormalize() {
        f("loss").assertDerivatives(new double[] {0.5, -1.2, 2.0}, new double[] {0.3, 0.1, 0.9});
    }

    @Test
    void matVecWithTheClosedFormGradient() {
        double[][] a = {{1.0, 2.0, -0.5}, {0.3, -1.1, 0.7}, {2.2, 0.4, 1.3}};
        double[] x = {0.5, -1.2, 2.0};
        f("quadratic").assertDerivatives(a, x);
        // x'Ax: d/dx = (A + A')x
        double[] gradient = f("quadratic").gradient(a, x);
        int n = a.length * 3;
        for (int k = 0; k < 3; k++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected += (a[k][j] + a[j][k]) * x[j];
            }
            assertEquals(expected, gradient[n + k], 1e-12);
        }
    }

    @Test
    void softmaxWithADoubleParameter() {
        f("crossEntropy").assertDerivatives(new double[] {0.5, -1.2, 2.0, 0.1}, 0.7, 2);
    }

    @Test
    void inALoopWritingTheResultAndTheArgumentAfterTheCall() {
        f("iterated").assertDerivatives(new double[] {0.5, -1.2, 0.3}, 0.4);
    }

    @Test
    void theSameArrayPassedTwiceAndAMatrixOfRows() {
        f("twice").assertDerivatives(new double[] {0.5, -1.2}, 0.4);
    }

    /** area = r^2/2 sin(1) + r^2 cos(t) sin(t). */
    @Test
    void overDoublesAloneWithAClosedForm() {
        f("area").assertDerivatives(1.3, 0.4);
        double[] gradient = f("area").gradient(1.3, 0.4);
        assertEquals(1.3 * Math.sin(1) + 1.3 * Math.sin(0.8), gradient[0], 1e-12);
        assertEquals(1.3 * 1.3 * Math.cos(0.8), gradient[1], 1e-12);
    }

    @Test
    void normalizesJacobianInClosedForm() {
        double[] x = {0.5, -1.2, 2.0};
        v("unit").assertDerivatives((Object) x);
        double n = Math.sqrt(0.25 + 1.44 + 4.0);
        double[][] jacobian = v("unit").jacobian((Object) x);
        // d(x/|x|) = (I - uu') / |x|
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = ((i == j ? 1 : 0) - x[i] * x[j] / (n * n)) / n;
                assertEquals(expected, jacobian[i][j], 1e-12);
            }
        }
    }

    @Test
    void aVectorFunctionComposingThem() {
        v("layer").assertDerivatives(new double[] {0.5, -1.2}, 0.7);
    }

    /**
     * The caller's own public members (it is public, in a public class), for code compiled after it: its record keeps the array normalize returned (its
     * length, then its elements), and its pullback takes it back rather than calling again.
     */
    @Test
    void aCallersRecordKeepsTheArrayItsPullbackReplays() throws ReflectiveOperationException {
        double[] x = {0.5, -1.2, 2.0};
        double[] target = {0.3, 0.1, 0.9};
        Class<?> diff = application.load("app.UsesDiff");
        double value = (double)
                diff.getMethod("lossRecord", double[].class, double[].class).invoke(null, x, target);
        double[] dx = new double[3];
        double[] dtarget = new double[3];
        diff.getMethod("lossPullback", double[].class, double[].class, double[].class, double[].class, double.class)
                .invoke(null, x, target, dx, dtarget, 2.0);
        assertEquals(f("loss").value(x, target), value);
        double[] gradient = f("loss").gradient(x, target);
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * gradient[k], dx[k], 1e-12);
            assertEquals(2 * gradient[3 + k], dtarget[k], 1e-12);
        }
    }

    /**
     * The members as README documents them, called by hand: the pullback adds seed'J into the adjoint array it is
     * given (accumulating) and returns the double parameter's adjoint alone; the pushforward returns the value and
     * tangent arrays. Against softmax's closed form, dp_i/dz_j = p_i (delta_ij - p_j) / t and dp_i/dt = -p_i (z_i -
     * sum_k p_k z_k) / t^2.
     */
    @Test
    void theMembersAsDocumented() throws ReflectiveOperationException {
        double[] z = {0.5, -1.2, 2.0};
        double t = 0.7;
        double[] seed = {0.3, -0.8, 0.5};
        Class<?> diff = application.load("lib.VectorsDiff");
        double[] p = (double[]) application
                .load("lib.Vectors")
                .getMethod("softmax", double[].class, double.class)
                .invoke(null, z, t);
        double mean = 0;
        for (int k = 0; k < 3; k++) {
            mean += p[k] * z[k];
        }
        double[] dz = {1, 1, 1};
        double[] adjoints = (double[])
                diff.getMethod("softmaxPullback", double[].class, double.class, double[].class, double[].class)
                        .invoke(null, z, t, dz, seed);
        assertEquals(1, adjoints.length);
        double dt = 0;
        for (int i = 0; i < 3; i++) {
            dt -= seed[i] * p[i] * (z[i] - mean) / (t * t);
        }
        assertEquals(dt, adjoints[0], 1e-12);
        for (int j = 0; j < 3; j++) {
            double expected = 1;
            for (int i = 0; i < 3; i++) {
                expected += seed[i] * p[i] * ((i == j ? 1 : 0) - p[j]) / t;
            }
            assertEquals(expected, dz[j], 1e-12);
        }
        double[] direction = {0.2, 0.1, -0.4};
        double[][] both = (double[][])
                diff.getMethod("softmaxPushforward", double[].class, double[].class, double.class, double.class)
                        .invoke(null, z, direction, t, 0.0);
        assertArrayEquals(p, both[0], 0.0);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected += p[i] * ((i == j ? 1 : 0) - p[j]) / t * direction[j];
            }
            assertEquals(expected, both[1][i], 1e-12);
        }
    }

    /** A function that may return the array it is passed gets no members: its callers get the opaque-call error. */
    @Test
    void returningAParameterStaysOpaque() {
        Compilation caller = Compiler.javac()
                .withProcessors(new io.github.autodiff4j.processor.DifferentiableProcessor())
                .withOptions("-parameters")
                .withClasspath(List.of(library.toFile(), Compiled.runtimeClasses()))
                .compile(JavaFileObjects.forSourceString("app.Alias", """
                    package app;
                    import io.github.autodiff4j.Differentiable;
                    import lib.Vectors;
                    public class Alias {
                      @Differentiable
                      static double first(double[] x) {
                        return Vectors.same(x)[0];
                      }
                    }
                    """));
        assertEquals(Compilation.Status.FAILURE, caller.status());
        assertTrue(caller.errors().toString().contains("[autodiff4j:opaque-call]"), caller.errors()::toString);
    }

    @Test
    void theGeneratedCodeCallsTheLibrarysCompanion() {
        String code = application.generatedSource("app.UsesDiff");
        assertTrue(code.contains("VectorsDiff.normalizeRecord("), code);
        assertTrue(code.contains("VectorsDiff.normalizePullback("), code);
        assertTrue(code.contains("VectorsDiff.matVecPushforward("), code);
        assertTrue(code.contains("VectorsDiff.softmaxPullbackJvp("), code);
    }
}
