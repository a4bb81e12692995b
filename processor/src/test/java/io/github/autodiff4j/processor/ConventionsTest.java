package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.processor.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Conventions at points where the derivative is not defined", checked on {@code fooGrad} and
 * {@code fooJvp} against values written here from the conventions themselves (NumericDiff means nothing there).
 *
 * <p>Tolerance: every expected derivative here is a small exact binary number (0, 0.5, 1, 2, 6, +Infinity) computed
 * from a handful of exact operations, so the generated derivatives must match within {@value #TOLERANCE} (absolute),
 * values exactly; infinities and NaN are compared exactly ({@code assertEquals} treats NaN as equal only to NaN).
 */
class ConventionsTest {
    private static final double TOLERANCE = 1e-15;
    static final String CLASS = "conventions.Conv";

    /** The conventions corpus; {@link DualConsistencyTest} evaluates every function of it with {@code Dual} too. */
    static final String SOURCE = """
      package conventions;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Conv {
        @Differentiable static double abs(double x) { return Math.abs(x); }
        @Differentiable static double strictAbs(double x) { return StrictMath.abs(x); }
        @Differentiable static double absScaled(double x, double y) { return y * Math.abs(x) + 2 * x; }
        @Differentiable static double absDiff(double x, double y) { return Math.abs(x - y); }

        @Differentiable static double max(double x, double y) { return Math.max(x, y); }
        @Differentiable static double min(double x, double y) { return Math.min(x, y); }
        @Differentiable static double strictMax(double x, double y) { return StrictMath.max(x, y); }
        @Differentiable static double maxComposed(double x, double y) { return Math.max(x * x, y) * 3; }
        @Differentiable static double minComposed(double x, double y) { return Math.min(y, x * x) * 3; }
        @Differentiable static double maxMinSelf(double x) { return Math.max(x, x) + Math.min(2 * x, x + x); }
        @Differentiable static double relu(double x) { return Math.max(x, 0.0); }
        @Differentiable static double reluFlipped(double x) { return Math.max(0.0, x); }
        @Differentiable static double minConst(double x) { return Math.min(1.0, x); }

        @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
        @Differentiable static double sqrtPlus(double x, double y) { return 3 * Math.sqrt(x) + x * y; }

        @Differentiable static double floor(double x) { return Math.floor(x); }
        @Differentiable static double ceil(double x) { return Math.ceil(x); }
        @Differentiable static double rint(double x) { return Math.rint(x); }
        @Differentiable static double signum(double x) { return Math.signum(x); }
        @Differentiable static double rounding(double x, double y) {
          return x * Math.floor(y) + Math.ceil(y) + Math.rint(y + 0.5) + Math.signum(y - 2) * x;
        }

        @Differentiable static double pow(double x, double y) { return Math.pow(x, y); }
        @Differentiable static double strictPow(double x, double y) { return StrictMath.pow(x, y); }
        @Differentiable static double powShifted(double x, double y) { return Math.pow(x - 1, y) * 2 + y; }
        @Differentiable static double powConstBase(double y, @NoDerivative double c) { return Math.pow(c, y); }

        @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
        @Differentiable static double hypotComposed(double x, double y) { return Math.hypot(x - 1, y * 2) + x; }
        @Differentiable static double hypotOne(double x) { return Math.hypot(x, 0.0); }
      }
      """;

    /** {@code round} is in the README's list of rounding functions; compiled on its own so it cannot mask the rest. */
    static final String ROUND_SOURCE = """
      package conventions;

      import io.github.autodiff4j.Differentiable;

      public class Round {
        @Differentiable static double round(double x, double y) { return x * Math.round(y) + Math.round(y * 2); }
      }
      """;

    private static Class<?> companion;

    @BeforeAll
    static void compile() {
        companion = Compiled.compile(CLASS, SOURCE).load(CLASS + "Diff");
    }

    // ---- abs ----

    @Test
    void absAtZeroHasDerivativeZero() {
        for (String f : new String[] {"abs", "strictAbs"}) {
            assertGradient(grad(f, 0.0), 0.0, 0.0);
            assertGradient(grad(f, -0.0), 0.0, 0.0);
            assertJvp(jvp(f, 0.0, 1.0), 0.0, 0.0);
            assertJvp(jvp(f, 0.0, -3.0), 0.0, 0.0);
        }
    }

    @Test
    void absAtZeroInsideAnExpression() {
        // y * |x| + 2x at (0, 3): d/dx = 3 * 0 + 2 = 2, d/dy = |0| = 0.
        assertGradient(grad("absScaled", 0.0, 3.0), 0.0, 2.0, 0.0);
        assertJvp(jvp("absScaled", 0.0, 1.0, 3.0, 0.0), 0.0, 2.0);
        assertJvp(jvp("absScaled", 0.0, 1.0, 3.0, 1.0), 0.0, 2.0);
        // |x - y| at x == y: both partials 0.
        assertGradient(grad("absDiff", 1.5, 1.5), 0.0, 0.0, 0.0);
        assertJvp(jvp("absDiff", 1.5, 1.0, 1.5, 0.0), 0.0, 0.0);
        assertJvp(jvp("absDiff", 1.5, 0.0, 1.5, 1.0), 0.0, 0.0);
    }

    // ---- max / min ----

    @Test
    void maxAndMinAtATieSplitEvenly() {
        for (String f : new String[] {"max", "min", "strictMax"}) {
            assertGradient(grad(f, 1.5, 1.5), 1.5, 0.5, 0.5);
            assertGradient(grad(f, -2.0, -2.0), -2.0, 0.5, 0.5);
            assertJvp(jvp(f, 1.5, 1.0, 1.5, 0.0), 1.5, 0.5);
            assertJvp(jvp(f, 1.5, 0.0, 1.5, 1.0), 1.5, 0.5);
            assertJvp(jvp(f, 1.5, 1.0, 1.5, 1.0), 1.5, 1.0);
            assertJvp(jvp(f, 1.5, 2.0, 1.5, -1.0), 1.5, 0.5);
        }
    }

    @Test
    void maxAndMinAwayFromATieTakeTheWinner() {
        // Not a convention, but the same code path: the split must only happen at the tie.
        assertGradient(grad("max", 2.0, 1.0), 2.0, 1.0, 0.0);
        assertGradient(grad("max", 1.0, 2.0), 2.0, 0.0, 1.0);
        assertGradient(grad("min", 2.0, 1.0), 1.0, 0.0, 1.0);
        assertGradient(grad("min", 1.0, 2.0), 1.0, 1.0, 0.0);
    }

    @Test
    void tieInsideAnExpression() {
        // 3 max(x^2, y) at (2, 4): the tie x^2 == y; d/dx = 3 * 0.5 * 2x = 6, d/dy = 3 * 0.5 = 1.5.
        for (String f : new String[] {"maxComposed", "minComposed"}) {
            assertGradient(grad(f, 2.0, 4.0), 12.0, 6.0, 1.5);
            assertJvp(jvp(f, 2.0, 1.0, 4.0, 0.0), 12.0, 6.0);
            assertJvp(jvp(f, 2.0, 0.0, 4.0, 1.0), 12.0, 1.5);
            assertJvp(jvp(f, 2.0, 1.0, 4.0, 2.0), 12.0, 9.0);
        }
    }

    @Test
    void tieOfAVariableWithItselfGivesTheWholeDerivative() {
        // max(x, x) + min(2x, x + x) == 3x: the two halves of each split add up, d/dx = 0.5 + 0.5 + 2 * (0.5 + 0.5).
        for (double x : new double[] {0.0, 1.5, -2.0}) {
            assertGradient(grad("maxMinSelf", x), 3 * x, 3.0);
            assertJvp(jvp("maxMinSelf", x, 1.0), 3 * x, 3.0);
        }
    }

    @Test
    void tieWithAConstantKeepsHalfTheAdjoint() {
        // max(x, 0) at 0: half the adjoint goes to x, half to the constant.
        for (String f : new String[] {"relu", "reluFlipped"}) {
            assertGradient(grad(f, 0.0), 0.0, 0.5);
            assertJvp(jvp(f, 0.0, 1.0), 0.0, 0.5);
        }
        assertGradient(grad("minConst", 1.0), 1.0, 0.5);
        assertJvp(jvp("minConst", 1.0, 4.0), 1.0, 2.0);
    }

    // ---- sqrt ----

    @Test
    void sqrtAtZeroIsPositiveInfinity() {
        assertGradient(grad("sqrt", 0.0), 0.0, Double.POSITIVE_INFINITY);
        assertJvp(jvp("sqrt", 0.0, 1.0), 0.0, Double.POSITIVE_INFINITY);
        // 3 sqrt(x) + x y at (0, 2): d/dx = +Infinity, d/dy = x = 0.
        assertGradient(grad("sqrtPlus", 0.0, 2.0), 0.0, Double.POSITIVE_INFINITY, 0.0);
        assertJvp(jvp("sqrtPlus", 0.0, 1.0, 2.0, 0.0), 0.0, Double.POSITIVE_INFINITY);
    }

    // ---- rounding ----

    @Test
    void roundingFunctionsHaveDerivativeZeroAtTheirJumps() {
        // At the jumps (integers for floor and ceil, half-integers for rint, 0 for signum) and between them.
        double[][] points = {
            {2.0, -1.0, 0.0, 0.3}, // floor
            {2.0, -1.0, 0.0, 0.3}, // ceil
            {2.5, -0.5, 1.5, 0.3}, // rint
            {0.0, -0.0, 1.0, -2.0}, // signum
        };
        String[] functions = {"floor", "ceil", "rint", "signum"};
        for (int k = 0; k < functions.length; k++) {
            for (double x : points[k]) {
                double value = switch (functions[k]) {
                    case "floor" -> Math.floor(x);
                    case "ceil" -> Math.ceil(x);
                    case "rint" -> Math.rint(x);
                    default -> Math.signum(x);
                };
                assertGradient(grad(functions[k], x), value, 0.0);
                assertJvp(jvp(functions[k], x, 1.0), value, 0.0);
            }
        }
    }

    @Test
    void roundingInsideAnExpression() {
        // x floor(y) + ceil(y) + rint(y + 0.5) + signum(y - 2) x at (1.5, 2): every rounding function at a jump.
        // value = 1.5 * 2 + 2 + rint(2.5) + 0 = 3 + 2 + 2 = 7; d/dx = floor(2) + signum(0) = 2; d/dy = 0.
        assertGradient(grad("rounding", 1.5, 2.0), 7.0, 2.0, 0.0);
        assertJvp(jvp("rounding", 1.5, 1.0, 2.0, 0.0), 7.0, 2.0);
        assertJvp(jvp("rounding", 1.5, 0.0, 2.0, 1.0), 7.0, 0.0);
    }

    @Test
    void roundHasDerivativeZero() {
        Class<?> round = Compiled.compile("conventions.Round", ROUND_SOURCE).load("conventions.RoundDiff");
        // x round(y) + round(2y) at (1.5, 2.5): y = 2.5 is a jump of round(y), which rounds half up to 3; 2y = 5 is
        // between the jumps of round(2y). value = 1.5 * 3 + 5 = 9.5, d/dx = round(y) = 3, d/dy = 0.
        Object record = invoke(round, "roundGrad", 1.5, 2.5);
        assertEquals(9.5, component(record, "value"), TOLERANCE);
        assertEquals(3.0, component(record, "x"), TOLERANCE);
        assertEquals(0.0, component(record, "y"), TOLERANCE);
        Dual d = (Dual) invoke(round, "roundJvp", 1.5, 1.0, 2.5, 1.0);
        assertEquals(9.5, d.value(), TOLERANCE);
        assertEquals(3.0, d.tangent(), TOLERANCE);
    }

    // ---- pow ----

    @Test
    void powAtZeroBaseContributesZeroToTheExponentDerivative() {
        for (String f : new String[] {"pow", "strictPow"}) {
            // x^y at (0, 2): d/dx = y x^(y-1) = 0, d/dy = 0 by the convention (x^y ln x would be 0 * -Infinity).
            assertGradient(grad(f, 0.0, 2.0), 0.0, 0.0, 0.0);
            assertJvp(jvp(f, 0.0, 0.0, 2.0, 1.0), 0.0, 0.0);
            assertJvp(jvp(f, 0.0, 1.0, 2.0, 1.0), 0.0, 0.0);
            // (0, 1): d/dx = 1 * 0^0 = 1, d/dy = 0.
            assertGradient(grad(f, 0.0, 1.0), 0.0, 1.0, 0.0);
            assertJvp(jvp(f, 0.0, 1.0, 1.0, 1.0), 0.0, 1.0);
            // (0, 3.5): d/dx = 3.5 * 0^2.5 = 0, d/dy = 0.
            assertGradient(grad(f, 0.0, 3.5), 0.0, 0.0, 0.0);
            assertJvp(jvp(f, 0.0, 1.0, 3.5, 1.0), 0.0, 0.0);
        }
    }

    /**
     * x^y at a negative base exists only at integer y: d/dy is 0 by the convention, not the NaN of ln x, which a zero
     * tangent would carry into every derivative (adversarial finding: pJvp along x gave NaN for 12).
     */
    @Test
    void powAtNegativeBaseContributesZeroToTheExponentDerivative() {
        for (String f : new String[] {"pow", "strictPow"}) {
            // (-2, 3): x^y = -8, d/dx = 3 * (-2)^2 = 12, d/dy = 0.
            assertGradient(grad(f, -2.0, 3.0), -8.0, 12.0, 0.0);
            assertJvp(jvp(f, -2.0, 1.0, 3.0, 0.0), -8.0, 12.0);
            assertJvp(jvp(f, -2.0, 1.0, 3.0, 1.0), -8.0, 12.0);
        }
    }

    @Test
    void powAtZeroBaseInsideAnExpression() {
        // 2 (x - 1)^y + y at (1, 2): d/dx = 2 * 2 * 0 = 0, d/dy = 0 + 1 = 1.
        assertGradient(grad("powShifted", 1.0, 2.0), 2.0, 0.0, 1.0);
        assertJvp(jvp("powShifted", 1.0, 1.0, 2.0, 1.0), 2.0, 1.0);
        // c^y with the constant base c == 0: d/dy = 0.
        assertGradient(grad("powConstBase", 2.0, 0.0), 0.0, 0.0);
        assertJvp(jvp("powConstBase", 2.0, 1.0, 0.0), 0.0, 0.0);
    }

    // ---- hypot ----

    @Test
    void hypotAtTheOriginHasDerivativeZero() {
        assertGradient(grad("hypot", 0.0, 0.0), 0.0, 0.0, 0.0);
        assertJvp(jvp("hypot", 0.0, 1.0, 0.0, 1.0), 0.0, 0.0);
        assertJvp(jvp("hypot", 0.0, -2.0, 0.0, 0.5), 0.0, 0.0);
        // hypot(x - 1, 2y) + x at (1, 0): d/dx = 0 + 1 = 1, d/dy = 0.
        assertGradient(grad("hypotComposed", 1.0, 0.0), 1.0, 1.0, 0.0);
        assertJvp(jvp("hypotComposed", 1.0, 1.0, 0.0, 1.0), 1.0, 1.0);
        assertGradient(grad("hypotOne", 0.0), 0.0, 0.0);
        assertJvp(jvp("hypotOne", 0.0, 1.0), 0.0, 0.0);
    }

    // ---- helpers: fooGrad and fooJvp called directly ----

    /** The gradient record's components, value first, in declaration order. */
    private static double[] grad(String function, Object... args) {
        Object record = invoke(companion, function + "Grad", args);
        RecordComponent[] components = record.getClass().getRecordComponents();
        double[] out = new double[components.length];
        for (int i = 0; i < components.length; i++) {
            out[i] = component(record, components[i].getName());
        }
        return out;
    }

    /** {@code fooJvp} with each active parameter followed by its tangent, as the caller passes them. */
    private static Dual jvp(String function, Object... argsWithTangents) {
        return (Dual) invoke(companion, function + "Jvp", argsWithTangents);
    }

    private static void assertGradient(double[] actual, double value, double... partials) {
        double[] expected = new double[partials.length + 1];
        expected[0] = value;
        System.arraycopy(partials, 0, expected, 1, partials.length);
        assertEquals(expected.length, actual.length, "record components: " + Arrays.toString(actual));
        assertEquals(value, actual[0], 0.0, "value");
        for (int i = 1; i < expected.length; i++) {
            assertDerivative(expected[i], actual[i], "partial " + i + " of " + Arrays.toString(actual));
        }
    }

    private static void assertJvp(Dual actual, double value, double tangent) {
        assertEquals(value, actual.value(), 0.0, "JVP value of " + actual);
        assertDerivative(tangent, actual.tangent(), "JVP tangent of " + actual);
    }

    private static void assertDerivative(double expected, double actual, String what) {
        assertTrue(!Double.isNaN(actual), what + ": NaN");
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, TOLERANCE, what);
        }
    }

    private static double component(Object record, String name) {
        try {
            return (double) record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no component " + name + " in " + record, e);
        }
    }

    private static Object invoke(Class<?> owner, String name, Object... args) {
        Method method = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)
                        && Modifier.isPublic(m.getModifiers())
                        && m.getParameterCount() == args.length)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("not generated: " + name + " with " + args.length + " parameters"));
        try {
            return method.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw " + e.getCause(), e.getCause());
        }
    }
}
