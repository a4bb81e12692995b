package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code fooCheck}: it leaves the caller's arrays (matrices row by row) as they were, checks the
 * Hessian too, fails on a wrong derivative at a smooth point, and says inconclusive, never FAILED, beside an event of
 * a piecewise-smooth simulation. Derivatives are compared with NumericDiff (through fooCheck and ScalarFunction,
 * whose tolerances it states) or with closed forms (1e-12).
 */
class GeneratedCheckTest {
    private static Compiled compiled;
    private static Class<?> companion;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Checked", """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Checked {
          /** A ball dropped from height h with speed v0, bouncing off the floor, after 20 steps of 0.1. */
          @Differentiable
          static double bounce(double h, double v0) {
            double y = h;
            double v = v0;
            for (int i = 0; i < 20; i++) {
              v -= 9.81 * 0.1;
              y += v * 0.1;
              if (y < 0) {
                y = -y;
                v = -v;
              }
            }
            return y;
          }

          /** Writes into the rows of both matrices: a shallow copy would carry the writes into the next sweep. */
          @Differentiable
          static double writesRows(double[][] m, double[] w, @NoDerivative double[][] c) {
            m[0][0] = m[0][0] * m[0][0];
            w[0] = w[0] * m[1][1];
            c[0][0] = c[0][0] + 1;
            return m[0][0] * m[0][1] * m[1][1] + w[0] * w[1] * c[0][0];
          }

          /** A vector function that writes into a row of its matrix. */
          @Differentiable
          static double[] vectorWritesRows(double[][] m) {
            m[0][1] = m[0][1] * m[1][0];
            return new double[] {m[0][1] * m[0][0], m[1][1] + m[0][1]};
          }

          /** Rosenbrock's function, whose Hessian fooCheck compares too. */
          @Differentiable
          static double rosenbrock(double x, double y) {
            double a = 1 - x;
            double b = y - x * x;
            return a * a + 100 * b * b;
          }

          static double cube(double x) {
            return x * x * x;
          }

          /** Deliberately wrong: the derivative of x^3 is 3x^2. */
          @DerivativeOf("cube")
          static double cubeDerivative(double x) {
            return 2 * x * x;
          }

          @Differentiable
          static double usesWrongRule(double x, double y) {
            return cube(x) * y;
          }

          static double softplus(double x) {
            return Math.log1p(Math.exp(x));
          }

          @DerivativeOf("softplus")
          static double softplusDerivative(double x) {
            return logistic(x);
          }

          static double logistic(double x) {
            return 1 / (1 + Math.exp(-x));
          }

          /** Deliberately wrong, by a factor 2; it is used only for second derivatives of softplus. */
          @DerivativeOf("logistic")
          static double logisticDerivative(double x) {
            return 2 * logistic(x) * (1 - logistic(x));
          }

          /** Right first derivatives, a wrong Hessian: only a check of the Hessian can see it. */
          @Differentiable
          static double wrongSecondDerivative(double x, double y) {
            return softplus(x * y);
          }

          /** A kink exactly at 0: the derivative of the branch taken there is 2. */
          @Differentiable
          static double kink(double x) {
            if (x < 0) {
              return -x;
            }
            return 2 * x;
          }
        }
        """);
        companion = compiled.load("demo.CheckedDiff");
    }

    private static ScalarFunction function(String name) {
        return new ScalarFunction(compiled, "demo.Checked", name);
    }

    /** Calls a companion member with the caller's own arrays, as a user would (ScalarFunction passes copies). */
    private static Object call(String member, Object... args) throws ReflectiveOperationException {
        Method m = Arrays.stream(companion.getDeclaredMethods())
                .filter(x -> x.getName().equals(member))
                .findFirst()
                .orElseThrow();
        return m.invoke(null, args);
    }

    // ---- Deep copies ----

    /**
     * Before the fix the check passed {@code m.clone()} to each sweep: the rows were shared, so each JVP squared
     * m[0][0] again (the caller's too), and the later partials came out wrong: FAILED for correct derivatives.
     */
    @Test
    void aMatrixParameterIsCopiedRowByRowAndTheCallersArraysAreLeftAlone() throws Exception {
        double[][] m = {{0.5, 2}, {3, 4}};
        double[] w = {1.5, -0.5};
        double[][] c = {{0.25}};
        GradientCheck.Report report = (GradientCheck.Report) call("writesRowsCheck", m, w, c);
        assertTrue(report.passed(), report::toString);
        assertArrayEquals(new double[] {0.5, 2}, m[0], 0, "the caller's matrix row");
        assertArrayEquals(new double[] {3, 4}, m[1], 0);
        assertArrayEquals(new double[] {1.5, -0.5}, w, 0, "the caller's array");
        assertArrayEquals(new double[] {0.25}, c[0], 0, "the caller's constant matrix");

        call("writesRowsHessian", m, w, c);
        assertArrayEquals(new double[] {0.5, 2}, m[0], 0, "fooHessian leaves the caller's matrix too");
        assertArrayEquals(new double[] {0.25}, c[0], 0);
        function("writesRows")
                .assertDerivatives(
                        new double[][] {{0.5, 2}, {3, 4}}, new double[] {1.5, -0.5}, new double[][] {{0.25}});
    }

    /** The same for barCheck of a vector function: its Jacobian's sweeps get their own copies of the rows. */
    @Test
    void aVectorFunctionsCheckLeavesTheCallersMatrixAlone() throws Exception {
        double[][] m = {{0.5, 2}, {3, 4}};
        GradientCheck.Report report = (GradientCheck.Report) call("vectorWritesRowsCheck", (Object) m);
        assertTrue(report.passed(), report::toString);
        assertArrayEquals(new double[] {0.5, 2}, m[0], 0, "the caller's matrix row");
        assertArrayEquals(new double[] {3, 4}, m[1], 0);
    }

    // ---- The Hessian ----

    /** Rosenbrock's Hessian at (-1.2, 1) by hand: {{1200x^2 - 400y + 2, -400x}, {-400x, 200}}. */
    @Test
    void theHessianIsCheckedAndTheReportSaysSo() {
        double x = -1.2;
        double y = 1;
        double[][] byHand = {{1200 * x * x - 400 * y + 2, -400 * x}, {-400 * x, 200}};
        double[][] hessian = function("rosenbrock").hessian(x, y);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(byHand[i], hessian[i], 1e-12 * 1200);
        }
        GradientCheck.Report report = function("rosenbrock").check(x, y);
        assertTrue(report.passed(), report::toString);
        assertEquals(2 + 2 + 4, report.comparisons(), report::toString);
        assertTrue(
                report.compared().stream().anyMatch(s -> s.startsWith("forward over reverse: the Hessian")),
                report::toString);
    }

    /**
     * softplus's rule is right, and its derivative (logistic) has a rule wrong by a factor 2, used only for second
     * derivatives: fooGrad and fooJvp agree with NumericDiff, the Hessian does not, and only its check sees it.
     */
    @Test
    void aWrongHessianFailsTheCheckThoughTheGradientIsRight() {
        ScalarFunction f = function("wrongSecondDerivative");
        double[] numeric = NumericDiff.gradient(v -> f.value(v[0], v[1]), new double[] {0.4, -0.7});
        assertArrayEquals(numeric, f.gradient(0.4, -0.7), ScalarFunction.FIRST_ORDER);
        GradientCheck.Report report = f.check(0.4, -0.7);
        assertEquals(GradientCheck.Outcome.FAILED, report.outcome(), report::toString);
        assertTrue(report.where().startsWith("forward over reverse, d2/d"), report::toString);
        // All 4 Hessian entries, none of the 4 gradient entries.
        assertEquals(4, report.failures(), report::toString);
    }

    // ---- Real mismatches and inconclusive points ----

    @Test
    void aWrongDerivativeRuleFailsTheCheck() {
        GradientCheck.Report report = function("usesWrongRule").check(0.8, 1.3);
        assertEquals(GradientCheck.Outcome.FAILED, report.outcome(), report::toString);
        assertFalse(report.inconclusiveAtThisPoint());
        assertTrue(
                report.toString().contains("d/dx") && report.toString().contains("a real mismatch"), report::toString);
    }

    /** The branch taken at 0 has slope 2, central differences give 0.5: a kink, not a mismatch. */
    @Test
    void aKinkExactlyAtThePointIsInconclusive() {
        GradientCheck.Report report = function("kink").check(0.0);
        assertEquals(GradientCheck.Outcome.INCONCLUSIVE, report.outcome(), report::toString);
        assertTrue(report.toString().contains("inconclusive at this point"), report::toString);
        assertTrue(function("kink").check(0.3).passed());
    }

    /** Reflections of the bounce: each reverses y and v, so it changes the sign of dy/dh (the map is affine). */
    private static int reflections(double h, double v0) {
        double y = h;
        double v = v0;
        int count = 0;
        for (int i = 0; i < 20; i++) {
            v -= 9.81 * 0.1;
            y += v * 0.1;
            if (y < 0) {
                y = -y;
                v = -v;
                count++;
            }
        }
        return count;
    }

    /**
     * The bounce simulation is piecewise smooth: a change of h moves the step at which the ball reflects, and the
     * result jumps. Away from those events the check passes. Within 1e-7 of one, every step of NumericDiff from 1.5e-6
     * up crosses the event: before the fix the check said FAILED there, though the gradient is right (it is
     * (-1)^reflections by dh and (-1)^reflections 20·0.1 by dv0, exactly). Now it says inconclusive, with the
     * estimates.
     */
    @Test
    void aBounceSimulationIsInconclusiveBesideAnEventNeverFailed() {
        ScalarFunction f = function("bounce");
        double v0 = 0.3;
        assertTrue(f.check(1.3, v0).passed(), () -> f.check(1.3, v0).toString());

        // An event: the first h above 0.5 where the number of reflections changes, to the last bit.
        double below = 0.5;
        double above = 0.5;
        while (reflections(above, v0) == reflections(below, v0)) {
            above += 1e-3;
        }
        below = above - 1e-3;
        while (Math.nextUp(below) < above) {
            double mid = 0.5 * (below + above);
            if (reflections(mid, v0) == reflections(below, v0)) {
                below = mid;
            } else {
                above = mid;
            }
        }
        for (double h : new double[] {below - 1e-7, above + 1e-7}) {
            double sign = reflections(h, v0) % 2 == 0 ? 1 : -1;
            assertArrayEquals(new double[] {sign, sign * 2.0}, f.gradient(h, v0), 1e-12, "the gradient at h = " + h);
            GradientCheck.Report report = f.check(h, v0);
            assertEquals(GradientCheck.Outcome.INCONCLUSIVE, report.outcome(), () -> "at h = " + h + ": " + report);
            assertTrue(
                    report.toString().contains("inconclusive at this point")
                            && report.evidence().contains("central"),
                    report::toString);
        }
    }
}
