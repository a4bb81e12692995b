package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NaN and infinite inputs flow through generated derivatives as IEEE arithmetic says, in every mode (gradient record,
 * allocation-free gradient, JVP, Hessian, Jacobian, VJP), without exceptions. The functions are chosen so that the
 * IEEE result of each derivative is unambiguous: with NaN, every output depends on the NaN input and is NaN; with an
 * infinity, each derivative has a limit that IEEE arithmetic reaches exactly (0 or an infinity).
 */
class NonFiniteInputsTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Edge", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Edge {
          @Differentiable
          static double f(double x, double y) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += Math.exp(-x * i) * y;
            }
            return s / (1 + x * x);
          }
          // The loop overwrites s, so the reverse sweep pops it from the tape.
          @Differentiable
          static double chain(double x, double y) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s = Math.sin(s + x * y);
            }
            return s;
          }
          @Differentiable
          static double decay(double x, double y) {
            double s = 0;
            for (int i = 1; i <= 3; i++) {
              s = s + Math.exp(-x * i) * y;
            }
            return s;
          }
          @Differentiable
          static double sum(double[] w) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s = Math.sin(s + w[i] * w[i]);
            }
            return s;
          }
          @Differentiable
          static double[] mix(double[] p) {
            return new double[] {Math.sin(p[0] * p[1]), Math.exp(p[0] + p[1])};
          }
          @Differentiable
          static double[] saturate(double[] p) {
            return new double[] {Math.exp(-p[0]) * p[1], Math.atan(p[0])};
          }
        }
        """);
    }

    @Test
    void nanAndInfinityPropagate() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Edge", "f");
        double[] nan = f.valueAndGradient(Double.NaN, 1.0);
        assertTrue(Double.isNaN(nan[0]) && Double.isNaN(nan[1]), "NaN in x gives NaN value and d/dx");
        double[] infinite = f.valueAndGradient(1.0, Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, infinite[0], "value grows without bound in y");
        // d/dy = sum_i exp(-x i) / (1 + x^2) does not involve y: finite even at y = infinity.
        double exact = (1 + Math.exp(-1) + Math.exp(-2)) / 2;
        assertEquals(exact, infinite[2], 1e-15, "d/dy at y = infinity");
        assertTrue(Double.isInfinite(infinite[1]) || Double.isNaN(infinite[1]), "d/dx involves y");
    }

    /** Every first and second derivative of chain depends on both inputs: a NaN in either makes all of them NaN. */
    @Test
    void nanReachesEveryOutputOfEveryScalarMode() {
        ScalarFunction chain = new ScalarFunction(compiled, "demo.Edge", "chain");
        for (double[] at : new double[][] {{Double.NaN, 0.5}, {0.5, Double.NaN}}) {
            Object[] args = {at[0], at[1]};
            Dual jvp = chain.jvp(args, new double[] {1, 1});
            assertAll(
                    Arrays.toString(at),
                    () -> assertAllNaN(chain.valueAndGradient(args), "value and gradient"),
                    () -> assertAllNaN(new double[] {jvp.value(), jvp.tangent()}, "JVP"),
                    () -> assertAllNaN(flatten(chain.hessian(args)), "Hessian"));
        }
    }

    @Test
    void nanInOneArrayEntryReachesTheWholeInPlaceGradient() {
        ScalarFunction sum = new ScalarFunction(compiled, "demo.Edge", "sum");
        double[] adjoint = new double[3];
        double value = sum.gradInPlace(new Object[] {new double[] {0.3, Double.NaN, 0.2}}, (Object) adjoint);
        assertTrue(Double.isNaN(value), "value");
        // Each w[i] reaches the result through sin(s + ...) with s already NaN from w[1]: the adjoints are all NaN.
        assertAllNaN(adjoint, "in-place gradient");
    }

    /**
     * decay(x, y) = y (e^-x + e^-2x + e^-3x). As x goes to +infinity every term and every derivative goes to 0, which
     * IEEE arithmetic reaches exactly (e^-inf = 0). As x goes to -infinity the value and first derivatives reach their
     * infinite limits (y > 0); a derivative along one input alone then multiplies e^-x = infinity by the other input's
     * zero tangent, and IEEE defines 0 x infinity as NaN, so each second derivative is its limit or NaN, never finite.
     */
    @Test
    void infiniteInputsReachTheLimitsOfEveryScalarMode() {
        ScalarFunction decay = new ScalarFunction(compiled, "demo.Edge", "decay");
        Object[] plus = {Double.POSITIVE_INFINITY, 2.0};
        Dual jvpPlus = decay.jvp(plus, new double[] {1, 1});
        Object[] minus = {Double.NEGATIVE_INFINITY, 2.0};
        double[] gradMinus = decay.valueAndGradient(minus);
        Dual jvpMinus = decay.jvp(minus, new double[] {0, 1});
        double[][] hessianMinus = decay.hessian(minus);
        assertAll(
                () -> assertArrayEquals0(
                        new double[] {0, 0, 0}, decay.valueAndGradient(plus), "+inf: value, d/dx, d/dy"),
                () -> assertArrayEquals0(
                        new double[] {0, 0}, new double[] {jvpPlus.value(), jvpPlus.tangent()}, "+inf JVP"),
                () -> assertArrayEquals0(new double[] {0, 0, 0, 0}, flatten(decay.hessian(plus)), "+inf Hessian"),
                () -> assertEquals(Double.POSITIVE_INFINITY, gradMinus[0], "-inf: value"),
                () -> assertEquals(Double.NEGATIVE_INFINITY, gradMinus[1], "-inf: d/dx = -y sum i e^(-ix)"),
                () -> assertEquals(Double.POSITIVE_INFINITY, gradMinus[2], "-inf: d/dy = sum e^(-ix)"),
                () -> assertEquals(chainRule(minus, new double[] {0, 1}), jvpMinus.tangent(), "-inf: JVP along y"),
                () -> assertLimitOrNaN(
                        Double.POSITIVE_INFINITY, hessianMinus[0][0], "-inf: d2/dx2 = y sum i^2 e^(-ix)"),
                () -> assertLimitOrNaN(Double.NEGATIVE_INFINITY, hessianMinus[0][1], "-inf: d2/dxdy = -sum i e^(-ix)"),
                () -> assertLimitOrNaN(Double.NEGATIVE_INFINITY, hessianMinus[1][0], "-inf: d2/dydx"),
                () -> assertLimitOrNaN(0, hessianMinus[1][1], "-inf: d2/dy2"));
    }

    @Test
    void nanReachesEveryOutputOfEveryVectorMode() {
        VectorFunction mix = new VectorFunction(compiled, "demo.Edge", "mix");
        Object[] args = {new double[] {Double.NaN, 0.5}};
        DualVector jvp = mix.jvp(args, new double[] {1, 1});
        double[][] vjp = mix.vjp(args, new double[] {1, 1});
        assertAll(
                () -> assertAllNaN(flatten(mix.jacobian(args)), "Jacobian"),
                () -> assertAllNaN(concat(jvp.value(), jvp.tangent()), "JVP"),
                () -> assertAllNaN(concat(vjp[0], vjp[1]), "VJP"));
    }

    /** saturate(p) = (e^-p0 p1, atan p0): at p0 = +infinity its value is (0, pi/2) and its Jacobian is 0. */
    @Test
    void infiniteInputsReachTheLimitsOfEveryVectorMode() {
        VectorFunction saturate = new VectorFunction(compiled, "demo.Edge", "saturate");
        Object[] args = {new double[] {Double.POSITIVE_INFINITY, 3}};
        DualVector jvp = saturate.jvp(args, new double[] {1, 1});
        double[][] vjp = saturate.vjp(args, new double[] {1, 1});
        assertAll(
                () -> assertArrayEquals0(new double[] {0, 0, 0, 0}, flatten(saturate.jacobian(args)), "Jacobian"),
                () -> assertArrayEquals0(
                        new double[] {0, Math.PI / 2, 0, 0}, concat(jvp.value(), jvp.tangent()), "JVP"),
                () -> assertArrayEquals0(new double[] {0, Math.PI / 2, 0, 0}, concat(vjp[0], vjp[1]), "VJP"));
    }

    /**
     * exp(1000 x) overflows at x = 1 without influencing the result. Compared only, or stored in an array nothing reads,
     * it gets no derivative code (activity keeps only values that reach a result), so the gradient is the exact finite
     * one. Stored in an element that is overwritten afterwards, its adjoint is exactly 0 and its partial infinite: the
     * backward sweep computes 0 x infinity = NaN there, as IEEE arithmetic says (the README's "Threads and IEEE").
     * Forward mode gives the right derivative in all three cases. NumericDiff is the reference, to 1e-7.
     */
    @Test
    void anOverflowThatReachesNoResultGetsNoDerivativeCode() {
        Compiled overflow = Compiled.compile("demo.Overflow", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Overflow {
          @Differentiable
          static double compared(double x) {
            double big = Math.exp(1000 * x);
            return big > 1 ? Math.sin(x) : x;
          }
          @Differentiable
          static double stored(double x) {
            double[] a = new double[1];
            a[0] = Math.exp(1000 * x);
            return Math.sin(x);
          }
          @Differentiable
          static double overwritten(double x) {
            double[] a = {x, x};
            a[0] = Math.exp(1000 * a[0]);
            a[0] = 2;
            return a[0] * Math.sin(a[1]);
          }
        }
        """);
        for (String name : new String[] {"compared", "stored", "overwritten"}) {
            ScalarFunction f = new ScalarFunction(overflow, "demo.Overflow", name);
            double numeric = NumericDiff.derivative(t -> f.value(t), 1.0);
            double[] gradient = f.valueAndGradient(1.0);
            assertEquals(f.value(1.0), gradient[0], name + " value");
            assertEquals(numeric, f.jvp(new Object[] {1.0}, new double[] {1}).tangent(), 1e-7, name + " JVP");
            if (name.equals("overwritten")) {
                assertTrue(Double.isNaN(gradient[1]), "overwritten: 0 x infinity is NaN, was " + gradient[1]);
            } else {
                assertEquals(numeric, gradient[1], 1e-7, name + " gradient");
            }
        }
    }

    private static void assertAllNaN(double[] values, String what) {
        assertTrue(DoubleStream.of(values).allMatch(Double::isNaN), what + ": " + Arrays.toString(values));
    }

    /**
     * decay's directional derivative, the chain rule evaluated in plain IEEE arithmetic: sum_i e^(-ix) (-i dx y + dy).
     * Along y alone at x = -infinity, x's zero tangent meets e^-x = infinity and 0 x infinity is NaN, as it is with the
     * runtime's {@code Dual}.
     */
    private static double chainRule(Object[] at, double[] direction) {
        double x = (double) at[0];
        double y = (double) at[1];
        double tangent = 0;
        for (int i = 1; i <= 3; i++) {
            tangent += Math.exp(-x * i) * (-i * direction[0]) * y + Math.exp(-x * i) * direction[1];
        }
        return tangent;
    }

    private static void assertLimitOrNaN(double limit, double actual, String what) {
        assertTrue(Double.isNaN(actual) || actual == limit, what + ": expected " + limit + " or NaN but was " + actual);
    }

    /** Exact equality, except that 0.0 and -0.0 count as equal: the sign of a vanishing derivative is not specified. */
    private static void assertArrayEquals0(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(
                    expected[i] == actual[i],
                    what + ": expected " + Arrays.toString(expected) + " but was " + Arrays.toString(actual));
        }
    }

    private static double[] flatten(double[][] matrix) {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        return DoubleStream.concat(DoubleStream.of(a), DoubleStream.of(b)).toArray();
    }
}
