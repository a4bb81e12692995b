package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion of any static method of the build, annotated or not, over doubles, arrays, matrices and integers (issue 13,
 * item 6): direct, mutual and tree-shaped, called from loops, branches, instance methods and vector functions. The
 * derivatives go through private members of the companion (pushforward, pullback, the pullback's JVP), one call per
 * level. Each is checked against NumericDiff in every mode (value bit for bit; gradient and JVP 1e-7 relative; Hessian
 * 1e-6: the tolerances of ScalarFunction), and against closed forms (1e-12 relative) where they exist. Every function
 * here was a compile error ([autodiff4j:recursion]) before.
 */
class ArrayRecursionTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Arr", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Arr {
          /** c[i] + x (c[i + 1] + x (...)): Horner's rule over an array, by index. */
          static double horner(double[] c, double x, int i) {
            return i == c.length - 1 ? c[i] : c[i] + x * horner(c, x, i + 1);
          }

          @Differentiable
          static double poly(double[] c, double x) {
            return horner(c, x, 0);
          }

          /** The dot product of a and b from index i on. */
          private static double dot(double[] a, double[] b, int i) {
            if (i == a.length) {
              return 0;
            }
            return a[i] * b[i] + dot(a, b, i + 1);
          }

          @Differentiable
          static double dotOf(double[] a, double[] b) {
            return dot(a, b, 0);
          }

          /** The same array twice: each partial is right, and their sum is the derivative. */
          @Differentiable
          static double squaredNorm(double[] a) {
            return dot(a, a, 0);
          }

          /** A tree: the sum of exp(v[k]) over [lo, hi), split in halves. */
          static double sum(double[] v, int lo, int hi) {
            if (hi - lo == 1) {
              return Math.exp(v[lo]);
            }
            int mid = (lo + hi) >>> 1;
            return sum(v, lo, mid) + sum(v, mid, hi);
          }

          @Differentiable
          static double logSumExp(double[] v) {
            return Math.log(sum(v, 0, v.length));
          }

          /** A tree with products, so that the Hessian has off-diagonal entries. */
          static double product(double[] v, double s, int lo, int hi) {
            if (hi - lo == 1) {
              return Math.sin(v[lo] * s);
            }
            int mid = (lo + hi) / 2;
            return product(v, s, lo, mid) * product(v, s, mid, hi) + s;
          }

          @Differentiable
          static double treeProduct(double[] v, double s) {
            return product(v, s, 0, v.length);
          }

          /** Mutual recursion over an array: alternate levels add and multiply. */
          static double even(double[] w, double x, int i) {
            return i == w.length ? x : Math.sin(w[i] + odd(w, x, i + 1));
          }

          static double odd(double[] w, double x, int i) {
            return i == w.length ? x * x : w[i] * even(w, 0.5 * x, i + 1);
          }

          @Differentiable
          static double alternating(double[] w, double x) {
            return even(w, x, 0);
          }

          /** The determinant by cofactor expansion along the first row. */
          static double det(double[][] m) {
            int n = m.length;
            if (n == 1) {
              return m[0][0];
            }
            double d = 0;
            for (int j = 0; j < n; j++) {
              double[][] minor = new double[n - 1][n - 1];
              for (int r = 1; r < n; r++) {
                int k = 0;
                for (int c = 0; c < n; c++) {
                  if (c != j) {
                    minor[r - 1][k] = m[r][c];
                    k++;
                  }
                }
              }
              double sign = j % 2 == 0 ? 1 : -1;
              d += sign * m[0][j] * det(minor);
            }
            return d;
          }

          @Differentiable
          static double determinant(double[][] m) {
            return det(m);
          }

          /** An unannotated recursive helper called from a loop, each call with its own argument. */
          @Differentiable
          static double inLoop(double[] c, double x) {
            double s = 0;
            for (int k = 0; k < 3; k++) {
              s += Math.cos(horner(c, x + 0.25 * k, 0)) * (k + 1);
            }
            return s;
          }

          /** From a branch taken on an active value. */
          @Differentiable
          static double inBranch(double[] c, double x) {
            if (x > 0) {
              return horner(c, x, 0) * x;
            }
            return dot(c, c, 0) - x;
          }

          /** An array the caller writes after the call: the reverse sweep must see it as it was at the call. */
          @Differentiable
          static double writtenAfter(double[] c, double x) {
            double[] w = c.clone();
            double first = horner(w, x, 0);
            for (int i = 0; i < w.length; i++) {
              w[i] = w[i] * first;
            }
            return first + horner(w, 0.5 * x, 1);
          }

          /** An active double passed where the helper takes an int: a constant, as the cast makes it. */
          @Differentiable
          static double castIndex(double[] c, double x) {
            return horner(c, x, (int) Math.min(x * 0, 1));
          }

          /** A vector function whose outputs recurse. */
          @Differentiable
          static double[] twoPolys(double[] c, double[] x) {
            return new double[] {horner(c, x[0], 0), horner(c, x[1], 1) * dot(c, x, 0)};
          }

          /** An annotated recursive function over an array: recursion through its own body. */
          @Differentiable
          static double chain(double[] w, double x, int i) {
            return i == w.length ? x : Math.tanh(w[i] * chain(w, x, i + 1) + x);
          }

          /** The 10,000-deep test: the sum of w[i] * x^i, one level per element. */
          static double deep(double[] w, double x, int i) {
            return i == w.length ? 0 : w[i] + x * deep(w, x, i + 1);
          }

          @Differentiable
          static double deepPoly(double[] w, double x) {
            return deep(w, x, 0);
          }

          /** A private recursive helper of doubles: the companion calls a copy of its body. */
          private static double tail(double x) {
            return x < 0 ? 1 - tail(-x) : 0.5 * Math.exp(-x * x);
          }

          @Differentiable
          static double tails(double x, double y) {
            return tail(x) * y + tail(2 * x - y);
          }

          /** Input validation after a recursion: the records it kept must not stay on the thread's RecursionTape. */
          @Differentiable
          static double guarded(double[] c, double x) {
            double p = horner(c, x, 0);
            if (p > 100) {
              throw new IllegalArgumentException("too large: " + p);
            }
            return p;
          }

          final double scale;

          Arr(double scale) {
            this.scale = scale;
          }

          /** From an instance method. */
          @Differentiable
          double scaled(double[] c, double x) {
            return scale * horner(c, x, 0);
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "demo.Arr", name);
    }

    @Test
    void hornerOverAnArray() {
        double[] c = {0.5, -1.2, 2.0, 0.3};
        double x = 0.7;
        f("poly").assertDerivatives(c, x);
        double[] gradient = f("poly").gradient(c, x);
        // d/dc_k = x^k; d/dx = c1 + 2 c2 x + 3 c3 x^2
        for (int k = 0; k < c.length; k++) {
            assertEquals(Math.pow(x, k), gradient[k], 1e-12, "d/dc" + k);
        }
        assertEquals(c[1] + 2 * c[2] * x + 3 * c[3] * x * x, gradient[c.length], 1e-12, "d/dx");
    }

    @Test
    void recursiveDotProduct() {
        double[] a = {0.5, -1.2, 2.0};
        double[] b = {1.5, 0.25, -0.75};
        f("dotOf").assertDerivatives(a, b);
        double[] gradient = f("dotOf").gradient(a, b);
        for (int k = 0; k < 3; k++) {
            assertEquals(b[k], gradient[k], 1e-12);
            assertEquals(a[k], gradient[3 + k], 1e-12);
        }
    }

    @Test
    void theSameArrayTwice() {
        double[] a = {0.5, -1.2, 2.0};
        f("squaredNorm").assertDerivatives((Object) a);
        double[] gradient = f("squaredNorm").gradient((Object) a);
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * a[k], gradient[k], 1e-12);
        }
    }

    @Test
    void divideAndConquer() {
        double[] v = {0.5, -1.2, 2.0, 0.1, -0.4, 0.9, 1.3};
        f("logSumExp").assertDerivatives((Object) v);
        double[] gradient = f("logSumExp").gradient((Object) v);
        double total = 0;
        for (double e : v) {
            total += Math.exp(e);
        }
        for (int k = 0; k < v.length; k++) {
            assertEquals(Math.exp(v[k]) / total, gradient[k], 1e-12, "softmax " + k);
        }
        f("treeProduct").assertDerivatives(new double[] {0.5, -1.2, 2.0, 0.1, 0.7}, 0.8);
    }

    @Test
    void mutualRecursionOverAnArray() {
        f("alternating").assertDerivatives(new double[] {0.5, -1.2, 0.3, 0.8, -0.6}, 0.4);
    }

    @Test
    void determinantByCofactors() {
        double[][] m = {{2.0, -1.0, 0.5}, {0.3, 1.5, -0.7}, {1.1, 0.2, 0.9}};
        f("determinant").assertDerivatives((Object) m);
        // d det / d m[i][j] is the cofactor: det(m) times the inverse's (j, i) entry.
        double[] gradient = f("determinant").gradient((Object) m);
        double[][] cofactors = {
            {
                m[1][1] * m[2][2] - m[1][2] * m[2][1],
                -(m[1][0] * m[2][2] - m[1][2] * m[2][0]),
                m[1][0] * m[2][1] - m[1][1] * m[2][0]
            },
            {
                -(m[0][1] * m[2][2] - m[0][2] * m[2][1]),
                m[0][0] * m[2][2] - m[0][2] * m[2][0],
                -(m[0][0] * m[2][1] - m[0][1] * m[2][0])
            },
            {
                m[0][1] * m[1][2] - m[0][2] * m[1][1],
                -(m[0][0] * m[1][2] - m[0][2] * m[1][0]),
                m[0][0] * m[1][1] - m[0][1] * m[1][0]
            }
        };
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(cofactors[i][j], gradient[3 * i + j], 1e-12, "cofactor " + i + "," + j);
            }
        }
        f("determinant").assertDerivatives((Object) new double[][] {
            {1.0, 0.5, -0.3, 0.2}, {0.4, -1.1, 0.8, 0.6}, {0.9, 0.1, 1.3, -0.5}, {-0.2, 0.7, 0.3, 1.4}
        });
    }

    @Test
    void fromALoopABranchAndAfterWrites() {
        double[] c = {0.5, -1.2, 2.0, 0.3};
        f("inLoop").assertDerivatives(c, 0.6);
        f("inBranch").assertDerivatives(c, 0.6);
        f("inBranch").assertDerivatives(c, -0.6);
        f("writtenAfter").assertDerivatives(c, 0.6);
        f("castIndex").assertDerivatives(c, 0.6);
    }

    @Test
    void fromAVectorFunction() {
        new VectorFunction(compiled, "demo.Arr", "twoPolys")
                .assertDerivatives(new double[] {0.5, -1.2, 2.0}, new double[] {0.3, 0.8, -0.4});
    }

    @Test
    void fromAnInstanceMethod() throws Exception {
        java.lang.reflect.Constructor<?> make = compiled.load("demo.Arr").getDeclaredConstructor(double.class);
        make.setAccessible(true);
        Object receiver = make.newInstance(1.5);
        f("scaled").assertDerivatives(receiver, new double[] {0.5, -1.2, 2.0}, 0.4);
    }

    @Test
    void privateRecursiveHelperOfDoubles() {
        f("tails").assertDerivatives(0.3, 0.8);
        f("tails").assertDerivatives(-0.7, 0.2);
    }

    /**
     * 10,000 levels deep, on a thread with a 4 MB stack: the gradient's pullback runs the method's forward sweep below
     * its own frame, and needs about twice the stack of the function itself (README, "Libraries and modules"); the
     * function alone runs about 12,000 levels deep on the default 1 MB, the gradient about 6,000. Checked against the
     * closed form, sum w_k x^k and its derivatives, 1e-12 relative; the Hessian (quadratic in the depth per column)
     * at 200 levels against NumericDiff.
     */
    @Test
    void tenThousandLevelsDeep() throws Exception {
        int n = 10_000;
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1.0 / (k + 1);
        }
        double x = 0.5;
        double[][] result = new double[2][];
        Throwable[] failure = {null};
        Thread deep = new Thread(
                null,
                () -> {
                    try {
                        result[0] = f("deepPoly").gradient(w, x);
                        result[1] = new double[] {
                            f("deepPoly")
                                    .jvp(new Object[] {w, x}, unit(n + 1, n))
                                    .tangent()
                        };
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                "deep",
                4L << 20);
        deep.start();
        deep.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        double derivative = 0;
        for (int k = 0; k < n; k++) {
            assertEquals(Math.pow(x, k), result[0][k], 1e-12 * Math.pow(x, k), "d/dw" + k);
            derivative += k == 0 ? 0 : k * w[k] * Math.pow(x, k - 1);
        }
        assertEquals(derivative, result[0][n], 1e-12 * derivative, "d/dx");
        assertEquals(derivative, result[1][0], 1e-12 * derivative, "d/dx by forward mode");
        double[] small = java.util.Arrays.copyOf(w, 200);
        f("deepPoly").assertDerivatives(small, x);
    }

    private static double[] unit(int size, int k) {
        double[] e = new double[size];
        e[k] = 1;
        return e;
    }

    /** A caller catching a gradient's exceptions in a loop: the recursion's records are dropped each time. */
    @Test
    void aThrowingGradientLeavesNoRecords() {
        ScalarFunction guarded = f("guarded");
        double[] c = {0.5, -1.2, 2.0, 0.3};
        guarded.assertDerivatives(c, 0.6);
        int before = io.github.autodiff4j.RecursionTape.mark();
        for (int k = 0; k < 1000; k++) {
            try {
                guarded.gradient(new double[] {1, 2, 3, 4, 5, 6}, 3.0);
            } catch (AssertionError | RuntimeException expected) {
                // the function's own exception, as the helpers report it
            }
        }
        assertEquals(before, io.github.autodiff4j.RecursionTape.mark(), "values left on the RecursionTape");
    }

    /** Two recursions named alike, of two classes: the other class's members are prefixed with its name. */
    @Test
    void twoRecursionsOfOneNameInTwoClasses() {
        Compiled two = Compiled.compileAll("a.Uses", """
        package a;
        import io.github.autodiff4j.Differentiable;
        public class Uses {
          static double sum(double[] v, int i) {
            return i == v.length ? 0 : v[i] * v[i] + sum(v, i + 1);
          }
          @Differentiable
          static double both(double[] v) {
            return sum(v, 0) + b.Other.sum(v, 0);
          }
        }
        """, "b.Other", """
        package b;
        public class Other {
          public static double sum(double[] v, int i) {
            return i == v.length ? 1 : Math.sin(v[i]) * sum(v, i + 1);
          }
        }
        """);
        new ScalarFunction(two, "a.Uses", "both").assertDerivatives((Object) new double[] {0.5, -1.2, 0.3});
        String code = two.generatedSource("a.UsesDiff");
        org.junit.jupiter.api.Assertions.assertTrue(code.contains("Other_sumPullback("), code);
    }

    @Test
    void annotatedRecursionOverAnArray() {
        f("chain").assertDerivatives(new double[] {0.5, -1.2, 2.0, 0.3}, 0.2, 0);
        f("chain").assertDerivatives(new double[] {0.5, -1.2, 2.0, 0.3}, 0.2, 2);
    }
}
