package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every construct of the supported subset, each in its own {@code @Differentiable} method of one compiled class:
 * checked against closed-form derivatives written here (reverse mode, and forward mode along each unit direction),
 * and against NumericDiff with {@link ScalarFunction#assertDerivatives} (reverse, forward, Hessian, fooCheck), plus the
 * shape of the generated members by reflection.
 *
 * <p>Tolerances: closed forms within {@value #CLOSED_FORM} relative to max(1, |expected|) (they are evaluated with
 * different rounding than the generated code); NumericDiff comparisons within the tolerances stated in
 * {@link ScalarFunction} ({@value ScalarFunction#FIRST_ORDER} first order, {@value ScalarFunction#SECOND_ORDER}
 * Hessian); derivatives that are exactly zero by construction must be exactly 0.0.
 *
 * <p>Every point keeps each jump of a cast or a branch condition farther than NumericDiff's first step,
 * 0.1 x max(1, |t|), along every coordinate.
 */
class ConstructsTest {
    private static final double CLOSED_FORM = 1e-12;
    private static final double EXACT = 1e-12;
    private static final String CLASS = "constructs.Constructs";

    private static final String SOURCE = """
      package constructs;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Constructs {
        public static final double PUB = 2.5;
        private static final double PRIV = 0.5;
        private static final int PRIV_INT = 7;
        static final int N3 = 3;
        public static final long L4 = 4L;
        static final double K = Math.sqrt(2);
        private static final long BIG = 9007199254740993L;

        @Differentiable
        public static double quadratic(double x) {
          return 2 * x + x * x;
        }

        // ---- parameters ----

        @Differentiable
        static double mixedParams(double x, int n, long m, boolean flag, double y) {
          double s = flag ? x * n : y * m;
          return s + x * y * m - n * y;
        }

        @Differentiable
        static double noDeriv(double x, @NoDerivative double c) {
          return x * c + Math.sin(c * x);
        }

        @Differentiable
        static double noDerivMiddle(@NoDerivative double c, double x, int n, @NoDerivative double d, double y) {
          return c * x * y + d * n + Math.exp(c * y) + d * x;
        }

        // ---- locals, assignment ----

        @Differentiable
        static double locals(double x, double y) {
          double a = x * y;
          int k = 3;
          var b = a + k;
          var j = 2;
          final double c = b * x;
          final int m = j + k;
          double d;
          d = c * m + j * y;
          return d;
        }

        @Differentiable
        static double reassignParam(double x, double y) {
          x = x * x;
          y = y + x;
          return x * y;
        }

        @Differentiable
        static double reassignLocal(double x, double y) {
          double a = x;
          a = a * y;
          a = Math.sin(a) + a;
          a = a * a;
          return a;
        }

        @Differentiable
        static double constantLocalBecomesActive(double x, double y, int n) {
          double d = n;
          d *= x;
          d += 1;
          return d * y;
        }

        @Differentiable
        static double activeLocalBecomesConstant(double x, double y, int n) {
          double a = x * y;
          double b = a * a;
          a = n;
          return a * x + b;
        }

        @Differentiable
        static double paramOverwrittenByConstant(double x, double y) {
          double keep = x * 2;
          x = 3.0;
          return x * y + keep;
        }

        @Differentiable
        static double selfReferencing(double x, double y) {
          double a = x + y;
          a = a * a * a;
          a = a - a * x;
          x = x;
          return a;
        }

        @Differentiable
        static double namesLikeGenerated(double x, double dx) {
          double t0 = x * dx;
          double dt0 = t0 * t0;
          double x_dot = dt0 + x;
          double d = x_dot * dx;
          double t0_dot = d + 1;
          return t0_dot * x;
        }

        @Differentiable
        static double localNamedValue(double x) {
          double value = x * x;
          double dvalue = value + x;
          double reverse = dvalue * value;
          return reverse * x;
        }

        @Differentiable
        static double compound(double x, double y, int n) {
          double a = x;
          a += y * y;
          a -= x * y;
          a *= x;
          a /= y;
          a += n;
          a *= n;
          x += y;
          x *= x;
          return a + x;
        }

        @Differentiable
        static double intCompound(double x, double y, int n) {
          int k = n;
          k *= 3;
          k += 2;
          k -= 1;
          k /= 2;
          int j = 7;
          j *= 2.5;
          j -= 0.5;
          int q = n;
          q += x;
          double a = k * x + j * y;
          return a + q * y;
        }

        @Differentiable
        static double intRemainder(double x, int n) {
          int r = n % 3;
          return r * x + (n % 4) * x * x;
        }

        @Differentiable
        static double incDec(double x, double y, int n) {
          int k = n;
          k++;
          ++k;
          k--;
          --k;
          k++;
          int j = 10;
          j--;
          double a = x;
          a++;
          a--;
          ++a;
          return a * y + k * x + j * y;
        }

        // ---- operators, casts, literals, constants ----

        @Differentiable
        static double arithmetic(double x, double y) {
          return -x * y + x / y - (-y) + x - y * -x / (x + y) + +x;
        }

        @Differentiable
        static double casts(double x, double y, int n) {
          int i = (int) x;
          double r = (int) x * y;
          double q = (double) n / 3;
          double s = (double) x * n;
          long t = (long) y;
          return r + q * x + s + i * y + (n / 3) * y + t + (double) (n / 2) * x;
        }

        @Differentiable
        static double literals(double x, double y) {
          return 2 * x + 3L * y + 1.5 * x * y + 0x10 * y + 0xFFL * x + 1e-1 * x * x + 2.5E2 * y + 1_000 * x
              + .5 * y * y + 3d * x + (7 / 2) * x + 7 / 2.0 * y + 1e3 * y / 1000;
        }

        @Differentiable
        static double bigLongLiteral(double x) {
          long big = 9007199254740993L;
          return x * (big - 9007199254740992L) + x;
        }

        @Differentiable
        static double bigLongConstant(double x) {
          return x * (BIG - 9007199254740992L) + x;
        }

        @Differentiable
        static double intOverflow(double x, int n) {
          int k = n * 1_000_000;
          long m = n * 1_000_000L;
          return x * k * 1e-9 + x * m * 1e-9;
        }

        @Differentiable
        static double constants(double x, double y) {
          return PUB * x + PRIV * y * y + N3 * x * y + L4 * y + K * Math.sin(x) + Constructs.PUB * y + PRIV_INT * x;
        }

        @Differentiable
        static double mathConstants(double x, double y) {
          return Math.PI * x * x + Math.E * y + StrictMath.PI * y;
        }

        // ---- conditional operator ----

        @Differentiable
        static double condCompare(double x, double y) {
          return x > y ? x * x * y : y * y - x;
        }

        @Differentiable
        static double condLogical(double x, double y, int n, boolean flag) {
          double a = x > y ? x * x : y * y;
          double b = (x > 0 && y > 0) || !(x < -1) ? a * x : a + y;
          double c = n >= 2 && !flag ? b * y : b - x;
          double d = x != y ? c : 0.0;
          return d + (x <= y ? Math.sin(x) : Math.cos(y)) + (flag || n == 0 ? x : 2 * y);
        }

        @Differentiable
        static double condNested(double x) {
          return x < 0 ? -x : (x < 1 ? x * x : 2 * x - 1);
        }

        @Differentiable
        static double condOnConstants(double x, double y, int n, boolean flag) {
          return flag ? x * n : (n == 0 ? y : x * y);
        }

        @Differentiable
        static double condMixedTypes(double x, double y, int n) {
          return (n > 0 ? n : x) * y + (x > 1 ? 1 : 2) * x;
        }

        @Differentiable
        static double guardedSqrt(double x) {
          return x > 0 ? Math.sqrt(x) : x * x;
        }

        @Differentiable
        static double guardedLog(double x, double y) {
          return x > 0 ? Math.log(x) * y : y;
        }

        @Differentiable
        static double sinc(double x) {
          return x != 0 ? Math.sin(x) / x : 1.0;
        }

        // ---- blocks ----

        @Differentiable
        static double blocks(double x, double y) {
          double t = x * y;
          {
            double u = t + x;
            t = u * y;
            {
              t += 1;
            }
          }
          {
            double u = t * t;
            t = u - x;
          }
          return t;
        }

        // ---- calls ----

        static double sq(double v) {
          return v * v;
        }

        private static double cube(double v) {
          double s = sq(v);
          return s * v;
        }

        private static double poly(double v, int k) {
          return k * v * v + v / k;
        }

        static int twice(int n) {
          return 2 * n;
        }

        static double fromInt(int n) {
          return Math.sqrt(n) + 0.5 * n;
        }

        static double swapped(double y, double x) {
          double r = y - x;
          return r * y;
        }

        static double mutatesParam(double v) {
          v = v * 2;
          return v;
        }

        static double clash(double v) {
          double a = v * 3;
          double b = a + 1;
          return a * b;
        }

        @Differentiable
        static double annotatedHelper(double x, double y) {
          return Math.sin(x) * y;
        }

        @Differentiable
        static double callUnannotated(double x, double y) {
          return sq(x * y) + y;
        }

        @Differentiable
        static double callPrivateNested(double x, double y) {
          return cube(x) * y;
        }

        @Differentiable
        static double callTwice(double x, double y) {
          return sq(x) + sq(x * y) * sq(y);
        }

        @Differentiable
        static double callInCall(double x, double y) {
          return sq(sq(x) + cube(y));
        }

        @Differentiable
        static double callIntParam(double x, double y, int n) {
          return poly(x, n) * y + poly(y, 2);
        }

        @Differentiable
        static double callConstArgs(double x, double y, int n) {
          return x * fromInt(n) + Math.abs(n - 7) * y + twice(n) * x * y + sq(3.0) * x + Math.sqrt(2.0) * y;
        }

        @Differentiable
        static double callAnnotated(double x, double y) {
          return annotatedHelper(x * y, y) + annotatedHelper(y, x);
        }

        @Differentiable
        static double callSwappedNames(double x, double y) {
          double r = x + 1;
          return swapped(x, y) * r;
        }

        @Differentiable
        static double callMutatesParam(double x, double y) {
          double r = mutatesParam(x);
          return r * y + x;
        }

        @Differentiable
        static double callLocalNameClash(double x, double y) {
          double a = x + y;
          double b = clash(a) + a;
          return b * x;
        }

        static double namesHelper(double t0, double value) {
          double dvalue = t0 * value;
          return dvalue + t0;
        }

        @Differentiable
        static double callHelperWithGeneratedLikeNames(double x, double y) {
          double t0 = x + y;
          return namesHelper(t0 * x, y) + t0;
        }

        @Differentiable
        static double callNoDerivativeArg(double x, @NoDerivative double c) {
          return sq(c) * x + sq(x);
        }

        // ---- functions that do not depend on an active parameter ----

        @Differentiable
        static double ignoresX(double x, int n) {
          return n * 0.5 + Math.abs(n) + 4.0;
        }

        @Differentiable
        static double onlyConstant(double x) {
          return 4.0;
        }

        @Differentiable
        static double cancels(double x, double y) {
          return x - x + y * 0.0 + (int) x;
        }

        @Differentiable
        static double unusedSecond(double x, double y) {
          return x * x;
        }

        // ---- many parameters ----

        @Differentiable
        static double twelve(double a, double b, double c, double d, double e, double f, double g, double h,
            double i, double j, double k, double l) {
          return a * b + c * d - e / f + Math.sin(g * h) + i * j * k + Math.exp(l * a) + l;
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

    // ==== item 4: f(x) = 2x + x^2 at x = 2, exact values from mathematics ====

    @Test
    void quadraticAtTwoInEveryMode() {
        // f(2) = 8, f'(2) = 2 + 2 * 2 = 6, f''(2) = 2.
        Object record = invoke("quadraticGrad", 2.0);
        assertEquals(8.0, component(record, "value"), 0.0);
        assertEquals(6.0, component(record, "x"), EXACT);
        Dual forward = (Dual) invoke("quadraticJvp", 2.0, 1.0);
        assertEquals(8.0, forward.value(), 0.0);
        assertEquals(6.0, forward.tangent(), EXACT);
        Dual scaled = (Dual) invoke("quadraticJvp", 2.0, -0.5);
        assertEquals(8.0, scaled.value(), 0.0);
        assertEquals(-3.0, scaled.tangent(), EXACT);
        double[][] hessian = (double[][]) invoke("quadraticHessian", 2.0);
        assertEquals(1, hessian.length);
        assertArrayEquals(new double[] {2.0}, hessian[0], EXACT);
        GradientCheck.Report report = (GradientCheck.Report) invoke("quadraticCheck", 2.0);
        assertTrue(report.passed(), report::toString);
        assertTrue(report.comparisons() > 0, report::toString);
        fn("quadratic").assertDerivatives(2.0);
    }

    // ==== parameters ====

    @Test
    void intLongBooleanParametersAreConstants() {
        for (boolean flag : new boolean[] {true, false}) {
            for (Object[] p : new Object[][] {{0.7, 3, 2L, 1.3}, {-1.1, -2, 5L, 0.4}}) {
                double x = (double) p[0];
                int n = (int) p[1];
                long m = (long) p[2];
                double y = (double) p[3];
                Object[] args = {x, n, m, flag, y};
                if (flag) {
                    closedForm("mixedParams", args, x * n + x * y * m - n * y, n + y * m, x * m - n);
                } else {
                    closedForm("mixedParams", args, y * m + x * y * m - n * y, y * m, m + x * m - n);
                }
                fn("mixedParams").assertDerivatives(args);
            }
        }
        assertRecord("mixedParams", "value", "x", "y");
        assertJvpParameters(
                "mixedParams", "double x", "double dx", "int n", "long m", "boolean flag", "double y", "double dy");
    }

    @Test
    void noDerivativeParameterIsAConstant() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double c = p[1];
            // d/dx (x c + sin(c x)) = c + c cos(c x): c is held constant.
            closedForm("noDeriv", new Object[] {x, c}, x * c + Math.sin(c * x), c + c * Math.cos(c * x));
            fn("noDeriv").assertDerivatives(x, c);
        }
        assertRecord("noDeriv", "value", "x");
        assertJvpParameters("noDeriv", "double x", "double dx", "double c");
    }

    @Test
    void noDerivativeParametersAmongOthers() {
        for (double[] p : new double[][] {{0.6, 0.7, 1.2, 1.3}, {-0.3, -1.1, 2.0, 0.4}}) {
            double c = p[0];
            double x = p[1];
            double d = p[2];
            double y = p[3];
            int n = 3;
            Object[] args = {c, x, n, d, y};
            closedForm(
                    "noDerivMiddle",
                    args,
                    c * x * y + d * n + Math.exp(c * y) + d * x,
                    c * y + d,
                    c * x + c * Math.exp(c * y));
            fn("noDerivMiddle").assertDerivatives(args);
        }
        assertRecord("noDerivMiddle", "value", "x", "y");
        assertJvpParameters(
                "noDerivMiddle", "double c", "double x", "double dx", "int n", "double d", "double y", "double dy");
    }

    // ==== locals and assignment ====

    @Test
    void localVariablesOfEveryKind() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            // d = 5 (x y + 3) x + 2 y
            closedForm("locals", args(x, y), 5 * x * x * y + 15 * x + 2 * y, 10 * x * y + 15, 5 * x * x + 2);
            fn("locals").assertDerivatives(x, y);
        }
    }

    @Test
    void reassigningAParameter() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            // x^2 (y + x^2): the partials are with respect to the inputs, not the reassigned variables.
            closedForm("reassignParam", args(x, y), x * x * y + Math.pow(x, 4), 2 * x * y + 4 * x * x * x, x * x);
            fn("reassignParam").assertDerivatives(x, y);
        }
    }

    @Test
    void reassigningALocal() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            double u = x * y;
            double g = Math.sin(u) + u;
            double outer = 2 * g * (Math.cos(u) + 1);
            closedForm("reassignLocal", args(x, y), g * g, outer * y, outer * x);
            fn("reassignLocal").assertDerivatives(x, y);
        }
    }

    @Test
    void localThatStartsConstantAndBecomesActive() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-1.1, 0.4, -2}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            closedForm("constantLocalBecomesActive", p, (n * x + 1) * y, n * y, n * x + 1);
            fn("constantLocalBecomesActive").assertDerivatives(p);
        }
    }

    @Test
    void localThatStartsActiveAndBecomesConstant() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-1.1, 0.4, -2}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            // n x + (x y)^2: the first value of a reaches the result only through b.
            closedForm("activeLocalBecomesConstant", p, n * x + x * x * y * y, n + 2 * x * y * y, 2 * x * x * y);
            fn("activeLocalBecomesConstant").assertDerivatives(p);
        }
    }

    @Test
    void parameterOverwrittenByAConstant() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            // 3 y + 2 x: the input x reaches the result only through keep.
            closedForm("paramOverwrittenByConstant", args(x, y), 3 * y + 2 * x, 2.0, 3.0);
            fn("paramOverwrittenByConstant").assertDerivatives(x, y);
        }
    }

    @Test
    void assignmentsReadingTheirOwnTarget() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            double s = x + y;
            double cube = s * s * s;
            // (x + y)^3 (1 - x); x = x changes nothing.
            closedForm("selfReferencing", args(x, y), cube * (1 - x), 3 * s * s * (1 - x) - cube, 3 * s * s * (1 - x));
            fn("selfReferencing").assertDerivatives(x, y);
        }
    }

    @Test
    void namesLikeThoseOfGeneratedVariables() {
        // Parameters and locals named like tangents, adjoints and temporaries (dx next to x, t0, dt0, x_dot, value,
        // dvalue, reverse): the generator must rename its own variables, not change the meaning.
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double w = p[1]; // the parameter named dx
            closedForm(
                    "namesLikeGenerated",
                    args(x, w),
                    x * x * x * w * w * w + x * x * w + x,
                    3 * x * x * w * w * w + 2 * x * w + 1,
                    3 * x * x * x * w * w + x * x);
            fn("namesLikeGenerated").assertDerivatives(x, w);
            closedForm(
                    "localNamedValue",
                    new Object[] {x},
                    Math.pow(x, 5) + Math.pow(x, 4),
                    5 * Math.pow(x, 4) + 4 * x * x * x);
            fn("localNamedValue").assertDerivatives(x);
            double y = w;
            double s = x + y;
            double inner = x * y + x + 1;
            closedForm("callHelperWithGeneratedLikeNames", args(x, y), s * inner, inner + s * (y + 1), inner + s * x);
            fn("callHelperWithGeneratedLikeNames").assertDerivatives(x, y);
        }
        assertRecord("namesLikeGenerated", "value", "x", "dx");
    }

    @Test
    void compoundAssignmentOnDoubles() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-1.1, 0.4, -2}, {2.0, -0.6, 5}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            // n (x^2 / y + x y - x^2) + n^2 + (x + y)^2
            double value = n * (x * x / y + x * y - x * x) + n * n + (x + y) * (x + y);
            closedForm(
                    "compound",
                    p,
                    value,
                    n * (2 * x / y + y - 2 * x) + 2 * (x + y),
                    n * (-x * x / (y * y) + x) + 2 * (x + y));
            fn("compound").assertDerivatives(p);
        }
    }

    @Test
    void compoundAssignmentOnInts() {
        // Java semantics: int division truncates, compound assignment narrows (j *= 2.5 makes 17, j -= 0.5 makes 16,
        // q += x makes (int) (n + x)), and the narrowing cuts the derivative.
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-0.4, 2.0, -4}, {2.5, -1.0, 6}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            int k = (3 * n + 2 - 1) / 2;
            int j = 16;
            int q = (int) (n + x);
            closedForm("intCompound", p, k * x + j * y + q * y, k, j + q);
            fn("intCompound").assertDerivatives(p);
        }
    }

    @Test
    void remainderOfInts() {
        // Java's % truncates toward zero: -7 % 3 == -1, -7 % 4 == -3.
        for (Object[] p : new Object[][] {{0.7, 7}, {-1.1, -7}}) {
            double x = (double) p[0];
            int n = (int) p[1];
            closedForm("intRemainder", p, (n % 3) * x + (n % 4) * x * x, (n % 3) + 2 * (n % 4) * x);
            fn("intRemainder").assertDerivatives(p);
        }
    }

    @Test
    void incrementAndDecrement() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-1.1, 0.4, -2}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            // k = n + 1, j = 9, a = x + 1
            closedForm("incDec", p, (x + 1) * y + (n + 1) * x + 9 * y, y + n + 1, x + 1 + 9);
            fn("incDec").assertDerivatives(p);
        }
    }

    // ==== operators, casts, literals, constants ====

    @Test
    void arithmeticOperators() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            double s = x + y;
            double value = -x * y + x / y + y + x + x * y / s + x;
            closedForm(
                    "arithmetic",
                    args(x, y),
                    value,
                    -y + 1 / y + 2 + y * y / (s * s),
                    -x - x / (y * y) + 1 + x * x / (s * s));
            fn("arithmetic").assertDerivatives(x, y);
        }
    }

    @Test
    void castsToIntCutTheDerivative() {
        for (Object[] p : new Object[][] {{2.5, 1.5, 4}, {-1.5, 2.5, 7}, {0.5, 3.5, -5}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            int tx = (int) x; // truncation toward zero: (int) -1.5 == -1
            long ty = (long) y;
            double value = tx * y + (double) n / 3 * x + x * n + tx * y + (n / 3) * y + ty + (n / 2) * x;
            closedForm("casts", p, value, (double) n / 3 + n + n / 2, 2 * tx + n / 3);
            fn("casts").assertDerivatives(p);
        }
    }

    @Test
    void numericLiterals() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double value = 2 * x
                    + 3 * y
                    + 1.5 * x * y
                    + 16 * y
                    + 255 * x
                    + 0.1 * x * x
                    + 250 * y
                    + 1000 * x
                    + 0.5 * y * y
                    + 3 * x
                    + 3 * x
                    + 3.5 * y
                    + y;
            closedForm("literals", args(x, y), value, 1263 + 1.5 * y + 0.2 * x, 273.5 + 1.5 * x + y);
            fn("literals").assertDerivatives(x, y);
        }
    }

    @Test
    void longLiteralBeyondDoublePrecision() {
        // 9007199254740993L - 9007199254740992L == 1 in long arithmetic (2^53 + 1 has no double), so f = 2x.
        closedForm("bigLongLiteral", new Object[] {0.7}, 1.4, 2.0);
    }

    @Test
    void privateLongConstantBeyondDoublePrecision() {
        closedForm("bigLongConstant", new Object[] {0.7}, 1.4, 2.0);
    }

    @Test
    void intArithmeticOverflowsAsInJava() {
        for (int n : new int[] {3, 5000}) {
            int k = n * 1_000_000; // wraps for n = 5000
            long m = n * 1_000_000L;
            double x = 0.7;
            closedForm("intOverflow", new Object[] {x, n}, x * k * 1e-9 + x * m * 1e-9, (k + (double) m) * 1e-9);
            fn("intOverflow").assertDerivatives(x, n);
        }
    }

    @Test
    void staticFinalConstantsOfTheClass() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            double k = Math.sqrt(2);
            double value = 2.5 * x + 0.5 * y * y + 3 * x * y + 4 * y + k * Math.sin(x) + 2.5 * y + 7 * x;
            closedForm("constants", args(x, y), value, 2.5 + 3 * y + k * Math.cos(x) + 7, y + 3 * x + 4 + 2.5);
            fn("constants").assertDerivatives(x, y);
        }
    }

    @Test
    void piAndE() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            closedForm(
                    "mathConstants",
                    args(x, y),
                    Math.PI * x * x + Math.E * y + Math.PI * y,
                    2 * Math.PI * x,
                    Math.E + Math.PI);
            fn("mathConstants").assertDerivatives(x, y);
        }
    }

    // ==== conditional operator ====

    @Test
    void conditionalWithComparison() {
        closedForm("condCompare", args(2.0, 1.0), 4.0, 4.0, 4.0); // x > y: x^2 y
        closedForm("condCompare", args(1.0, 2.0), 3.0, -1.0, 4.0); // else: y^2 - x
        fn("condCompare").assertDerivatives(2.0, 1.0);
        fn("condCompare").assertDerivatives(1.0, 2.0);
        fn("condCompare").assertDerivatives(-0.5, 0.7);
    }

    @Test
    void conditionalWithLogicalOperators() {
        // Each point takes a different combination of branches (see the comments); the derivative is that of the
        // branches taken, computed here by hand in forward mode: {value, d/dx, d/dy}.
        Object[][] points = {
            {0.7, 1.3, 1, true}, // a = y^2, b = a x, c = b - x, sin(x), x
            {1.5, -0.5, 3, false}, // a = x^2, b = a x (via !(x < -1)), c = b y, cos(y), 2y
            {-2.0, -3.0, 2, false}, // a = x^2, b = a + y, c = b y, cos(y), 2y
            {-0.5, -2.0, 0, true}, // a = x^2, b = a x, c = b - x, cos(y), x
            {-1.5, 0.5, 0, false}, // a = y^2, b = a + y, c = b - x, sin(x), x
        };
        for (Object[] p : points) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            boolean flag = (boolean) p[3];
            double[] a = x > y ? new double[] {x * x, 2 * x, 0} : new double[] {y * y, 0, 2 * y};
            double[] b = (x > 0 && y > 0) || !(x < -1)
                    ? new double[] {a[0] * x, a[1] * x + a[0], a[2] * x}
                    : new double[] {a[0] + y, a[1], a[2] + 1};
            double[] c = n >= 2 && !flag
                    ? new double[] {b[0] * y, b[1] * y, b[2] * y + b[0]}
                    : new double[] {b[0] - x, b[1] - 1, b[2]};
            double[] t =
                    x <= y ? new double[] {Math.sin(x), Math.cos(x), 0} : new double[] {Math.cos(y), 0, -Math.sin(y)};
            double[] last = flag || n == 0 ? new double[] {x, 1, 0} : new double[] {2 * y, 0, 2};
            closedForm("condLogical", p, c[0] + t[0] + last[0], c[1] + t[1] + last[1], c[2] + t[2] + last[2]);
            fn("condLogical").assertDerivatives(p);
        }
    }

    @Test
    void nestedConditional() {
        closedForm("condNested", new Object[] {-0.5}, 0.5, -1.0);
        closedForm("condNested", new Object[] {0.5}, 0.25, 1.0);
        closedForm("condNested", new Object[] {2.5}, 4.0, 2.0);
        for (double x : new double[] {-0.5, 0.5, 2.5}) {
            fn("condNested").assertDerivatives(x);
        }
    }

    @Test
    void conditionalOnConstantParameters() {
        closedForm("condOnConstants", new Object[] {0.7, 1.3, 3, true}, 2.1, 3.0, 0.0);
        closedForm("condOnConstants", new Object[] {0.7, 1.3, 0, false}, 1.3, 0.0, 1.0);
        closedForm("condOnConstants", new Object[] {0.7, 1.3, 2, false}, 0.7 * 1.3, 1.3, 0.7);
        fn("condOnConstants").assertDerivatives(0.7, 1.3, 3, true);
        fn("condOnConstants").assertDerivatives(0.7, 1.3, 0, false);
        fn("condOnConstants").assertDerivatives(0.7, 1.3, 2, false);
    }

    @Test
    void conditionalMixingIntAndDoubleBranches() {
        // n > 0: (n) * y + 2 x (x <= 1);  n <= 0: x * y + 1 * x (x > 1)
        closedForm("condMixedTypes", new Object[] {0.7, 1.3, 2}, 2 * 1.3 + 2 * 0.7, 2.0, 2.0);
        closedForm("condMixedTypes", new Object[] {1.5, 1.3, -1}, 1.5 * 1.3 + 1.5, 1.3 + 1, 1.5);
        fn("condMixedTypes").assertDerivatives(0.7, 1.3, 2);
        fn("condMixedTypes").assertDerivatives(1.5, 1.3, -1);
    }

    @Test
    void conditionalGuardingABranchThatIsUndefinedHere() {
        // The usual guards: the branch not taken is NaN or has an infinite derivative at this point, and must not leak
        // into the derivative of the branch taken. Expected {value, partials...} and Hessians from the branch taken.
        List<Executable> checks = new ArrayList<>();
        // x <= 0 takes x * x: f = x^2, f' = 2x, f'' = 2 (sqrt(-1) is NaN; at 0 sqrt has an infinite derivative).
        for (double x : new double[] {-1.0, 0.0}) {
            checks.add(() -> closedForm("guardedSqrt", new Object[] {x}, x * x, 2 * x));
            checks.add(() -> assertHessian("guardedSqrt", new Object[] {x}, new double[][] {{2.0}}));
        }
        // x <= 0 takes y: d/dx = 0, d/dy = 1, Hessian 0 (log(-1) is NaN).
        checks.add(() -> closedForm("guardedLog", new Object[] {-1.0, 2.0}, 2.0, 0.0, 1.0));
        checks.add(() -> assertHessian("guardedLog", new Object[] {-1.0, 2.0}, new double[][] {{0, 0}, {0, 0}}));
        // x == 0 takes 1.0: derivative 0, Hessian 0 (sin(0) / 0 is NaN).
        checks.add(() -> closedForm("sinc", new Object[] {0.0}, 1.0, 0.0));
        checks.add(() -> assertHessian("sinc", new Object[] {0.0}, new double[][] {{0.0}}));
        // Away from the guard, the guarded branch: sqrt(x), log(x) y, sin(x) / x.
        checks.add(() -> closedForm("guardedSqrt", new Object[] {4.0}, 2.0, 0.25));
        checks.add(() -> closedForm("guardedLog", new Object[] {2.0, 3.0}, Math.log(2) * 3, 1.5, Math.log(2)));
        checks.add(() -> closedForm(
                "sinc", new Object[] {1.3}, Math.sin(1.3) / 1.3, (1.3 * Math.cos(1.3) - Math.sin(1.3)) / (1.3 * 1.3)));
        checks.add(() -> fn("guardedSqrt").assertDerivatives(-1.0));
        checks.add(() -> fn("guardedSqrt").assertDerivatives(4.0));
        checks.add(() -> fn("guardedLog").assertDerivatives(-1.0, 2.0));
        checks.add(() -> fn("guardedLog").assertDerivatives(2.0, 3.0));
        checks.add(() -> fn("sinc").assertDerivatives(1.3));
        assertAll(checks);
    }

    // ==== blocks ====

    @Test
    void nestedBlocks() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}, {2.0, -0.6}}) {
            double x = p[0];
            double y = p[1];
            double g = x * y * y + x * y + 1;
            closedForm("blocks", args(x, y), g * g - x, 2 * g * (y * y + y) - 1, 2 * g * (2 * x * y + x));
            fn("blocks").assertDerivatives(x, y);
        }
    }

    // ==== calls ====

    @Test
    void callOfAnUnannotatedHelper() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            closedForm("callUnannotated", args(x, y), x * x * y * y + y, 2 * x * y * y, 2 * x * x * y + 1);
            fn("callUnannotated").assertDerivatives(x, y);
        }
    }

    @Test
    void callOfAPrivateHelperThatCallsAHelper() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            closedForm("callPrivateNested", args(x, y), x * x * x * y, 3 * x * x * y, x * x * x);
            fn("callPrivateNested").assertDerivatives(x, y);
        }
    }

    @Test
    void helperCalledSeveralTimes() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double y4 = Math.pow(y, 4);
            closedForm("callTwice", args(x, y), x * x + x * x * y4, 2 * x + 2 * x * y4, 4 * x * x * y * y * y);
            fn("callTwice").assertDerivatives(x, y);
        }
    }

    @Test
    void helperCallInsideAHelperCallArgument() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double s = x * x + y * y * y;
            closedForm("callInCall", args(x, y), s * s, 2 * s * 2 * x, 2 * s * 3 * y * y);
            fn("callInCall").assertDerivatives(x, y);
        }
    }

    @Test
    void helperWithAnIntParameter() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 3}, {-1.1, 0.4, -2}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            double value = (n * x * x + x / n) * y + 2 * y * y + y / 2;
            closedForm("callIntParam", p, value, (2 * n * x + 1.0 / n) * y, n * x * x + x / n + 4 * y + 0.5);
            fn("callIntParam").assertDerivatives(p);
        }
    }

    @Test
    void callsWithOnlyConstantArgumentsAreConstants() {
        for (Object[] p : new Object[][] {{0.7, 1.3, 4}, {-1.1, 0.4, 9}}) {
            double x = (double) p[0];
            double y = (double) p[1];
            int n = (int) p[2];
            double fromInt = Math.sqrt(n) + 0.5 * n;
            double value = x * fromInt + Math.abs(n - 7) * y + 2 * n * x * y + 9 * x + Math.sqrt(2) * y;
            closedForm("callConstArgs", p, value, fromInt + 2 * n * y + 9, Math.abs(n - 7) + 2 * n * x + Math.sqrt(2));
            fn("callConstArgs").assertDerivatives(p);
        }
    }

    @Test
    void callOfAnotherDifferentiableMethod() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double u = x * y;
            closedForm(
                    "callAnnotated",
                    args(x, y),
                    Math.sin(u) * y + Math.sin(y) * x,
                    Math.cos(u) * y * y + Math.sin(y),
                    Math.cos(u) * x * y + Math.sin(u) + Math.cos(y) * x);
            fn("callAnnotated").assertDerivatives(x, y);
        }
    }

    @Test
    void helperWhoseParameterNamesAreTheCallersSwapped() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            // swapped(x, y) = (x - y) x, times (x + 1)
            closedForm(
                    "callSwappedNames",
                    args(x, y),
                    (x * x - x * y) * (x + 1),
                    (2 * x - y) * (x + 1) + x * x - x * y,
                    -x * (x + 1));
            fn("callSwappedNames").assertDerivatives(x, y);
        }
    }

    @Test
    void helperReassigningItsParameterLeavesTheCallersArgument() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            closedForm("callMutatesParam", args(x, y), 2 * x * y + x, 2 * y + 1, 2 * x);
            fn("callMutatesParam").assertDerivatives(x, y);
        }
    }

    @Test
    void helperLocalsNamedLikeTheCallersLocals() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double a = x + y;
            double b = 9 * a * a + 4 * a;
            closedForm("callLocalNameClash", args(x, y), b * x, (18 * a + 4) * x + b, (18 * a + 4) * x);
            fn("callLocalNameClash").assertDerivatives(x, y);
        }
    }

    @Test
    void helperCalledWithANoDerivativeArgument() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double c = p[1];
            closedForm("callNoDerivativeArg", new Object[] {x, c}, c * c * x + x * x, c * c + 2 * x);
            fn("callNoDerivativeArg").assertDerivatives(x, c);
        }
    }

    // ==== independence ====

    @Test
    void functionNotDependingOnItsActiveParameterHasGradientExactlyZero() {
        assertExactlyZero("ignoresX", new Object[] {0.7, 3}, 3 * 0.5 + 3 + 4.0);
        assertExactlyZero("ignoresX", new Object[] {-1.1, -2}, -2 * 0.5 + 2 + 4.0);
        assertExactlyZero("onlyConstant", new Object[] {0.7}, 4.0);
        assertExactlyZero("onlyConstant", new Object[] {-1.1}, 4.0);
        assertExactlyZero("cancels", new Object[] {2.5, 1.3}, 2.0);
        assertExactlyZero("cancels", new Object[] {-1.5, 0.4}, -1.0);
    }

    @Test
    void unusedParameterHasPartialExactlyZero() {
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
            double x = p[0];
            double y = p[1];
            double[] g = fn("unusedSecond").valueAndGradient(x, y);
            assertEquals(2 * x, g[1], CLOSED_FORM * Math.max(1, Math.abs(2 * x)));
            assertEquals(0.0, g[2], 0.0, "d/dy");
            closedForm("unusedSecond", args(x, y), x * x, 2 * x, 0.0);
            fn("unusedSecond").assertDerivatives(x, y);
        }
    }

    // ==== many parameters ====

    @Test
    void twelveParameters() {
        double[][] points = {
            {0.3, -0.7, 1.1, 0.5, -1.3, 0.9, 0.4, -0.8, 1.2, 0.6, -0.2, 0.25},
            {-1.0, 0.2, 0.8, -0.6, 1.5, -1.7, 1.1, 0.3, -0.4, 0.9, 1.3, -0.5},
        };
        for (double[] v : points) {
            double a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5];
            double g = v[6], h = v[7], i = v[8], j = v[9], k = v[10], l = v[11];
            double exp = Math.exp(l * a);
            double value = a * b + c * d - e / f + Math.sin(g * h) + i * j * k + exp + l;
            Object[] args = Arrays.stream(v).boxed().toArray();
            closedForm(
                    "twelve",
                    args,
                    value,
                    b + l * exp,
                    a,
                    d,
                    c,
                    -1 / f,
                    e / (f * f),
                    h * Math.cos(g * h),
                    g * Math.cos(g * h),
                    j * k,
                    i * k,
                    i * j,
                    a * exp + 1);
            fn("twelve").assertDerivatives(args);
        }
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
        List<String> components = new ArrayList<>(List.of("value"));
        components.addAll(List.of(names));
        assertRecord("twelve", components.toArray(String[]::new));
        List<String> jvp = new ArrayList<>();
        for (String n : names) {
            jvp.add("double " + n);
            jvp.add("double d" + n);
        }
        assertJvpParameters("twelve", jvp.toArray(String[]::new));
    }

    // ==== shape of the generated members ====

    @Test
    void companionIsPublicFinalGeneratedAndNotInstantiable() {
        assertTrue(Modifier.isPublic(companion.getModifiers()), "public");
        assertTrue(Modifier.isFinal(companion.getModifiers()), "final");
        assertEquals(
                0,
                Arrays.stream(companion.getDeclaredConstructors())
                        .filter(c -> !Modifier.isPrivate(c.getModifiers()))
                        .count(),
                "only private constructors");
        String source = compiled.generatedSource(CLASS + "Diff");
        assertTrue(
                source.contains("@Generated") || source.contains("@javax.annotation.processing.Generated"),
                "annotated @Generated");
    }

    @Test
    void everyScalarMethodHasItsFourMembersWithTheOriginalParameters() {
        Class<?> user = compiled.load(CLASS);
        int checked = 0;
        for (Method m : user.getDeclaredMethods()) {
            if (!isDifferentiable(m)) {
                continue;
            }
            String name = m.getName();
            Class<?>[] params = m.getParameterTypes();
            Method grad = publicMember(name + "Grad", params);
            Method hessian = publicMember(name + "Hessian", params);
            Method check = publicMember(name + "Check", params);
            assertTrue(
                    Modifier.isStatic(grad.getModifiers())
                            && Modifier.isStatic(hessian.getModifiers())
                            && Modifier.isStatic(check.getModifiers()),
                    name + ": static members");
            assertEquals(double[][].class, hessian.getReturnType(), name + "Hessian");
            assertEquals(GradientCheck.Report.class, check.getReturnType(), name + "Check");
            Class<?> record = grad.getReturnType();
            assertTrue(record.isRecord(), name + "Grad returns a record");
            assertEquals(companion, record.getDeclaringClass(), name + "Grad's record is nested in the companion");
            assertTrue(Modifier.isPublic(record.getModifiers()), name + "Grad's record is public");
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            assertEquals(capitalized + "Gradient", record.getSimpleName());
            // Only double parameters here: no array overload of fooGrad.
            assertEquals(
                    1,
                    Arrays.stream(companion.getDeclaredMethods())
                            .filter(g -> g.getName().equals(name + "Grad") && Modifier.isPublic(g.getModifiers()))
                            .count(),
                    name + "Grad overloads");
            // The JVP: every active parameter (a record component) followed by a double tangent.
            List<String> components = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            List<Class<?>> jvpTypes = new ArrayList<>();
            for (Parameter p : m.getParameters()) {
                jvpTypes.add(p.getType());
                if (components.contains(p.getName())) {
                    jvpTypes.add(double.class);
                }
            }
            Method jvp = publicMember(name + "Jvp", jvpTypes.toArray(Class<?>[]::new));
            assertEquals(Dual.class, jvp.getReturnType(), name + "Jvp");
            checked++;
        }
        assertTrue(checked >= 40, "checked " + checked + " methods");
    }

    // ---- helpers ----

    /** {@code @Differentiable} has CLASS retention: the annotated methods are recognized by their generated fooGrad. */
    private static boolean isDifferentiable(Method m) {
        return Arrays.stream(companion.getDeclaredMethods())
                .anyMatch(g -> g.getName().equals(m.getName() + "Grad"));
    }

    private static Object[] args(double x, double y) {
        return new Object[] {x, y};
    }

    private static ScalarFunction fn(String method) {
        return new ScalarFunction(compiled, CLASS, method);
    }

    /**
     * The value and the partials (in the order of the active parameters) from fooGrad, and each partial from fooJvp
     * along the unit direction of its input, against closed forms.
     */
    private static void closedForm(String method, Object[] args, double value, double... partials) {
        ScalarFunction f = fn(method);
        double[] all = f.valueAndGradient(args);
        assertEquals(partials.length + 1, all.length, method + ": record components");
        assertClose(value, all[0], method + " value from fooGrad at " + Arrays.toString(args));
        for (int i = 0; i < partials.length; i++) {
            assertClose(
                    partials[i], all[i + 1], method + " reverse mode, partial " + i + " at " + Arrays.toString(args));
            double[] direction = new double[partials.length];
            direction[i] = 1;
            Dual d = f.jvp(args, direction);
            assertClose(value, d.value(), method + " value from fooJvp at " + Arrays.toString(args));
            assertClose(
                    partials[i], d.tangent(), method + " forward mode, partial " + i + " at " + Arrays.toString(args));
        }
    }

    private static void assertHessian(String method, Object[] args, double[][] expected) {
        double[][] actual = fn(method).hessian(args);
        assertEquals(expected.length, actual.length, method + " Hessian rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertClose(
                        expected[i][j],
                        actual[i][j],
                        method + " Hessian[" + i + "][" + j + "] at " + Arrays.toString(args));
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertFalse(Double.isNaN(actual), what + ": NaN");
        assertEquals(expected, actual, CLOSED_FORM * Math.max(1, Math.abs(expected)), what);
    }

    /** Value as given; every partial, JVP tangent and Hessian entry exactly 0.0 (and not NaN). */
    private static void assertExactlyZero(String method, Object[] args, double value) {
        ScalarFunction f = fn(method);
        double[] all = f.valueAndGradient(args);
        assertEquals(value, all[0], CLOSED_FORM, method + " value");
        for (int i = 1; i < all.length; i++) {
            assertEquals(0.0, all[i], 0.0, method + " partial " + i);
        }
        double[] direction = new double[all.length - 1];
        Arrays.fill(direction, 1.0);
        Dual d = f.jvp(args, direction);
        assertEquals(value, d.value(), CLOSED_FORM, method + " JVP value");
        assertEquals(0.0, d.tangent(), 0.0, method + " JVP tangent");
        for (double[] row : f.hessian(args)) {
            for (double h : row) {
                assertEquals(0.0, h, 0.0, method + " Hessian");
            }
        }
        f.assertDerivatives(args);
    }

    private static void assertRecord(String method, String... expected) {
        Class<?> record = publicMemberNamed(method + "Grad").getReturnType();
        assertTrue(record.isRecord(), method + "Grad returns a record");
        RecordComponent[] components = record.getRecordComponents();
        assertEquals(
                List.of(expected),
                Arrays.stream(components).map(RecordComponent::getName).toList(),
                method + " gradient record components");
        for (RecordComponent c : components) {
            assertEquals(double.class, c.getType(), method + " component " + c.getName());
        }
    }

    /** {@code expected} as "type name" pairs, e.g. "double x", "double dx", "int n". */
    private static void assertJvpParameters(String method, String... expected) {
        Method jvp = publicMemberNamed(method + "Jvp");
        List<String> types = Arrays.stream(jvp.getParameters())
                .map(p -> p.getType().getName())
                .toList();
        List<String> expectedTypes =
                Arrays.stream(expected).map(s -> s.split(" ")[0]).toList();
        assertEquals(expectedTypes, types, method + "Jvp parameter types");
        assertTrue(
                Arrays.stream(jvp.getParameters()).allMatch(Parameter::isNamePresent),
                method + "Jvp parameter names not recorded");
        List<String> names =
                Arrays.stream(jvp.getParameters()).map(Parameter::getName).toList();
        List<String> expectedNames =
                Arrays.stream(expected).map(s -> s.split(" ")[1]).toList();
        assertEquals(expectedNames, names, method + "Jvp parameter names");
        assertEquals(Dual.class, jvp.getReturnType(), method + "Jvp return type");
    }

    private static Method publicMemberNamed(String name) {
        List<Method> found = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
                .toList();
        assertEquals(1, found.size(), "public members named " + name);
        return found.get(0);
    }

    private static Method publicMember(String name, Class<?>... parameterTypes) {
        try {
            Method m = companion.getMethod(name, parameterTypes);
            assertTrue(Modifier.isPublic(m.getModifiers()), name + " is public");
            return m;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("not generated: " + name + Arrays.toString(parameterTypes), e);
        }
    }

    private static Object invoke(String name, Object... args) {
        Method m = publicMemberNamed(name);
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw " + e.getCause(), e.getCause());
        }
    }

    private static double component(Object record, String name) {
        try {
            return (double) record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no component " + name + " in " + record, e);
        }
    }
}
