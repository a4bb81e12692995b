package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.function.Executable;

/**
 * Closed-form comparisons shared by the Corpus*Test classes. Every tolerance is passed in by the caller and is
 * relative to max(1, |expected|).
 */
final class CorpusSupport {
    private CorpusSupport() {}

    static void assertClose(double expected, double actual, double tolerance, String what) {
        assertFalse(Double.isNaN(actual), what + ": NaN");
        double scale = Math.max(1, Math.abs(expected));
        assertTrue(
                Math.abs(expected - actual) <= tolerance * scale,
                () -> String.format(
                        "%s: expected %.17g, got %.17g (error %.3g, tolerance %.1g x %.3g)",
                        what, expected, actual, Math.abs(expected - actual), tolerance, scale));
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    /**
     * The gradient from fooGrad (reverse mode) and the JVP along the all-ones and first-unit directions (forward mode)
     * against closed-form partials, in the order of the flattened active inputs.
     */
    static void assertGradient(ScalarFunction f, Object[] args, double tolerance, double... expected) {
        String at = " at " + Arrays.deepToString(args);
        assertClose(expected, f.gradient(args), tolerance, "reverse mode" + at);
        double[] ones = new double[expected.length];
        Arrays.fill(ones, 1.0);
        Dual d = f.jvp(args, ones);
        assertClose(
                Arrays.stream(expected).sum(),
                d.tangent(),
                tolerance * expected.length,
                "forward mode along (1, ..., 1)" + at);
        double[] first = new double[expected.length];
        first[0] = 1.0;
        assertClose(expected[0], f.jvp(args, first).tangent(), tolerance, "forward mode along e0" + at);
    }

    /** The value from fooGrad against a closed form. */
    static void assertValue(ScalarFunction f, Object[] args, double tolerance, double expected) {
        assertClose(expected, f.valueAndGradient(args)[0], tolerance, "value at " + Arrays.deepToString(args));
    }

    /** Runs {@code check}, naming the point in any failure. */
    static void at(Object[] point, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError("at " + Arrays.deepToString(point) + ": " + e.getMessage(), e);
        }
    }

    /** {@code check} at every point, each failure reported with its point, all points run. */
    static void atPoints(String method, Consumer<Object[]> check, Object[]... points) {
        assertAll(method, Arrays.stream(points).map(p -> (Executable) () -> at(p, () -> check.accept(p))));
    }

    static Object[] args(Object... args) {
        return args;
    }
}
