package io.github.autodiff4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.NumericDiff;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the samples working: each one must pass its own checks, and the headline numbers they print are pinned
 * here independently of the samples' own code.
 */
class SamplesTest {

    @TestFactory
    Stream<DynamicTest> everySamplePassesItsChecks() {
        return Samples.all().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    boolean passed;
                    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                        passed = sample.run(out);
                    }
                    String output = buffer.toString(StandardCharsets.UTF_8);
                    assertTrue(passed, () -> sample.name() + " failed a check:\n" + output);
                    assertTrue(output.contains("ok"), () -> sample.name() + " printed no checks:\n" + output);
                }));
    }

    @Test
    void sampleNamesAreUnique() {
        assertEquals(
                Samples.all().size(),
                Samples.all().stream().map(Sample::name).distinct().count());
    }

    /** f(x) = 2x + x^2 at 2: value 8, derivative 6; every step is exact in binary, so the tolerance is 0. */
    @Test
    void fourWaysNumbersAreExact() {
        Dual forward = PolynomialDiff.fJvp(2, 1);
        assertEquals(8, forward.value(), 0);
        assertEquals(6, forward.tangent(), 0);
        PolynomialDiff.FGradient reverse = PolynomialDiff.fGrad(2);
        assertEquals(8, reverse.value(), 0);
        assertEquals(6, reverse.x(), 0);
        assertEquals(6, FourWays.F.derivative().simplify().at(2), 0);
    }

    /** Generated and hand-derived gradients agree to rounding: 1e-12 relative to the gradient's size. */
    @Test
    void rosenbrockGradientMatchesClosedForm() {
        double[][] points = {{-1.2, 1}, {1, 1}, {0, 0}, {0.5, -2}, {3, 9.5}};
        for (double[] p : points) {
            RosenbrockDiff.RosenbrockGradient g = RosenbrockDiff.rosenbrockGrad(p[0], p[1]);
            double[] byHand = Rosenbrock.gradientByHand(p[0], p[1]);
            double scale = Math.max(1, Math.hypot(byHand[0], byHand[1]));
            assertEquals(Rosenbrock.rosenbrock(p[0], p[1]), g.value(), 0, "value at " + p[0] + ", " + p[1]);
            assertArrayEquals(byHand, new double[] {g.x(), g.y()}, 1e-12 * scale, "gradient at " + p[0] + ", " + p[1]);
        }
    }

    /** The minimum: gradient exactly 0, Hessian {{802, -400}, {-400, 200}}. */
    @Test
    void rosenbrockAtItsMinimum() {
        RosenbrockDiff.RosenbrockGradient g = RosenbrockDiff.rosenbrockGrad(1, 1);
        assertEquals(0, g.value(), 0);
        assertEquals(0, g.x(), 0);
        assertEquals(0, g.y(), 0);
        double[][] hessian = RosenbrockDiff.rosenbrockHessian(1, 1);
        assertArrayEquals(new double[] {802, -400}, hessian[0], 1e-12);
        assertArrayEquals(new double[] {-400, 200}, hessian[1], 1e-12);
    }

    // rosenbrock-descent ------------------------------------------------------------------------------------------

    /**
     * L-BFGS driven only by the generated allocation-free gradient reaches the minimum (1, ..., 1), f = 0, from the
     * classic start, in 2, 10 and 20 dimensions. Near the minimum |x - 1| <= |g| / 0.499 (the Hessian's smallest
     * eigenvalue for n = 20, larger for smaller n), so a gradient norm of 1e-10 leaves at most 2e-10.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 10, 20})
    void rosenbrockDescentConverges(int n) {
        Lbfgs.Result result = Lbfgs.minimize(
                RosenbrockNDiff::rosenbrockGrad,
                RosenbrockN.classicStart(n),
                RosenbrockDescent.MEMORY,
                1e-10,
                500,
                (iteration, f, norm, step, evaluations) -> {});
        assertTrue(result.converged(), () -> "n = " + n + ": " + result.stopReason());
        assertTrue(result.gradientNorm() <= 1e-10, () -> "n = " + n + ": |g| = " + result.gradientNorm());
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, result.x(), 1e-8, "n = " + n);
        assertTrue(result.value() <= 1e-16, () -> "n = " + n + ": f = " + result.value());
        assertEquals(RosenbrockN.rosenbrock(result.x()), result.value(), 0);
    }

    /** The n-D gradient against the closed form (to rounding) and NumericDiff (1e-7 relative), at several points. */
    @Test
    void rosenbrockNGradientMatchesClosedFormAndNumericDiff() {
        double[][] points = {
            RosenbrockN.classicStart(20),
            RosenbrockN.classicStart(3),
            {0, 0},
            {0.3, -0.7, 1.9, 2.2},
            {1.5, 2.25, -0.5, 0.1, 0.7, 1.1, -1.3, 0.4, 0.9, 1}
        };
        for (double[] x : points) {
            double[] dx = new double[x.length];
            double value = RosenbrockNDiff.rosenbrockGrad(x, dx);
            double[] byHand = RosenbrockN.gradientByHand(x);
            double[] numeric = NumericDiff.gradient(RosenbrockN::rosenbrock, x);
            double scale = Math.max(1, norm(byHand));
            String where = Arrays.toString(x);
            assertEquals(RosenbrockN.rosenbrock(x), value, 0, where);
            assertArrayEquals(byHand, dx, 1e-12 * scale, where);
            for (int i = 0; i < x.length; i++) {
                assertEquals(numeric[i], dx[i], 1e-7 * Math.max(1, Math.abs(numeric[i])), where + " d/dx[" + i + "]");
            }
            assertArrayEquals(dx, RosenbrockNDiff.rosenbrockGrad(x).x(), 0, where);
            var report = RosenbrockNDiff.rosenbrockCheck(x);
            assertTrue(report.passed(), report::toString);
        }
    }

    /** The dx overload overwrites whatever dx held, and rejects a dx of the wrong length. */
    @Test
    void rosenbrockNAllocationFreeGradientOverwritesAndChecksLength() {
        double[] x = RosenbrockN.classicStart(6);
        double[] dx = new double[6];
        Arrays.fill(dx, Double.NaN);
        RosenbrockNDiff.rosenbrockGrad(x, dx);
        assertArrayEquals(RosenbrockN.gradientByHand(x), dx, 1e-12 * norm(dx));
        RosenbrockNDiff.rosenbrockGrad(x, dx); // a second call does not accumulate
        assertArrayEquals(RosenbrockN.gradientByHand(x), dx, 1e-12 * norm(dx));
        assertThrows(IllegalArgumentException.class, () -> RosenbrockNDiff.rosenbrockGrad(x, new double[5]));
    }

    /** No call allocates: the smallest object takes 16 bytes, so under one byte per call means none. */
    @Test
    void rosenbrockNGradientAllocatesNothing() {
        long allocated = RosenbrockDescent.allocatedBytes(RosenbrockN.classicStart(20), 20_000);
        if (allocated >= 0) {
            assertTrue(allocated < 20_000, () -> allocated + " bytes in 20000 calls");
        }
    }

    /**
     * At the minimum the gradient is 0 and the Hessian is tridiagonal: {@code 2 + 800 + 200} on the diagonal (less
     * 200 in the first entry and 802 in the last), {@code -400} beside it; from the terms
     * {@code 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2}, whose Hessian at ones is {@code 200 g g^T + 2 e_i e_i^T}
     * with {@code g = -2 e_i + e_(i+1)}.
     */
    @Test
    void rosenbrockNAtItsMinimum() {
        int n = 6;
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        RosenbrockNDiff.RosenbrockGradient g = RosenbrockNDiff.rosenbrockGrad(ones);
        assertEquals(0, g.value(), 0);
        assertArrayEquals(new double[n], g.x(), 0);
        double[][] expected = new double[n][n];
        for (int i = 0; i < n - 1; i++) {
            expected[i][i] += 802;
            expected[i + 1][i + 1] += 200;
            expected[i][i + 1] = -400;
            expected[i + 1][i] = -400;
        }
        double[][] hessian = RosenbrockNDiff.rosenbrockHessian(ones);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], hessian[i], 1e-12, "row " + i);
        }
    }

    // ode-jacobian ------------------------------------------------------------------------------------------------

    /** RK4 on a linear ODE multiplies the state by P^steps, so that is the Jacobian by the initial state, exactly. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100, 500})
    void oscillatorJacobianByInitialStateIsRk4Propagator(int steps) {
        double[][] jacobian = OdeDiff.oscillatorJacobian(OdeJacobian.POSITION_VELOCITY, OdeJacobian.OMEGA, steps);
        double[][] propagator = Ode.rk4Propagator(OdeJacobian.OMEGA, steps);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(propagator[i], Arrays.copyOf(jacobian[i], 2), 1e-12, "row " + i);
        }
    }

    /**
     * The RK4 Jacobian approaches the exact solution's with fourth order: the error falls about 16-fold per
     * doubling of the steps, and is below 1e-6 at the sample's 500 steps (see OdeJacobian.RK4_TOLERANCE).
     */
    @Test
    void oscillatorJacobianConvergesToExactSensitivity() {
        double[] y0 = OdeJacobian.POSITION_VELOCITY;
        double omega = OdeJacobian.OMEGA;
        double[][] exact = Ode.oscillatorExactJacobian(y0, omega);
        double previous = OdeJacobian.worstError(OdeDiff.oscillatorJacobian(y0, omega, 100), exact);
        for (int steps = 200; steps <= 800; steps *= 2) {
            double error = OdeJacobian.worstError(OdeDiff.oscillatorJacobian(y0, omega, steps), exact);
            assertEquals(16, previous / error, 1.6, "error ratio to " + steps + " steps");
            previous = error;
        }
        assertTrue(OdeJacobian.worstError(OdeDiff.oscillatorJacobian(y0, omega, OdeJacobian.STEPS), exact)
                <= OdeJacobian.RK4_TOLERANCE);
        assertArrayEquals(Ode.oscillatorExact(y0, omega), Ode.oscillator(y0, omega, OdeJacobian.STEPS), 1e-7);
    }

    /** The predator-prey Jacobian against NumericDiff (1e-6 relative), at the sample's point and another. */
    @Test
    void predatorPreyJacobianMatchesNumericDiff() {
        double[][] points = {{10, 5, 1.1}, {4, 9, 0.7}};
        for (double[] p : points) {
            int steps = 200;
            double[][] jacobian = OdeDiff.predatorPreyJacobian(new double[] {p[0], p[1]}, p[2], steps);
            double[][] numeric = NumericDiff.jacobian(v -> Ode.predatorPrey(new double[] {v[0], v[1]}, v[2], steps), p);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(
                            numeric[i][j],
                            jacobian[i][j],
                            1e-6 * Math.max(1, Math.abs(numeric[i][j])),
                            Arrays.toString(p) + " entry " + i + ", " + j);
                }
            }
            assertTrue(OdeDiff.predatorPreyCheck(new double[] {p[0], p[1]}, p[2], steps)
                    .passed());
        }
    }

    /** JVP = J times the direction and VJP = seed times J, for both systems; values = the solver's. */
    @Test
    void odeJvpAndVjpAgreeWithJacobian() {
        double[] y0 = OdeJacobian.PREY_PREDATOR;
        double alpha = OdeJacobian.ALPHA;
        int steps = OdeJacobian.STEPS;
        double[][] j = OdeDiff.predatorPreyJacobian(y0, alpha, steps);
        double[] end = Ode.predatorPrey(y0, alpha, steps);
        DualVector jvp = OdeDiff.predatorPreyJvp(y0, new double[] {0.5, -2}, alpha, 3, steps);
        assertArrayEquals(end, jvp.value(), 0);
        for (int i = 0; i < 2; i++) {
            double expected = j[i][0] * 0.5 - 2 * j[i][1] + 3 * j[i][2];
            assertEquals(expected, jvp.tangent()[i], 1e-12 * Math.max(1, Math.abs(expected)));
        }
        OdeDiff.PredatorPreyGradient vjp = OdeDiff.predatorPreyVjp(y0, alpha, steps, new double[] {-1, 4});
        assertArrayEquals(end, vjp.value(), 0);
        double[] expected = {-j[0][0] + 4 * j[1][0], -j[0][1] + 4 * j[1][1], -j[0][2] + 4 * j[1][2]};
        assertArrayEquals(expected, new double[] {vjp.y0()[0], vjp.y0()[1], vjp.alpha()}, 1e-12 * norm(expected));

        double[] x0 = OdeJacobian.POSITION_VELOCITY;
        double omega = OdeJacobian.OMEGA;
        double[][] k = OdeDiff.oscillatorJacobian(x0, omega, steps);
        OdeDiff.OscillatorGradient row = OdeDiff.oscillatorVjp(x0, omega, steps, new double[] {0, 1});
        assertArrayEquals(k[1], new double[] {row.y0()[0], row.y0()[1], row.omega()}, 1e-12 * norm(k[1]));
        DualVector column = OdeDiff.oscillatorJvp(x0, new double[] {0, 1}, omega, 0, steps);
        assertArrayEquals(new double[] {k[0][1], k[1][1]}, column.tangent(), 1e-12);
        assertTrue(OdeDiff.oscillatorCheck(x0, omega, steps).passed());
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
