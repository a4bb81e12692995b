package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DualTest {

    /** Relative agreement with a closed-form derivative: both sides are a few roundings from the truth. */
    private static final double CLOSED_FORM = 1e-13;
    /** Relative agreement with NumericDiff.derivative, which is accurate to about 1e-10. */
    private static final double NUMERIC = 1e-8;
    /** An input tangent other than 1, so that the chain rule's scaling is exercised too. */
    private static final double T = 0.7;

    private static Arguments unary(
            String name, UnaryOperator<Dual> op, DoubleUnaryOperator f, DoubleUnaryOperator df, double... points) {
        return Arguments.of(name, op, f, df, points);
    }

    static Stream<Arguments> unaryFunctions() {
        double ln10 = Math.log(10);
        return Stream.of(
                unary("sin", Dual::sin, Math::sin, Math::cos, -2, 0.3, 1, 5),
                unary("cos", Dual::cos, Math::cos, x -> -Math.sin(x), -2, 0.3, 1, 5),
                unary("tan", Dual::tan, Math::tan, x -> 1 / (Math.cos(x) * Math.cos(x)), -1, 0.2, 1.3),
                unary("asin", Dual::asin, Math::asin, x -> 1 / Math.sqrt(1 - x * x), -0.9, 0, 0.5, 0.95),
                unary("acos", Dual::acos, Math::acos, x -> -1 / Math.sqrt(1 - x * x), -0.9, 0, 0.5, 0.95),
                unary("atan", Dual::atan, Math::atan, x -> 1 / (1 + x * x), -3, 0, 0.5, 10),
                unary("sinh", Dual::sinh, Math::sinh, Math::cosh, -2, 0.1, 3),
                unary("cosh", Dual::cosh, Math::cosh, Math::sinh, -2, 0.1, 3),
                unary("tanh", Dual::tanh, Math::tanh, x -> 1 / (Math.cosh(x) * Math.cosh(x)), -1, 0.2, 2),
                unary("exp", Dual::exp, Math::exp, Math::exp, -5, 0, 2.5),
                unary("expm1", Dual::expm1, Math::expm1, Math::exp, -1, 1e-3, 2),
                unary("log", Dual::log, Math::log, x -> 1 / x, 1e-3, 0.5, 7, 1e4),
                unary("log10", Dual::log10, Math::log10, x -> 1 / (x * ln10), 1e-3, 0.5, 7, 1e4),
                unary("log1p", Dual::log1p, Math::log1p, x -> 1 / (1 + x), -0.5, 1e-4, 3),
                unary("sqrt", Dual::sqrt, Math::sqrt, x -> 0.5 / Math.sqrt(x), 1e-4, 0.5, 9, 1e6),
                // d/dx x^(1/3) = x^(-2/3) / 3, written via x^2 so that negative x work.
                unary("cbrt", Dual::cbrt, Math::cbrt, x -> Math.pow(x * x, -1.0 / 3) / 3, -8, -0.3, 0.02, 27),
                unary("abs", Dual::abs, Math::abs, Math::signum, -2, 3),
                unary("toRadians", Dual::toRadians, Math::toRadians, x -> Math.PI / 180, -90, 45),
                unary("toDegrees", Dual::toDegrees, Math::toDegrees, x -> 180 / Math.PI, -1, 2),
                unary("negate", Dual::negate, x -> -x, x -> -1, -1, 2),
                unary("pow(2.5)", d -> d.pow(2.5), x -> Math.pow(x, 2.5), x -> 2.5 * Math.pow(x, 1.5), 0.3, 4),
                unary("pow(3)", d -> d.pow(3), x -> Math.pow(x, 3), x -> 3 * x * x, -2, 0.5),
                unary("pow(-2)", d -> d.pow(-2), x -> Math.pow(x, -2), x -> -2 / (x * x * x), -1.5, 0.7),
                unary("add(3)", d -> d.add(3), x -> x + 3, x -> 1, -1, 2),
                unary("subtract(3)", d -> d.subtract(3), x -> x - 3, x -> 1, -1, 2),
                unary("multiply(-2.5)", d -> d.multiply(-2.5), x -> x * -2.5, x -> -2.5, -1, 2),
                unary("divide(4)", d -> d.divide(4), x -> x / 4, x -> 0.25, -1, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryFunctions")
    void unaryFunctionMatchesClosedFormAndNumericDerivative(
            String name, UnaryOperator<Dual> op, DoubleUnaryOperator f, DoubleUnaryOperator df, double[] points) {
        for (double x : points) {
            Dual r = op.apply(new Dual(x, T));
            assertEquals(f.applyAsDouble(x), r.value(), 0, name + " value at " + x);
            assertClose(df.applyAsDouble(x) * T, r.tangent(), CLOSED_FORM, name + "' at " + x);

            double numeric =
                    NumericDiff.derivative(v -> op.apply(Dual.constant(v)).value(), x);
            assertClose(numeric, op.apply(Dual.variable(x)).tangent(), NUMERIC, name + "' vs numeric at " + x);
        }
    }

    private static Arguments binary(
            String name,
            BinaryOperator<Dual> op,
            DoubleBinaryOperator f,
            DoubleBinaryOperator dfda,
            DoubleBinaryOperator dfdb,
            double[]... points) {
        return Arguments.of(name, op, f, dfda, dfdb, points);
    }

    static Stream<Arguments> binaryFunctions() {
        double[][] points = {{1.5, -0.4}, {0.3, 2.0}, {-2.0, 0.7}};
        return Stream.of(
                binary("add", Dual::add, Double::sum, (a, b) -> 1, (a, b) -> 1, points),
                binary("subtract", Dual::subtract, (a, b) -> a - b, (a, b) -> 1, (a, b) -> -1, points),
                binary("multiply", Dual::multiply, (a, b) -> a * b, (a, b) -> b, (a, b) -> a, points),
                binary("divide", Dual::divide, (a, b) -> a / b, (a, b) -> 1 / b, (a, b) -> -a / (b * b), points),
                binary(
                        "pow",
                        Dual::pow,
                        Math::pow,
                        (a, b) -> b * Math.pow(a, b - 1),
                        (a, b) -> Math.pow(a, b) * Math.log(a),
                        new double[] {1.5, -0.4},
                        new double[] {0.3, 2.0},
                        new double[] {2.0, 3.5}),
                binary(
                        "atan2",
                        Dual::atan2,
                        Math::atan2,
                        (y, x) -> x / (x * x + y * y),
                        (y, x) -> -y / (x * x + y * y),
                        points),
                binary(
                        "hypot",
                        Dual::hypot,
                        Math::hypot,
                        (a, b) -> a / Math.sqrt(a * a + b * b),
                        (a, b) -> b / Math.sqrt(a * a + b * b),
                        points),
                binary("max", Dual::max, Math::max, (a, b) -> a > b ? 1 : 0, (a, b) -> a > b ? 0 : 1, points),
                binary("min", Dual::min, Math::min, (a, b) -> a < b ? 1 : 0, (a, b) -> a < b ? 0 : 1, points));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryFunctions")
    void binaryFunctionMatchesClosedFormAndNumericPartials(
            String name,
            BinaryOperator<Dual> op,
            DoubleBinaryOperator f,
            DoubleBinaryOperator dfda,
            DoubleBinaryOperator dfdb,
            double[][] points) {
        double ta = 0.3;
        double tb = -1.1;
        for (double[] p : points) {
            double a = p[0];
            double b = p[1];
            String at = " at (" + a + ", " + b + ")";
            Dual r = op.apply(new Dual(a, ta), new Dual(b, tb));
            assertEquals(f.applyAsDouble(a, b), r.value(), 0, name + " value" + at);
            double byA = dfda.applyAsDouble(a, b) * ta;
            double byB = dfdb.applyAsDouble(a, b) * tb;
            // Scaled by the terms' size, since their sum may cancel.
            assertEquals(byA + byB, r.tangent(), CLOSED_FORM * (Math.abs(byA) + Math.abs(byB)), name + "'" + at);

            double numericA = NumericDiff.derivative(
                    v -> op.apply(Dual.constant(v), Dual.constant(b)).value(), a);
            double numericB = NumericDiff.derivative(
                    v -> op.apply(Dual.constant(a), Dual.constant(v)).value(), b);
            assertClose(numericA, op.apply(Dual.variable(a), Dual.constant(b)).tangent(), NUMERIC, name + " d/da" + at);
            assertClose(numericB, op.apply(Dual.constant(a), Dual.variable(b)).tangent(), NUMERIC, name + " d/db" + at);
        }
    }

    @Test
    void fmaMatchesClosedFormAndNumericPartials() {
        double a = 1.3;
        double b = -0.6;
        double c = 2.2;
        Dual r = Dual.fma(new Dual(a, 0.5), new Dual(b, -2), new Dual(c, 3));
        assertEquals(Math.fma(a, b, c), r.value(), 0);
        assertClose(0.5 * b + a * -2 + 3, r.tangent(), CLOSED_FORM, "fma'");

        double[] numeric = NumericDiff.gradient(
                v -> Dual.fma(Dual.constant(v[0]), Dual.constant(v[1]), Dual.constant(v[2]))
                        .value(),
                new double[] {a, b, c});
        assertClose(
                numeric[0],
                Dual.fma(Dual.variable(a), Dual.constant(b), Dual.constant(c)).tangent(),
                NUMERIC,
                "d/da");
        assertClose(
                numeric[1],
                Dual.fma(Dual.constant(a), Dual.variable(b), Dual.constant(c)).tangent(),
                NUMERIC,
                "d/db");
        assertClose(
                numeric[2],
                Dual.fma(Dual.constant(a), Dual.constant(b), Dual.variable(c)).tangent(),
                NUMERIC,
                "d/dc");
    }

    @Test
    void factoriesSetTheTangent() {
        assertEquals(new Dual(3, 0), Dual.constant(3));
        assertEquals(new Dual(3, 1), Dual.variable(3));
    }

    @Test
    void compositionAppliesTheChainRule() {
        // f(x) = exp(sin x) / (1 + x^2), f' = exp(sin x) (cos x (1 + x^2) - 2x) / (1 + x^2)^2
        double x = 0.8;
        Dual v = Dual.variable(x);
        Dual r = v.sin().exp().divide(v.multiply(v).add(1));
        double q = 1 + x * x;
        assertClose(Math.exp(Math.sin(x)) * (Math.cos(x) * q - 2 * x) / (q * q), r.tangent(), CLOSED_FORM, "f'");
    }

    // ---- conventions at non-differentiable points ----------------------------------------------------------------

    @Test
    void absHasDerivativeZeroAtZero() {
        assertEquals(new Dual(0, 0), new Dual(0, 1).abs());
        assertEquals(0, new Dual(-0.0, -3).abs().tangent(), 0);
    }

    @Test
    void maxAndMinAtATieAverageTheTangents() {
        assertEquals(new Dual(2, 4), Dual.max(new Dual(2, 3), new Dual(2, 5)));
        assertEquals(new Dual(2, 4), Dual.min(new Dual(2, 3), new Dual(2, 5)));
        assertEquals(0, Dual.max(new Dual(2, 3), new Dual(2, -3)).tangent(), 0);
        assertEquals(0.5, Dual.max(Dual.variable(-0.0), Dual.constant(0.0)).tangent(), 0);
    }

    /**
     * At NaN neither operand wins nor ties, so both partial derivatives are 0: the value is NaN and a finite tangent
     * becomes 0, as generated code computes it (and JAX).
     */
    @Test
    void maxAndMinOfNaNAreNaNWithPartialDerivativesZero() {
        Dual max = Dual.max(new Dual(Double.NaN, 1), new Dual(1, 1));
        Dual min = Dual.min(new Dual(1, 1), new Dual(Double.NaN, 1));
        assertTrue(Double.isNaN(max.value()));
        assertTrue(Double.isNaN(min.value()));
        assertEquals(0, max.tangent(), 0);
        assertEquals(0, min.tangent(), 0);
    }

    @Test
    void sqrtAndCbrtAtZeroHaveInfiniteDerivative() {
        assertEquals(Double.POSITIVE_INFINITY, new Dual(0, 1).sqrt().tangent());
        assertEquals(Double.POSITIVE_INFINITY, new Dual(0, 2).cbrt().tangent());
        assertEquals(Double.POSITIVE_INFINITY, new Dual(0, 1).pow(0.5).tangent());
        assertEquals(Double.NEGATIVE_INFINITY, new Dual(0, -1).sqrt().tangent());
    }

    @Test
    void roundingFunctionsHaveDerivativeZero() {
        for (double x : new double[] {-1.3, 0, 2, 2.5, 2.7}) {
            Dual d = new Dual(x, 1);
            assertEquals(new Dual(Math.signum(x), 0), d.signum(), "signum at " + x);
            assertEquals(new Dual(Math.floor(x), 0), d.floor(), "floor at " + x);
            assertEquals(new Dual(Math.ceil(x), 0), d.ceil(), "ceil at " + x);
            assertEquals(new Dual(Math.rint(x), 0), d.rint(), "rint at " + x);
        }
    }

    @Test
    void powWithZeroBaseContributesZeroByTheExponent() {
        // 0^y: the term 0^y ln 0 would be 0 * -Infinity = NaN.
        assertEquals(new Dual(0, 0), Dual.constant(0).pow(Dual.variable(2)));
        // d/dx x^3 = 3x^2 = 0 at 0, d/dx x^1 = 1, with the exponent's tangent ignored at a base of 0.
        assertEquals(new Dual(0, 0), new Dual(0, 1).pow(new Dual(3, 1)));
        assertEquals(new Dual(0, 1), new Dual(0, 1).pow(new Dual(1, 1)));
    }

    @Test
    void powWithExponentZeroHasDerivativeZeroByTheBase() {
        // x^0 = 1 is constant; p x^(p-1) would be 0 * Infinity = NaN at x = 0. A literal exponent 0 in generated code
        // leaves no derivative term, so pow(0) is a constant even for an infinite tangent.
        assertEquals(new Dual(1, 0), new Dual(0, 1).pow(0));
        assertEquals(new Dual(1, 0), new Dual(0, 1).pow(Dual.constant(0)));
        assertEquals(new Dual(1, 0), new Dual(0, Double.POSITIVE_INFINITY).pow(0));
    }

    @Test
    void hypotAtTheOriginHasDerivativeZero() {
        assertEquals(new Dual(0, 0), Dual.hypot(new Dual(0, 1), new Dual(0, -2)));
    }

    /** x / (x² + y²) by the book overflows to 0 (or underflows to infinity) where the derivative is ordinary. */
    @Test
    void atan2OfHugeAndTinyArgumentsHasFiniteDerivatives() {
        for (double scale : new double[] {1e200, 1e-200}) {
            Dual byY = Dual.atan2(new Dual(0.7 * scale, scale), Dual.constant(1.3 * scale));
            Dual byX = Dual.atan2(Dual.constant(0.7 * scale), new Dual(1.3 * scale, scale));
            assertClose(1.3 / (1.3 * 1.3 + 0.7 * 0.7), byY.tangent(), 1e-15, "d/dy at scale " + scale);
            assertClose(-0.7 / (1.3 * 1.3 + 0.7 * 0.7), byX.tangent(), 1e-15, "d/dx at scale " + scale);
        }
    }

    /**
     * Dual follows IEEE arithmetic, as generated {@code fooJvp} code does (README, "Threads and IEEE"): a tangent of 0
     * times an infinite or NaN partial derivative is NaN, not 0. Generated code would need a branch per operation to
     * treat zero tangents specially, and Dual computes what generated code computes so that forward mode by hand and
     * generated forward mode agree (the processor's DualConsistencyTest checks that on the conventions corpus).
     */
    @Test
    void zeroTangentTimesAnInfinitePartialDerivativeIsNaN() {
        // sqrt(x) + y at x = 0 along y: x's tangent 0 times 0.5 / sqrt(0) = Infinity.
        Dual sum = Dual.constant(0).sqrt().add(Dual.variable(3));
        assertEquals(3, sum.value(), 0);
        assertTrue(Double.isNaN(sum.tangent()));
        assertTrue(Double.isNaN(Dual.constant(0).sqrt().tangent()));
        assertTrue(Double.isNaN(Dual.constant(0).cbrt().tangent()));
        assertTrue(Double.isNaN(Dual.constant(0).log().tangent()));
        assertTrue(Double.isNaN(Dual.constant(1).asin().tangent()));
        assertTrue(Double.isNaN(Dual.constant(-1).acos().tangent()));
        assertTrue(Double.isNaN(Dual.constant(1).divide(0).tangent()));
        assertTrue(Double.isNaN(Dual.constant(0).divide(Dual.constant(0)).tangent()));
        assertTrue(Double.isNaN(Dual.constant(1).divide(Dual.constant(0)).tangent()));
        assertTrue(Double.isNaN(Dual.atan2(Dual.constant(0), Dual.constant(0)).tangent()));
        // d(a b) = t_a b + a t_b with t_a = 0 and b infinite: the first term is NaN, and so is the sum.
        assertTrue(Double.isNaN(Dual.constant(2)
                .multiply(new Dual(Double.POSITIVE_INFINITY, -3))
                .tangent()));
    }

    /** Where the partial derivative is finite, a zero tangent still gives 0, even where the value is NaN. */
    @Test
    void zeroTangentTimesAFinitePartialDerivativeIsZero() {
        Dual log = Dual.constant(-1).log();
        assertTrue(Double.isNaN(log.value()));
        assertEquals(0, log.tangent(), 0);
        assertEquals(new Dual(4, 0), Dual.constant(16).sqrt());
    }

    /** A constant kept as a {@code double} has no tangent to multiply, as a constant in generated code. */
    @Test
    void constantsKeptAsDoublesContributeNothing() {
        assertEquals(new Dual(3, 1), Dual.variable(3).add(Math.sqrt(0)));
        // 1 / x at 0 as x^-1: -Infinity, as generated code gives; Dual.constant(1).divide(x) gives 0/0 - Infinity =
        // NaN.
        assertEquals(
                Double.NEGATIVE_INFINITY, Dual.variable(0).pow(-1).multiply(1).tangent());
    }

    /** |actual - expected| <= tolerance * |expected|, or <= tolerance when expected is 0. */
    private static void assertClose(double expected, double actual, double tolerance, String message) {
        double scale = expected == 0 ? 1 : Math.abs(expected);
        assertTrue(
                Math.abs(actual - expected) <= tolerance * scale,
                message + ": expected " + expected + " but was " + actual);
    }
}
