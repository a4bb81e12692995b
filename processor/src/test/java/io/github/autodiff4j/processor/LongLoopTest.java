package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Tape;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * A loop of ten million iterations that overwrites its state puts doubles on the tape in every iteration (today two: the
 * state and the previous sine). The tape grows
 * in 4096-entry chunks (never one huge array, never a copy of what it holds), the backward sweep empties it, and the
 * next call reuses the same chunks instead of allocating again.
 */
class LongLoopTest {
    private static final int N = 10_000_000;

    @Test
    void tenMillionIterationsFitTheTapeAndTheNextCallReusesIt() throws InterruptedException {
        Compiled compiled = Compiled.compile("demo.Orbit", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Orbit {
          @Differentiable
          static double orbit(double x, double a, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              s = s + a * Math.sin(s);
            }
            return s;
          }
        }
        """);
        ScalarFunction orbit = new ScalarFunction(compiled, "demo.Orbit", "orbit");
        // Against numerical differentiation first, on loops short enough for it. (Its first step, 0.1 in a, must not
        // carry the orbit to its fixed point at pi, where the gradient is flat: a n stays small.)
        orbit.assertDerivatives(0.7, 0.3, 5);
        orbit.assertDerivatives(-1.2, 0.05, 20);

        // On a thread of its own, whose tape (and its 80+ MB) goes when the thread ends, not on the test runner's,
        // which
        // other tests use.
        FutureTask<Void> run = new FutureTask<>(() -> tenMillionIterations(orbit), null);
        Thread thread = new Thread(run, "long-loop");
        thread.start();
        try {
            run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError(e.getCause());
        }
    }

    private static void tenMillionIterations(ScalarFunction orbit) {
        Tape tape = Tape.local();
        double[] first = orbit.valueAndGradient(0.7, 1e-7, N);
        long capacity = tape.capacityBytes();
        assertTrue(tape.isEmpty(), "the backward sweep pops everything it pushed");
        // At least one double per iteration, at most two (this loop's), rounded up to whole chunks of 4096, plus at
        // most
        // a few chunks of ints and booleans: 80 to 160 MB, in about 2500 to 5000 chunks of 32 KiB.
        assertTrue(capacity >= 8L * N && capacity <= 16L * N + 4 * 13L * 4096, "tape capacity " + capacity + " bytes");

        long allocatedBefore = allocatedBytes();
        double[] second = orbit.valueAndGradient(0.7, 1e-7, N);
        long allocated = allocatedBytes() - allocatedBefore;
        assertEquals(capacity, tape.capacityBytes(), "the second call reuses the first call's chunks");
        // The first call allocated its 80+ MB of chunks; the second allocates only the call's own few objects.
        assertTrue(allocated < 1_000_000, "the second call allocated " + allocated + " bytes");
        assertEquals(first[0], second[0], 0.0);
        assertEquals(first[1], second[1], 0.0);
        assertEquals(first[2], second[2], 0.0);

        double[] expected = byRecurrence(0.7, 1e-7, N);
        for (int i = 0; i < 3; i++) {
            // Ten million rounding errors of the two summation orders: relative 1e-9 is far above them, far below any
            // bug.
            assertEquals(expected[i], first[i], 1e-9 * Math.abs(expected[i]), "component " + i);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Value, d/dx and d/da of the orbit by forward recurrences: t' = t (1 + a cos s), u' = u (1 + a cos s) + sin s. */
    private static double[] byRecurrence(double x, double a, int n) {
        double s = x;
        double t = 1;
        double u = 0;
        for (int i = 0; i < n; i++) {
            double factor = 1 + a * Math.cos(s);
            u = u * factor + Math.sin(s);
            t = t * factor;
            s = s + a * Math.sin(s);
        }
        return new double[] {s, t, u};
    }
}
