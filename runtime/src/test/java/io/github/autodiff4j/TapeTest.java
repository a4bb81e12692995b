package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TapeTest {

    /** The documented chunk size. */
    private static final int CHUNK = 4096;

    @Test
    void eachStackIsLastInFirstOut() {
        Tape tape = new Tape();
        tape.pushDouble(1.5);
        tape.pushDouble(-2.5);
        tape.pushInt(7);
        tape.pushInt(-3);
        tape.pushBoolean(true);
        tape.pushBoolean(false);
        assertEquals(2, tape.doubleCount());
        assertEquals(2, tape.intCount());
        assertEquals(2, tape.booleanCount());
        assertEquals(-2.5, tape.popDouble());
        assertEquals(1.5, tape.popDouble());
        assertEquals(-3, tape.popInt());
        assertEquals(7, tape.popInt());
        assertFalse(tape.popBoolean());
        assertTrue(tape.popBoolean());
        assertTrue(tape.isEmpty());
    }

    @Test
    void stacksAreIndependentWhenInterleaved() {
        Tape tape = new Tape();
        for (int i = 0; i < 10; i++) {
            tape.pushDouble(i + 0.25);
            tape.pushInt(100 + i);
            tape.pushBoolean(i % 3 == 0);
        }
        for (int i = 9; i >= 0; i--) {
            assertEquals(i % 3 == 0, tape.popBoolean());
            assertEquals(i + 0.25, tape.popDouble());
            assertEquals(100 + i, tape.popInt());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void growsPastSeveralChunks() {
        Tape tape = new Tape();
        int n = 5 * CHUNK + 17;
        for (int i = 0; i < n; i++) {
            tape.pushDouble(i * 0.5);
            tape.pushInt(-i);
            tape.pushBoolean(Integer.bitCount(i) % 2 == 0);
        }
        assertEquals(n, tape.doubleCount());
        for (int i = n - 1; i >= 0; i--) {
            assertEquals(i * 0.5, tape.popDouble());
            assertEquals(-i, tape.popInt());
            assertEquals(Integer.bitCount(i) % 2 == 0, tape.popBoolean());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void matchesAReferenceStackUnderRandomPushesAndPopsAcrossChunkBoundaries() {
        Tape tape = new Tape();
        ArrayDeque<Double> reference = new ArrayDeque<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            // Biased towards pushing so that the stack wanders over several chunk boundaries.
            if (reference.isEmpty() || random.nextInt(100) < 55) {
                double v = random.nextDouble();
                tape.pushDouble(v);
                reference.push(v);
            } else {
                assertEquals(reference.pop(), tape.popDouble());
            }
            assertEquals(reference.size(), tape.doubleCount());
        }
        assertTrue(reference.size() > 2 * CHUNK, "the test should have crossed several chunks");
    }

    @Test
    void clearKeepsCapacitySoReuseAllocatesNothing() {
        Tape tape = new Tape();
        assertEquals(0, tape.capacityBytes());
        for (int i = 0; i < 1_000_000; i++) {
            tape.pushDouble(i);
        }
        long capacity = tape.capacityBytes();
        // Chunked growth reserves at most one partly used chunk beyond what is needed.
        assertTrue(capacity >= 8L * 1_000_000 && capacity < 8L * (1_000_000 + CHUNK), "capacity " + capacity);
        tape.clear();
        assertTrue(tape.isEmpty());
        assertEquals(capacity, tape.capacityBytes());
        for (int i = 0; i < 1_000_000; i++) {
            tape.pushDouble(-i);
        }
        assertEquals(capacity, tape.capacityBytes());
        assertEquals(-999_999.0, tape.popDouble());
    }

    @Test
    void capacityCountsBytesPerType() {
        Tape tape = new Tape();
        tape.pushDouble(1);
        assertEquals(8L * CHUNK, tape.capacityBytes());
        tape.pushInt(1);
        assertEquals(12L * CHUNK, tape.capacityBytes());
        tape.pushBoolean(true);
        assertEquals(13L * CHUNK, tape.capacityBytes());
    }

    @Test
    void poppingAnEmptyStackThrows() {
        Tape tape = new Tape();
        IllegalStateException e = assertThrows(IllegalStateException.class, tape::popDouble);
        assertTrue(e.getMessage().contains("empty double stack"), e.getMessage());
        assertThrows(IllegalStateException.class, tape::popInt);
        assertThrows(IllegalStateException.class, tape::popBoolean);
        // Other stacks being non-empty does not help.
        tape.pushInt(1);
        assertThrows(IllegalStateException.class, tape::popDouble);
        // Nor does having grown and shrunk, or having been cleared.
        for (int i = 0; i < CHUNK + 1; i++) {
            tape.pushDouble(i);
        }
        for (int i = 0; i < CHUNK + 1; i++) {
            tape.popDouble();
        }
        assertThrows(IllegalStateException.class, tape::popDouble);
        tape.pushBoolean(true);
        tape.clear();
        assertThrows(IllegalStateException.class, tape::popBoolean);
        assertThrows(IllegalStateException.class, tape::popInt);
    }

    @Test
    void localIsOnePerThread() throws InterruptedException {
        Tape mine = Tape.local();
        assertSame(mine, Tape.local());
        AtomicReference<Tape> other = new AtomicReference<>();
        Thread thread = new Thread(() -> other.set(Tape.local()));
        thread.start();
        thread.join();
        assertNotSame(mine, other.get());
    }

    @Test
    void longsComeBackExactlyInLastInFirstOutOrder() {
        Tape tape = new Tape();
        long[] values = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 9007199254740993L, 0xFFFFFFFFL, -4294967296L};
        for (long v : values) {
            tape.pushLong(v);
        }
        for (int i = values.length - 1; i >= 0; i--) {
            assertEquals(values[i], tape.popLong());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void arraysComeBackAsTheSameObjectsInLastInFirstOutOrder() {
        Tape tape = new Tape();
        double[][] arrays = new double[40][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new double[] {i};
            tape.pushArray(arrays[i]);
        }
        assertFalse(tape.isEmpty());
        for (int i = arrays.length - 1; i >= 0; i--) {
            assertSame(arrays[i], tape.popArray());
        }
        assertTrue(tape.isEmpty());
        assertThrows(IllegalStateException.class, tape::popArray);
    }

    @Test
    void matricesAndArraysShareOneStackOfReferences() {
        Tape tape = new Tape();
        double[][] matrix = {{1, 2}, {3}};
        double[] array = {4};
        tape.pushMatrix(matrix);
        tape.pushArray(array);
        assertSame(array, tape.popArray());
        assertSame(matrix, tape.popMatrix());
        assertTrue(tape.isEmpty());
    }

    @Test
    void indexArraysShareTheStackOfReferencesToo() {
        Tape tape = new Tape();
        int[] ints = {1};
        long[] longs = {2L};
        boolean[] booleans = {true};
        double[] doubles = {3};
        tape.pushIntArray(ints);
        tape.pushArray(doubles);
        tape.pushLongArray(longs);
        tape.pushBooleanArray(booleans);
        assertSame(booleans, tape.popBooleanArray());
        assertSame(longs, tape.popLongArray());
        assertSame(doubles, tape.popArray());
        assertSame(ints, tape.popIntArray());
        assertTrue(tape.isEmpty());
        assertThrows(IllegalStateException.class, tape::popIntArray);
    }

    @Test
    void objectsShareTheStackOfReferencesAndComeBackAsTheSameObjects() {
        Tape tape = new Tape();
        String[] names = new String[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = "name" + i;
            tape.pushObject(names[i]);
        }
        double[] array = {1};
        tape.pushArray(array);
        tape.pushObject(null);
        tape.pushObject(Thread.State.RUNNABLE);
        Thread.State state = tape.popObject();
        assertSame(Thread.State.RUNNABLE, state);
        assertSame(null, tape.popObject());
        assertSame(array, tape.popArray());
        for (int i = names.length - 1; i >= 0; i--) {
            String name = tape.popObject();
            assertSame(names[i], name);
        }
        assertTrue(tape.isEmpty());
        assertThrows(IllegalStateException.class, tape::popObject);
    }

    @Test
    void resetToAndClearDropTheObjectsPushedSince() {
        Tape tape = new Tape();
        tape.pushObject("kept");
        Tape.Mark mark = tape.mark();
        tape.pushObject("dropped");
        tape.pushObject("dropped too");
        tape.resetTo(mark);
        assertSame("kept", tape.popObject());
        tape.pushObject("cleared");
        tape.clear();
        assertTrue(tape.isEmpty());
        assertThrows(IllegalStateException.class, tape::popObject);
    }
}
