package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;
import static io.github.autodiff4j.processor.CorpusSupport.assertValue;

import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assignments inside expressions, on ints and on doubles, as the Clad suite and numerical code write them:
 * {@code while (n-- != 0)}, {@code if ((r = i * j) != 0)}, {@code t = x = y}, {@code return x *= 2}, {@code a[i++] = v},
 * {@code s += a[--k]}, {@code ++t[0]} inside a sum, in loop conditions (while, for and do-while with continue), in
 * short-circuit operands and conditional branches (which must assign only when Java evaluates them), in helpers, in an
 * instance method and in a vector function. Java's order of evaluation is the contract: {@code x + (x = y)} reads the
 * old x, {@code a[i] = a[i++] ...} picks the element before the index moves.
 *
 * <p>Each function is checked with {@link ScalarFunction#assertDerivatives} (value bit for bit against the function
 * itself, gradient and JVP against NumericDiff within 1e-7, Hessian within 1e-6), or {@link
 * VectorFunction#assertDerivatives} (Jacobian within 1e-7), at several points; closed forms within {@value #CLOSED}.
 */
class AssignmentExpressionsTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Assignments";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;

      public class Assignments {
        // sum over n iterations of x^2: the Clad suite's while (n-- != 0).
        @Differentiable
        static double countDown(double x, int n) {
          double s = 0;
          while (n-- != 0) {
            s += x * x;
          }
          return s + n;
        }

        @Differentiable
        static double assignInCondition(double x, int i, int j) {
          int r;
          double s = x;
          if ((r = i * j) != 0) {
            s = s * r * x;
          }
          return s + r;
        }

        // t = x = y * 2: both become 2y; the result is 4y^2.
        @Differentiable
        static double chained(double x, double y) {
          double t;
          t = x = y * 2;
          return t * x;
        }

        @Differentiable
        static double returnCompound(double x) {
          return x *= 2;
        }

        // Java reads the old x before the assignment in the right operand: x + y^2, then x is y^2.
        @Differentiable
        static double readBeforeAssign(double x, double y) {
          double s = x + (x = y * y);
          return s * x;
        }

        // a[i] + (a[i] = x): the old element first.
        @Differentiable
        static double elementBeforeAssign(double[] a, double x) {
          int i = 1;
          double s = a[i] * (a[i] = x * a[0]);
          return s + a[i];
        }

        @Differentiable
        static double postIncrementIndex(double[] a) {
          int q = 0;
          double s = 0;
          s += a[q++];
          s += a[q++] * a[q];
          return s * q;
        }

        // b[p++] = ...; s = b[--k]: stores and reads through moving indices.
        @Differentiable
        static double movingIndices(double[] a, double x) {
          double[] b = new double[4];
          int p = 0;
          b[p++] = a[0] * x;
          b[p++] = a[1] * a[0];
          b[p] = b[p++ - 1] + x;
          int k = p;
          double s = b[--k];
          s += b[--k] * b[--k];
          return s + p * k;
        }

        // The element is chosen before the right side moves the index: a[i0] = a[i0 + 1] * x.
        @Differentiable
        static double targetBeforeValue(double[] a, double x) {
          int i = 0;
          a[i++] = a[i++] * x;
          return a[0] + a[1] * i;
        }

        // ++t[0] inside an expression, on a double element.
        @Differentiable
        static double preIncrementElement(double x) {
          double[] t = {x * x};
          double s = ++t[0] * x;
          return s + t[0]++ + t[0];
        }

        // A double parameter incremented inside an expression: x (x + 1).
        @Differentiable
        static double postIncrementDouble(double x) {
          double y = x++ * x;
          return y - --x;
        }

        // Compound assignments on elements, inside a sum.
        @Differentiable
        static double compoundElement(double[] a, double x) {
          double s = 0;
          for (int k = 0; k < a.length; k++) {
            s += (a[k] *= x) + (a[k] -= 1);
          }
          return s;
        }

        // s = x; then (old s) + x * x, as Java evaluates s += (s = x) * s.
        @Differentiable
        static double compoundReadsOldTarget(double s, double x) {
          s += (s = x) * s;
          return s;
        }

        // The right operand of && assigns only when the left is true; of || only when it is false.
        @Differentiable
        static double shortCircuit(double x, int k) {
          double s = x;
          if (k > 0 && (s = s * x) > 1) {
            s = s + 1;
          }
          if (k > 1 || (s = s * 3) > 100) {
            s = s * x;
          }
          return s;
        }

        // Each branch of ?: assigns only when chosen.
        @Differentiable
        static double conditionalBranches(double x, double y) {
          double s = 1;
          double r = x > y ? (s += x * y) : (s *= Math.sin(x));
          return r * s;
        }

        // A for loop whose condition assigns, with a continue that must run the condition again.
        @Differentiable
        static double forConditionAssigns(double x, int n) {
          int k;
          double s = 0;
          for (int i = 0; (k = i * 2) < n; i++) {
            if (k == 2) {
              continue;
            }
            s = s * x + k;
          }
          return s;
        }

        // A do-while whose condition assigns, with a continue that must reach the condition.
        @Differentiable
        static double doWhileConditionAssigns(double x, int m) {
          int n = m;
          double s = 1;
          do {
            if (n == 2) {
              continue;
            }
            s = s * x + n;
          } while (--n > 0);
          return s;
        }

        // Horner's rule written the compact way: c[--k] in the loop condition's wake.
        @Differentiable
        static double horner(double[] c, double x) {
          int k = c.length;
          double p = c[--k];
          while (k > 0) {
            p = p * x + c[--k];
          }
          return p;
        }

        static double scaleInto(double[] out, double v) {
          int i = 0;
          double last = 0;
          while (i < out.length) {
            last = out[i++] *= v;
          }
          return last;
        }

        // A helper with assignments in expressions, called in a loop.
        @Differentiable
        static double helperAssigns(double[] a, double x) {
          double s = 0;
          for (int r = 0; r < 2; r++) {
            s += scaleInto(a, x) * a[0];
          }
          return s;
        }

        // A call's arguments in order: the first reads x before the second assigns it.
        static double pair(double a, double b) {
          return a * a + 3 * b;
        }

        @Differentiable
        static double argumentsInOrder(double x, double y) {
          return pair(x, x = y * x) + x;
        }

        final double weight;

        public Assignments(double weight) {
          this.weight = weight;
        }

        // An instance method: a field read with assignments around it.
        @Differentiable
        double instanceAssigns(double x, int n) {
          double s = 0;
          int i = 0;
          while (i++ < n) {
            s = (s += weight * x) * x;
          }
          return s;
        }

        // A vector function filling its result through a moving index.
        @Differentiable
        static double[] packed(double x, double y) {
          double[] out = new double[3];
          int p = 0;
          out[p++] = x * y;
          out[p++] = (y = y * y) + x;
          out[p] = y * p++;
          return out;
        }
      }
      """;

    private static Corpus corpus;

    @BeforeAll
    static void compile() {
        corpus = Corpus.compile(CLASS, SOURCE);
    }

    @Test
    void countDown() {
        corpus.atPoints("countDown", args(1.5, 3), args(-0.5, 0), args(2.0, 1));
        assertGradient(corpus.fn("countDown"), args(1.5, 3), CLOSED, 6 * 1.5);
        assertValue(corpus.fn("countDown"), args(1.5, 3), CLOSED, 3 * 2.25 - 1);
    }

    @Test
    void assignInCondition() {
        corpus.atPoints("assignInCondition", args(1.5, 2, 3), args(0.7, 0, 3), args(-1.2, -2, 1));
        assertGradient(corpus.fn("assignInCondition"), args(1.5, 2, 3), CLOSED, 2 * 6 * 1.5);
    }

    @Test
    void chained() {
        corpus.atPoints("chained", args(0.3, 1.5), args(2.0, -0.25));
        assertGradient(corpus.fn("chained"), args(0.3, 1.5), CLOSED, 0.0, 8 * 1.5);
    }

    @Test
    void returnCompound() {
        corpus.atPoints("returnCompound", args(1.25));
        assertGradient(corpus.fn("returnCompound"), args(1.25), CLOSED, 2.0);
    }

    @Test
    void readBeforeAssign() {
        corpus.atPoints("readBeforeAssign", args(0.5, 1.5), args(-2.0, 0.75));
        // (x + y^2) y^2: d/dx = y^2, d/dy = 2y * y^2 + (x + y^2) 2y.
        double x = 0.5;
        double y = 1.5;
        assertGradient(corpus.fn("readBeforeAssign"), args(x, y), CLOSED, y * y, 2 * y * y * y + (x + y * y) * 2 * y);
    }

    @Test
    void elementBeforeAssign() {
        corpus.atPoints("elementBeforeAssign", args(new double[] {1.5, -0.5, 2.0}, 0.75));
        // a1 * x a0 + x a0.
        assertGradient(
                corpus.fn("elementBeforeAssign"),
                args(new double[] {1.5, -0.5, 2.0}, 0.75),
                CLOSED,
                -0.5 * 0.75 + 0.75,
                0.75 * 1.5,
                0.0,
                -0.5 * 1.5 + 1.5);
    }

    @Test
    void postIncrementIndex() {
        corpus.atPoints("postIncrementIndex", args(new double[] {1.5, -0.5, 2.0}));
        assertGradient(corpus.fn("postIncrementIndex"), args(new double[] {1.5, -0.5, 2.0}), CLOSED, 2.0, 4.0, -1.0);
    }

    @Test
    void movingIndices() {
        corpus.atPoints("movingIndices", args(new double[] {1.5, -0.5}, 0.75), args(new double[] {-1.0, 2.0}, -0.3));
    }

    @Test
    void targetBeforeValue() {
        corpus.atPoints("targetBeforeValue", args(new double[] {1.5, -0.5, 2.0}, 0.75));
        // a0 becomes a1 x: a1 x + 2 a1.
        assertGradient(
                corpus.fn("targetBeforeValue"),
                args(new double[] {1.5, -0.5, 2.0}, 0.75),
                CLOSED,
                0.0,
                2.75,
                0.0,
                -0.5);
    }

    @Test
    void preIncrementElement() {
        corpus.atPoints("preIncrementElement", args(0.75), args(-1.5));
        // (x^2 + 1) x + (x^2 + 1) + (x^2 + 2).
        double x = 0.75;
        assertGradient(corpus.fn("preIncrementElement"), args(x), CLOSED, 3 * x * x + 1 + 4 * x);
    }

    @Test
    void postIncrementDouble() {
        corpus.atPoints("postIncrementDouble", args(0.75), args(-1.5));
        assertGradient(corpus.fn("postIncrementDouble"), args(0.75), CLOSED, 2 * 0.75 + 1 - 1);
    }

    @Test
    void compoundElement() {
        corpus.atPoints("compoundElement", args(new double[] {1.5, -0.5, 2.0}, 0.75));
    }

    @Test
    void compoundReadsOldTarget() {
        corpus.atPoints("compoundReadsOldTarget", args(0.5, 1.5));
        assertGradient(corpus.fn("compoundReadsOldTarget"), args(0.5, 1.5), CLOSED, 1.0, 3.0);
    }

    @Test
    void shortCircuit() {
        corpus.atPoints(
                "shortCircuit",
                args(1.5, 1),
                args(0.5, 1),
                args(1.5, 0),
                args(1.5, 2),
                args(0.5, 0),
                args(6.0, 0),
                args(12.0, 1));
        // k = 1, x = 1.5: s = x^2 + 1 (> 1), then 3 s = 9.75 (not > 100): 3 (x^2 + 1).
        assertGradient(corpus.fn("shortCircuit"), args(1.5, 1), CLOSED, 6 * 1.5);
    }

    @Test
    void conditionalBranches() {
        corpus.atPoints("conditionalBranches", args(1.5, 0.5), args(0.5, 1.5), args(-2.0, 1.0));
    }

    @Test
    void forConditionAssigns() {
        corpus.atPoints("forConditionAssigns", args(1.5, 9), args(0.5, 0), args(-1.5, 5));
    }

    @Test
    void doWhileConditionAssigns() {
        corpus.atPoints("doWhileConditionAssigns", args(1.5, 4), args(0.5, 1), args(-1.5, 0), args(0.5, 2));
        // m = 4: n = 4, 3, (2 skipped), 1: ((x + 4) x + 3) x + 1.
        double x = 1.5;
        assertGradient(corpus.fn("doWhileConditionAssigns"), args(x, 4), CLOSED, 3 * x * x + 8 * x + 3);
    }

    @Test
    void horner() {
        corpus.atPoints("horner", args(new double[] {1.0, -2.0, 0.5, 3.0}, 0.75), args(new double[] {2.0}, 1.5));
        double x = 0.75;
        assertGradient(
                corpus.fn("horner"),
                args(new double[] {1.0, -2.0, 0.5, 3.0}, x),
                CLOSED,
                1.0,
                x,
                x * x,
                x * x * x,
                -2.0 + 2 * 0.5 * x + 3 * 3.0 * x * x);
    }

    @Test
    void helperAssigns() {
        corpus.atPoints("helperAssigns", args(new double[] {1.5, -0.5, 2.0}, 0.75), args(new double[] {0.5}, -1.25));
    }

    @Test
    void argumentsInOrder() {
        corpus.atPoints("argumentsInOrder", args(0.5, 1.5), args(-2.0, 0.75));
        // x^2 + 3 x y + x y.
        assertGradient(corpus.fn("argumentsInOrder"), args(0.5, 1.5), CLOSED, 1.0 + 4 * 1.5, 4 * 0.5);
    }

    @Test
    void instanceAssigns() throws Exception {
        Object receiver = corpus.newInstance(new Class<?>[] {double.class}, 0.5);
        corpus.atPoints("instanceAssigns", args(receiver, 1.5, 3), args(receiver, -0.5, 0), args(receiver, 0.25, 2));
    }

    @Test
    void packed() {
        corpus.vectorAtPoints("packed", args(1.5, 0.5), args(-0.5, 2.0));
    }
}
