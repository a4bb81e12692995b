package io.github.autodiff4j.samples;

import io.github.autodiff4j.GradientCheck;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The checks of one sample: prints one aligned line per check, marked {@code ok} or {@code FAIL}, and remembers
 * whether all passed.
 *
 * <p>Numbers are compared by the mixed error {@code |actual - expected| / max(1, |expected|)}: absolute for
 * numbers below 1, relative above, so one tolerance suits a derivative of 0.002 and one of 200. NaN always fails.
 */
final class Checks {

    private final PrintStream out;
    private int failures;

    Checks(PrintStream out) {
        this.out = out;
        out.println("  Checks (error = |actual - expected| / max(1, |expected|)):");
    }

    /**
     * Checks that {@code actual} is within {@code tolerance} of {@code expected}.
     *
     * @param what      what is compared, e.g. {@code "fGrad(2).x() = 6"}
     * @param actual    the computed number
     * @param expected  the number it should be
     * @param tolerance the largest acceptable mixed error
     */
    void near(String what, double actual, double expected, double tolerance) {
        double error = actual == expected ? 0 : Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
        line(
                error <= tolerance,
                String.format(Locale.ROOT, "%-60s error %7.1e  tolerance %.0e", what, error, tolerance));
    }

    /**
     * Checks every entry of a matrix against the expected one, as a single line reporting the largest error.
     *
     * @param what      what is compared
     * @param actual    the computed matrix
     * @param expected  the matrix it should be, of the same shape
     * @param tolerance the largest acceptable mixed error of an entry
     */
    void near(String what, double[][] actual, double[][] expected, double tolerance) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double a = actual[i][j];
                double e = expected[i][j];
                double error = a == e ? 0 : Math.abs(a - e) / Math.max(1, Math.abs(e));
                worst = Double.isNaN(error) || error > worst ? error : worst; // a NaN sticks
            }
        }
        line(
                worst <= tolerance,
                String.format(
                        Locale.ROOT, "%-60s error %7.1e  tolerance %.0e", what + " (worst entry)", worst, tolerance));
    }

    /**
     * Checks every entry of a vector against the expected one, as a single line reporting the largest error.
     *
     * @param what      what is compared
     * @param actual    the computed vector
     * @param expected  the vector it should be, of the same length
     * @param tolerance the largest acceptable mixed error of an entry
     */
    void near(String what, double[] actual, double[] expected, double tolerance) {
        near(what, new double[][] {actual}, new double[][] {expected}, tolerance);
    }

    /**
     * Checks that a non-negative quantity, such as an error or a residual, is at most {@code limit}.
     *
     * @param what   what is measured, e.g. {@code "|gradient| at the end"}
     * @param actual the measured quantity
     * @param limit  the largest acceptable value
     */
    void atMost(String what, double actual, double limit) {
        line(actual <= limit, String.format(Locale.ROOT, "%-60s value %7.1e  limit     %.0e", what, actual, limit));
    }

    /**
     * Checks a condition that is simply true or false, such as "the file parses".
     *
     * @param what what must hold
     * @param ok   whether it does
     */
    void holds(String what, boolean ok) {
        line(ok, what);
    }

    /**
     * Records a generated {@code fooCheck} report as one check.
     *
     * @param report the report
     */
    void passes(GradientCheck.Report report) {
        line(
                report.passed(),
                String.format(
                        Locale.ROOT,
                        "%-60s error %7.1e  tolerance %.0e",
                        report.function() + " check report passed",
                        report.maxRelativeError(),
                        report.tolerance()));
    }

    /**
     * Whether every check so far passed.
     *
     * @return true if no check failed
     */
    boolean allPassed() {
        return failures == 0;
    }

    private void line(boolean ok, String text) {
        if (!ok) {
            failures++;
        }
        out.printf("    %-4s  %s%n", ok ? "ok" : "FAIL", text);
    }
}
