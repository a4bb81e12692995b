package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls of varargs helpers ({@code double...}, {@code int...}, {@code double[]...}): the values in the varargs position
 * are gathered into an array, as javac does, and the helper is differentiated through; an array passed as it is goes
 * in as it is. In a loop, in a branch, with fixed parameters before the varargs, nested, in an instance method, in a
 * vector function, and a {@code @Differentiable} method that is varargs itself.
 *
 * <p>Each function is checked with {@link ScalarFunction#assertDerivatives} (value bit for bit, gradient and JVP
 * against NumericDiff within 1e-7, Hessian within 1e-6) or {@link VectorFunction#assertDerivatives} (Jacobian within
 * 1e-7) at several points; closed forms within {@value #CLOSED}.
 */
class VarargsTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Varargs";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;

      public class Varargs {
        static double sum(double... v) {
          double s = 0;
          for (double e : v) {
            s += e;
          }
          return s;
        }

        // c[0] + c[1] x + c[2] x^2 + ...: fixed parameters before the varargs.
        static double poly(double x, double... c) {
          double p = 0;
          for (int k = c.length - 1; k >= 0; k--) {
            p = p * x + c[k];
          }
          return p;
        }

        static double weighted(int[] counts, double... v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += counts[i % counts.length] * v[i];
          }
          return s;
        }

        static double picks(int... indices) {
          return indices.length;
        }

        static double rows(double[]... m) {
          double s = 0;
          for (double[] row : m) {
            s += row[0] * row[row.length - 1];
          }
          return s;
        }

        @Differentiable
        static double gathered(double x, double y) {
          return sum(x, y * x, 3) + sum() + sum(x);
        }

        @Differentiable
        static double arrayPassedAsIs(double[] a, double x) {
          return sum(a) * x;
        }

        // x^2 (1 + 2y + 3y^2), one varargs call per iteration, in a branch.
        @Differentiable
        static double inLoopAndBranch(double x, double y, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
              s += poly(y, 1, 2, 3) * x;
            } else {
              s += poly(y, x) * picks(i, i + 1);
            }
          }
          return s;
        }

        @Differentiable
        static double nested(double x, double y) {
          return sum(poly(x, y, 1), sum(x, y), weighted(new int[] {1, 2}, x, y, x * y));
        }

        @Differentiable
        static double matrixRows(double x, double[] r) {
          return rows(r, new double[] {x, 2, x * x});
        }

        @Differentiable
        static double varargsItself(double... v) {
          return v[0] * sum(v) + v[v.length - 1];
        }

        final double scale;

        public Varargs(double scale) {
          this.scale = scale;
        }

        double scaled(double... v) {
          return scale * sum(v);
        }

        @Differentiable
        double instance(double x, double y) {
          return scaled(x, y, x * y) * x;
        }

        @Differentiable
        static double[] vector(double x, double y) {
          return new double[] {sum(x, y), poly(x, 1, y, y), sum(x * y)};
        }
      }
      """;

    private static Corpus corpus;

    @BeforeAll
    static void compile() {
        corpus = Corpus.compile(CLASS, SOURCE);
    }

    @Test
    void gathered() {
        corpus.atPoints("gathered", args(1.5, 0.5), args(-2.0, 3.0));
        // 2x + xy + 3.
        assertGradient(corpus.fn("gathered"), args(1.5, 0.5), CLOSED, 2 + 0.5, 1.5);
    }

    @Test
    void arrayPassedAsIs() {
        corpus.atPoints("arrayPassedAsIs", args(new double[] {1.0, -2.0, 0.5}, 0.75));
        assertGradient(
                corpus.fn("arrayPassedAsIs"),
                args(new double[] {1.0, -2.0, 0.5}, 0.75),
                CLOSED,
                0.75,
                0.75,
                0.75,
                -0.5);
    }

    @Test
    void inLoopAndBranch() {
        corpus.atPoints("inLoopAndBranch", args(1.5, 0.5, 4), args(-0.5, 2.0, 1), args(0.25, -1.0, 3));
    }

    @Test
    void nested() {
        corpus.atPoints("nested", args(1.5, 0.5), args(-2.0, 3.0));
    }

    @Test
    void matrixRows() {
        corpus.atPoints("matrixRows", args(1.5, new double[] {0.5, -1.0, 2.0}));
    }

    @Test
    void varargsItself() {
        corpus.atPoints(
                "varargsItself", args((Object) new double[] {0.5, -1.0, 2.0}), args((Object) new double[] {1.5}));
    }

    @Test
    void instance() throws Exception {
        Object receiver = corpus.newInstance(new Class<?>[] {double.class}, 0.5);
        corpus.atPoints("instance", args(receiver, 1.5, 0.5), args(receiver, -2.0, 3.0));
    }

    @Test
    void vector() {
        corpus.vectorAtPoints("vector", args(1.5, 0.5), args(-2.0, 3.0));
    }

    /**
     * The members taking the function's own parameters are varargs too: a caller passes the values as to the function
     * itself ({@code varargsItselfHessian(0.5, -1.0, 2.0)}); the members with a tangent or an adjoint after them are not.
     */
    @Test
    void membersOfAVarargsFunctionAreVarargs() throws Exception {
        String caller = """
                package corpus;

                public class Caller {
                  public static double[] row(double a, double b, double c) {
                    return VarargsDiff.varargsItselfHessian(a, b, c)[0];
                  }

                  public static double value(double a, double b) {
                    return VarargsDiff.varargsItselfGrad(a, b).value();
                  }
                }
                """;
        Compiled both = Compiled.compileAll(CLASS, SOURCE, "corpus.Caller", caller);
        Class<?> callerClass = both.load("corpus.Caller");
        double[] row = (double[]) callerClass
                .getMethod("row", double.class, double.class, double.class)
                .invoke(null, 0.5, -1.0, 2.0);
        double[][] hessian = corpus.fn("varargsItself").hessian(args((Object) new double[] {0.5, -1.0, 2.0}));
        assertArrayEquals(hessian[0], row, 0.0);
        double value = (double)
                callerClass.getMethod("value", double.class, double.class).invoke(null, 1.5, 2.0);
        assertEquals(1.5 * 3.5 + 2.0, value, 0.0);
        Method jvp = Arrays.stream(both.load("corpus.VarargsDiff").getMethods())
                .filter(m -> m.getName().equals("varargsItselfJvp"))
                .findFirst()
                .orElseThrow();
        assertFalse(jvp.isVarArgs(), "varargsItselfJvp(v, dv)");
    }
}
