package io.github.autodiff4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The GMM's constant terms against closed forms. The objectives and their derivatives against ADBench's figures and
 * NumericDiff are the samples' {@code AdbenchTest}, beside the sample that prints them.
 */
class GmmTest {

    /**
     * gmm_test.txt's constant terms computed by hand for d = 2, K = 3, n = 1, gamma = 1, m = 0, independently of
     * {@link Gmm#constantTerms}: {@code CONSTANT = -log(2 pi)}, {@code nw = 3},
     * {@code C = 6 (log 1 - log(2) / 2) - logGamma_2(3/2)},
     * {@code logGamma_2(3/2) = log(pi) / 2 + lgamma(3/2) + lgamma(1) = log(pi) / 2 + log(sqrt(pi) / 2)}; pi is
     * ADBench's 3.14159265359 except inside lgamma. To rounding: 1e-14 relative.
     */
    @Test
    void gmmConstantTermsByHand() {
        double pi = Gmm.ADBENCH_PI;
        double logGamma2 = 0.5 * Math.log(pi) + Math.log(Math.sqrt(Math.PI) / 2);
        double c = 6 * (0 - 0.5 * Math.log(2)) - logGamma2;
        double expected = -Math.log(2 * pi) - 3 * c;
        assertEquals(expected, Gmm.constantTerms(1, 0, 1, 2, 3), 1e-14 * Math.abs(expected));
    }

    /** log Gamma at multiples of 1/2 against closed forms: Gamma(1/2) = sqrt(pi), Gamma(n) = (n-1)!. */
    @Test
    void logGammaOfHalfIntegers() {
        assertEquals(0, Gmm.logGammaOfHalfInteger(1), 0);
        assertEquals(0, Gmm.logGammaOfHalfInteger(2), 0);
        assertEquals(0.5 * Math.log(Math.PI), Gmm.logGammaOfHalfInteger(0.5), 1e-15);
        assertEquals(Math.log(24), Gmm.logGammaOfHalfInteger(5), 1e-14);
        assertEquals(Math.log(15.0 / 8 * Math.sqrt(Math.PI)), Gmm.logGammaOfHalfInteger(3.5), 1e-14);
        assertEquals(Math.log(3628800), Gmm.logGammaOfHalfInteger(11), 1e-13);
        assertThrows(IllegalArgumentException.class, () -> Gmm.logGammaOfHalfInteger(0));
        assertThrows(IllegalArgumentException.class, () -> Gmm.logGammaOfHalfInteger(1.25));
    }
}
