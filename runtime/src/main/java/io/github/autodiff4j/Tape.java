package io.github.autodiff4j;

import java.util.Arrays;

/**
 * Primitive stacks ({@code double}, {@code int}, {@code boolean}) that generated reverse-mode code pushes to
 * in the forward sweep and pops, in reverse order, in the backward sweep: values overwritten by assignments, branch
 * decisions, loop counts.
 *
 * <p>Each stack grows in chunks of 4096 entries, so growth never copies entries and a very long
 * loop never needs one huge array. {@link #clear()} keeps the chunks, so a reused tape allocates nothing once it
 * has reached its largest size. Nothing is boxed. A fourth stack holds references to the arrays that a loop
 * allocates anew in each iteration ({@link #pushArray}), so that the backward sweep can revisit each one, and to the
 * objects (Strings, enum constants) a loop assigns to a variable ({@link #pushObject}).
 *
 * <p>Not thread-safe, by design: use one tape per thread, normally the one returned by {@link #local()}. A sweep
 * that pops exactly what it pushed leaves the tape as it found it, so nested differentiated calls can share it.
 */
public final class Tape {

    private static final int CHUNK_SIZE = 4096;

    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK_SIZE);
    private static final int MASK = CHUNK_SIZE - 1;
    private static final ThreadLocal<Tape> LOCAL = ThreadLocal.withInitial(Tape::new);

    // The chunk holding the top entry of a stack is cached in `*Top`; it is re-selected whenever a push or pop
    // crosses a chunk boundary, so the common path is one array store or load.
    private double[][] doubles = new double[1][];
    private double[] doubleTop;
    private int doubleCount;
    private int[][] ints = new int[1][];
    private int[] intTop;
    private int intCount;
    private boolean[][] booleans = new boolean[1][];
    private boolean[] booleanTop;
    private int booleanCount;
    // Arrays a loop allocates anew, and objects a loop assigns, are saved by reference in one growable array. Popping,
    // clear() and resetTo() null the slots they free, so that the tape does not keep them alive after the sweep.
    private Object[] arrays = new Object[16];
    private int arrayCount;

    /** Creates an empty tape; it allocates its first chunks on the first pushes. */
    public Tape() {}

    /**
     * The calling thread's tape, created on first use and reused afterwards.
     *
     * @return this thread's tape
     */
    public static Tape local() {
        return LOCAL.get();
    }

    /**
     * Pushes a {@code double}.
     *
     * @param v the value
     */
    public void pushDouble(double v) {
        int i = doubleCount & MASK;
        if (i == 0) {
            doubleTop = doubleChunk(doubleCount >>> SHIFT);
        }
        doubleTop[i] = v;
        doubleCount++;
    }

    /**
     * Pops the most recently pushed {@code double}.
     *
     * @return the value
     * @throws IllegalStateException if the {@code double} stack is empty
     */
    public double popDouble() {
        if (doubleCount == 0) {
            throw empty("double");
        }
        if ((doubleCount & MASK) == 0) {
            doubleTop = doubles[(doubleCount >>> SHIFT) - 1];
        }
        return doubleTop[--doubleCount & MASK];
    }

    /**
     * Pushes an {@code int}.
     *
     * @param v the value
     */
    public void pushInt(int v) {
        int i = intCount & MASK;
        if (i == 0) {
            intTop = intChunk(intCount >>> SHIFT);
        }
        intTop[i] = v;
        intCount++;
    }

    /**
     * Pops the most recently pushed {@code int}.
     *
     * @return the value
     * @throws IllegalStateException if the {@code int} stack is empty
     */
    public int popInt() {
        if (intCount == 0) {
            throw empty("int");
        }
        if ((intCount & MASK) == 0) {
            intTop = ints[(intCount >>> SHIFT) - 1];
        }
        return intTop[--intCount & MASK];
    }

    /**
     * Pushes a {@code long}, as two entries of the {@code int} stack.
     *
     * @param v the value
     */
    public void pushLong(long v) {
        pushInt((int) v);
        pushInt((int) (v >>> 32));
    }

    /**
     * Pops the most recently pushed {@code long}.
     *
     * @return the value
     * @throws IllegalStateException if the {@code int} stack holds fewer than two entries
     */
    public long popLong() {
        long high = popInt();
        long low = popInt() & 0xFFFFFFFFL;
        return (high << 32) | low;
    }

    /**
     * Pushes a {@code boolean}.
     *
     * @param v the value
     */
    public void pushBoolean(boolean v) {
        int i = booleanCount & MASK;
        if (i == 0) {
            booleanTop = booleanChunk(booleanCount >>> SHIFT);
        }
        booleanTop[i] = v;
        booleanCount++;
    }

    /**
     * Pops the most recently pushed {@code boolean}.
     *
     * @return the value
     * @throws IllegalStateException if the {@code boolean} stack is empty
     */
    public boolean popBoolean() {
        if (booleanCount == 0) {
            throw empty("boolean");
        }
        if ((booleanCount & MASK) == 0) {
            booleanTop = booleans[(booleanCount >>> SHIFT) - 1];
        }
        return booleanTop[--booleanCount & MASK];
    }

    /**
     * Pushes a reference to a {@code double[]}: generated code saves an array variable that a loop points at a new
     * array in every iteration, so that the backward sweep finds each iteration's array again.
     *
     * @param v the array (not copied)
     */
    public void pushArray(double[] v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed array reference.
     *
     * @return the array
     * @throws IllegalStateException if no array is on the tape
     */
    public double[] popArray() {
        return (double[]) popReference("array");
    }

    /**
     * Pushes a reference to a {@code double[][]}, as {@link #pushArray} does for a {@code double[]}.
     *
     * @param v the matrix (not copied)
     */
    public void pushMatrix(double[][] v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed matrix reference.
     *
     * @return the matrix
     * @throws IllegalStateException if no array is on the tape
     */
    public double[][] popMatrix() {
        return (double[][]) popReference("array");
    }

    /**
     * Pushes a reference to an {@code int[]}, as {@link #pushArray} does for a {@code double[]}: an index array that a loop
     * points at a new array in every iteration.
     *
     * @param v the array (not copied)
     */
    public void pushIntArray(int[] v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed an {@code int[]} reference.
     *
     * @return the array
     * @throws IllegalStateException if no array is on the tape
     */
    public int[] popIntArray() {
        return (int[]) popReference("array");
    }

    /**
     * Pushes a reference to a {@code long[]}, as {@link #pushArray} does for a {@code double[]}: an index array that a loop
     * points at a new array in every iteration.
     *
     * @param v the array (not copied)
     */
    public void pushLongArray(long[] v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed a {@code long[]} reference.
     *
     * @return the array
     * @throws IllegalStateException if no array is on the tape
     */
    public long[] popLongArray() {
        return (long[]) popReference("array");
    }

    /**
     * Pushes a reference to a {@code boolean[]}, as {@link #pushArray} does for a {@code double[]}: an index array that a loop
     * points at a new array in every iteration.
     *
     * @param v the array (not copied)
     */
    public void pushBooleanArray(boolean[] v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed a {@code boolean[]} reference.
     *
     * @return the array
     * @throws IllegalStateException if no array is on the tape
     */
    public boolean[] popBooleanArray() {
        return (boolean[]) popReference("array");
    }

    /**
     * Pushes a reference to an object: generated code saves an object variable (a {@code String}, an enum constant)
     * that a loop assigns in every iteration, so that the backward sweep sees each iteration's object again.
     *
     * @param v the object (not copied; may be null)
     */
    public void pushObject(Object v) {
        pushReference(v);
    }

    /**
     * Pops the most recently pushed object reference, as the type the caller assigns it to: generated code pops into
     * the variable it pushed from, so the cast holds.
     *
     * @param <T> the object's type
     * @return the object
     * @throws IllegalStateException if no array or object is on the tape
     */
    @SuppressWarnings("unchecked")
    public <T> T popObject() {
        return (T) popReference("object");
    }

    private void pushReference(Object v) {
        if (arrayCount == arrays.length) {
            arrays = Arrays.copyOf(arrays, arrayCount * 2);
        }
        arrays[arrayCount++] = v;
    }

    private Object popReference(String type) {
        if (arrayCount == 0) {
            throw empty(type);
        }
        Object v = arrays[--arrayCount];
        arrays[arrayCount] = null;
        return v;
    }

    /**
     * The number of {@code double}s on the tape.
     *
     * @return the size of the {@code double} stack
     */
    public int doubleCount() {
        return doubleCount;
    }

    /**
     * The number of {@code int}s on the tape.
     *
     * @return the size of the {@code int} stack
     */
    public int intCount() {
        return intCount;
    }

    /**
     * The number of {@code boolean}s on the tape.
     *
     * @return the size of the {@code boolean} stack
     */
    public int booleanCount() {
        return booleanCount;
    }

    /**
     * Whether every stack is empty.
     *
     * @return {@code true} if nothing is on the tape
     */
    public boolean isEmpty() {
        return doubleCount == 0 && intCount == 0 && booleanCount == 0 && arrayCount == 0;
    }

    /**
     * The size of every stack: where {@link #resetTo} takes the tape back.
     *
     * @param doubles the size of the {@code double} stack
     * @param ints the size of the {@code int} stack
     * @param booleans the size of the {@code boolean} stack
     * @param arrays the number of arrays and objects
     */
    public record Mark(int doubles, int ints, int booleans, int arrays) {}

    /**
     * Where every stack is now. A generated gradient takes one on entry when its function may throw.
     *
     * @return the sizes of the stacks
     */
    public Mark mark() {
        return new Mark(doubleCount, intCount, booleanCount, arrayCount);
    }

    /**
     * Drops what was pushed since {@code mark}: a generated gradient does it when its function throws in the middle of
     * the forward sweep, so that what the sweep saved does not stay on the thread's tape.
     *
     * @param mark where the stacks were, taken by {@link #mark()} on this tape, none popped below it since
     */
    public void resetTo(Mark mark) {
        doubleCount = mark.doubles();
        intCount = mark.ints();
        booleanCount = mark.booleans();
        Arrays.fill(arrays, mark.arrays(), arrayCount, null);
        arrayCount = mark.arrays();
    }

    /**
     * Empties every stack, keeping its chunks for reuse. Use it to recover a tape left unbalanced by an
     * exception thrown in the middle of a sweep.
     */
    public void clear() {
        doubleCount = 0;
        intCount = 0;
        booleanCount = 0;
        Arrays.fill(arrays, 0, arrayCount, null);
        arrayCount = 0;
    }

    /**
     * The bytes currently reserved by the chunks of the three stacks (8 per {@code double}, 4 per {@code int}, 1 per
     * {@code boolean} slot), not counting array headers. Unchanged by {@link #clear()}.
     *
     * @return the reserved payload bytes
     */
    public long capacityBytes() {
        return CHUNK_SIZE * (8L * allocated(doubles) + 4L * allocated(ints) + allocated(booleans));
    }

    private double[] doubleChunk(int k) {
        if (k == doubles.length) {
            doubles = Arrays.copyOf(doubles, 2 * k);
        }
        if (doubles[k] == null) {
            doubles[k] = new double[CHUNK_SIZE];
        }
        return doubles[k];
    }

    private int[] intChunk(int k) {
        if (k == ints.length) {
            ints = Arrays.copyOf(ints, 2 * k);
        }
        if (ints[k] == null) {
            ints[k] = new int[CHUNK_SIZE];
        }
        return ints[k];
    }

    private boolean[] booleanChunk(int k) {
        if (k == booleans.length) {
            booleans = Arrays.copyOf(booleans, 2 * k);
        }
        if (booleans[k] == null) {
            booleans[k] = new boolean[CHUNK_SIZE];
        }
        return booleans[k];
    }

    /** Chunks are allocated in order, so the allocated ones are a prefix of the chunk array. */
    private static int allocated(Object[] chunks) {
        int n = 0;
        while (n < chunks.length && chunks[n] != null) {
            n++;
        }
        return n;
    }

    private static IllegalStateException empty(String type) {
        return new IllegalStateException("Tape: pop" + Character.toUpperCase(type.charAt(0)) + type.substring(1)
                + "() on an empty " + type + " stack: the backward sweep popped more than the forward sweep pushed");
    }
}
