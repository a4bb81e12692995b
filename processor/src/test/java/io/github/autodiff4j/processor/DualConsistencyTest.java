package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.processor.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Dual} and generated {@code fooJvp} code follow one convention: both compute the tangent as IEEE arithmetic
 * says, a tangent of 0 times an infinite partial derivative being NaN (README, "Threads and IEEE"), and both implement
 * the conventions where the derivative is not defined (README, "Conventions at points where the derivative is not
 * defined"). For every function of {@link ConventionsTest}'s corpus, and of a corpus here of further non-differentiable
 * points and domain edges (division by 0, {@code log} at 0 and -1, {@code asin}/{@code acos} at ±1, {@code atan2} at
 * the origin, {@code cbrt} at 0, zero tangents against infinite partial derivatives) and of the remaining functions
 * at ordinary points, the generated {@code fooJvp} along each unit direction must agree with the same function
 * written by hand with {@code Dual}.
 *
 * <p>Tolerance: where either side is NaN or infinite, they must be identical (NaN equals NaN, +Infinity equals
 * +Infinity, never NaN against an infinity or a number); otherwise within {@value #TOLERANCE} relative, that is
 * within a few units in the last place, and 0.0 equals -0.0 (the sign of a vanishing derivative is not specified). Dual computes each derivative with the formula of the generated rule, so the
 * two are normally bit-identical; the tolerance leaves room for a constant the processor folds ({@code x / 3}
 * differentiates as {@code (1/3)·dx} where Dual divides) and for {@code StrictMath} in the generated code where Dual
 * calls {@code Math}, each a rounding or an ulp apart. A different formula, a different convention or a different
 * treatment of a zero tangent is far outside it.
 *
 * <p>Constants of the corpus are written as {@code double}s where Dual has an overload taking one, and as
 * {@code Dual.constant} otherwise ({@code max}, {@code min}, {@code hypot}, the base of {@code pow}). A
 * {@code Dual.constant}'s tangent is a number 0, which IEEE multiplies like any other, while a constant in generated
 * code has no tangent at all: they differ where the constant's own partial derivative is infinite ({@code 1 / x} at
 * 0 by {@code Dual.constant(1).divide(x)}, {@code c^y} with {@code c = 0} and {@code y < 1}). Dual's javadoc says so;
 * the points here keep away from that, as the comparison is about the convention, not about constants.
 */
class DualConsistencyTest {
    private static final double TOLERANCE = 1e-15;

    private static final String EXTRA_CLASS = "conventions.Extra";
    private static final String EXTRA_SOURCE = """
      package conventions;

      import io.github.autodiff4j.Differentiable;

      public class Extra {
        @Differentiable static double div(double x, double y) { return x / y; }
        @Differentiable static double divByZero(double x) { return x / 0.0; }
        @Differentiable static double recip(double x) { return 1 / x; }
        @Differentiable static double log(double x) { return Math.log(x); }
        @Differentiable static double asin(double x) { return Math.asin(x); }
        @Differentiable static double acos(double x) { return Math.acos(x); }
        @Differentiable static double atan2(double y, double x) { return Math.atan2(y, x); }
        @Differentiable static double cbrt(double x) { return Math.cbrt(x); }

        @Differentiable static double sqrtPlus(double x, double y) { return Math.sqrt(x) + y; }
        @Differentiable static double logTimes(double x, double y) { return Math.log(x) * y; }
        @Differentiable static double asinMinus(double x, double y) { return Math.asin(x) - y * y; }
        @Differentiable static double cbrtTimes(double x, double y) { return Math.cbrt(x) * y; }
        @Differentiable static double expPlus(double x, double y) { return Math.exp(x) + y; }
        @Differentiable static double product(double x, double y) { return x * y; }

        @Differentiable static double sin(double x) { return Math.sin(x); }
        @Differentiable static double cos(double x) { return Math.cos(x); }
        @Differentiable static double tan(double x) { return Math.tan(x); }
        @Differentiable static double atan(double x) { return Math.atan(x); }
        @Differentiable static double sinh(double x) { return Math.sinh(x); }
        @Differentiable static double cosh(double x) { return Math.cosh(x); }
        @Differentiable static double tanh(double x) { return Math.tanh(x); }
        @Differentiable static double exp(double x) { return Math.exp(x); }
        @Differentiable static double expm1(double x) { return Math.expm1(x); }
        @Differentiable static double log10(double x) { return Math.log10(x); }
        @Differentiable static double log1p(double x) { return Math.log1p(x); }
        @Differentiable static double toRadians(double x) { return Math.toRadians(x); }
        @Differentiable static double toDegrees(double x) { return Math.toDegrees(x); }
        @Differentiable static double fma(double x, double y, double z) { return Math.fma(x, y, z); }
        @Differentiable static double powHalf(double x) { return Math.pow(x, 2.5); }
        @Differentiable static double powSquare(double x) { return Math.pow(x, 2); }
        @Differentiable static double powZero(double x) { return Math.pow(x, 0); }
        @Differentiable static double powMinusOne(double x) { return Math.pow(x, -1); }
        @Differentiable static double arithmetic(double x, double y) { return (x + 3) * (y - 1) - x / 3 + -y / x; }
        @Differentiable static double square(double x) { return x * x; }
        @Differentiable static double copySign(double x, double y) { return Math.copySign(x, y); }
        @Differentiable static double remainder(double x, double y) { return x % y; }
        @Differentiable static double ieeeRemainder(double x, double y) { return Math.IEEEremainder(x, y); }
        @Differentiable static double ulp(double x) { return Math.ulp(x) * x; }
        @Differentiable static double nextUp(double x) { return Math.nextUp(x); }
        @Differentiable static double nextDown(double x) { return Math.nextDown(x); }
        @Differentiable static double nextAfter(double x) { return Math.nextAfter(x, 2.0); }
        @Differentiable static double scalb(double x) { return Math.scalb(x, 3) + Math.scalb(x, -2); }
      }
      """;

    /** A function of a corpus, {@code active} differentiable parameters first, then constants; and its points. */
    record Case(String owner, String function, int active, Function<Dual[], Dual> dual, double[][] points) {
        @Override
        public String toString() {
            return owner + "." + function;
        }
    }

    private static Map<String, Class<?>> companions;

    @BeforeAll
    static void compile() {
        companions = Map.of(
                "Conv",
                        Compiled.compile(ConventionsTest.CLASS, ConventionsTest.SOURCE)
                                .load(ConventionsTest.CLASS + "Diff"),
                "Round",
                        Compiled.compile("conventions.Round", ConventionsTest.ROUND_SOURCE)
                                .load("conventions.RoundDiff"),
                "Extra", Compiled.compile(EXTRA_CLASS, EXTRA_SOURCE).load(EXTRA_CLASS + "Diff"));
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Case> cases() {
        return Stream.of(
                // ConventionsTest's corpus: abs
                conv("abs", a -> a[0].abs(), p(0.0), p(-0.0), p(-1.3), p(2.5)),
                conv("strictAbs", a -> a[0].abs(), p(0.0), p(-0.0), p(-1.3), p(2.5)),
                conv("absScaled", a -> a[1].multiply(a[0].abs()).add(a[0].multiply(2)), p(0, 3), p(-1.5, 2)),
                conv("absDiff", a -> a[0].subtract(a[1]).abs(), p(1.5, 1.5), p(1, 2.5)),
                // max, min, relu: ties, ties with constants, and winners
                conv("max", a -> Dual.max(a[0], a[1]), p(1.5, 1.5), p(-2, -2), p(2, 1), p(1, 2)),
                conv("min", a -> Dual.min(a[0], a[1]), p(1.5, 1.5), p(-2, -2), p(2, 1), p(1, 2)),
                conv("strictMax", a -> Dual.max(a[0], a[1]), p(1.5, 1.5), p(2, 1), p(1, 2)),
                conv("maxComposed", a -> Dual.max(a[0].multiply(a[0]), a[1]).multiply(3), p(2, 4), p(1, 3), p(3, 1)),
                conv("minComposed", a -> Dual.min(a[1], a[0].multiply(a[0])).multiply(3), p(2, 4), p(1, 3), p(3, 1)),
                conv(
                        "maxMinSelf",
                        a -> Dual.max(a[0], a[0]).add(Dual.min(a[0].multiply(2), a[0].add(a[0]))),
                        p(0),
                        p(1.5),
                        p(-2)),
                conv("relu", a -> Dual.max(a[0], Dual.constant(0.0)), p(0), p(-0.0), p(-1), p(2)),
                conv("reluFlipped", a -> Dual.max(Dual.constant(0.0), a[0]), p(0), p(-0.0), p(-1), p(2)),
                conv("minConst", a -> Dual.min(Dual.constant(1.0), a[0]), p(1), p(0.5), p(3)),
                // sqrt at 0, alone and beside a zero tangent
                conv("sqrt", a -> a[0].sqrt(), p(0), p(2.25)),
                conv("sqrtPlus", a -> a[0].sqrt().multiply(3).add(a[0].multiply(a[1])), p(0, 2), p(4, 2)),
                // rounding functions at their jumps and between them
                conv("floor", a -> a[0].floor(), p(2), p(-1), p(0), p(0.3)),
                conv("ceil", a -> a[0].ceil(), p(2), p(-1), p(0), p(0.3)),
                conv("rint", a -> a[0].rint(), p(2.5), p(-0.5), p(1.5), p(0.3)),
                conv("signum", a -> a[0].signum(), p(0), p(-0.0), p(1), p(-2)),
                conv(
                        "rounding",
                        a -> a[0].multiply(a[1].floor())
                                .add(a[1].ceil())
                                .add(a[1].add(0.5).rint())
                                .add(a[1].subtract(2).signum().multiply(a[0])),
                        p(1.5, 2),
                        p(0.7, -1.3)),
                round(
                        "round",
                        a -> a[0].multiply(Math.round(a[1].value())).add(Math.round(a[1].value() * 2)),
                        p(1.5, 2.5),
                        p(0.3, -1.2)),
                // pow at base 0 and exponent 0; a negative base, where the exponent's partial is NaN
                conv("pow", a -> a[0].pow(a[1]), p(0, 2), p(0, 1), p(0, 3.5), p(0, 0), p(2, 0), p(1.5, 2.5), p(-2, 3)),
                conv("strictPow", a -> a[0].pow(a[1]), p(0, 2), p(0, 1), p(0, 3.5), p(0, 0), p(2, 0), p(1.5, 2.5)),
                conv("powShifted", a -> a[0].subtract(1).pow(a[1]).multiply(2).add(a[1]), p(1, 2), p(3, 0.5)),
                new Case("Conv", "powConstBase", 1, a -> a[1].pow(a[0]), new double[][] {{2, 0}, {0.5, 3}, {0, 0}}),
                // hypot at the origin
                conv("hypot", a -> Dual.hypot(a[0], a[1]), p(0, 0), p(-0.0, 0), p(3, 4)),
                conv(
                        "hypotComposed",
                        a -> Dual.hypot(a[0].subtract(1), a[1].multiply(2)).add(a[0]),
                        p(1, 0),
                        p(2, 1)),
                conv("hypotOne", a -> Dual.hypot(a[0], Dual.constant(0.0)), p(0), p(-2)),

                // Further non-differentiable points and domain edges
                extra("div", a -> a[0].divide(a[1]), p(1, 0), p(-1, 0), p(0, 0), p(1, -0.0), p(3, 1.5)),
                extra("divByZero", a -> a[0].divide(0.0), p(1), p(0), p(-2)),
                extra("recip", a -> Dual.constant(1).divide(a[0]), p(2), p(-0.5)),
                extra("log", a -> a[0].log(), p(0), p(-1), p(2.5)),
                extra("asin", a -> a[0].asin(), p(1), p(-1), p(0.3)),
                extra("acos", a -> a[0].acos(), p(1), p(-1), p(0.3)),
                extra(
                        "atan2",
                        a -> Dual.atan2(a[0], a[1]),
                        p(0, 0),
                        p(-0.0, -1),
                        p(0.7, 1.3),
                        p(0.7e200, 1.3e200),
                        p(0.7e-200, 1.3e-200)),
                extra("cbrt", a -> a[0].cbrt(), p(0), p(-8), p(2)),
                // zero tangents against infinite partial derivatives (and an infinite input)
                extra("sqrtPlus", a -> a[0].sqrt().add(a[1]), p(0, 1), p(4, 1)),
                extra("logTimes", a -> a[0].log().multiply(a[1]), p(0, 2), p(-1, 2), p(2, 3)),
                extra("asinMinus", a -> a[0].asin().subtract(a[1].multiply(a[1])), p(1, 2), p(-1, 2), p(0.5, 1)),
                extra("cbrtTimes", a -> a[0].cbrt().multiply(a[1]), p(0, 2), p(0, 0), p(8, 3)),
                extra("expPlus", a -> a[0].exp().add(a[1]), p(710, 1), p(1, 1)),
                extra("product", a -> a[0].multiply(a[1]), p(2, INF), p(0, INF), p(2, 3)),
                // the remaining functions, at ordinary points (and a few edges)
                extra("sin", a -> a[0].sin(), p(0.3), p(-2)),
                extra("cos", a -> a[0].cos(), p(0.3), p(-2)),
                extra("tan", a -> a[0].tan(), p(0.4), p(-1.2)),
                extra("atan", a -> a[0].atan(), p(2), p(-0.5)),
                extra("sinh", a -> a[0].sinh(), p(0.7), p(-3)),
                extra("cosh", a -> a[0].cosh(), p(0.7), p(-3)),
                extra("tanh", a -> a[0].tanh(), p(0.7), p(-3)),
                extra("exp", a -> a[0].exp(), p(-1.5), p(2), p(710)),
                extra("expm1", a -> a[0].expm1(), p(1e-3), p(-2)),
                extra("log10", a -> a[0].log10(), p(0), p(7), p(0.02)),
                extra("log1p", a -> a[0].log1p(), p(-1), p(0.5), p(1e-4)),
                extra("toRadians", a -> a[0].toRadians(), p(30), p(-1)),
                extra("toDegrees", a -> a[0].toDegrees(), p(1), p(-0.3)),
                extra("fma", a -> Dual.fma(a[0], a[1], a[2]), p(1.3, -0.6, 2.2)),
                extra("powHalf", a -> a[0].pow(2.5), p(0), p(1.7)),
                extra("powSquare", a -> a[0].pow(2), p(-1.5), p(0)),
                extra("powZero", a -> a[0].pow(0), p(0), p(2)),
                extra("powMinusOne", a -> a[0].pow(-1), p(0), p(2)),
                extra(
                        "arithmetic",
                        a -> a[0].add(3)
                                .multiply(a[1].subtract(1))
                                .subtract(a[0].divide(3))
                                .add(a[1].negate().divide(a[0])),
                        p(0.7, 2.2),
                        p(-1.5, 0.4),
                        p(0, 1)),
                extra("square", a -> a[0].multiply(a[0]), p(3), p(-0.2)),
                // copySign at a zero magnitude (abs's convention) and with a negative zero sign
                extra("copySign", a -> a[0].copySign(a[1]), p(0, 1), p(-0.0, -1), p(1.5, -0.0), p(-2, 3)),
                extra("remainder", a -> a[0].remainder(a[1]), p(3.7, 1.5), p(-3.7, 1.5), p(1, 0), p(2.5, INF)),
                extra("ieeeRemainder", a -> a[0].IEEEremainder(a[1]), p(4.1, 2), p(-2.9, 1.3), p(1, 0)),
                extra("ulp", a -> a[0].ulp().multiply(a[0]), p(1.3), p(-3)),
                extra("nextUp", a -> a[0].nextUp(), p(0.7), p(-0.0)),
                extra("nextDown", a -> a[0].nextDown(), p(0.7), p(Double.MIN_VALUE)),
                extra("nextAfter", a -> a[0].nextAfter(2.0), p(0.7), p(2), p(3)),
                extra("scalb", a -> a[0].scalb(3).add(a[0].scalb(-2)), p(1.3), p(-0.7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedJvpAgreesWithDualAlongEachUnitDirection(Case c) {
        Class<?> companion = companions.get(c.owner());
        for (double[] point : c.points()) {
            for (int direction = 0; direction < c.active(); direction++) {
                Object[] args = new Object[point.length + c.active()];
                Dual[] duals = new Dual[point.length];
                int k = 0;
                for (int j = 0; j < point.length; j++) {
                    args[k++] = point[j];
                    if (j < c.active()) {
                        double tangent = j == direction ? 1 : 0;
                        args[k++] = tangent;
                        duals[j] = new Dual(point[j], tangent);
                    } else {
                        duals[j] = Dual.constant(point[j]);
                    }
                }
                Dual generated = (Dual) invoke(companion, c.function() + "Jvp", args);
                Dual byHand = c.dual().apply(duals);
                String where = c + " at " + Arrays.toString(point) + " along e" + direction;
                assertAgree(generated.value(), byHand.value(), where + ": value");
                assertAgree(generated.tangent(), byHand.tangent(), where + ": tangent");
            }
        }
    }

    /** Every function of the corpora has its case here, so that a function added to ConventionsTest is compared too. */
    @Test
    void everyFunctionOfTheCorporaIsCompared() {
        for (Map.Entry<String, Class<?>> companion : companions.entrySet()) {
            Set<String> generated = Arrays.stream(companion.getValue().getDeclaredMethods())
                    .filter(m ->
                            Modifier.isPublic(m.getModifiers()) && m.getName().endsWith("Jvp"))
                    .map(m -> m.getName().substring(0, m.getName().length() - "Jvp".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> compared = cases().filter(c -> c.owner().equals(companion.getKey()))
                    .map(Case::function)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(generated, compared, companion.getKey());
        }
    }

    /** The corpus exercises the IEEE convention itself: zero tangents that meet an infinite partial derivative. */
    @Test
    void zeroTangentsAgainstInfinitePartialDerivativesAreNaNInBoth() {
        Class<?> extra = companions.get("Extra");
        // sqrt(x) + y at x = 0 along y: 0.5 / sqrt(0) = Infinity times dx = 0.
        Dual generated = (Dual) invoke(extra, "sqrtPlusJvp", 0.0, 0.0, 1.0, 1.0);
        assertTrue(Double.isNaN(generated.tangent()), "generated: " + generated);
        assertTrue(Double.isNaN(Dual.constant(0).sqrt().add(Dual.variable(1)).tangent()), "Dual");
    }

    private static void assertAgree(double generated, double dual, String what) {
        String message = what + ": generated " + generated + ", Dual " + dual;
        if (!Double.isFinite(generated) || !Double.isFinite(dual)) {
            assertEquals(generated, dual, message);
        } else {
            assertTrue(
                    Math.abs(generated - dual) <= TOLERANCE * Math.max(Math.abs(generated), Math.abs(dual)), message);
        }
    }

    private static Case conv(String function, Function<Dual[], Dual> dual, double[]... points) {
        return new Case("Conv", function, points[0].length, dual, points);
    }

    private static Case round(String function, Function<Dual[], Dual> dual, double[]... points) {
        return new Case("Round", function, points[0].length, dual, points);
    }

    private static Case extra(String function, Function<Dual[], Dual> dual, double[]... points) {
        return new Case("Extra", function, points[0].length, dual, points);
    }

    private static double[] p(double... coordinates) {
        return coordinates;
    }

    private static Object invoke(Class<?> owner, String name, Object... args) {
        List<Method> methods = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)
                        && Modifier.isPublic(m.getModifiers())
                        && m.getParameterCount() == args.length)
                .toList();
        assertEquals(1, methods.size(), "generated " + name + " with " + args.length + " parameters: " + methods);
        try {
            return methods.get(0).invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw " + e.getCause(), e.getCause());
        }
    }
}
