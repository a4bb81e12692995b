package io.github.autodiff4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the samples working: each one must pass its own checks, and the headline numbers they print are pinned
 * here independently of the samples' own code.
 */
class SamplesTest {

    @TestFactory
    Stream<DynamicTest> everySamplePassesItsChecks() {
        return Samples.all().stream().map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
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
        assertEquals(Samples.all().size(), Samples.all().stream().map(Sample::name).distinct().count());
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
        assertEquals(6, Polynomial.fPrimeByHand(2), 0);
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
}
