package io.github.autodiff4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How {@link DerivativeChecker} classifies points where an intermediate overflows to infinity (seed 2 program 267,
 * seed 3 program 284): exp(1000 x) overflows for x > 0.71, about a third of the points drawn in [-2, 2].
 */
class ZeroTimesInfinityTest {
    private static final int POINTS = 30;
    private static final FuzzMethod F = new FuzzMethod("f", false, List.of(new Param("x", Param.Kind.DOUBLE)));

    /**
     * The overflowing value is stored in an element that is overwritten later, as in seed 3 program 284: reverse mode
     * gives NaN (its adjoint, 0, times its infinite partial) where forward mode agrees with NumericDiff, so the point is
     * skipped and counted, not failed. The points where nothing overflows are checked as usual. (An overflow that is only
     * compared, as v12 in seed 2 program 267, no longer gets derivative code at all: see {@link #comparedOnly}.)
     */
    @Test
    void reverseModeNaNThatForwardModeConfirmsIsClassified() {
        DerivativeChecker checker =
                checker("Overwritten", "double[] a = {big, x};\n    a[0] = 2;\n    return a[0] * Math.sin(a[1]);");
        List<String> failures = checker.check(F, POINTS);
        assertAll(
                () -> assertEquals(List.of(), failures),
                () -> assertTrue(checker.zeroTimesInfinity > 0, "points classified: " + checker.zeroTimesInfinity),
                () -> assertTrue(checker.points > 0, "points checked: " + checker.points),
                () -> assertEquals(POINTS, checker.points + checker.skipped));
    }

    /** An overflow that is only compared reaches no result: exact derivatives at every point, nothing classified. */
    @Test
    void comparedOnly() {
        DerivativeChecker checker = checker("Compared", "return big > 1 ? Math.sin(x) : x;");
        List<String> failures = checker.check(F, POINTS);
        assertAll(
                () -> assertEquals(List.of(), failures),
                () -> assertEquals(0, checker.zeroTimesInfinity),
                () -> assertEquals(POINTS, checker.points + checker.skipped));
    }

    /**
     * min(exp(1000 x), x) picks x, but forward mode too multiplies the unused infinity by the weight 0: both modes give
     * NaN where NumericDiff finds 1. An intermediate overflowed, as IEEE defines it: the point is counted apart, with
     * the overflows, and is no failure; the points where nothing overflows are checked as usual.
     */
    @Test
    void nanInBothModesAfterAnOverflowIsCountedApart() {
        DerivativeChecker checker = checker("Clipped", "return Math.min(big, x);");
        List<String> failures = checker.check(F, POINTS);
        assertAll(
                () -> assertEquals(List.of(), failures),
                () -> assertTrue(checker.overflows > 0, "points classified: " + checker.overflows),
                () -> assertEquals(0, checker.zeroTimesInfinity),
                () -> assertTrue(checker.points > 0, "points checked: " + checker.points));
    }

    /**
     * Seed 7770002, program 1062: a rule whose own derivative overflows ({@code 1 / cosh(a)^2} at a >= 1000 gives 0, and
     * its tangent 0 / infinity x infinity), called where the taken branch does not use its value. The gradient and the
     * JVP are exact; the Hessian's sweep multiplies that NaN tangent by the value's adjoint, exactly 0. NumericDiff of
     * forward mode confirms the Hessian column, so the point is classified, not failed.
     */
    @Test
    void hessianNaNThatForwardModeConfirmsIsClassified() {
        DerivativeChecker checker = checker(
                "InARule",
                "double v = u(big);\n    return x > 5 ? v : Math.sin(x) * x;",
                "double big = 1000 * x * x + 1000;",
                """
          static double u(double a) {
            return Math.tanh(a);
          }
          @io.github.autodiff4j.DerivativeOf("u")
          static double uDerivative(double a) {
            return 1 / Math.pow(Math.cosh(a), 2);
          }
        """);
        List<String> failures = checker.check(F, POINTS);
        assertAll(
                () -> assertEquals(List.of(), failures),
                () -> assertTrue(checker.zeroTimesInfinity > 0, "points classified: " + checker.zeroTimesInfinity),
                () -> assertEquals(POINTS, checker.points + checker.skipped));
    }

    /** A checker for {@code f(x)}, which computes {@code big = exp(1000 x)}, then runs {@code rest}. */
    private static DerivativeChecker checker(String className, String rest) {
        return checker(className, rest, "double big = Math.exp(1000 * x);", "");
    }

    /** A checker for {@code f(x)}, which computes {@code big}, then runs {@code rest}, in a class with {@code members}. */
    private static DerivativeChecker checker(String className, String rest, String big, String members) {
        String method = "static double f(double x) {\n    " + big + "\n    " + rest + "\n  }\n";
        String source = "package fuzz;\nimport io.github.autodiff4j.Differentiable;\npublic class " + className + " {\n"
                + members + "  @Differentiable\n  " + method + "  static final class Traced {\n  " + method
                + "  }\n}\n";
        Program program = new Program(className, source, List.of(F), 4);
        return new DerivativeChecker(Compiled.compile(program.qualifiedName(), source), program, new Random(7));
    }
}
