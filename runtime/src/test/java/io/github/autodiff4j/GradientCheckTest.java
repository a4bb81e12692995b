package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    // f(x, y) = x^2 y + sin(y), gradient (2xy, x^2 + cos y)
    private static final ToDoubleFunction<double[]> F = v -> v[0] * v[0] * v[1] + Math.sin(v[1]);
    private static final double[] POINT = {1.5, -0.4};
    private static final String[] NAMES = {"x", "y"};

    private static double[] exactGradient() {
        double x = POINT[0];
        double y = POINT[1];
        return new double[] {2 * x * y, x * x + Math.cos(y)};
    }

    // g(x, y) = (x y, sin x, x + y^2)
    private static final Function<double[], double[]> G =
            v -> new double[] {v[0] * v[1], Math.sin(v[0]), v[0] + v[1] * v[1]};

    private static double[][] exactJacobian() {
        double x = POINT[0];
        double y = POINT[1];
        return new double[][] {{y, x}, {Math.cos(x), 0}, {1, 2 * y}};
    }

    @Test
    void aCorrectGradientPasses() {
        GradientCheck.Report r = GradientCheck.scalar("f", F, POINT, NAMES)
                .gradient("reverse mode", exactGradient())
                .gradient("forward mode", exactGradient())
                .report();
        assertTrue(r.passed(), r.toString());
        assertEquals(4, r.comparisons());
        assertEquals(GradientCheck.DEFAULT_TOLERANCE, r.tolerance());
        // NumericDiff is far more accurate than the tolerance on this smooth function.
        assertTrue(r.maxRelativeError() < 1e-9, r.toString());
        assertTrue(r.maxAbsoluteError() < 1e-9, r.toString());
    }

    @Test
    void aWrongComponentFailsAndIsNamed() {
        double[] wrong = exactGradient();
        wrong[1] += 1e-3;
        GradientCheck.Report r = GradientCheck.scalar("f", F, POINT, NAMES)
                .gradient("reverse mode", exactGradient())
                .gradient("forward mode", wrong)
                .report();
        assertFalse(r.passed(), r.toString());
        assertEquals("forward mode, d/dy", r.where());
        assertEquals("forward mode, d/dy", r.whereAbsolute());
        assertEquals(1, r.failures());
        assertEquals(1e-3, r.maxAbsoluteError(), 1e-9);
    }

    @Test
    void toleranceMaySetBeforeOrAfterTheComparisons() {
        double[] wrong = exactGradient();
        wrong[0] *= 1 + 1e-4;
        assertTrue(GradientCheck.scalar("f", F, POINT, NAMES).gradient("m", wrong).tolerance(1e-3).report().passed());
        assertTrue(GradientCheck.scalar("f", F, POINT, NAMES).tolerance(1e-3).gradient("m", wrong).report().passed());
        assertFalse(GradientCheck.scalar("f", F, POINT, NAMES).tolerance(1e-5).gradient("m", wrong).report().passed());
    }

    @Test
    void anEntryPassesIfEitherItsAbsoluteOrItsRelativeErrorIsWithinTolerance() {
        // h(a, b) = 1e8 (a - 0.5) + 1e-9 b: an absolute error of 1 on the first is relatively 1e-8, an absolute
        // error of 1e-7 on the second is relatively 100. Each entry passes, although both maxima exceed the
        // tolerance. (The shift keeps h small at the point, so that the b term is not lost to rounding.)
        ToDoubleFunction<double[]> h = v -> 1e8 * (v[0] - 0.5) + 1e-9 * v[1];
        GradientCheck.Report r = GradientCheck.scalar("h", h, new double[] {0.5, 0.5}, new String[] {"a", "b"})
                .gradient("m", new double[] {1e8 + 1, 1e-9 + 1e-7})
                .report();
        assertTrue(r.passed(), r.toString());
        assertTrue(r.maxAbsoluteError() > r.tolerance() && r.maxRelativeError() > r.tolerance(), r.toString());
        assertEquals("m, d/db", r.where());
        assertEquals("m, d/da", r.whereAbsolute());
    }

    @Test
    void nanFails() {
        GradientCheck.Report ours = GradientCheck.scalar("f", F, POINT, NAMES)
                .gradient("reverse mode", new double[] {exactGradient()[0], Double.NaN})
                .report();
        assertFalse(ours.passed(), ours.toString());
        assertEquals("reverse mode, d/dy", ours.where());
        assertTrue(Double.isNaN(ours.maxAbsoluteError()) && Double.isNaN(ours.maxRelativeError()));

        // A function that is NaN everywhere fails even when our derivative is NaN too.
        GradientCheck.Report both = GradientCheck.scalar("nan", v -> Double.NaN, new double[] {1}, new String[] {"x"})
                .gradient("reverse mode", new double[] {Double.NaN})
                .report();
        assertFalse(both.passed(), both.toString());
    }

    @Test
    void wrongLengthsThrowNamingBoth() {
        GradientCheck.Scalar check = GradientCheck.scalar("f", F, POINT, NAMES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check.gradient("reverse mode", new double[3]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.scalar("f", F, POINT, new String[] {"x"}));

        GradientCheck.Vector vector = GradientCheck.vector("g", G, POINT, NAMES);
        e = assertThrows(IllegalArgumentException.class, () -> vector.jacobian("JVP", new double[2][2]));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vector.jacobian("JVP", new double[3][5]));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void theNumericalGradientIsComputedOnce() {
        AtomicInteger calls = new AtomicInteger();
        GradientCheck.Scalar check = GradientCheck.scalar("f", v -> {
            calls.incrementAndGet();
            return F.applyAsDouble(v);
        }, POINT, NAMES);
        assertEquals(0, calls.get());
        check.gradient("reverse mode", exactGradient());
        int afterFirst = calls.get();
        assertTrue(afterFirst > 0);
        check.gradient("forward mode", exactGradient());
        assertEquals(afterFirst, calls.get());
    }

    @Test
    void aCorrectJacobianPassesAndAWrongEntryIsNamed() {
        GradientCheck.Report good = GradientCheck.vector("g", G, POINT, NAMES)
                .jacobian("JVP", exactJacobian())
                .report();
        assertTrue(good.passed(), good.toString());
        assertEquals(6, good.comparisons());

        double[][] wrong = exactJacobian();
        wrong[1][0] = -wrong[1][0];
        GradientCheck.Report bad = GradientCheck.vector("g", G, POINT, NAMES)
                .jacobian("VJP", exactJacobian())
                .jacobian("JVP", wrong)
                .report();
        assertFalse(bad.passed(), bad.toString());
        assertEquals("JVP, d out[1] / d x", bad.where());
        assertEquals(12, bad.comparisons());
    }

    @Test
    void toStringIsReadable() {
        String passed = GradientCheck.scalar("foo", F, POINT, NAMES).gradient("reverse mode", exactGradient())
                .report().toString();
        assertTrue(passed.startsWith("foo: PASSED (tolerance 1.0e-06)"), passed);
        assertTrue(passed.contains("reverse mode, d/d") && passed.contains("2 comparisons"), passed);

        String failed = GradientCheck.scalar("foo", F, POINT, NAMES).gradient("reverse mode", new double[2])
                .report().toString();
        assertTrue(failed.startsWith("foo: FAILED"), failed);
        assertTrue(failed.lines().count() >= 4, failed);
    }
}
