package io.github.autodiff4j;

import java.util.Arrays;

/**
 * The values of recursive calls, which generated reverse-mode code records once and replays, so that the gradient of
 * a recursion n deep costs O(n): a call's record member ({@code hornerRecord}) runs the recursion and keeps the values
 * its recursive calls returned; the pullback ({@code hornerPullback}), called in the caller's backward sweep, takes
 * them back in the order its forward sweep meets the calls, instead of running the calls again, and its backward
 * sweep calls the pullbacks of those calls, which find theirs next.
 *
 * <p>Each level keeps the values of its calls apart ({@link #open}, {@link #keep}) until it returns ({@link #close}),
 * then lays them on the stack its pullback reads, the first call's on top, above what its calls laid there. One per
 * thread, through static methods; a sweep that replays what it recorded leaves the stack as it found it.
 */
public final class RecursionTape {
    private static final ThreadLocal<RecursionTape> LOCAL = ThreadLocal.withInitial(RecursionTape::new);

    /** The values kept by the levels still running, each level's above its caller's. */
    private double[] pending = new double[64];

    private int pendingCount;
    /** The values closed levels laid down for their pullbacks, the next one to replay on top. */
    private double[] recorded = new double[64];

    private int recordedCount;

    private RecursionTape() {}

    /**
     * Starts a level of a recording.
     *
     * @return the mark {@link #close} takes back
     */
    public static int open() {
        return LOCAL.get().pendingCount;
    }

    /**
     * Keeps the value a recursive call of the current level returned.
     *
     * @param value the value
     * @return the value
     */
    public static double keep(double value) {
        RecursionTape t = LOCAL.get();
        if (t.pendingCount == t.pending.length) {
            t.pending = Arrays.copyOf(t.pending, 2 * t.pending.length);
        }
        t.pending[t.pendingCount++] = value;
        return value;
    }

    /**
     * Keeps the value and the tangent a recursive call of the current level returned ({@code {value, tangent}}).
     *
     * @param valueAndTangent the value and its tangent
     * @return the same array
     */
    public static double[] keepBoth(double[] valueAndTangent) {
        keep(valueAndTangent[0]);
        keep(valueAndTangent[1]);
        return valueAndTangent;
    }

    /**
     * Keeps the array a call of the current level returned (a library's vector function called in a function whose
     * own members record): its length, then its elements, which {@link #nextArray} takes back in that order.
     *
     * @param values the array, copied
     * @return the same array
     */
    public static double[] keep(double[] values) {
        keep(values.length);
        for (double v : values) {
            keep(v);
        }
        return values;
    }

    /**
     * Keeps the arrays of a value and its tangent that a call of the current level returned.
     *
     * @param valueAndTangent the value and its tangent
     * @return the same arrays
     */
    public static double[][] keepBoth(double[][] valueAndTangent) {
        keep(valueAndTangent[0]);
        keep(valueAndTangent[1]);
        return valueAndTangent;
    }

    /**
     * Ends a level: lays the values it kept on the stack its pullback reads, the first kept on top.
     *
     * @param mark what {@link #open} returned for this level
     */
    public static void close(int mark) {
        RecursionTape t = LOCAL.get();
        int n = t.pendingCount - mark;
        if (t.recordedCount + n > t.recorded.length) {
            t.recorded = Arrays.copyOf(t.recorded, Math.max(2 * t.recorded.length, t.recordedCount + n));
        }
        for (int i = t.pendingCount - 1; i >= mark; i--) {
            t.recorded[t.recordedCount++] = t.pending[i];
        }
        t.pendingCount = mark;
    }

    /**
     * Where the recorded values end: a gradient that records takes the stack back there if its function throws
     * ({@link #resetTo}), so that a caller catching the exceptions in a loop does not grow it.
     *
     * @return the number of recorded values
     */
    public static int mark() {
        return LOCAL.get().recordedCount;
    }

    /**
     * Drops the values recorded since {@link #mark} returned {@code mark}.
     *
     * @param mark what {@link #mark} returned
     */
    public static void resetTo(int mark) {
        RecursionTape t = LOCAL.get();
        t.recordedCount = Math.min(t.recordedCount, mark);
    }

    /**
     * Replays the next recorded value.
     *
     * @return the value
     */
    public static double next() {
        RecursionTape t = LOCAL.get();
        return t.recorded[--t.recordedCount];
    }

    /**
     * Replays the next recorded value and its tangent, kept by {@link #keepBoth}.
     *
     * @return {@code {value, tangent}}
     */
    public static double[] nextBoth() {
        double value = next();
        return new double[] {value, next()};
    }

    /**
     * Replays the next recorded array, kept by {@link #keep(double[])}.
     *
     * @return a new array of the values kept
     */
    public static double[] nextArray() {
        double[] values = new double[(int) next()];
        for (int i = 0; i < values.length; i++) {
            values[i] = next();
        }
        return values;
    }

    /**
     * Replays the next recorded arrays of a value and its tangent, kept by {@link #keepBoth(double[][])}.
     *
     * @return {@code {value, tangent}}
     */
    public static double[][] nextArrays() {
        double[] value = nextArray();
        return new double[][] {value, nextArray()};
    }
}
