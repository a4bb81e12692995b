package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls into a library compiled earlier of {@code @Differentiable} functions over arrays and matrices (issue 13,
 * item 7): their companions carry public members (fooRecord, fooPullback, fooPushforward and their JVPs) through which
 * the caller's derivatives go, in every mode and in Hessians. Two compilations, the caller's against the library's
 * class output, as from another Maven module or a jar. Checked against NumericDiff (value bit for bit; gradient and
 * JVP 1e-7 relative; Hessian 1e-6) and closed forms (1e-12). Every caller here was an [autodiff4j:opaque-call] error
 * before.
 */
class LibraryArraysTest {
    @TempDir
    static Path library;

    private static Compiled application;

    @BeforeAll
    static void compileLibraryThenApplication() throws IOException {
        Compiled.compileLibrary(library, "lib.Linear", """
            package lib;
            import io.github.autodiff4j.Differentiable;
            public class Linear {
              @Differentiable
              public static double dot(double[] a, double[] b) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i];
                }
                return s;
              }

              @Differentiable
              public static double poly(double[] c, double x) {
                double s = 0;
                for (int k = c.length - 1; k >= 0; k--) {
                  s = s * x + c[k];
                }
                return s;
              }

              /** A recursive function over a matrix: its recursion goes through its own public members. */
              @Differentiable
              public static double det(double[][] m) {
                int n = m.length;
                if (n == 1) {
                  return m[0][0];
                }
                double d = 0;
                for (int j = 0; j < n; j++) {
                  double[][] minor = new double[n - 1][n - 1];
                  for (int r = 1; r < n; r++) {
                    for (int c = 0, k = 0; c < n; c++) {
                      if (c != j) {
                        minor[r - 1][k++] = m[r][c];
                      }
                    }
                  }
                  d += (j % 2 == 0 ? 1 : -1) * m[0][j] * det(minor);
                }
                return d;
              }

              /** With an integer parameter and a private helper. */
              @Differentiable
              public static double softNorm(double[] v, int p) {
                return Math.log(1 + power(dot(v, v), p));
              }

              private static double power(double x, int p) {
                return p == 0 ? 1 : x * power(x, p - 1);
              }
            }
            """);
        application = Compiled.compileAgainst(library, "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Linear;
        public class Uses {
          @Differentiable
          static double projected(double[] a, double[] b, double x) {
            return Linear.dot(a, b) * x + Linear.poly(b, x);
          }

          /** The same array twice. */
          @Differentiable
          static double squared(double[] a) {
            return Linear.dot(a, a);
          }

          /** In a loop, on an array the caller writes after each call. */
          @Differentiable
          static double iterated(double[] c, double x) {
            double[] w = c.clone();
            double s = 0;
            for (int k = 0; k < 3; k++) {
              s += Math.sin(Linear.poly(w, x + 0.1 * k));
              for (int i = 0; i < w.length; i++) {
                w[i] = w[i] * s + 0.5;
              }
            }
            return s;
          }

          @Differentiable
          static double volume(double[][] m, double t) {
            return Linear.det(m) * t + Linear.softNorm(m[0], 2);
          }

          /** A vector function calling them. */
          @Differentiable
          static double[] both(double[] a, double[] b) {
            return new double[] {Linear.dot(a, b), Linear.poly(a, b[0])};
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(application, "app.Uses", name);
    }

    @Test
    void dotAndPolynomialInEveryModeAndTheHessian() {
        double[] a = {0.5, -1.2, 2.0};
        double[] b = {1.5, 0.25, -0.75};
        f("projected").assertDerivatives(a, b, 0.7);
        double[] gradient = f("projected").gradient(a, b, 0.7);
        // d/da_k = b_k x
        for (int k = 0; k < 3; k++) {
            assertEquals(b[k] * 0.7, gradient[k], 1e-12);
        }
    }

    @Test
    void theSameArrayPassedTwice() {
        double[] a = {0.5, -1.2, 2.0};
        f("squared").assertDerivatives((Object) a);
        double[] gradient = f("squared").gradient((Object) a);
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * a[k], gradient[k], 1e-12);
        }
    }

    @Test
    void inALoopOnAnArrayWrittenAfterTheCall() {
        f("iterated").assertDerivatives(new double[] {0.5, -1.2, 0.3}, 0.4);
    }

    @Test
    void aRecursiveLibraryFunctionOverAMatrix() {
        f("volume").assertDerivatives(new double[][] {{2.0, -1.0, 0.5}, {0.3, 1.5, -0.7}, {1.1, 0.2, 0.9}}, 0.8);
    }

    @Test
    void fromAVectorFunction() {
        new VectorFunction(application, "app.Uses", "both")
                .assertDerivatives(new double[] {0.5, -1.2, 2.0}, new double[] {0.3, 0.8, -0.4});
    }

    @Test
    void theGeneratedCodeCallsTheLibrarysCompanion() {
        String code = application.generatedSource("app.UsesDiff");
        assertTrue(code.contains("LinearDiff.dotRecord("), code);
        assertTrue(code.contains("LinearDiff.dotPullback("), code);
        assertTrue(code.contains("LinearDiff.polyPushforward("), code);
        assertTrue(code.contains("LinearDiff.detPullbackJvp("), code);
    }

    /**
     * Only a function other packages can call gets the public members: a package-private one (or one of a
     * package-private class) is never called from code compiled later in another package, and the members would double
     * its companion.
     */
    @Test
    void onlyALibrarysApiGetsTheMembers() throws ReflectiveOperationException {
        Compiled compiled = Compiled.compile("demo.Api", """
                package demo;
                import io.github.autodiff4j.Differentiable;
                public class Api {
                  @Differentiable
                  public static double exported(double[] v) {
                    return v[0] * v[1];
                  }
                  @Differentiable
                  static double internal(double[] v) {
                    return v[0] * v[1];
                  }
                  static class Hidden {
                    @Differentiable
                    public static double nested(double[] v) {
                      return v[0] * v[1];
                    }
                  }
                }
                """);
        Class<?> api = compiled.load("demo.ApiDiff");
        api.getMethod("exportedPullback", double[].class, double[].class, double.class);
        assertTrue(
                java.util.Arrays.stream(api.getDeclaredMethods())
                        .noneMatch(m -> m.getName().startsWith("internalPullback")),
                "a package-private function has no pullback member");
        assertTrue(
                java.util.Arrays.stream(compiled.load("demo.Api_HiddenDiff").getDeclaredMethods())
                        .noneMatch(m -> m.getName().startsWith("nestedPullback")),
                "a public function of a package-private class has no pullback member");
    }
}
