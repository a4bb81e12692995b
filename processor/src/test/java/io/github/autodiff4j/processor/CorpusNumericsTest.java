package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corpus, part 5: numerical algorithms whose derivative is known in closed form, so that "the derivative of the
 * computation that ran" can be compared with the derivative of the mathematical function it approximates: Newton's
 * iteration for a square root, a fixed point, a root of a cubic, stable softplus and hypot, compensated summation,
 * recurrences for orthogonal polynomials, a continued fraction, a stable quadratic root, quadrature.
 *
 * <p>Every function is checked with {@link ScalarFunction#assertDerivatives} (reverse, forward, Hessian and fooCheck
 * against NumericDiff, tolerances of ScalarFunction: 1e-7 first order, 1e-6 Hessian) at several points, and against
 * its closed form within the tolerance stated at each comparison (relative to max(1, |expected|)).
 */
class CorpusNumericsTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Numerics";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Numerics {
        // Newton's iteration for sqrt(a), a > 0, stopped by a data-dependent test on the step.
        @Differentiable
        static double newtonSqrt(double a) {
          double x = a > 1 ? a : 1;
          double step = x;
          int it = 0;
          while (Math.abs(step) > 1e-15 * x && it < 100) {
            double next = 0.5 * (x + a / x);
            step = next - x;
            x = next;
            it++;
          }
          return x;
        }

        // The fixed point of x = cos(a x), iterated until it stops moving.
        @Differentiable
        static double fixedPointCos(double a) {
          double x = 0;
          double previous;
          int it = 0;
          do {
            previous = x;
            x = Math.cos(a * x);
            it++;
          } while (Math.abs(x - previous) > 1e-16 && it < 1000);
          return x;
        }

        // The real root of x^3 + p x - 1 = 0 (p > 0) by Newton's method, returning from inside the loop.
        @Differentiable
        static double cubicRoot(double p) {
          double x = 1;
          for (int it = 0; it < 100; it++) {
            double f = x * x * x + p * x - 1;
            double dx = f / (3 * x * x + p);
            x -= dx;
            if (Math.abs(dx) < 1e-16 * Math.abs(x)) {
              return x;
            }
          }
          return x;
        }

        // log(1 + e^x) without overflow.
        @Differentiable
        static double softplus(double x) {
          return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }

        // sqrt(x^2 + y^2) scaled by the larger magnitude, without overflow.
        @Differentiable
        static double stableHypot(double x, double y) {
          double ax = Math.abs(x);
          double ay = Math.abs(y);
          double big = Math.max(ax, ay);
          double small = Math.min(ax, ay);
          if (big == 0) {
            return 0.0;
          }
          double r = small / big;
          return big * Math.sqrt(1 + r * r);
        }

        // Kahan's compensated sum of c[i] * x.
        @Differentiable
        static double kahanSum(double[] c, double x) {
          double sum = 0;
          double comp = 0;
          for (int i = 0; i < c.length; i++) {
            double y = c[i] * x - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
          }
          return sum;
        }

        // Chebyshev T_n(x) by the three-term recurrence.
        @Differentiable
        static double chebyshev(double x, int n) {
          if (n == 0) {
            return 1.0;
          }
          double previous = 1;
          double current = x;
          for (int k = 1; k < n; k++) {
            double next = 2 * x * current - previous;
            previous = current;
            current = next;
          }
          return current;
        }

        // Legendre P_n(x) by Bonnet's recurrence.
        @Differentiable
        static double legendre(double x, int n) {
          double p0 = 1;
          double p1 = x;
          if (n == 0) {
            return p0;
          }
          for (int k = 1; k < n; k++) {
            double p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
            p0 = p1;
            p1 = p2;
          }
          return p1;
        }

        // tanh(x) = x / (1 + x^2 / (3 + x^2 / (5 + ...))), evaluated from the tail.
        @Differentiable
        static double tanhContinuedFraction(double x, int terms) {
          double x2 = x * x;
          double d = 2 * terms + 1;
          for (int k = terms - 1; k >= 0; k--) {
            d = (2 * k + 1) + x2 / d;
          }
          return x / d;
        }

        // The root of t^2 + b t + c = 0 of smaller magnitude, without cancellation.
        @Differentiable
        static double smallRoot(double b, double c) {
          double disc = Math.sqrt(b * b - 4 * c);
          double q = b >= 0 ? -0.5 * (b + disc) : -0.5 * (b - disc);
          return c / q;
        }

        // Composite Simpson's rule for the integral of exp(-p t^2) over [0, 1].
        @Differentiable
        static double simpson(double p, int n) {
          double h = 1.0 / n;
          double s = 1 + Math.exp(-p);
          for (int i = 1; i < n; i++) {
            double t = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-p * t * t);
          }
          return s * h / 3;
        }

        // Welford's one-pass variance.
        @Differentiable
        static double welfordVariance(double[] a) {
          double mean = 0;
          double m2 = 0;
          int n = 0;
          for (double v : a) {
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
          }
          return m2 / (n - 1);
        }

        @Differentiable
        static double geometricMean(double[] a) {
          double s = 0;
          for (double v : a) {
            s += Math.log(v);
          }
          return Math.exp(s / a.length);
        }

        // Five-point Gauss-Legendre quadrature of exp(p t) over [-1, 1], nodes and weights in local arrays.
        @Differentiable
        static double gaussLegendre(double p) {
          double[] t = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640};
          double[] w = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665,
              0.2369268850561891};
          double s = 0;
          for (int i = 0; i < t.length; i++) {
            s += w[i] * Math.exp(p * t[i]);
          }
          return s;
        }

        // Bisection for the root of t^3 - a on [0, max(1, a)]: the result depends on a only through comparisons
        // and the interval, so the derivative of the computation that ran is that of the final midpoint: zero.
        @Differentiable
        static double bisectionCubeRoot(double a) {
          double lo = 0;
          double hi = a > 1 ? 2 * a : 2;
          for (int it = 0; it < 200 && hi - lo > 1e-300; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid > a) {
              hi = mid;
            } else {
              lo = mid;
            }
          }
          return 0.5 * (lo + hi);
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
    }

    private static ScalarFunction fn(String method) {
        return new ScalarFunction(compiled, CLASS, method);
    }

    private static void atPoints(String method, Object[]... points) {
        ScalarFunction f = fn(method);
        CorpusSupport.atPoints(method, f::assertDerivatives, points);
    }

    private static double[] v(double... values) {
        return values;
    }

    @Test
    void newtonSqrt() {
        // 0.999 and 1.001 are 1e-3 from the switch of the initial guess. NumericDiff is not used at a = 1e-6: its
        // smallest step, 0.1 / 4096 ~ 2.4e-5, is larger than a itself (it returned 5.27 where the slope is 500); the
        // closed form below covers that point.
        atPoints("newtonSqrt", args(2.0), args(0.01), args(1e6), args(0.999), args(1.001), args(123.456));
        double[] points = {2, 0.01, 1e6, 0.999, 1.001, 1e-6, 123.456};
        ScalarFunction f = fn("newtonSqrt");
        for (double a : points) {
            // The loop stops once a step is below 1e-15 x: the last step started from an x accurate to rounding, so the
            // derivative of the iteration that ran agrees with d sqrt(a)/da = 1/(2 sqrt a) to rounding as well.
            assertClose(Math.sqrt(a), f.value(a), 1e-15, "newtonSqrt(" + a + ")");
            double[] g = f.gradient(a);
            assertClose(1, g[0] * 2 * Math.sqrt(a), 1e-13, "newtonSqrt'(" + a + ") x 2 sqrt(a)");
            assertClose(1, f.jvp(args(a), v(1)).tangent() * 2 * Math.sqrt(a), 1e-13, "JVP x 2 sqrt(a) at " + a);
            // Second derivative: -1/(4 a^(3/2)).
            assertClose(1, f.hessian(a)[0][0] * -4 * Math.pow(a, 1.5), 1e-12, "newtonSqrt''(" + a + ") x -4 a^1.5");
        }
    }

    @Test
    void fixedPointCos() {
        atPoints("fixedPointCos", args(1.0), args(0.5), args(1.2));
        ScalarFunction f = fn("fixedPointCos");
        for (double a : new double[] {1.0, 0.5, 1.2}) {
            // x* = cos(a x*): dx*/da = -sin(a x*) x* / (1 + a sin(a x*)). The iteration contracts by |a sin(a x*)| <
            // 0.9
            // (at a = 1.3 it is 0.98, too slow for the 1000-iteration cap), so it stops at a step of 1e-16 or on a
            // one-ulp cycle, and the derivative of the iterates agrees to about 1e-13.
            double x = f.value(a);
            double s = Math.sin(a * x);
            assertClose(Math.cos(a * x), x, 1e-15, "fixed point at " + a);
            assertGradient(f, args(a), 1e-12, -s * x / (1 + a * s));
        }
    }

    @Test
    void cubicRoot() {
        atPoints("cubicRoot", args(0.5), args(1.0), args(3.0), args(10.0));
        ScalarFunction f = fn("cubicRoot");
        for (double p : new double[] {0.5, 1, 3, 10}) {
            // Implicit differentiation of x^3 + p x - 1 = 0: dx/dp = -x / (3 x^2 + p).
            double x = f.value(p);
            assertClose(0, x * x * x + p * x - 1, 1e-15, "residual at " + p);
            assertGradient(f, args(p), 1e-13, -x / (3 * x * x + p));
        }
    }

    @Test
    void softplus() {
        atPoints("softplus", args(2.0), args(-3.0), args(0.001), args(-0.001), args(40.0), args(-40.0));
        ScalarFunction f = fn("softplus");
        for (double x : new double[] {2, -3, 0.001, -0.001, 40, -40, 800, -800}) {
            // The sigmoid, finite even where exp(|x|) overflows.
            double sigmoid = x > 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            assertGradient(f, args(x), CLOSED, sigmoid);
            assertClose(sigmoid * (1 - sigmoid), f.hessian(x)[0][0], CLOSED, "softplus'' at " + x);
        }
    }

    @Test
    void stableHypot() {
        // The huge and tiny points are checked against the closed form only: ScalarFunction's directional check steps
        // along t from 0 with NumericDiff's step 0.1, which does not move 1e200 at all (numeric slope 0).
        atPoints("stableHypot", args(3.0, 4.0), args(-5.0, 1.0), args(0.5, -0.499), args(0.5, 0.501));
        ScalarFunction f = fn("stableHypot");
        for (double[] p : new double[][] {{3, 4}, {-5, 1}, {1e200, 1e199}, {-1e-200, 3e-200}}) {
            double h = Math.hypot(p[0], p[1]);
            assertGradient(f, args(p[0], p[1]), CLOSED, p[0] / h, p[1] / h);
        }
    }

    @Test
    void kahanSum() {
        // NumericDiff only where the sum is well conditioned: with terms of 1e10 that cancel, the compensated sum is
        // accurate to about 1e-6 absolute, and a central difference divides that by its step (NumericDiff's slope for
        // c[0] came out 0.69999); the closed form covers that point.
        atPoints("kahanSum", args(v(0.1, 0.2, 0.3), 2.0), args(v(1, 1e-3, -1, 3, 100, -100), 0.7));
        double[] c = v(1, 1e-16, -1, 3, 1e10, -1e10);
        // Exact arithmetic makes the compensation zero and its derivative too: d/dc_i = x, d/dx = sum c.
        double[] expected = new double[c.length + 1];
        Arrays.fill(expected, 0, c.length, 0.7);
        expected[c.length] = Arrays.stream(c).sum();
        ScalarFunction f = fn("kahanSum");
        assertClose(expected, f.gradient(c, 0.7), CLOSED, "kahanSum reverse mode");
        // Forward mode carries tangents as large as the terms (1e10) through the same cancellations: its rounding is
        // about eps x sum |c_i| ~ 2.2e-16 x 2e10 ~ 4.4e-6 absolute.
        double[] direction = new double[c.length + 1];
        direction[c.length] = 1;
        assertClose(expected[c.length], f.jvp(args(c, 0.7), direction).tangent(), 1e-5, "kahanSum forward mode, d/dx");
        direction = new double[c.length + 1];
        direction[0] = 1;
        assertClose(0.7, f.jvp(args(c, 0.7), direction).tangent(), CLOSED, "kahanSum forward mode, d/dc0");
    }

    @Test
    void chebyshev() {
        atPoints("chebyshev", args(0.3, 0), args(0.3, 1), args(0.3, 5), args(-0.8, 12), args(1.5, 4));
        ScalarFunction f = fn("chebyshev");
        for (int n : new int[] {1, 5, 12}) {
            for (double x : new double[] {0.3, -0.8}) {
                // x = cos(theta): T_n = cos(n theta), T_n' = n sin(n theta) / sin(theta).
                double theta = Math.acos(x);
                assertClose(Math.cos(n * theta), f.value(x, n), 1e-13, "T_" + n + "(" + x + ")");
                assertGradient(f, args(x, n), 1e-12, n * Math.sin(n * theta) / Math.sin(theta));
            }
        }
    }

    @Test
    void legendre() {
        atPoints("legendre", args(0.3, 0), args(0.3, 1), args(0.3, 6), args(-0.7, 10));
        ScalarFunction f = fn("legendre");
        double x = 0.3;
        // P_3 = (5x^3 - 3x)/2, P_3' = (15 x^2 - 3)/2; P_6' from (x^2 - 1) P_n' = n (x P_n - P_(n-1)).
        assertGradient(f, args(x, 3), CLOSED, (15 * x * x - 3) / 2);
        double p5 = (63 * Math.pow(x, 5) - 70 * Math.pow(x, 3) + 15 * x) / 8;
        double p6 = (231 * Math.pow(x, 6) - 315 * Math.pow(x, 4) + 105 * x * x - 5) / 16;
        assertGradient(f, args(x, 6), CLOSED, 6 * (x * p6 - p5) / (x * x - 1));
    }

    @Test
    void tanhContinuedFraction() {
        atPoints("tanhContinuedFraction", args(0.5, 20), args(-2.0, 30), args(0.5, 1));
        ScalarFunction f = fn("tanhContinuedFraction");
        for (double x : new double[] {0.5, -2, 3}) {
            // With 30 terms the fraction is tanh to rounding; its derivative 1 - tanh^2 and second derivative
            // -2 tanh (1 - tanh^2) too.
            double t = Math.tanh(x);
            assertClose(t, f.value(x, 30), 1e-15, "tanh(" + x + ")");
            assertGradient(f, args(x, 30), CLOSED, 1 - t * t);
            assertClose(-2 * t * (1 - t * t), f.hessian(x, 30)[0][0], CLOSED, "tanh''(" + x + ")");
        }
    }

    @Test
    void smallRoot() {
        atPoints("smallRoot", args(3.0, 1.0), args(-3.0, 1.0), args(1e4, 1.0), args(0.001, -2.0), args(-0.001, -2.0));
        ScalarFunction f = fn("smallRoot");
        for (double[] bc : new double[][] {{3, 1}, {-3, 1}, {1e4, 1}, {0.001, -2}}) {
            // The root r of r^2 + b r + c: dr/db = -r / (2r + b), dr/dc = -1 / (2r + b).
            double r = f.value(bc[0], bc[1]);
            assertClose(0, r * r + bc[0] * r + bc[1], 1e-14, "residual at " + Arrays.toString(bc));
            assertGradient(f, args(bc[0], bc[1]), CLOSED, -r / (2 * r + bc[0]), -1 / (2 * r + bc[0]));
        }
    }

    @Test
    void simpson() {
        atPoints("simpson", args(1.0, 10), args(0.1, 64), args(5.0, 2));
    }

    @Test
    void welfordVariance() {
        atPoints("welfordVariance", args((Object) v(1, 2, 4)), args((Object) v(-1, 0.5, 0.25, 3, 2)), args((Object)
                v(1e3 + 1, 1e3 + 2, 1e3 + 4)));
        // d/da_i = 2 (a_i - mean) / (n - 1).
        double mean = 7.0 / 3;
        ScalarFunction f = fn("welfordVariance");
        assertGradient(f, args((Object) v(1, 2, 4)), CLOSED, 1 - mean, 2 - mean, 4 - mean);
        // Shifted by 1e8: the differences a_i - mean carry rounding errors of ulp(1e8) ~ 1.5e-8, so forward and reverse
        // mode legitimately differ by ~1e-9 there, more than ScalarFunction's forward-vs-reverse tolerance (1e-12); the
        // closed form, to 1e-7, checks that both stay accurate.
        assertGradient(f, args((Object) v(1e8 + 1, 1e8 + 2, 1e8 + 4)), 1e-7, 1 - mean, 2 - mean, 4 - mean);
    }

    @Test
    void geometricMean() {
        atPoints("geometricMean", args((Object) v(1, 2, 4)), args((Object) v(0.5, 3, 0.25, 7)));
        // g = (prod a)^(1/n): dg/da_i = g / (n a_i); g(1, 2, 4) = 2.
        assertGradient(fn("geometricMean"), args((Object) v(1, 2, 4)), CLOSED, 2.0 / 3, 1.0 / 3, 1.0 / 6);
    }

    @Test
    void gaussLegendre() {
        atPoints("gaussLegendre", args(1.0), args(-0.5), args(2.0));
        ScalarFunction f = fn("gaussLegendre");
        // Integral of exp(p t) over [-1, 1] = 2 sinh(p)/p; five points integrate degree 9 exactly, so at p = 1 the
        // rule and its derivative agree with the integral to about 1e-9 (truncation, not rounding).
        double p = 1;
        assertClose(2 * Math.sinh(p) / p, f.value(p), 1e-9, "quadrature");
        assertGradient(f, args(p), 1e-8, 2 * (p * Math.cosh(p) - Math.sinh(p)) / (p * p));
    }

    @Test
    void bisectionCubeRoot() {
        ScalarFunction f = fn("bisectionCubeRoot");
        for (double a : new double[] {2, 0.3, 27}) {
            double root = f.value(a);
            assertClose(Math.cbrt(a), root, 1e-15, "bisection value at " + a);
            // a enters only through comparisons and, when a > 1, through hi = 2a: every endpoint and midpoint is then
            // 2a times a constant binary fraction c fixed by the comparisons, so the computation that ran is root = 2a
            // c,
            // with derivative root / a (not d cbrt(a)/da = root / (3a)). Where a <= 1 the interval is constant: 0.
            double expected = a > 1 ? root / a : 0.0;
            assertClose(expected, f.gradient(a)[0], CLOSED, "bisection derivative at " + a);
            assertClose(expected, f.jvp(args(a), v(1)).tangent(), CLOSED, "bisection JVP at " + a);
            assertTrue(f.hessian(a)[0][0] == 0.0, "Hessian of the bisection at " + a + ": linear in a");
        }
    }
}
