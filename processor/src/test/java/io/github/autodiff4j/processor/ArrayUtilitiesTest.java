package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's array utilities: {@code clone()} of {@code double[]} (a new array) and of {@code double[][]} (a new array
 * of the same rows), {@code Arrays.copyOf} (zero padding past the original), {@code Arrays.copyOfRange},
 * {@code Arrays.fill} (whole and ranged, the adjoint of the value being the sum of the elements'),
 * {@code System.arraycopy} (overlapping, up and down, within one array), and the constant calls
 * {@code Arrays.binarySearch}/{@code equals}/{@code hashCode} on active arrays. Each straight, in a loop, in a branch,
 * in a helper, in a vector function and in an instance method, written after into the copy, the original or both.
 *
 * <p>Checked by {@link ScalarFunction#assertDerivatives} and {@link VectorFunction#assertDerivatives} (gradient, JVP,
 * Hessian, Jacobian, VJP and the generated check against NumericDiff; first derivatives within 1e-7, the Hessian
 * within 1e-6), the allocation-free gradient against the record form exactly (same arithmetic), the caller's arrays
 * unchanged by it, and closed forms within {@value #CLOSED} relative to max(1, |expected|). The functions are
 * polynomials of their inputs but for the branch of {@code inBranch}, whose points stay 0.3 from its threshold.
 */
class ArrayUtilitiesTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "arrays.Utilities";

    static final String SOURCE = """
      package arrays;

      import io.github.autodiff4j.Differentiable;
      import java.util.Arrays;

      public class Utilities {
        // The copy has its own elements: writes into either leave the other alone.
        @Differentiable static double cloneThenWrite(double[] w, double x) {
          double[] c = w.clone();
          c[0] = c[0] * x;
          w[1] = w[1] * 2;
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            s += c[i] * w[i];
          }
          return s;
        }

        // A matrix's clone shares its rows: a write through the copy is a write into the original.
        @Differentiable static double cloneMatrix(double[][] m, double x) {
          double[][] c = m.clone();
          c[0][1] = c[0][1] * x;
          double[][] d;
          d = c.clone();
          d[1][0] += x;
          return m[0][1] * m[1][0] + c[1][1] * d[0][0];
        }

        // copyOf past the end pads with zeros; the copy of itself reads the old array.
        @Differentiable static double copyOfPadded(double[] w, int n) {
          double[] c = Arrays.copyOf(w, n);
          c[n - 1] += w[0] * w[1];
          c = Arrays.copyOf(c, c.length + 1);
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            s += c[i] * c[i] * (i + 1);
          }
          return s;
        }

        @Differentiable static double copyOfRangeSum(double[] w, int from, int to) {
          double[] c = Arrays.copyOfRange(w, from, to);
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            c[i] = c[i] * (c[i] + i);
            s += c[i];
          }
          return s * w[from];
        }

        // fill with an active value: its adjoint is the sum of the elements' adjoints.
        @Differentiable static double fillActive(double[] w, double v) {
          double[] a = new double[w.length];
          Arrays.fill(a, v * v);
          Arrays.fill(a, 1, 3, w[0]);
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * w[i];
          }
          return s;
        }

        // fill into the parameter itself: the overwritten elements are restored by the backward sweep.
        @Differentiable static double fillParameter(double[] w, double v) {
          double before = w[1] * w[2];
          Arrays.fill(w, 1, 3, v * w[0]);
          return before + w[1] * w[2] + w[3];
        }

        // arraycopy within one array, up (overlapping: copied as through a temporary) and down.
        @Differentiable static double arraycopyOverlap(double[] w, double x) {
          double[] a = w.clone();
          System.arraycopy(a, 0, a, 1, a.length - 1);
          a[0] = x;
          System.arraycopy(a, 2, a, 0, 2);
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * a[i] * (i + 1);
          }
          return s;
        }

        @Differentiable static double arraycopyBetween(double[] w, double[] v) {
          System.arraycopy(w, 1, v, 0, 2);
          double[] alias = v;
          System.arraycopy(alias, 0, v, 1, 2);
          return v[0] * v[1] + v[2] * w[0];
        }

        static double scaleAll(double[] v, double x) {
          for (int i = 0; i < v.length; i++) {
            v[i] *= x;
          }
          return v[0] + v[v.length - 1];
        }

        // Copies inside expressions: passed to a helper that writes into its array (w must stay as it is), indexed.
        @Differentiable static double copyInsideExpressions(double[] w, double x) {
          return scaleAll(w.clone(), x) * w[0] + Arrays.copyOf(w, 2)[1] * x + scaleAll(Arrays.copyOfRange(w, 1, 3), x);
        }

        // In a loop: a copy, a fill and an arraycopy each iteration, into the same local.
        @Differentiable static double inLoop(double[] w, double x) {
          double[] c = new double[w.length];
          double s = 0;
          for (int k = 0; k < 3; k++) {
            double[] prev = c.clone();
            c = Arrays.copyOf(w, w.length);
            for (int i = 0; i < c.length; i++) {
              c[i] = c[i] * x + prev[i];
            }
            System.arraycopy(c, 0, w, 0, 2);
            Arrays.fill(prev, k, k + 1, s);
            s += c[k] * prev[k] + prev[0];
          }
          return s;
        }

        @Differentiable static double inBranch(double[] w, double x) {
          double[] a = new double[w.length + 1];
          if (x > 0.5) {
            System.arraycopy(w, 0, a, 1, w.length);
            a[0] = x;
          } else {
            Arrays.fill(a, x * w[0]);
            a = Arrays.copyOfRange(a, 1, a.length);
          }
          return a[0] * a[1] + a[a.length - 1] * w[1];
        }

        static double[] shifted(double[] a, double x) {
          double[] b = Arrays.copyOfRange(a, 1, a.length + 1);
          b[b.length - 1] = x;
          return b;
        }

        static double fillHelper(double[][] m, double v) {
          Arrays.fill(m[0], v);
          return m[1][0];
        }

        @Differentiable static double throughHelpers(double[] w, double[][] m, double x) {
          double[] s = shifted(w, x * x);
          double f = fillHelper(m, s[0] * x);
          return s[0] * s[s.length - 1] + f * m[0][1] + m[0][0] * w[0];
        }

        // A vector function returning a copy.
        @Differentiable static double[] vector(double[] w, double x) {
          double[] c = Arrays.copyOf(w, w.length + 1);
          c[w.length] = x;
          System.arraycopy(c, 0, c, 1, w.length);
          c[0] = c[1] * x;
          return c.clone();
        }

        // The utilities on int arrays: indices copied, shifted and filled choose the elements read.
        @Differentiable static double intIndices(double[] w, int[] order) {
          int[] o = order.clone();
          System.arraycopy(o, 0, o, 1, o.length - 1);
          Arrays.fill(o, 0, 1, 2);
          int[] p = Arrays.copyOf(o, o.length + 1);
          double s = 0;
          for (int i = 0; i < o.length; i++) {
            s += w[p[i]] * w[o[i]] * (i + 1);
          }
          return s + p[o.length] * w[0];
        }

        // binarySearch, equals and hashCode of active arrays: int and boolean results, constants.
        @Differentiable static double search(double[] w, double x) {
          int k = Arrays.binarySearch(w, x);
          if (k < 0) {
            k = -k - 1;
          }
          int h = Arrays.hashCode(w);
          boolean same = Arrays.equals(w, w.clone()) && h == Arrays.hashCode(w);
          return w[Math.min(k, w.length - 1)] * x + (same ? w[0] : 0);
        }
      }
      """;

    static final String MODEL_SOURCE = """
      package arrays;

      import io.github.autodiff4j.Differentiable;
      import java.util.Arrays;

      public final class Model {
        final double[] weights;

        public Model(double[] weights) {
          this.weights = weights;
        }

        double[] padded(double[] x) {
          double[] p = Arrays.copyOf(x, weights.length);
          Arrays.fill(p, x.length, p.length, x[0]);
          return p;
        }

        @Differentiable double score(double[] x, double t) {
          double[] p = padded(x);
          double[] q = p.clone();
          System.arraycopy(p, 0, q, 1, p.length - 1);
          double s = 0;
          for (int i = 0; i < q.length; i++) {
            s += weights[i] * q[i] * p[i] * t;
          }
          return s;
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        compiled.assertNoWarnings();
    }

    private static double[] v(double... xs) {
        return xs;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("cloneThenWrite", args(v(0.5, -1.2, 2.0), 1.5)),
                Arguments.of("cloneThenWrite", args(v(-0.3, 0.7), -2.0)),
                Arguments.of("cloneMatrix", args(new double[][] {{0.5, -1.2}, {2.0, 0.3}}, 1.5)),
                Arguments.of("copyOfPadded", args(v(0.5, -1.2, 2.0), 5)),
                Arguments.of("copyOfPadded", args(v(0.5, -1.2, 2.0), 2)),
                Arguments.of("copyOfRangeSum", args(v(0.5, -1.2, 2.0, 0.8), 1, 3)),
                Arguments.of("copyOfRangeSum", args(v(0.5, -1.2, 2.0, 0.8), 2, 6)),
                Arguments.of("fillActive", args(v(0.5, -1.2, 2.0, 0.8, 1.1), 0.7)),
                Arguments.of("fillParameter", args(v(0.5, -1.2, 2.0, 0.8), 0.7)),
                Arguments.of("arraycopyOverlap", args(v(0.5, -1.2, 2.0, 0.8, 1.1), 0.7)),
                Arguments.of("arraycopyBetween", args(v(0.5, -1.2, 2.0), v(0.3, 0.9, -0.4, 1.5))),
                Arguments.of("copyInsideExpressions", args(v(0.5, -1.2, 2.0, 0.8), 0.7)),
                Arguments.of("inLoop", args(v(0.5, -1.2, 2.0, 0.8), 0.7)),
                Arguments.of("inBranch", args(v(0.5, -1.2, 2.0), 0.9)),
                Arguments.of("inBranch", args(v(0.5, -1.2, 2.0), 0.2)),
                Arguments.of("throughHelpers", args(v(0.5, -1.2, 2.0), new double[][] {{0.4, 1.3}, {-0.6, 0.2}}, 0.7)),
                // w sorted; x between w[0] and w[1], and past the end: the search's result constant along every step.
                Arguments.of("search", args(v(-1.0, 0.5, 2.0), 0.0)),
                Arguments.of("search", args(v(-1.0, 0.5, 2.0), 3.5)),
                Arguments.of("intIndices", args(v(0.5, -1.2, 2.0), new int[] {0, 1, 2})));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cases")
    void derivativesMatchNumericDifferentiation(String method, Object[] args) {
        new ScalarFunction(compiled, CLASS, method).assertDerivatives(args);
    }

    /** The allocation-free gradient equals the record form, and leaves the caller's arrays as they were. */
    @Test
    void allocationFreeGradientRestoresTheCallersArrays() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "arraycopyBetween");
        double[] w = v(0.5, -1.2, 2.0);
        double[] u = v(0.3, 0.9, -0.4, 1.5);
        double[] dw = new double[3];
        double[] du = new double[4];
        double[] record = f.valueAndGradient(w.clone(), u.clone());
        double value = f.gradInPlace(new Object[] {w, u}, dw, du);
        assertArrayEquals(v(0.5, -1.2, 2.0), w, 0.0, "w restored");
        assertArrayEquals(v(0.3, 0.9, -0.4, 1.5), u, 0.0, "v restored");
        assertEquals(record[0], value, 0.0);
        double[] both = new double[7];
        System.arraycopy(dw, 0, both, 0, 3);
        System.arraycopy(du, 0, both, 3, 4);
        assertArrayEquals(Arrays.copyOfRange(record, 1, 8), both, 0.0);
    }

    /**
     * Closed forms. fillActive: a = (v², w0, w0, v², v²): s = v² (w0 + w3 + w4) + w0 (w1 + w2), so ds/dv = 2v (w0 + w3
     * + w4), the sum over the elements v² was filled into. cloneMatrix: after c[0][1] *= x (into m's row) and
     * d[1][0] += x (into m's row too): m01 x (m10 + x) + m11 m00.
     */
    @Test
    void closedForms() {
        double[] w = v(0.5, -1.2, 2.0, 0.8, 1.1);
        double vv = 0.7;
        double[] g = new ScalarFunction(compiled, CLASS, "fillActive").gradient(w, vv);
        double[] expected = {vv * vv + w[1] + w[2], w[0], w[0], vv * vv, vv * vv, 2 * vv * (w[0] + w[3] + w[4])};
        assertClose(expected, g, CLOSED, "fillActive");

        double[][] m = {{0.5, -1.2}, {2.0, 0.3}};
        double x = 1.5;
        double[] gm = new ScalarFunction(compiled, CLASS, "cloneMatrix").gradient(m, x);
        // Partials by m00, m01, m10, m11, x.
        double[] em = {m[1][1], x * (m[1][0] + x), m[0][1] * x, m[0][0], m[0][1] * (m[1][0] + x) + m[0][1] * x};
        assertClose(em, gm, CLOSED, "cloneMatrix");
        ScalarFunction cm = new ScalarFunction(compiled, CLASS, "cloneMatrix");
        assertClose(m[0][1] * x * (m[1][0] + x) + m[1][1] * m[0][0], cm.value(m, x), CLOSED, "cloneMatrix's value");
    }

    /** intIndices at order (0, 1, 2): o = (2, 0, 1), p = (2, 0, 1, 0), so s = w2^2 + 2 w0^2 + 3 w1^2. */
    @Test
    void intArrayUtilitiesChooseTheElements() {
        double[] w = v(0.5, -1.2, 2.0);
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "intIndices");
        assertClose(
                new double[] {4 * w[0], 6 * w[1], 2 * w[2]}, f.gradient(w, new int[] {0, 1, 2}), CLOSED, "gradient");
        assertClose(w[2] * w[2] + 2 * w[0] * w[0] + 3 * w[1] * w[1], f.value(w, new int[] {0, 1, 2}), CLOSED, "value");
    }

    @Test
    void vectorFunctionReturningACopy() {
        VectorFunction f = new VectorFunction(compiled, CLASS, "vector");
        f.assertDerivatives(v(0.5, -1.2, 2.0), 0.7);
        f.assertDerivatives(v(-0.3), -1.5);
    }

    @Test
    void instanceMethodThroughAHelperOnItsObject() {
        Compiled c = Compiled.compile("arrays.Model", MODEL_SOURCE);
        c.assertNoWarnings();
        Object model;
        try {
            model = c.load("arrays.Model").getConstructor(double[].class).newInstance((Object) v(0.3, -0.8, 1.2, 0.5));
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("cannot construct the receiver", e);
        }
        ScalarFunction f = new ScalarFunction(c, "arrays.Model", "score");
        f.assertDerivatives(model, v(0.5, -1.2), 0.7);
        f.assertDerivatives(model, v(0.5, -1.2, 2.0, 0.1), -1.3);
    }

    /** A method without a body the processor can see, passed an active array, may write into it: still rejected. */
    @Test
    void aCallThatMayWriteIntoAnActiveArrayIsStillRejected() {
        String source = """
        package arrays;
        import io.github.autodiff4j.Differentiable;
        public class Opaque {
          public interface Indexer {
            int index(double[] a);
          }

          @Differentiable
          static double f(double[] w, @io.github.autodiff4j.NoDerivative Indexer g) {
            int k = g.index(w);
            return w[k] * w[0];
          }
        }
        """;
        Compilation compilation = Compiled.run("arrays.Opaque", source);
        String errors = compilation.errors().toString();
        assertTrue(errors.contains("[autodiff4j:opaque-call]"), errors);
    }
}
