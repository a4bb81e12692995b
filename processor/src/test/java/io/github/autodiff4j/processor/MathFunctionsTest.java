package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable {@code Math} function (and several through {@code StrictMath}), each composed with something
 * non-trivial, checked at 2-3 points inside its domain and away from non-differentiable points: reverse mode, forward
 * mode, the Hessian and the generated {@code fooCheck}, all against {@code NumericDiff} applied to the original method.
 *
 * <p>Tolerances are those of {@link ScalarFunction}: first derivatives within {@value ScalarFunction#FIRST_ORDER}
 * relative (absolute below magnitude 1) of NumericDiff, forward vs reverse within {@value ScalarFunction#CONSISTENCY}
 * x (1 + |gradient|), the Hessian within {@value ScalarFunction#SECOND_ORDER} of the numerical Jacobian of the
 * generated gradient and symmetric within 1e-9 relative; the value returned by fooGrad and fooJvp must equal the
 * method's own value exactly.
 *
 * <p>NumericDiff's first step is 0.1 x max(1, |t|), so every point keeps each kink or jump of the function (and each
 * domain boundary) farther away than that along every coordinate.
 */
class MathFunctionsTest {
    private static final String CLASS = "mathfns.MathFns";
    private static final double EXACT = 1e-12;

    private static final String SOURCE = """
      package mathfns;

      import io.github.autodiff4j.Differentiable;

      public class MathFns {
        @Differentiable static double ofSin(double x, double y) { return Math.sin(x * y) + x; }
        @Differentiable static double ofCos(double x, double y) { return Math.cos(x * y) * y; }
        @Differentiable static double ofTan(double x, double y) { return Math.tan(x * y) + x / y; }
        @Differentiable static double ofAsin(double x, double y) { return Math.asin(x * y) * x; }
        @Differentiable static double ofAcos(double x, double y) { return Math.acos(x / y) + y; }
        @Differentiable static double ofAtan(double x, double y) { return Math.atan(x * y * y) - x; }
        @Differentiable static double ofAtan2(double x, double y) { return Math.atan2(x * y, x - y); }
        // x^2 + y^2 overflows from 1e154 on (underflows below 1e-154) where atan2 is smooth (fuzz seed 7770001, 261).
        @Differentiable static double ofAtan2Scaled(double x, double y) {
          return Math.atan2(x * 1.5e154, y * 1.5e154) + 2 * Math.atan2(y * 2e154, x * 2e154);
        }
        @Differentiable static double ofAtan2Const(double x, double y) {
          return Math.atan2(x, 1.5) + Math.atan2(2.0, y) * x;
        }
        @Differentiable static double ofSinh(double x, double y) { return Math.sinh(x * y) + x * x; }
        @Differentiable static double ofCosh(double x, double y) { return Math.cosh(x - y) * x; }
        @Differentiable static double ofTanh(double x, double y) { return Math.tanh(x * y + 0.5) * y; }
        @Differentiable static double ofExp(double x, double y) { return Math.exp(x * y) / (1 + x * x); }
        @Differentiable static double ofExpm1(double x, double y) { return Math.expm1(x * y) * y; }
        @Differentiable static double ofLog(double x, double y) { return Math.log(x * x + y); }
        @Differentiable static double ofLog10(double x, double y) { return Math.log10(x * y) * x; }
        @Differentiable static double ofLog1p(double x, double y) { return Math.log1p(x * y) + x; }
        @Differentiable static double ofSqrt(double x, double y) { return Math.sqrt(x * y) + x; }
        @Differentiable static double ofCbrt(double x, double y) { return Math.cbrt(x * y) * y; }
        @Differentiable static double ofPow(double x, double y) { return Math.pow(x, y) * y; }
        @Differentiable static double ofPowCube(double x, double y) { return Math.pow(x * y, 3) + x; }
        @Differentiable static double ofPowHalf(double x, double y) { return Math.pow(x * y, 0.5) * x; }
        @Differentiable static double ofPowConstBase(double x, double y) {
          return Math.pow(2.0, x * y) + Math.pow(0.5, y) * x;
        }
        @Differentiable static double ofPowIntExponent(double x, double y, int n) {
          return Math.pow(x + y, n) + Math.pow(x, -2);
        }
        @Differentiable static double ofPowIntOnly(double x, int n) { return Math.pow(x, n); }
        @Differentiable static double ofMaxMixedInt(double x, double y, int n) {
          return Math.max(x, n) * y + Math.pow(n, x * y);
        }
        @Differentiable static double ofHypot(double x, double y) { return Math.hypot(x * y, x - y); }
        @Differentiable static double ofHypotConst(double x, double y) {
          return Math.hypot(x, 3.0) + Math.hypot(2.0, x * y);
        }
        @Differentiable static double ofAbs(double x, double y) { return Math.abs(x * y) + Math.abs(x - 2 * y) * x; }
        @Differentiable static double ofMax(double x, double y) { return Math.max(x * y, x + y) * x; }
        @Differentiable static double ofMin(double x, double y) { return Math.min(x * y, x + y) * y; }
        @Differentiable static double ofMaxMinConst(double x, double y) {
          return Math.max(x, 0.0) * y + Math.min(y, 1.0);
        }
        @Differentiable static double ofSignum(double x, double y) {
          return x * Math.signum(y) + Math.signum(x * y) * y * y;
        }
        @Differentiable static double ofFloor(double x, double y) {
          return x * Math.floor(y) + Math.floor(x + y) * Math.sin(y);
        }
        @Differentiable static double ofCeil(double x, double y) {
          return Math.ceil(x - y) * x * y + y * Math.ceil(x);
        }
        @Differentiable static double ofRint(double x, double y) {
          return x * Math.rint(y) + Math.rint(x * y) * x;
        }
        @Differentiable static double ofToRadians(double x, double y) {
          return Math.toRadians(x * y) * x + Math.sin(Math.toRadians(y));
        }
        @Differentiable static double ofToDegrees(double x, double y) {
          return Math.toDegrees(x) * y + Math.toDegrees(Math.atan(y));
        }
        @Differentiable static double ofFma(double x, double y) { return Math.fma(x, y, x * x) * y; }
        @Differentiable static double ofFmaConst(double x, double y) {
          return Math.fma(2.0, x, y * y) + Math.fma(x, 3.0, 1.0) * y;
        }
        @Differentiable static double ofNested(double x, double y) {
          return Math.exp(Math.sin(x) * Math.log(y)) + Math.sqrt(Math.hypot(x, y));
        }

        @Differentiable static double ofStrictSin(double x, double y) { return StrictMath.sin(x * y) + x; }
        @Differentiable static double ofStrictExpLog(double x, double y) {
          return StrictMath.exp(x * y) * StrictMath.log(y);
        }
        @Differentiable static double ofStrictPowSqrt(double x, double y) {
          return StrictMath.pow(x, y) + StrictMath.sqrt(x * y);
        }
        @Differentiable static double ofStrictAtan2Hypot(double x, double y) {
          return StrictMath.atan2(y, x) * StrictMath.hypot(x, y);
        }
        @Differentiable static double ofStrictCbrtTanh(double x, double y) {
          return StrictMath.cbrt(x * y) + StrictMath.tanh(x - y);
        }
        @Differentiable static double ofStrictAbsMaxFloor(double x, double y) {
          return StrictMath.abs(x * y) + StrictMath.max(x, y) * StrictMath.floor(y);
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
    }

    private static Arguments at(String method, Object... args) {
        return Arguments.of(method, args);
    }

    /** Three generic points: positive, mixed signs, larger magnitude. */
    private static Stream<Arguments> generic(String method) {
        return Stream.of(at(method, 0.7, 1.3), at(method, -1.1, 0.4), at(method, 2.0, -0.6));
    }

    static Stream<Arguments> cases() {
        List<Stream<Arguments>> all = new ArrayList<>();
        all.add(generic("ofSin"));
        all.add(generic("ofCos"));
        // x * y in (-1.2, 1.2), away from the poles of tan at +-pi/2.
        all.add(Stream.of(at("ofTan", 0.7, 0.9), at("ofTan", -0.5, 1.6), at("ofTan", 1.1, 0.3)));
        // x * y in (-0.8, 0.8).
        all.add(Stream.of(at("ofAsin", 0.5, 0.9), at("ofAsin", -0.6, 0.7), at("ofAsin", 1.2, 0.25)));
        // x / y in (-0.6, 0.6).
        all.add(Stream.of(at("ofAcos", 0.3, 1.5), at("ofAcos", -0.4, 0.9), at("ofAcos", 0.6, 1.1)));
        all.add(generic("ofAtan"));
        // Quadrants II, I, III (the point in III keeps its first argument clearly negative, away from the branch cut)
        // and II again.
        all.add(Stream.of(
                at("ofAtan2", 0.7, 1.3), at("ofAtan2", 1.5, 0.5), at("ofAtan2", -0.8, 0.6), at("ofAtan2", 0.5, 2.0)));
        all.add(Stream.of(at("ofAtan2Scaled", 0.7, 1.3), at("ofAtan2Scaled", -1.5, 0.5)));
        all.add(generic("ofAtan2Const"));
        all.add(generic("ofSinh"));
        all.add(generic("ofCosh"));
        all.add(generic("ofTanh"));
        all.add(generic("ofExp"));
        // The last point exercises expm1 near 0, where it differs from exp - 1.
        all.add(Stream.of(at("ofExpm1", 0.7, 1.3), at("ofExpm1", -1.1, 0.4), at("ofExpm1", 0.01, 0.02)));
        // x * x + y > 0.
        all.add(Stream.of(at("ofLog", 0.7, 1.3), at("ofLog", -1.1, 0.4), at("ofLog", 2.0, 0.6)));
        // x * y > 0.
        all.add(Stream.of(at("ofLog10", 0.7, 1.3), at("ofLog10", 2.5, 0.4), at("ofLog10", -1.2, -0.9)));
        // x * y > -1.
        all.add(Stream.of(at("ofLog1p", 0.7, 1.3), at("ofLog1p", -0.5, 0.8), at("ofLog1p", 2.0, 3.0)));
        all.add(Stream.of(at("ofSqrt", 0.7, 1.3), at("ofSqrt", 2.5, 0.4), at("ofSqrt", -1.2, -0.9)));
        // cbrt of a negative number too.
        all.add(Stream.of(at("ofCbrt", 0.7, 1.3), at("ofCbrt", -1.5, 0.8), at("ofCbrt", 2.0, 2.5)));
        // Both arguments active, x > 0, exponent positive, large and negative.
        all.add(Stream.of(at("ofPow", 1.3, 0.7), at("ofPow", 0.6, 2.5), at("ofPow", 2.2, -1.4)));
        // Constant exponent 3: negative bases allowed.
        all.add(Stream.of(at("ofPowCube", 0.7, 1.3), at("ofPowCube", -1.1, 0.8), at("ofPowCube", 1.5, -2.0)));
        // Constant exponent 0.5: x * y > 0.
        all.add(Stream.of(at("ofPowHalf", 0.7, 1.3), at("ofPowHalf", 2.5, 0.4), at("ofPowHalf", -1.2, -0.9)));
        all.add(generic("ofPowConstBase"));
        // Exponent from an int parameter (a constant), negative base for odd n, and a constant negative exponent.
        all.add(Stream.of(
                at("ofPowIntExponent", 0.7, 1.3, 4),
                at("ofPowIntExponent", -1.1, 0.4, 3),
                at("ofPowIntExponent", 2.0, -0.6, 2)));
        all.add(Stream.of(at("ofPowIntOnly", 0.7, 3), at("ofPowIntOnly", -1.3, 2), at("ofPowIntOnly", 1.6, -3)));
        // max(x, n) takes n, then x (by 1.5); the constant base n > 0.
        all.add(Stream.of(
                at("ofMaxMixedInt", 0.7, 1.3, 2),
                at("ofMaxMixedInt", 2.5, -0.6, 1),
                at("ofMaxMixedInt", -1.1, 0.4, 3)));
        all.add(generic("ofHypot"));
        all.add(generic("ofHypotConst"));
        // |x * y| >= 0.44 and |x - 2y| >= 1.9 at these points.
        all.add(generic("ofAbs"));
        // First point: x + y wins; the others: x * y wins, by at least 0.5.
        all.add(Stream.of(at("ofMax", 0.7, 1.3), at("ofMax", 3.0, 2.0), at("ofMax", -2.0, 0.5)));
        // First point: x * y wins; the others: x + y wins.
        all.add(Stream.of(at("ofMin", 0.7, 1.3), at("ofMin", 3.0, 2.0), at("ofMin", -2.0, 0.5)));
        // max(x, 0) takes x, then 0; min(y, 1) takes 1, then y.
        all.add(Stream.of(
                at("ofMaxMinConst", 0.7, 1.3), at("ofMaxMinConst", -1.1, 0.4), at("ofMaxMinConst", 2.0, -0.6)));
        all.add(generic("ofSignum"));
        // floor(y) and floor(x + y) away from jumps: y in {1.3, 2.4, -0.2}, x + y in {1.5, 1.3, 1.5}.
        all.add(Stream.of(at("ofFloor", 0.2, 1.3), at("ofFloor", -1.1, 2.4), at("ofFloor", 1.7, -0.2)));
        // ceil(x) and ceil(x - y): x in {0.5, 1.5, -0.3}, x - y in {-0.5, 1.7, -2.5}.
        all.add(Stream.of(at("ofCeil", 0.5, 1.0), at("ofCeil", 1.5, -0.2), at("ofCeil", -0.3, 2.2)));
        // rint jumps at half-integers: y in {1.0, 2.1, -0.8}, x * y in {2.0, -2.1, -0.32}.
        all.add(Stream.of(at("ofRint", 2.0, 1.0), at("ofRint", -1.0, 2.1), at("ofRint", 0.4, -0.8)));
        all.add(generic("ofToRadians"));
        all.add(generic("ofToDegrees"));
        all.add(generic("ofFma"));
        all.add(generic("ofFmaConst"));
        all.add(Stream.of(at("ofNested", 0.7, 1.3), at("ofNested", -1.1, 0.4), at("ofNested", 2.0, 0.6)));
        all.add(Stream.of(at("ofStrictSin", 0.7, 1.3), at("ofStrictSin", -1.1, 0.4)));
        all.add(Stream.of(at("ofStrictExpLog", 0.7, 1.3), at("ofStrictExpLog", -1.1, 0.4)));
        all.add(Stream.of(at("ofStrictPowSqrt", 1.3, 0.7), at("ofStrictPowSqrt", 0.6, 2.5)));
        all.add(Stream.of(at("ofStrictAtan2Hypot", 0.7, 1.3), at("ofStrictAtan2Hypot", -1.1, 0.4)));
        all.add(Stream.of(at("ofStrictCbrtTanh", 0.7, 1.3), at("ofStrictCbrtTanh", -1.5, 0.8)));
        // |x * y| >= 0.44, |x - y| >= 0.6, frac(y) in {0.3, 0.4}.
        all.add(Stream.of(at("ofStrictAbsMaxFloor", 0.7, 1.3), at("ofStrictAbsMaxFloor", -1.1, 0.4)));
        return all.stream().flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cases")
    void derivativesMatchNumericDifferentiation(String method, Object[] args) {
        new ScalarFunction(compiled, CLASS, method).assertDerivatives(args);
    }

    /**
     * atan2 of arguments below 1e-154, whose squares underflow: exact first derivatives (the second derivatives with
     * respect to such arguments pass 1e308, so the Hessian is left to {@code ofAtan2Scaled}, at 1.5e154).
     */
    @Test
    void atan2OfTinyArgumentsHasExactFirstDerivatives() {
        String source = """
        package mathfns;
        import io.github.autodiff4j.Differentiable;
        public class Tiny {
          @Differentiable static double ofAtan2Tiny(double x, double y) {
            return Math.atan2(x * 1e-200, y * 1e-200) + 2 * Math.atan2(y * 1e-170, x * 1e-170);
          }
        }
        """;
        ScalarFunction f = new ScalarFunction(Compiled.compile("mathfns.Tiny", source), "mathfns.Tiny", "ofAtan2Tiny");
        for (double[] p : new double[][] {{0.7, 1.3}, {-1.5, 0.5}}) {
            // Derivatives of magnitude 0.1 to 2: NumericDiff is good to 1e-10 there.
            double[] numeric = NumericDiff.gradient(q -> f.value(q[0], q[1]), p);
            assertArrayEquals(numeric, f.gradient(p[0], p[1]), 1e-8, "reverse mode at " + Arrays.toString(p));
            assertEquals(
                    numeric[0],
                    f.jvp(new Object[] {p[0], p[1]}, new double[] {1, 0}).tangent(),
                    1e-8);
            assertEquals(
                    numeric[1],
                    f.jvp(new Object[] {p[0], p[1]}, new double[] {0, 1}).tangent(),
                    1e-8);
        }
    }

    /**
     * Hessians through intermediates past 1e154 (adversarial finding 01): the tangent of a quotient was dx/y - (q/y) dy,
     * and q/y underflowed where the product does not; x^(n-1) underflowed for exponents below 1. Closed forms:
     * log(exp x) has second derivative 0; softplus log1p(exp x) has e^-x / (1 + e^-x)^2, about 0 at 400;
     * exp(x)^0.5 has e^(x/2) / 4; atan2(e^y, e^x) = atan(e^u) with u = y - x has g''(u) = -sinh u / (2 cosh^2 u) times
     * [[1, -1], [-1, 1]]. Within 1e-12 relative, or absolute where the value is 0 (a few roundings of exact values).
     */
    @Test
    void hessiansThroughHugeIntermediates() {
        String source = """
        package mathfns;
        import io.github.autodiff4j.Differentiable;
        public class Huge {
          @Differentiable static double logExp(double x) { return Math.log(Math.exp(x)); }
          @Differentiable static double softplus(double x) { return Math.log1p(Math.exp(x)); }
          @Differentiable static double powExp(double x) { return Math.pow(Math.exp(x), 0.5); }
          @Differentiable static double atan2Exp(double x, double y) { return Math.atan2(Math.exp(y), Math.exp(x)); }
        }
        """;
        Compiled compiled = Compiled.compile("mathfns.Huge", source);
        double logExp = new ScalarFunction(compiled, "mathfns.Huge", "logExp").hessian(400.0)[0][0];
        double softplus = new ScalarFunction(compiled, "mathfns.Huge", "softplus").hessian(400.0)[0][0];
        double powExp = new ScalarFunction(compiled, "mathfns.Huge", "powExp").hessian(600.0)[0][0];
        double[][] atan2 = new ScalarFunction(compiled, "mathfns.Huge", "atan2Exp").hessian(400.0, 401.0);
        double g2 = -Math.sinh(1) / (2 * Math.cosh(1) * Math.cosh(1));
        assertAll(
                () -> assertEquals(0, logExp, 1e-12, "log(exp x)"),
                () -> assertEquals(0, softplus, 1e-12, "log1p(exp x)"),
                () -> assertEquals(Math.exp(300) / 4, powExp, 1e-12 * Math.exp(300) / 4, "exp(x)^0.5"),
                () -> assertEquals(g2, atan2[0][0], 1e-12, "atan2 xx"),
                () -> assertEquals(-g2, atan2[0][1], 1e-12, "atan2 xy"),
                () -> assertEquals(-g2, atan2[1][0], 1e-12, "atan2 yx"),
                () -> assertEquals(g2, atan2[1][1], 1e-12, "atan2 yy"));
    }

    /**
     * x^n for an int n is a polynomial, differentiable everywhere, x = 0 included: d/dx x^0 = 0, d/dx x^1 = 1,
     * d/dx x^2 = 2x, d/dx x^3 = 3x^2 (exact small numbers, so within {@value #EXACT}).
     */
    @Test
    void powWithAnIntExponentIsAPolynomialEvenAtZero() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "ofPowIntOnly");
        double[][] cases = { // x, n, value, derivative
            {0.0, 0, 1.0, 0.0},
            {1.5, 0, 1.0, 0.0},
            {0.0, 1, 0.0, 1.0},
            {0.0, 2, 0.0, 0.0},
            {0.0, 3, 0.0, 0.0},
            {-2.0, 3, -8.0, 12.0},
            {-2.0, 0, 1.0, 0.0},
        };
        List<Executable> checks = new ArrayList<>();
        for (double[] c : cases) {
            Object[] args = {c[0], (int) c[1]};
            String where = "x^n at x = " + c[0] + ", n = " + (int) c[1];
            checks.add(() -> assertEquals(c[2], f.valueAndGradient(args)[0], EXACT, where + ": value"));
            checks.add(() -> assertEquals(c[3], f.valueAndGradient(args)[1], EXACT, where + ": reverse mode"));
            checks.add(() ->
                    assertEquals(c[3], f.jvp(args, new double[] {1.0}).tangent(), EXACT, where + ": forward mode"));
        }
        assertAll(checks);
    }

    /** Guards this test itself: every listed function is used in the source and every method has test points. */
    @Test
    void everyListedFunctionIsCovered() {
        List<String> listed = List.of(
                "sin",
                "cos",
                "tan",
                "asin",
                "acos",
                "atan",
                "atan2",
                "sinh",
                "cosh",
                "tanh",
                "exp",
                "expm1",
                "log",
                "log10",
                "log1p",
                "sqrt",
                "cbrt",
                "pow",
                "hypot",
                "abs",
                "max",
                "min",
                "signum",
                "floor",
                "ceil",
                "rint",
                "toRadians",
                "toDegrees",
                "fma");
        for (String f : listed) {
            assertTrue(SOURCE.contains("Math." + f + "("), "not covered: Math." + f);
        }
        Set<String> declared = new TreeSet<>();
        Matcher m = Pattern.compile("static double (\\w+)\\(").matcher(SOURCE);
        while (m.find()) {
            declared.add(m.group(1));
        }
        Set<String> tested = new TreeSet<>();
        cases().forEach(a -> tested.add((String) a.get()[0]));
        assertTrue(tested.equals(declared), () -> "declared " + declared + " but tested " + tested);
    }
}
