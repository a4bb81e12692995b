package io.github.autodiff4j.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LstmReference}, ADBench's C++ LSTM objective ported with its void functions and output arrays, against
 * {@link Lstm}, the one-method rewrite, on ADBench's lstm_l2_c1024.txt, and against NumericDiff.
 *
 * <p>Tolerances:
 * <ul>
 *   <li>The two objectives: 1e-12 relative (the same operations; the log-sum-exp's sum starts from 0 in the C++
 *   and from its first term in the rewrite): equal, measured.</li>
 *   <li>ADBench's published objective, printed to 8 digits, 0.66666518: ours rounds to it, as the samples'
 *   {@code AdbenchTest} checks {@link Lstm}.</li>
 *   <li>The two generated gradients: every component to 1e-10 relative (3e-16 measured).</li>
 *   <li>On a small instance, the file's parameters and state with the sequence cut to its first 5 entries (4
 *   predictions), all 266 components against {@link NumericDiff#gradient}: 1e-7 relative, or absolute where the
 *   component is below 1 (worst measured: 5e-8 relative, on a small component; 2e-11 of the largest).</li>
 * </ul>
 */
class LstmReferenceTest {

    static final String FILE = "lstm_l2_c1024.txt";
    /** ADBench's objective for lstm_l2_c1024.txt, printed to 8 digits (the samples' {@code Adbench}). */
    static final String LSTM_OBJECTIVE = "0.66666518";

    static final double OBJECTIVES = 1e-12;
    static final double NUMERIC = 1e-7;

    /** The C++-shaped objective rounds to ADBench's figure and equals the rewrite's; the state is left alone. */
    @Test
    void objectiveIsAdbenchsAndTheRewrites() {
        Lstm.Input in = AdbenchData.readLstm(FILE);
        double[] state = in.state().clone();
        double reference = LstmReference.objective(in);
        assertEquals(LSTM_OBJECTIVE, String.format(Locale.ROOT, "%.8f", reference));
        assertEquals(in.objective(), reference, OBJECTIVES * Math.abs(in.objective()));
        assertArrayEquals(state, in.state(), 0);
    }

    /** The generated gradient equals the rewrite's, and leaves the state as it was. */
    @Test
    void sameGradientAsTheRewrite() {
        Lstm.Input in = AdbenchData.readLstm(FILE);
        double[] state = in.state().clone();
        GmmReferenceTest.assertGradientsAgree(FILE, in.gradient(), LstmReference.gradient(in));
        assertArrayEquals(state, in.state(), 0);
    }

    /**
     * A small instance: every component against NumericDiff; the record form equals the allocation-free one; the
     * JVP along a random direction is the gradient's dot product with it (1e-12 relative); the generated check,
     * Hessian included, passes.
     */
    @Test
    void smallInstanceAgainstNumericDiff() {
        Lstm.Input file = AdbenchData.readLstm(FILE);
        int c = 5;
        Lstm.Input in = new Lstm.Input(
                "first 5 of " + FILE,
                file.l(),
                c,
                file.b(),
                file.main(),
                file.extra(),
                file.state(),
                Arrays.copyOf(file.sequence(), c * file.b()));
        double[] gradient = LstmReference.gradient(in);
        GmmReferenceTest.assertGradientsAgree("small", in.gradient(), gradient);
        double[] numeric = NumericDiff.gradient(in::objective, in.flatParameters());
        for (int i = 0; i < gradient.length; i++) {
            assertEquals(numeric[i], gradient[i], NUMERIC * Math.max(1, Math.abs(numeric[i])), "component " + i);
        }

        LstmReferenceDiff.LstmGradient record =
                LstmReferenceDiff.lstmGrad(in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence());
        assertEquals(LstmReference.objective(in), record.value(), 0);
        assertArrayEquals(gradient, Vectors.concat(record.mainParams(), record.extraParams()), 0);

        double[] direction = new Random(11).doubles(in.parameters(), -1, 1).toArray();
        int main = in.main().length;
        Dual jvp = LstmReferenceDiff.lstmJvp(
                in.l(),
                in.c(),
                in.b(),
                in.main(),
                Arrays.copyOfRange(direction, 0, main),
                in.extra(),
                Arrays.copyOfRange(direction, main, direction.length),
                in.state(),
                in.sequence());
        double dot = 0;
        for (int i = 0; i < gradient.length; i++) {
            dot += gradient[i] * direction[i];
        }
        assertEquals(LstmReference.objective(in), jvp.value(), 0);
        assertEquals(dot, jvp.tangent(), 1e-12 * Math.abs(dot));

        var report =
                LstmReferenceDiff.lstmCheck(in.l(), in.c(), in.b(), in.main(), in.extra(), in.state(), in.sequence());
        assertTrue(report.passed(), report::toString);
    }
}
