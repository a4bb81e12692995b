package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NumericDiffTest {

    /** Relative accuracy required of first derivatives of smooth functions. */
    private static final double FIRST_ORDER = 1e-9;
    /** Relative accuracy required of the Hessian, which is documented to be less accurate. */
    private static final double SECOND_ORDER = 1e-6;

    static Stream<Arguments> smoothFunctions() {
        return Stream.of(
                Arguments.of("sin", (DoubleUnaryOperator) Math::sin, (DoubleUnaryOperator) Math::cos, new double[] {
                    -7.5, 0.3, 2, 1000
                }),
                Arguments.of("exp", (DoubleUnaryOperator) Math::exp, (DoubleUnaryOperator) Math::exp, new double[] {
                    -3, 0, 1, 50
                }),
                // Near 0 the first step (0.1) would leave the domain: the restarts must cope.
                Arguments.of("log", (DoubleUnaryOperator) Math::log, (DoubleUnaryOperator) x -> 1 / x, new double[] {
                    1e-3, 0.05, 1, 1e6
                }),
                Arguments.of(
                        "1/x", (DoubleUnaryOperator) x -> 1 / x, (DoubleUnaryOperator) x -> -1 / (x * x), new double[] {
                            -3, 0.01, 0.5
                        }),
                Arguments.of(
                        "x^3",
                        (DoubleUnaryOperator) x -> x * x * x,
                        (DoubleUnaryOperator) x -> 3 * x * x,
                        new double[] {-2, 1e-3, 0.5, 1e5}),
                Arguments.of(
                        "atan",
                        (DoubleUnaryOperator) Math::atan,
                        (DoubleUnaryOperator) x -> 1 / (1 + x * x),
                        new double[] {0, 0.5, 3, 100}),
                Arguments.of(
                        "sqrt",
                        (DoubleUnaryOperator) Math::sqrt,
                        (DoubleUnaryOperator) x -> 0.5 / Math.sqrt(x),
                        new double[] {0.01, 2, 1e8}),
                Arguments.of(
                        "cos(x^2)",
                        (DoubleUnaryOperator) x -> Math.cos(x * x),
                        (DoubleUnaryOperator) x -> -2 * x * Math.sin(x * x),
                        new double[] {0.5, 3, 10}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothFunctions")
    void derivativeIsAccurateOnSmoothFunctions(
            String name, DoubleUnaryOperator f, DoubleUnaryOperator df, double[] points) {
        for (double x : points) {
            double exact = df.applyAsDouble(x);
            double estimate = NumericDiff.derivative(f, x);
            assertTrue(
                    Math.abs(estimate - exact) <= FIRST_ORDER * Math.abs(exact),
                    name + "' at " + x + ": " + estimate + " vs " + exact);
        }
    }

    /**
     * {@code cos} of the angle that {@code n} steps of {@code x -> x + sin(x)} carry {@code x} to. Every start in
     * (0, 2 pi) converges to pi (superattracting: {@code 1 + cos(pi) = 0}), every start in (-2 pi, 0) to -pi, and
     * cos is -1 at both; so a step of {@code 0.006} or more around a point near the repelling fixed point 0 sees a
     * function flat to the last bit, while at the point the angle is still on its way.
     */
    private static double iteratedAngle(double x, int n) {
        for (int i = 0; i < n; i++) {
            x += Math.sin(x);
        }
        return Math.cos(x);
    }

    /** The exact derivative of {@link #iteratedAngle}: {@code -sin(x_n) prod (1 + cos(x_i))}, by the chain rule. */
    private static double iteratedAngleDerivative(double x, int n) {
        double dx = 1;
        for (int i = 0; i < n; i++) {
            dx *= 1 + Math.cos(x);
            x += Math.sin(x);
        }
        return -Math.sin(x) * dx;
    }

    /**
     * The first step (0.1) and the next one (1/16 of it) see only the flat basins on both sides, where every
     * difference is exactly 0 with error estimate 0; a lone run returned 0, confidently, for a derivative of
     * -16.6. The run from 256 times smaller disagrees with it, and the one after confirms. 1e-6 relative: the
     * estimate comes from steps of 4e-4 and below, near a feature 1.5e-3 wide.
     */
    @Test
    void aFirstStepThatLandsInFlatBasinsIsNotTrusted() {
        double x = 0.00146937;
        double exact = iteratedAngleDerivative(x, 12);
        assertTrue(Math.abs(exact) > 10, "the case needs a derivative far from 0: " + exact);
        assertEquals(0, NumericDiff.centralDifference(t -> iteratedAngle(t, 12), x, 0.1), 0, "flat at 0.1");
        assertEquals(0, NumericDiff.centralDifference(t -> iteratedAngle(t, 12), x, 0.1 / 16), 0, "and at 1/16");
        double estimate = NumericDiff.derivative(t -> iteratedAngle(t, 12), x);
        assertEquals(exact, estimate, 1e-6 * Math.abs(exact));
    }

    /**
     * {@code x sin(log |x|)} has no derivative at 0: its central difference there is {@code sin(log h)}, a different
     * value at every scale of step. No two runs agree, so the result is NaN rather than whichever the first run
     * found, and a gradient check against it cannot pass whatever derivative is claimed: it is inconclusive. Away
     * from 0 it is smooth and the estimate is accurate (1e-9 relative).
     */
    @Test
    void aDerivativeNoTwoRunsConfirmIsNaNAndTheCheckIsInconclusive() {
        DoubleUnaryOperator wobble = x -> x == 0 ? 0 : x * Math.sin(Math.log(Math.abs(x)));
        assertTrue(Double.isNaN(NumericDiff.derivative(wobble, 0)));
        GradientCheck.Report report = GradientCheck.scalar(
                        "wobble", v -> wobble.applyAsDouble(v[0]), new double[] {0}, new String[] {"x"})
                .gradient("reverse mode", new double[] {0})
                .report();
        assertFalse(report.passed(), report::toString);
        assertEquals(GradientCheck.Outcome.INCONCLUSIVE, report.outcome(), report::toString);
        assertFalse(NumericDiff.smooth(NumericDiff.runs(wobble, 0)));
        double exact = Math.sin(Math.log(0.5)) + Math.cos(Math.log(0.5));
        assertEquals(exact, NumericDiff.derivative(wobble, 0.5), FIRST_ORDER * Math.abs(exact));
    }

    @Test
    void derivativeOfAConstantIsExactlyZero() {
        assertEquals(0, NumericDiff.derivative(x -> 4.25, 3), 0);
    }

    @Test
    void aLargeStepSuffersTruncationError() {
        // For x^3 the central difference is exactly 3x^2 + h^2: with h = 1 at x = 0.5 it gives 1.75, not 0.75.
        DoubleUnaryOperator cube = x -> x * x * x;
        assertEquals(1.75, NumericDiff.centralDifference(cube, 0.5, 1), 1e-15);
        assertEquals(0.75, NumericDiff.derivative(cube, 0.5), 0.75 * FIRST_ORDER);
    }

    @Test
    void aTinyStepSuffersCancellation() {
        // 1 + x^2 at x = 1e-3 with h = 1e-15: f(x +- h) differ by 4e-18, far below the spacing of doubles near 1
        // (2.2e-16), so both round to the same double and the estimate is 0 instead of 2e-3.
        DoubleUnaryOperator offsetSquare = x -> 1 + x * x;
        assertEquals(0, NumericDiff.centralDifference(offsetSquare, 1e-3, 1e-15), 0);
        assertEquals(2e-3, NumericDiff.derivative(offsetSquare, 1e-3), 2e-3 * FIRST_ORDER);

        // x^2 evaluated as (1 + x)^2 - 1 - 2x carries rounding noise of about 1e-16; divided by 2h = 2e-15 that
        // swamps the true derivative 2e-4 at x = 1e-4 and here even flips its sign (IEEE arithmetic is
        // deterministic, so this is reproducible).
        DoubleUnaryOperator noisySquare = x -> (1 + x) * (1 + x) - 1 - 2 * x;
        double exact = 2e-4;
        assertTrue(NumericDiff.centralDifference(noisySquare, 1e-4, 1e-15) < 0);
        // The default keeps its steps large, where the noise is divided by ~0.1 rather than 1e-15.
        assertEquals(exact, NumericDiff.derivative(noisySquare, 1e-4), exact * FIRST_ORDER);
    }

    @Test
    void gradientMatchesClosedFormAndLeavesTheInputAlone() {
        // f = x0^2 x1 + exp(x0 x2) - 3 x1
        double[] x = {0.7, -1.3, 0.4};
        double[] copy = x.clone();
        double[] g = NumericDiff.gradient(v -> v[0] * v[0] * v[1] + Math.exp(v[0] * v[2]) - 3 * v[1], x);
        double e = Math.exp(x[0] * x[2]);
        double[] exact = {2 * x[0] * x[1] + x[2] * e, x[0] * x[0] - 3, x[0] * e};
        for (int i = 0; i < 3; i++) {
            assertEquals(exact[i], g[i], FIRST_ORDER * Math.abs(exact[i]), "d/dx" + i);
        }
        assertArrayEquals(copy, x, 0);
    }

    @Test
    void jacobianMatchesClosedForm() {
        // f = (x0 x1, sin(x0) + x2, x1^3, 5): 4 x 3
        double[] x = {0.9, -0.6, 2.0};
        double[][] j =
                NumericDiff.jacobian(v -> new double[] {v[0] * v[1], Math.sin(v[0]) + v[2], v[1] * v[1] * v[1], 5}, x);
        double[][] exact = {
            {x[1], x[0], 0},
            {Math.cos(x[0]), 0, 1},
            {0, 3 * x[1] * x[1], 0},
            {0, 0, 0}
        };
        assertEquals(4, j.length);
        for (int r = 0; r < 4; r++) {
            assertEquals(3, j[r].length);
            for (int c = 0; c < 3; c++) {
                // Relative where the entry is non-zero, absolute (same bound) where it is zero.
                assertEquals(exact[r][c], j[r][c], FIRST_ORDER * Math.max(1, Math.abs(exact[r][c])), r + "," + c);
            }
        }
    }

    @Test
    void jacobianToleratesAFunctionThatReusesItsResultArray() {
        double[] buffer = new double[2];
        double[][] j = NumericDiff.jacobian(
                v -> {
                    buffer[0] = v[0] * v[0];
                    buffer[1] = 3 * v[0];
                    return buffer;
                },
                new double[] {1.5});
        assertEquals(3, j[0][0], 3 * FIRST_ORDER);
        assertEquals(3, j[1][0], 3 * FIRST_ORDER);
    }

    @Test
    void jacobianRejectsAFunctionWhoseOutputLengthChanges() {
        assertThrows(
                IllegalArgumentException.class,
                () -> NumericDiff.jacobian(v -> new double[v[0] > 1 ? 2 : 3], new double[] {1}));
    }

    @Test
    void hessianMatchesClosedFormAndIsSymmetric() {
        // f = exp(x) sin(y) + x^2 y^3 + x z
        double[] p = {0.3, 1.2, -0.8};
        double x = p[0];
        double y = p[1];
        double[][] h = NumericDiff.hessian(
                v -> Math.exp(v[0]) * Math.sin(v[1]) + v[0] * v[0] * Math.pow(v[1], 3) + v[0] * v[2], p);
        double ex = Math.exp(x);
        double[][] exact = {
            {ex * Math.sin(y) + 2 * y * y * y, ex * Math.cos(y) + 6 * x * y * y, 1},
            {ex * Math.cos(y) + 6 * x * y * y, -ex * Math.sin(y) + 6 * x * x * y, 0},
            {1, 0, 0}
        };
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(exact[r][c], h[r][c], SECOND_ORDER * Math.max(1, Math.abs(exact[r][c])), r + "," + c);
                assertEquals(h[r][c], h[c][r], 0, "symmetry " + r + "," + c);
            }
        }
    }

    // ---- The runs behind a derivative: the evidence GradientCheck reports ----

    /** sin at 0.7: 5 central runs from 0.1 down to 0.1/256/16^3, then one-sided ones, all usable and agreeing. */
    @Test
    void runsOfASmoothFunctionAllAgree() {
        double x = 0.7;
        List<NumericDiff.Run> runs = NumericDiff.runs(Math::sin, x);
        assertEquals(
                List.of("central", "central", "central", "central", "central", "right", "left"),
                runs.stream().map(NumericDiff.Run::kind).toList());
        assertEquals(0.1, runs.get(0).step(), 0);
        assertEquals(0.1 / 256, runs.get(1).step(), 1e-18);
        assertEquals(0.1 / 256 / 16 / 16 / 16, runs.get(4).step(), 1e-22);
        assertEquals(runs.get(1).step(), runs.get(5).step(), 0);
        for (NumericDiff.Run run : runs) {
            assertTrue(run.usable(), run::toString);
            // One-sided and tiny steps are less accurate than the confirmed estimate, still far within 1e-6.
            assertEquals(Math.cos(x), run.estimate(), 1e-7, run::toString);
        }
        assertTrue(NumericDiff.smooth(runs));
    }

    /** abs at 0: every central difference is exactly 0, which hides the kink; one-sided runs give 1 and -1. */
    @Test
    void oneSidedRunsSeeAKinkThatCentralDifferencesAverageAway() {
        List<NumericDiff.Run> runs = NumericDiff.runs(Math::abs, 0);
        assertEquals(0, NumericDiff.derivative(Math::abs, 0), 0);
        assertEquals(1, runs.get(5).estimate(), 1e-12);
        assertEquals(-1, runs.get(6).estimate(), 1e-12);
        assertFalse(NumericDiff.smooth(runs));
    }

    /**
     * log at 1e-3: the coarsest run's steps (0.1) leave the domain, which says nothing about the derivative at the
     * point; the finer runs agree, so the function counts as smooth there.
     */
    @Test
    void theCoarsestRunDoesNotDecideSmoothness() {
        List<NumericDiff.Run> runs = NumericDiff.runs(Math::log, 1e-3);
        assertFalse(runs.get(0).usable(), runs.get(0)::toString);
        assertTrue(NumericDiff.smooth(runs), runs::toString);
    }

    /** A jump 1e-6 to the right: the runs whose steps straddle it are unusable. */
    @Test
    void runsAcrossAJumpAreUnusable() {
        List<NumericDiff.Run> runs = NumericDiff.runs(x -> x + (x > 1e-6 ? 0.01 : 0), 0);
        assertFalse(runs.get(1).usable(), runs.get(1)::toString);
        assertFalse(NumericDiff.smooth(runs));
    }
}
