package io.github.autodiff4j.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GmmReference}, ADBench's C++ GMM objective ported with its void helpers and output arrays, against
 * {@link Gmm}, the array-returning rewrite, on ADBench's inputs ({@link AdbenchData}), and against NumericDiff.
 *
 * <p>Tolerances:
 * <ul>
 *   <li>The two objectives: 1e-12 relative. They sum the same terms in a slightly different order (the rewrite
 *   starts its sums from the first term, the C++ from 0; the prior's constant is added at another place): at most
 *   1.4e-16 measured.</li>
 *   <li>ADBench's published objective for gmm_test.txt, 8.07380408004975791: 1e-12 relative, as the samples'
 *   {@code AdbenchTest} checks {@link Gmm}.</li>
 *   <li>The two generated gradients: every component to 1e-10 relative (they came out bit for bit equal on every
 *   file).</li>
 *   <li>gmm_test.txt (18 inputs), every component against {@link NumericDiff#gradient}: 1e-7 relative, or
 *   absolute where the component is below 1, the samples' tolerance for this file (8e-13 measured).</li>
 * </ul>
 */
class GmmReferenceTest {

    /** ADBench's objective for gmm_test.txt (the samples' {@code Adbench.GMM_TEST_OBJECTIVE}). */
    static final double GMM_TEST_OBJECTIVE = 8.07380408004975791;

    static final double OBJECTIVES = 1e-12;
    static final double GRADIENTS = 1e-10;
    static final double NUMERIC = 1e-7;

    /** gmm_test.txt: the C++-shaped objective is ADBench's figure and the rewrite's. */
    @Test
    void testFileObjectiveIsAdbenchs() {
        Gmm.Input g = AdbenchData.readGmm("gmm_test.txt");
        double reference = GmmReference.objective(g);
        assertEquals(GMM_TEST_OBJECTIVE, reference, OBJECTIVES * GMM_TEST_OBJECTIVE);
        assertEquals(g.objective(), reference, OBJECTIVES * Math.abs(g.objective()));
    }

    /**
     * ADBench's 1k-point inputs and the 10k-point d2 K5: objective and generated gradient equal the rewrite's.
     *
     * @param file the input
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "gmm_test.txt",
                "gmm_1k_d2_K5.txt",
                "gmm_1k_d10_K5.txt",
                "gmm_1k_d2_K200.txt",
                "gmm_1k_d10_K50.txt",
                "gmm_10k_d2_K5.txt"
            })
    void sameObjectiveAndGradientAsTheRewrite(String file) {
        Gmm.Input g = AdbenchData.readGmm(file);
        double expected = g.objective();
        assertEquals(expected, GmmReference.objective(g), OBJECTIVES * Math.abs(expected), file);
        assertGradientsAgree(file, g.gradient(), GmmReference.gradient(g));
    }

    /**
     * gmm_test.txt, every component of the generated gradient against NumericDiff; the record form equals the
     * allocation-free one and carries the objective; the JVP along a random direction is the gradient's dot
     * product with it (1e-12 relative); the generated check, Hessian included, passes.
     */
    @Test
    void testFileDerivativesAgainstNumericDiff() {
        Gmm.Input g = AdbenchData.readGmm("gmm_test.txt");
        GmmReference.Wishart w = GmmReference.wishart(g);
        double[] gradient = GmmReference.gradient(g);
        double[] numeric = NumericDiff.gradient(g::objective, g.flatParameters());
        for (int i = 0; i < gradient.length; i++) {
            assertEquals(numeric[i], gradient[i], NUMERIC * Math.max(1, Math.abs(numeric[i])), "component " + i);
        }

        GmmReferenceDiff.GmmGradient record =
                GmmReferenceDiff.gmmGrad(g.d(), g.k(), g.n(), g.alphas(), g.means(), g.icf(), g.x(), w);
        assertEquals(GmmReference.objective(g), record.value(), 0);
        assertArrayEquals(gradient, Vectors.concat(record.alphas(), record.means(), record.icf()), 0);

        double[] direction = new Random(7).doubles(g.parameters(), -1, 1).toArray();
        int k = g.k();
        int km = k + g.means().length;
        Dual jvp = GmmReferenceDiff.gmmJvp(
                g.d(),
                g.k(),
                g.n(),
                g.alphas(),
                Arrays.copyOfRange(direction, 0, k),
                g.means(),
                Arrays.copyOfRange(direction, k, km),
                g.icf(),
                Arrays.copyOfRange(direction, km, direction.length),
                g.x(),
                w);
        double dot = 0;
        for (int i = 0; i < gradient.length; i++) {
            dot += gradient[i] * direction[i];
        }
        assertEquals(GmmReference.objective(g), jvp.value(), 0);
        assertEquals(dot, jvp.tangent(), 1e-12 * Math.abs(dot));

        var report = GmmReferenceDiff.gmmCheck(g.d(), g.k(), g.n(), g.alphas(), g.means(), g.icf(), g.x(), w);
        assertTrue(report.passed(), report::toString);
    }

    static void assertGradientsAgree(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], GRADIENTS * Math.abs(expected[i]), what + ", component " + i);
        }
    }
}
