package io.github.autodiff4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Gmm;
import io.github.autodiff4j.problems.GmmDiff;
import io.github.autodiff4j.problems.Lstm;
import io.github.autodiff4j.problems.LstmDiff;
import io.github.autodiff4j.problems.Vectors;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADBench's GMM and LSTM objectives ({@link Gmm}, {@link Lstm}): the published objective values, and the generated
 * gradients against {@link NumericDiff} and against the generated forward mode, on the inputs in
 * {@code data/adbench} in the repository.
 *
 * <p>Tolerances (the reasons are spelled out on the constants in {@link Adbench}):
 * <ul>
 *   <li>gmm_test.txt, every component: relative error against NumericDiff at most 1e-7 (8e-13 measured).</li>
 *   <li>The 1k-point GMM inputs and the LSTM, 20 components drawn with a fixed seed from each parameter block
 *   (NumericDiff costs dozens of objective evaluations per component): the absolute or the relative error
 *   against NumericDiff at most 1e-6, because there NumericDiff itself is off by up to 1e-7 relative (GMM: the
 *   objective's rounding noise over 1000 points, divided by the step) and by up to 4e-7 relative on LSTM
 *   components as small as 7e-7.</li>
 *   <li>The same components by forward mode (a JVP along each unit vector) against reverse mode: relative
 *   difference at most 1e-11 (7e-14 measured): the tight check that NumericDiff cannot provide.</li>
 * </ul>
 */
class AdbenchTest {

    private static final Pattern GMM_NAME = Pattern.compile("gmm_(\\d+)k_d(\\d+)_K(\\d+)\\.txt");

    // GMM ---------------------------------------------------------------------------------------------------------

    /** ADBench's value for gmm_test.txt, 8.07380408004975791, to 1e-12 relative (we measure 0: every digit). */
    @Test
    void gmmTestObjectiveIsAdbenchs() {
        Gmm.Input test = AdbenchData.readGmm("gmm_test.txt");
        assertEquals(Adbench.GMM_TEST_OBJECTIVE, test.objective(), 1e-12 * Adbench.GMM_TEST_OBJECTIVE);
    }

    /**
     * gmm_test.txt, all 18 components against NumericDiff (1e-7 relative); the record and the in-place gradients
     * agree exactly; the JVP along a direction equals the gradient's dot product with it (1e-12 relative: the same
     * derivative by two modes); the generated check passes; and the Hessian (forward over reverse) matches
     * NumericDiff's (1e-6 mixed, NumericDiff's Hessian being a derivative of a numerical derivative).
     */
    @Test
    void gmmTestDerivatives() {
        Gmm.Input g = AdbenchData.readGmm("gmm_test.txt");
        double[] gradient = g.gradient();
        int[] all = Adbench.allComponents(g.parameters());
        Adbench.Comparison numeric =
                Adbench.compare(g::objective, g.flatParameters(), gradient, all, Adbench.GMM_TEST_GRADIENT_TOLERANCE);
        assertTrue(
                numeric.worstRelative() <= Adbench.GMM_TEST_GRADIENT_TOLERANCE,
                () -> numeric.describe(Adbench.gmmNames(g)));
        assertTrue(Adbench.forwardReverse(g::forwardDerivative, gradient, all) <= Adbench.FORWARD_REVERSE_TOLERANCE);

        GmmDiff.GmmGradient record =
                GmmDiff.gmmGrad(g.alphas(), g.means(), g.icf(), g.x(), g.gamma(), g.m(), g.n(), g.d(), g.k());
        assertEquals(g.objective(), record.value(), 0);
        assertArrayEquals(gradient, Vectors.concat(record.alphas(), record.means(), record.icf()), 0);

        double[] direction = new Random(7).doubles(g.parameters(), -1, 1).toArray();
        int k = g.k();
        int km = k + g.means().length;
        Dual jvp = GmmDiff.gmmJvp(
                g.alphas(),
                Arrays.copyOfRange(direction, 0, k),
                g.means(),
                Arrays.copyOfRange(direction, k, km),
                g.icf(),
                Arrays.copyOfRange(direction, km, direction.length),
                g.x(),
                g.gamma(),
                g.m(),
                g.n(),
                g.d(),
                g.k());
        double dot = dot(gradient, direction);
        assertEquals(g.objective(), jvp.value(), 0);
        assertEquals(dot, jvp.tangent(), 1e-12 * Math.abs(dot));

        var report = GmmDiff.gmmCheck(g.alphas(), g.means(), g.icf(), g.x(), g.gamma(), g.m(), g.n(), g.d(), g.k());
        assertTrue(report.passed(), report::toString);

        double[][] hessian =
                GmmDiff.gmmHessian(g.alphas(), g.means(), g.icf(), g.x(), g.gamma(), g.m(), g.n(), g.d(), g.k());
        double[][] numericHessian = NumericDiff.hessian(g::objective, g.flatParameters());
        for (int i = 0; i < numericHessian.length; i++) {
            for (int j = 0; j < numericHessian.length; j++) {
                double expected = numericHessian[i][j];
                assertEquals(
                        expected,
                        hessian[i][j],
                        1e-6 * Math.max(1, Math.abs(expected)),
                        "Hessian entry " + i + ", " + j);
            }
        }
    }

    /**
     * The 1k-point inputs up to d = 10, K = 50: the reader finds the sizes the name gives, the objective is finite,
     * and 20 gradient components drawn with a fixed seed from alphas, means and icf match NumericDiff (1e-6,
     * absolute or relative) and forward mode (1e-11 relative).
     *
     * @param file the input's name
     */
    @ParameterizedTest
    @ValueSource(strings = {"gmm_1k_d2_K5.txt", "gmm_1k_d2_K200.txt", "gmm_1k_d10_K5.txt", "gmm_1k_d10_K50.txt"})
    void gmm1kGradientOnSampledComponents(String file) {
        Gmm.Input g = AdbenchData.readGmm(file);
        Matcher name = GMM_NAME.matcher(file);
        assertTrue(name.matches());
        assertEquals(1000 * Integer.parseInt(name.group(1)), g.n());
        assertEquals(Integer.parseInt(name.group(2)), g.d());
        assertEquals(Integer.parseInt(name.group(3)), g.k());
        assertEquals(1.0, g.gamma());
        assertEquals(0, g.m());
        assertTrue(Double.isFinite(g.objective()));

        int[] sample = Adbench.gmmSample(g, new Random(Adbench.SEED));
        assertEquals(Adbench.SAMPLED, sample.length);
        double[] gradient = g.gradient();
        Adbench.Comparison numeric =
                Adbench.compare(g::objective, g.flatParameters(), gradient, sample, Adbench.GMM_GRADIENT_TOLERANCE);
        assertEquals(0, numeric.failures(), () -> file + ": " + numeric.describe(Adbench.gmmNames(g)));
        double forward = Adbench.forwardReverse(g::forwardDerivative, gradient, sample);
        assertTrue(forward <= Adbench.FORWARD_REVERSE_TOLERANCE, () -> file + ": forward vs reverse " + forward);
    }

    // LSTM --------------------------------------------------------------------------------------------------------

    /**
     * lstm_l2_c1024.txt: ADBench's objective, printed to 8 digits, is 0.66666518; ours rounds to it (within half
     * a unit of the 8th decimal, 5e-9).
     */
    @Test
    void lstmObjectiveIsAdbenchs() {
        Lstm.Input l = AdbenchData.readLstm(Adbench.LSTM);
        assertEquals(2, l.l());
        assertEquals(1024, l.c());
        assertEquals(14, l.b());
        double value = l.objective();
        assertEquals("0.66666518", String.format(Locale.ROOT, "%.8f", value));
        assertEquals(Adbench.LSTM_OBJECTIVE, value, Adbench.LSTM_OBJECTIVE_HALF_UNIT);
    }

    /**
     * 20 components of the LSTM gradient (15 main, 5 extra, fixed seed) against NumericDiff (1e-6, absolute or
     * relative: see the class description) and forward mode (1e-11 relative); the JVP along a random direction
     * equals the gradient's dot product with it (1e-12 relative); the initial state passed in is not modified.
     */
    @Test
    void lstmGradient() {
        Lstm.Input l = AdbenchData.readLstm(Adbench.LSTM);
        double[] state = l.state().clone();
        double[] gradient = l.gradient();
        int[] sample = Adbench.lstmSample(l, new Random(Adbench.SEED));
        Adbench.Comparison numeric =
                Adbench.compare(l::objective, l.flatParameters(), gradient, sample, Adbench.LSTM_GRADIENT_TOLERANCE);
        assertEquals(0, numeric.failures(), () -> numeric.describe(Adbench.lstmNames(l)));
        assertTrue(Adbench.forwardReverse(l::forwardDerivative, gradient, sample) <= Adbench.FORWARD_REVERSE_TOLERANCE);

        double[] direction = new Random(11).doubles(l.parameters(), -1, 1).toArray();
        int main = l.main().length;
        Dual jvp = LstmDiff.lstmJvp(
                l.main(),
                Arrays.copyOfRange(direction, 0, main),
                l.extra(),
                Arrays.copyOfRange(direction, main, direction.length),
                l.state(),
                l.sequence(),
                l.l(),
                l.c(),
                l.b());
        double dot = dot(gradient, direction);
        assertEquals(l.objective(), jvp.value(), 0);
        assertEquals(dot, jvp.tangent(), 1e-12 * Math.abs(dot));
        assertArrayEquals(state, l.state(), 0);
    }

    // Data and sampling -------------------------------------------------------------------------------------------

    /** The sample of components is sorted, distinct, drawn from each block as asked, and the same for a seed. */
    @Test
    void sampledComponents() {
        int[] sizes = {5, 40, 100};
        int[] chosen = Adbench.sampleComponents(new Random(1), sizes, new int[] {10, 3, 4});
        assertEquals(5 + 3 + 4, chosen.length); // the first block has only 5
        assertEquals(chosen.length, Arrays.stream(chosen).distinct().count());
        assertArrayEquals(Arrays.stream(chosen).sorted().toArray(), chosen);
        assertEquals(5, Arrays.stream(chosen).filter(i -> i < 5).count());
        assertEquals(3, Arrays.stream(chosen).filter(i -> i >= 5 && i < 45).count());
        assertEquals(4, Arrays.stream(chosen).filter(i -> i >= 45 && i < 145).count());
        assertArrayEquals(chosen, Adbench.sampleComponents(new Random(1), sizes, new int[] {10, 3, 4}));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
