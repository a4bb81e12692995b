package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.autodiff4j.Tape;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corpus, part 6: resources. The allocation-free gradient of the 1000-dimensional Rosenbrock function allocates
 * nothing per call once warm, and the thread's {@link Tape} stays empty after every call and stops growing once it
 * has reached the size of the largest call.
 *
 * <p>The calls are made by a plain driver class compiled with the function (so no reflection, boxing or varargs
 * array sits between the measurement and the generated code); it is loaded from memory like the companion, and the
 * JIT treats both like any other class.
 */
class CorpusResourcesTest {
    private static final String CLASS = "corpus.Resources";
    private static final int N = 1000;
    private static final int WARM_UP_CALLS = 20_000;
    private static final int MEASURED_CALLS = 100_000;
    /** Far below one allocation per call: the smallest object is 16 bytes. */
    private static final double MAX_BYTES_PER_CALL = 1.0;

    private static final double CLOSED = 1e-12;

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.Tape;

      public class Resources {
        @Differentiable
        static double rosenbrock(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
          }
          return s;
        }

        // A loop that overwrites its state and a while loop with a data-dependent exit: both need the tape.
        @Differentiable
        static double sinLoop(double[] x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s = Math.sin(s + x[i % x.length]);
            if (s > 0.5) {
              s *= 0.9;
            }
          }
          double t = 1 + s * s;
          while (t > 1e-3) {
            t = t * 0.5;
          }
          return s + t * x[0];
        }

        /** The bytes the tape reserves for one sinLoopGrad of n iterations, run on a new thread (a new tape). */
        static long tapeBytes(double[] x, double[] dx, int n) throws InterruptedException {
          long[] bytes = new long[1];
          Thread thread = new Thread(() -> {
            ResourcesDiff.sinLoopGrad(x, n, dx);
            bytes[0] = Tape.local().capacityBytes();
          });
          thread.start();
          thread.join();
          return bytes[0];
        }

        /** Calls the allocation-free rosenbrockGrad {@code calls} times; returns the sum of the values. */
        static double driveRosenbrock(double[] x, double[] dx, int calls) {
          double sum = 0;
          for (int i = 0; i < calls; i++) {
            sum += ResourcesDiff.rosenbrockGrad(x, dx);
          }
          return sum;
        }

        /**
         * Calls sinLoopGrad (the record form and the allocation-free form, alternately) {@code calls} times with
         * trip counts {@code i % 50}, and with {@code big} every 20000th call. Returns -1, or the index of the
         * first call after which the tape was not empty or had grown beyond {@code capacity} bytes.
         */
        static int driveSinLoop(double[] x, double[] dx, int calls, int big, long capacity) {
          Tape tape = Tape.local();
          for (int i = 0; i < calls; i++) {
            int n = i % 20_000 == 0 ? big : i % 50;
            if (i % 2 == 0) {
              ResourcesDiff.sinLoopGrad(x, n);
            } else {
              ResourcesDiff.sinLoopGrad(x, n, dx);
            }
            if (!tape.isEmpty() || tape.capacityBytes() > capacity) {
              return i;
            }
          }
          return -1;
        }
      }
      """;

    private static Compiled compiled;
    private static Class<?> user;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        user = compiled.load(CLASS);
    }

    private static Object call(String method, Object... args) {
        Method m = Arrays.stream(user.getDeclaredMethods())
                .filter(x -> x.getName().equals(method))
                .findFirst()
                .orElseThrow();
        m.setAccessible(true);
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(method + " threw " + e.getCause(), e.getCause());
        }
    }

    private static double[] rosenbrockPoint() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.sin(0.37 * i) + 0.1;
        }
        return x;
    }

    @Test
    void rosenbrockGradientIsRightInEveryForm() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "rosenbrock");
        double[] x = rosenbrockPoint();
        double[] expected = new double[N];
        double value = 0;
        for (int i = 0; i < N - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            value += 100 * a * a + (1 - x[i]) * (1 - x[i]);
            expected[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            expected[i + 1] += 200 * a;
        }
        double[] dx = new double[N];
        double inPlace = f.gradInPlace(args((Object) x), dx);
        CorpusSupport.assertClose(value, inPlace, CLOSED, "value");
        CorpusSupport.assertClose(expected, dx, CLOSED, "allocation-free gradient");
        double[] record = f.valueAndGradient((Object) x);
        assertEquals(inPlace, record[0], 0.0, "record value");
        assertArrayEquals(dx, Arrays.copyOfRange(record, 1, N + 1), 0.0, "record gradient");
        // NumericDiff and the Hessian on a small instance (n = 1000 would need 10^6 Hessian entries).
        f.assertDerivatives((Object) Arrays.copyOf(x, 6));
    }

    @Test
    void allocationFreeGradientAllocatesNothingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double[] x = rosenbrockPoint();
        double[] dx = new double[N];
        double perCall = Double.NaN;
        // Warm up, then measure; if the JIT has not finished compiling the hot path, warm up again (at most 5 times).
        for (int attempt = 0; attempt < 5; attempt++) {
            call("driveRosenbrock", x, dx, WARM_UP_CALLS);
            long before = threads.getThreadAllocatedBytes(thread);
            double sum = (double) call("driveRosenbrock", x, dx, MEASURED_CALLS);
            long after = threads.getThreadAllocatedBytes(thread);
            assertTrue(sum > 0, "the driver ran");
            perCall = (after - before) / (double) MEASURED_CALLS;
            System.out.printf("rosenbrockGrad(x, dx), n = %d: %.3f bytes per call (attempt %d)%n", N, perCall, attempt);
            if (perCall < MAX_BYTES_PER_CALL) {
                return;
            }
        }
        fail(String.format(
                "rosenbrockGrad(x, dx) with n = %d allocated %.1f bytes per call on average over %d calls "
                        + "(after 5 rounds of warm-up); expected < %.1f",
                N, perCall, MEASURED_CALLS, MAX_BYTES_PER_CALL));
    }

    @Test
    void tapeGrowsLinearlyWithTheTripCount() {
        double[] x = {0.3, -0.2, 0.7, 0.1};
        double[] dx = new double[x.length];
        int step = 40_000;
        long[] bytes = new long[3];
        for (int t = 0; t < 3; t++) {
            bytes[t] = (long) call("tapeBytes", x, dx, (t + 1) * step);
        }
        // capacityBytes() counts whole chunks of 4096 entries of each stack: up to one chunk each of rounding per end.
        long chunks = 4096L * (8 + 4 + 1);
        double perIteration = (bytes[2] - bytes[0]) / (2.0 * step);
        System.out.printf(
                "sinLoopGrad: tape %d, %d, %d bytes for %d, %d, %d iterations: %.1f bytes per iteration%n",
                bytes[0], bytes[1], bytes[2], step, 2 * step, 3 * step, perIteration);
        assertTrue(
                Math.abs((bytes[1] - bytes[0]) - (bytes[2] - bytes[1])) <= 2 * chunks,
                () -> "equal steps of iterations, unequal steps of tape: " + Arrays.toString(bytes));
        // Each iteration saves the argument of sin (8 bytes) and the branch's bit (1). No partial reads s itself (sin's
        // reads its argument, s * 0.9's is 0.9), so s is never saved; the loop's index is restored by arithmetic.
        double rounding = 2.0 * chunks / (2 * step);
        assertTrue(
                perIteration >= 9 - rounding && perIteration <= 9 + rounding,
                () -> perIteration + " bytes per iteration, expected 9");
    }

    @Test
    void tapeStaysEmptyAndStopsGrowing() {
        Tape tape = Tape.local();
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "sinLoop");
        double[] x = {0.3, -0.2, 0.7, 0.1};
        double[] dx = new double[x.length];
        int big = 20_000;
        // The derivatives themselves, with a short and a long trip count.
        f.assertDerivatives(x, 7);
        f.assertFirstOrder(x, 500);
        // The first few calls, with the largest trip count, size the tape.
        for (int i = 0; i < 3; i++) {
            call("driveSinLoop", x, dx, 1, big, Long.MAX_VALUE);
            assertTrue(tape.isEmpty(), "tape empty after call " + i);
        }
        long capacity = tape.capacityBytes();
        assertTrue(capacity > 0, "a loop of 20000 overwriting iterations is recorded on this thread's tape");
        assertTrue(capacity < 64L << 20, "capacity " + capacity + " bytes for 20000 iterations");
        int failedAt = (int) call("driveSinLoop", x, dx, 200_000, big, capacity);
        assertEquals(
                -1,
                failedAt,
                () -> "after call " + failedAt + " the tape was " + (tape.isEmpty() ? "" : "not ") + "empty and held "
                        + tape.capacityBytes() + " bytes (" + capacity + " after the first calls)");
        assertEquals(capacity, tape.capacityBytes(), "capacity after 200,000 more calls");
        // Hessians (forward over reverse, which may record more per iteration than the gradient) and JVPs leave the
        // tape
        // empty too, and once sized by the largest call it stops growing.
        f.hessian(x, big);
        f.jvp(new Object[] {x, big}, new double[] {1, 0, 0, 0});
        assertTrue(tape.isEmpty(), "tape empty after the Hessian and the JVP");
        long hessianCapacity = tape.capacityBytes();
        for (int i = 0; i < 2_000; i++) {
            f.hessian(x, i % 1000 == 0 ? big : i % 50);
            assertTrue(tape.isEmpty(), "tape empty after Hessian call " + i);
        }
        assertEquals(hessianCapacity, tape.capacityBytes(), "capacity after 2000 more Hessians");
    }
}
