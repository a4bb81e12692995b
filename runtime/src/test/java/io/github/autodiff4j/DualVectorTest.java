package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DualVectorTest {

    @Test
    void rejectsNullArrays() {
        assertThrows(IllegalArgumentException.class, () -> new DualVector(null, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new DualVector(new double[1], null));
    }

    @Test
    void rejectsUnequalLengthsNamingBoth() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DualVector(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void sizeIsTheNumberOfEntries() {
        assertEquals(3, new DualVector(new double[3], new double[3]).size());
        assertEquals(0, new DualVector(new double[0], new double[0]).size());
    }

    @Test
    void equalsAndHashCodeUseContents() {
        DualVector a = new DualVector(new double[] {1, 2}, new double[] {0.5, 0});
        DualVector b = new DualVector(new double[] {1, 2}, new double[] {0.5, 0});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new DualVector(new double[] {1, 2}, new double[] {0.5, 1}));
        assertNotEquals(a, new DualVector(new double[] {1, 3}, new double[] {0.5, 0}));
        assertNotEquals(a, "not a DualVector");
    }

    @Test
    void toStringShowsContents() {
        String s = new DualVector(new double[] {1, 2}, new double[] {0.5, 0}).toString();
        assertTrue(s.contains("[1.0, 2.0]") && s.contains("[0.5, 0.0]"), s);
    }
}
