package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordCheckTest {
    record Pt(double x, double y) {}

    record Seg(Pt a, Pt b) {}

    record Clamped(double v) {
        Clamped {
            v = Math.max(v, 0);
        }
    }

    @Test
    void aRecordThatKeptItsArgumentsPasses() {
        Pt p = new Pt(1, Double.NaN);
        assertSame(p, RecordCheck.requireKept(p, 1, Double.NaN));
        Seg s = new Seg(new Pt(1, 2), new Pt(3, 4));
        assertSame(s, RecordCheck.requireKept(s, 1, 2, 3, 4));
    }

    @Test
    void aConstructorThatChangedThemThrows() {
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> RecordCheck.requireKept(new Clamped(-1), -1));
        assertTrue(
                thrown.getMessage().contains("the constructor of Clamped changed its arguments [-1.0]"),
                thrown.getMessage());
        assertThrows(IllegalStateException.class, () -> RecordCheck.requireKept(new Pt(-0.0, 1), 0.0, 1));
    }
}
