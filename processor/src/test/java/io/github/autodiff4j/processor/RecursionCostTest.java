package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of differentiating a recursion, counted rather than timed: each level of the user's recursion calls
 * {@code tick}, a function with a {@code @DerivativeOf} rule whose body and rule count their calls. The reverse sweep
 * must visit each level a bounded number of times, as a loop's does: a gradient, a JVP, and each column of a Hessian
 * make at most {@link #PER_LEVEL} counted calls per level. Going through separate partials (one gradient each, per
 * level) made the count grow as 2^depth for two double parameters, and as depth^2 for one.
 */
class RecursionCostTest {
    /** Counted calls per level and sweep: tick in the forward sweep, its rule in the backward one, with slack. */
    private static final int PER_LEVEL = 4;

    /**
     * Per level and column of a Hessian through a recursion's private members: its record's tangent (tick and its
     * rule), the pullback's tangent running the level's forward sweep again (tick and rule) and its backward sweep
     * (the rule), with slack.
     */
    private static final int HESSIAN_PER_LEVEL = 6;

    private static Compiled compiled;
    private static Field ticks;
    private static Field limit;

    @BeforeAll
    static void compile() throws ReflectiveOperationException {
        compiled = Compiled.compile("demo.Deep", """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        public class Deep {
          static long ticks;
          /** Where counting stops: a blow-up fails at once rather than running for hours. */
          static long limit = Long.MAX_VALUE;

          /** The identity, counting its calls and its rule's. */
          static double tick(double x) {
            return count(x);
          }

          @DerivativeOf("tick")
          static double tickDerivative(double x) {
            return count(1);
          }

          static double count(double value) {
            if (++ticks > limit) {
              throw new IllegalStateException("more than " + limit + " counted calls");
            }
            return value;
          }

          @DerivativeOf("tickDerivative")
          static double tickSecond(double x) {
            return 0;
          }

          /** One double, direct recursion. */
          @Differentiable
          static double direct(double x, int n) {
            double t = tick(x);
            return n == 0 ? t : Math.sin(direct(0.9 * t, n - 1)) + 0.1 * t;
          }

          /** Two doubles, mutual recursion. */
          @Differentiable
          static double ping(double x, double y, int n) {
            double t = tick(x);
            return n == 0 ? t * y : pong(y, Math.sin(t), n - 1) + 0.1 * t;
          }

          @Differentiable
          static double pong(double x, double y, int n) {
            double t = tick(y);
            return n == 0 ? x + t : Math.cos(ping(0.5 * t, x, n - 1)) * x;
          }

          /** Horner's rule over an array, not annotated: its calls go through the companion's private members. */
          static double hornerTick(double[] c, double x, int i) {
            double t = tick(x);
            return i == c.length - 1 ? c[i] * t : c[i] + t * hornerTick(c, x, i + 1);
          }

          @Differentiable
          static double arrayChain(double[] c, double x) {
            return hornerTick(c, x, 0);
          }

          /** A tree over [lo, hi), split in halves: 2n - 1 calls for n elements. */
          static double treeTick(double[] v, int lo, int hi) {
            double t = tick(v[lo]);
            if (hi - lo == 1) {
              return Math.exp(t);
            }
            int mid = (lo + hi) >>> 1;
            return treeTick(v, lo, mid) * 0.5 + treeTick(v, mid, hi);
          }

          @Differentiable
          static double tree(double[] v) {
            return treeTick(v, 0, v.length);
          }

          /** A recursion returning an array: each level's returned array is kept once and replayed once. */
          static double[] stepsTick(double[] v, double x, int n) {
            double t = tick(x);
            if (n == 0) {
              return new double[] {v[0] * t, v[1]};
            }
            double[] w = stepsTick(v, 0.9 * t, n - 1);
            return new double[] {Math.sin(w[0]) + 0.1 * t, 0.5 * w[1] + 0.1 * w[0]};
          }

          @Differentiable
          static double vectorChain(double[] v, double x, int n) {
            double[] w = stepsTick(v, x, n);
            return w[0] * w[1];
          }

          /** Three doubles, direct recursion. */
          @Differentiable
          static double triple(double x, double y, double z, int n) {
            double t = tick(z);
            return n == 0 ? x * y * t : triple(y, 0.5 * t, Math.sin(x), n - 1) + x * 0.1;
          }
        }
        """);
        ticks = compiled.load("demo.Deep").getDeclaredField("ticks");
        ticks.setAccessible(true);
        limit = compiled.load("demo.Deep").getDeclaredField("limit");
        limit.setAccessible(true);
    }

    @Test
    void directRecursionIsLinearInDepth() throws ReflectiveOperationException {
        assertLinear("direct", 1, n -> new Object[] {0.4, n});
    }

    @Test
    void mutualRecursionOfTwoDoublesIsLinearInDepth() throws ReflectiveOperationException {
        assertLinear("ping", 2, n -> new Object[] {0.4, 0.7, n});
    }

