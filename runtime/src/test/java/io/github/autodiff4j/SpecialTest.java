package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The special functions against published values and their declared derivatives against NumericDiff. */
class SpecialTest {

    @Test
    void erfMatchesPublishedValues() {
        // Abramowitz and Stegun, table 7.1, and erf(2.5), erf(3) to 16 digits.
        double[][] table = {
            {0.0, 0.0},
            {0.1, 0.1124629160182849},
            {0.5, 0.5204998778130465},
            {1.0, 0.8427007929497149},
            {2.0, 0.9953222650189527},
            {2.5, 0.9995930479825550},
            {3.0, 0.9999779095030014}
        };
        for (double[] row : table) {
            assertEquals(row[1], Special.erf(row[0]), 2e-15, "erf(" + row[0] + ")");
            assertEquals(-row[1], Special.erf(-row[0]), 2e-15, "erf(-" + row[0] + ")");
            assertEquals(1 - row[1], Special.erfc(row[0]), 2e-15, "erfc(" + row[0] + ")");
        }
    }

    @Test
    void erfcKeepsItsRelativeAccuracyInTheTail() {
        // erfc(5) = 1.5374597944280349e-12, erfc(10) = 2.0884875837625448e-45.
        assertEquals(1.5374597944280349e-12, Special.erfc(5), 1e-13 * 1.5374597944280349e-12);
        assertEquals(2.0884875837625448e-45, Special.erfc(10), 1e-13 * 2.0884875837625448e-45);
    }

    @Test
    void normalCdfMatchesPublishedValues() {
        assertEquals(0.5, Special.normalCdf(0), 1e-16);
        assertEquals(0.8413447460685429, Special.normalCdf(1), 1e-15);
        assertEquals(0.9750021048517795, Special.normalCdf(1.96), 1e-15);
        // Below 2.5 erfc is 1 - erf: accurate to about 1e-16 absolute, not relative.
        assertEquals(0.0013498980316300946, Special.normalCdf(-3), 1e-16);
    }

    @Test
    void declaredDerivativesMatchNumericalDifferentiation() {
        for (double x : new double[] {-3.1, -1.2, -0.3, 0, 0.4, 1.7, 2.6, 4.0}) {
            assertEquals(NumericDiff.derivative(Special::erf, x), Special.erfDerivative(x), 1e-9, "erf' at " + x);
            assertEquals(NumericDiff.derivative(Special::erfc, x), Special.erfcDerivative(x), 1e-9, "erfc' at " + x);
            assertEquals(NumericDiff.derivative(Special::normalCdf, x), Special.normalPdf(x), 1e-9, "Phi' at " + x);
            assertEquals(
                    NumericDiff.derivative(Special::erfDerivative, x),
                    Special.erfSecondDerivative(x),
                    1e-9,
                    "erf'' at " + x);
            assertEquals(
                    NumericDiff.derivative(Special::erfcDerivative, x),
                    Special.erfcSecondDerivative(x),
                    1e-9,
                    "erfc'' at " + x);
            assertEquals(
                    NumericDiff.derivative(Special::normalPdf, x),
                    Special.normalPdfDerivative(x),
                    1e-9,
                    "phi' at " + x);
        }
    }
}