    /**
     * A recursion returning an array, through private members whose pullback takes the result's adjoint array: linear
     * in depth in every mode, the Hessian within the bound of a recursion over an array per column.
     */
    @Test
    void recursionReturningAnArrayIsLinearInDepth() throws ReflectiveOperationException {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Deep", "vectorChain");
        limit.setLong(null, Long.MAX_VALUE);
        f.assertDerivatives(new double[] {0.4, 0.7}, 0.3, 6);
        for (int depth : new int[] {40, 300}) {
            Object[] at = {new double[] {0.4, 0.7}, 0.3, depth};
            int levels = depth + 1;
            assertAtMost(PER_LEVEL * levels, () -> f.gradient(at), "vectorChainGrad at depth " + depth);
            assertAtMost(PER_LEVEL * levels, () -> f.jvp(at, new double[3]), "vectorChainJvp at depth " + depth);
            assertAtMost(HESSIAN_PER_LEVEL * levels * 3, () -> f.hessian(at), "vectorChainHessian at depth " + depth);
        }
    }

    @Test
    void recursionOfThreeDoublesIsLinearInDepth() throws ReflectiveOperationException {
        assertLinear("triple", 3, n -> new Object[] {0.4, 0.7, -0.2, n});
    }

    /**
     * A recursion over an array, through private members: the gradient records the recursion once and its pullback
     * replays it, rather than running each level's rest of the recursion again (n^2 / 2 levels).
     */
    @Test
    void recursionOverAnArrayIsLinearInDepth() throws ReflectiveOperationException {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Deep", "arrayChain");
        f.assertDerivatives(array(6), 0.4);
        for (int depth : new int[] {40, 300}) {
            Object[] at = {array(depth), 0.4};
            assertAtMost((long) PER_LEVEL * depth, () -> f.gradient(at), "arrayChainGrad at depth " + depth);
            assertAtMost((long) PER_LEVEL * depth, () -> f.jvp(at, new double[depth + 1]), "arrayChainJvp at " + depth);
        }
        Object[] at = {array(40), 0.4};
        assertAtMost(HESSIAN_PER_LEVEL * 40 * 41, () -> f.hessian(at), "arrayChainHessian at depth 40");
    }

    /** A tree-shaped recursion (divide and conquer): a bounded number of counted calls per call of the tree. */
    @Test
    void treeRecursionIsLinearInItsCalls() throws ReflectiveOperationException {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Deep", "tree");
        f.assertDerivatives((Object) array(7));
        for (int n : new int[] {64, 1000}) {
            Object[] at = {array(n)};
            int calls = 2 * n - 1;
            assertAtMost((long) PER_LEVEL * calls, () -> f.gradient(at), "treeGrad over " + n);
            assertAtMost((long) PER_LEVEL * calls, () -> f.jvp(at, new double[n]), "treeJvp over " + n);
        }
        Object[] at = {array(64)};
        assertAtMost(HESSIAN_PER_LEVEL * 127 * 64, () -> f.hessian(at), "treeHessian over 64");
    }

    private static double[] array(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.3 + 0.4 * Math.sin(i);
        }
        return a;
    }

    /**
     * At depths 40 (where 2^depth would never finish) and 300 (where depth^2 is 75 times the bound), one gradient, one
     * JVP and one Hessian count at most {@link #PER_LEVEL} calls per level (per column for the Hessian). At depth 6, the
     * derivatives match NumericDiff, so that the counted code is the right one.
     */
    private void assertLinear(String name, int columns, java.util.function.IntFunction<Object[]> args)
            throws ReflectiveOperationException {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Deep", name);
        limit.setLong(null, Long.MAX_VALUE);
        f.assertDerivatives(args.apply(6));
        for (int depth : new int[] {40, 300}) {
            Object[] at = args.apply(depth);
            int levels = depth + 1;
            assertAtMost(PER_LEVEL * levels, () -> f.gradient(at), name + "Grad at depth " + depth);
            assertAtMost(PER_LEVEL * levels, () -> f.jvp(at, new double[columns]), name + "Jvp at depth " + depth);
            assertAtMost(PER_LEVEL * levels * columns, () -> f.hessian(at), name + "Hessian at depth " + depth);
        }
    }

    private static void assertAtMost(long bound, Supplier<Object> call, String what)
            throws ReflectiveOperationException {
        ticks.setLong(null, 0);
        limit.setLong(null, bound);
        try {
            // Past the bound, the counter throws: the helpers report it as an AssertionError.
            Object unused = call.get();
        } finally {
            limit.setLong(null, Long.MAX_VALUE);
        }
        long counted = ticks.getLong(null);
        assertTrue(counted <= bound, what + ": " + counted + " counted calls, more than " + bound);
        assertTrue(counted > 0, what + ": the counter must count");
    }
}
