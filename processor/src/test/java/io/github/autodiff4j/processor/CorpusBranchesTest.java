package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Corpus, part 1: control flow that branches on active and constant values, in the spirit of the Tapenade, Clad and
 * Tangent test suites: piecewise functions, nested and chained branches, both forms of switch with fallthrough, ?: with
 * &&, || and !, boolean flags and early returns.
 *
 * <p>Every function is checked with {@link ScalarFunction#assertDerivatives} (reverse mode, forward mode, Hessian and
 * the generated fooCheck against NumericDiff, with the tolerances stated in ScalarFunction: 1e-7 first order, 1e-6
 * Hessian) at several points, among them points 1e-3 from a switch point of the branch (NumericDiff's first step,
 * 0.1 x max(1, |x|), then crosses the switch point, and its restarts from smaller steps must recover). Where a closed
 * form is simple it is checked too, within {@value #CLOSED}.
 */
class CorpusBranchesTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Branches";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;

      public class Branches {
        // Four pieces, switch points at -1, 0 and 2 (the function jumps at 0 and 2).
        @Differentiable
        static double piecewise(double x) {
          if (x < -1) {
            return -x * x * x;
          } else if (x < 0) {
            return x * x + 2;
          } else if (x < 2) {
            return Math.sin(x) * x;
          } else {
            return Math.exp(-x) * x * x;
          }
        }

        // Chained else-if on a product of two active inputs, assigning one local.
        @Differentiable
        static double piecewiseAssign(double x, double y) {
          double r;
          if (x * y < -1) {
            r = x - y;
          } else if (x * y < 1) {
            r = x * y * y;
          } else if (x + y > 5) {
            r = Math.log(x * y);
          } else {
            r = Math.sqrt(x * y) + x;
          }
          return r * r;
        }

        @Differentiable
        static double nested(double x, double y) {
          double r = 0;
          if (x > 0) {
            if (y > 0) {
              r = x * y;
            } else {
              r = x - y * y;
            }
            r = r * x;
          } else {
            if (x * y > 1) {
              r = Math.exp(x) * y;
            } else if (y < -2) {
              r = Math.cos(x + y);
            } else {
              r = x * x * x + y;
            }
          }
          return r + x;
        }

        // Clamp with active bounds: the derivative moves to the bound that is active.
        @Differentiable
        static double clamp(double x, double lo, double hi) {
          double c = x < lo ? lo : x > hi ? hi : x;
          return c * c + lo * hi;
        }

        // Huber loss: first derivative continuous at |r| = delta, second derivative jumps there.
        @Differentiable
        static double huber(double r, double delta) {
          double a = Math.abs(r);
          if (a <= delta) {
            return 0.5 * r * r;
          }
          return delta * (a - 0.5 * delta);
        }

        @Differentiable
        static double signedSqrt(double x) {
          if (x == 0) {
            return 0.0;
          }
          if (x < 0) {
            return -Math.sqrt(-x);
          }
          return Math.sqrt(x);
        }

        @Differentiable
        static double maxOfThree(double x, double y, double z) {
          double m = x;
          if (y > m) {
            m = y;
          }
          if (z > m) {
            m = z;
          }
          return m * m + x * y * z;
        }

        // Old-style switch: break, fallthrough from case 1 into case 2, a shared label, fallthrough into default.
        @Differentiable
        static double switchFallthrough(double x, double y, int k) {
          double r = x;
          switch (k) {
            case 0:
              r = x * y;
              break;
            case 1:
              r = Math.sin(x);
              // falls through
            case 2:
              r += y * y * x;
              break;
            case 3:
            case 4:
              r = r * r * y;
              // falls through
            default:
              r = r - Math.exp(y);
          }
          return r * x;
        }

        // Arrow-form switch statement with a multi-label case and a block.
        @Differentiable
        static double switchArrow(double x, double y, int k) {
          double r = 0;
          switch (k % 4) {
            case 0 -> r = x * x;
            case 1, 2 -> {
              r = x * y;
              r *= Math.cos(y);
            }
            default -> r = Math.log(1 + x * x) - y;
          }
          return r + y;
        }

        // A switch whose selector is computed from an active value (its derivative is zero): returns in every case.
        @Differentiable
        static double switchOnFloor(double x) {
          int bucket = (int) Math.floor(x);
          switch (bucket) {
            case 0:
              return x * x;
            case 1:
              return 2 * x - 1 + Math.sin(x - 1);
            case 2: {
              double t = x - 2;
              return 3 + t * t * t;
            }
            default:
              return bucket < 0 ? -x * Math.exp(x) : Math.sqrt(x);
          }
        }

        @Differentiable
        static double ternaryLogic(double x, double y, boolean flip) {
          boolean quadrant = x > 0 && y > 0;
          double a = quadrant || !(x > y) ? x * y : x - y * y;
          double b = !quadrant && (flip || y < -1) ? Math.sin(a) : a * a;
          return a > b || flip ? a + b : a * b;
        }

        @Differentiable
        static double booleanFlags(double x, double y) {
          boolean big = x > 1;
          boolean neg = y < 0;
          boolean both = big && neg;
          double r = both ? x * y : x + y;
          if (!big || neg) {
            r *= x;
          }
          if (both || !neg && !big) {
            r += y * y;
          }
          return r;
        }

        @Differentiable
        static double earlyReturns(double x, double y) {
          if (x < 0) {
            if (y < 0) {
              return x * y;
            }
            return x + y * y;
          }
          double t = x * y;
          if (t > 2) {
            return Math.log(t);
          }
          t = t * t;
          if (y > x) {
            return t - x;
          }
          return t + Math.cos(x);
        }

        // The branch overwrites the value it tests; a constant branch follows.
        @Differentiable
        static double branchOverwrite(double x, int n) {
          double y = x;
          if (y > 1) {
            y = Math.log(y);
          } else {
            y = y * y * y;
          }
          y *= x;
          if (n > 0) {
            y = y + n * x;
          }
          return y;
        }

        // A two-unit ReLU network, all weights active.
        @Differentiable
        static double reluNet(double x, double w1, double b1, double w2, double b2, double v1, double v2) {
          double h1 = w1 * x + b1;
          double h2 = w2 * x + b2;
          h1 = h1 > 0 ? h1 : 0.01 * h1;
          if (h2 < 0) {
            h2 = 0;
          }
          return v1 * h1 + v2 * h2;
        }

        // Sawtooth by floor, then a branch on the fractional part.
        @Differentiable
        static double triangleWave(double x, @NoDerivative double period) {
          double p = x / period;
          double f = p - Math.floor(p);
          return f < 0.5 ? 2 * f * x : (2 - 2 * f) * x;
        }

        // Many branches that choose only a constant factor: the trip through them counts with an int.
        @Differentiable
        static double countedConditions(double x, double y) {
          int k = 0;
          if (x > 1) {
            k++;
          }
          if (y > 1) {
            k += 2;
          }
          if (x > y) {
            k *= 3;
          }
          return k * x * y + (k % 2 == 0 ? x : y);
        }

        // Equality of two boolean flags chooses the branch.
        @Differentiable
        static double booleanEquality(double x, double y) {
          boolean a = x > 0;
          boolean b = y > 0;
          return a == b ? x * y : x - y * y;
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

    /** assertDerivatives at every point, all points reported. */
    private static void atPoints(String method, Object[]... points) {
        ScalarFunction f = fn(method);
        CorpusSupport.atPoints(method, f::assertDerivatives, points);
    }

    @Test
    void piecewise() {
        atPoints(
                "piecewise",
                args(-2.0),
                args(-1.001),
                args(-0.999),
                args(-0.5),
                args(0.001),
                args(1.0),
                args(1.999),
                args(2.001),
                args(3.5));
        ScalarFunction f = fn("piecewise");
        for (double x : new double[] {-2, -1.001, -0.999, -0.5, 0.001, 1, 1.999, 2.001, 3.5}) {
            double expected = x < -1
                    ? -3 * x * x
                    : x < 0 ? 2 * x : x < 2 ? Math.cos(x) * x + Math.sin(x) : Math.exp(-x) * (2 * x - x * x);
            assertGradient(f, args(x), CLOSED, expected);
        }
    }

    @Test
    void piecewiseAssign() {
        // x*y = -1.002, -0.998, 0.5, 0.998 and 1.002 (x + y < 5); x*y = 7.5 with x + y = 5.5 > 5; x + y = 5.001 and
        // 4.999 with x*y near 6 (the function jumps there, from log(xy)^2 to (sqrt(xy) + x)^2); x*y = 4, x + y = 4.
        atPoints(
                "piecewiseAssign",
                args(-1.002, 1.0),
                args(-0.998, 1.0),
                args(0.5, 1.0),
                args(0.998, 1.0),
                args(1.002, 1.0),
                args(2.5, 3.0),
                args(2.001, 3.0),
                args(1.999, 3.0),
                args(2.0, 2.0),
                args(-3.0, 0.2));
        ScalarFunction f = fn("piecewiseAssign");
        // x*y in [-1, 1): f = x^2 y^4.
        assertGradient(f, args(0.5, 1.0), CLOSED, 2 * 0.5, 4 * 0.25);
        // x*y >= 1, x + y > 5: f = log(xy)^2.
        double l = Math.log(2.5 * 3.0);
        assertGradient(f, args(2.5, 3.0), CLOSED, 2 * l / 2.5, 2 * l / 3.0);
        // x*y >= 1, x + y <= 5: f = (sqrt(xy) + x)^2.
        double r = Math.sqrt(4.0) + 2.0;
        assertGradient(f, args(2.0, 2.0), CLOSED, 2 * r * (0.5 * Math.sqrt(2.0 / 2.0) + 1), 2 * r * 0.5);
    }

    @Test
    void nested() {
        atPoints(
                "nested",
                args(1.5, 2.0),
                args(1.5, -2.0),
                args(0.001, 0.5),
                args(-0.001, 0.5),
                args(-1.0, -1.5),
                args(-0.5, -2.5),
                args(-0.5, 1.0),
                args(-0.5, -1.999));
    }

    @Test
    void clamp() {
        atPoints("clamp", args(0.5, 0.0, 1.0), args(-1.0, 0.0, 1.0), args(3.0, 0.0, 1.0), args(0.3, 0.1, 0.6));
        ScalarFunction f = fn("clamp");
        // Inside: 2x, lo: hi, hi: lo. Below lo: c = lo. Above hi: c = hi.
        assertGradient(f, args(0.5, 0.0, 1.0), CLOSED, 1.0, 1.0, 0.0);
        assertGradient(f, args(-1.0, 0.25, 2.0), CLOSED, 0.0, 2 * 0.25 + 2.0, 0.25);
        assertGradient(f, args(3.0, 0.25, 2.0), CLOSED, 0.0, 2.0, 2 * 2.0 + 0.25);
    }

    @Test
    void clampNextToItsBounds() {
        // 1e-3 from each bound, first order against NumericDiff. The Hessian is checked against its closed form here,
        // not against NumericDiff: the gradient is piecewise linear in (x, lo, hi), so every central difference whose
        // step crosses the bound is the same (wrong) slope, Ridders' extrapolation sees no error and never restarts
        // from
        // a smaller step. (Moving the point farther than NumericDiff's first step, 0.1, would no longer test a point
        // next to the bound.)
        ScalarFunction f = fn("clamp");
        Object[][] points = {args(0.001, 0.0, 1.0), args(-0.001, 0.0, 1.0), args(1.001, 0.0, 1.0), args(0.999, 0.0, 1.0)
        };
        // Order x, lo, hi. Inside: f = x^2 + lo hi; below: lo^2 + lo hi; above: hi^2 + lo hi.
        double[][][] hessians = {
            {{2, 0, 0}, {0, 0, 1}, {0, 1, 0}},
            {{0, 0, 0}, {0, 2, 1}, {0, 1, 0}},
            {{0, 0, 0}, {0, 0, 1}, {0, 1, 2}},
            {{2, 0, 0}, {0, 0, 1}, {0, 1, 0}},
        };
        assertAll(
                "clamp",
                java.util.stream.IntStream.range(0, points.length)
                        .mapToObj(i -> (Executable) () -> CorpusSupport.at(points[i], () -> {
                            f.assertFirstOrder(points[i]);
                            double[][] h = f.hessian(points[i]);
                            for (int r = 0; r < 3; r++) {
                                CorpusSupport.assertClose(hessians[i][r], h[r], CLOSED, "Hessian row " + r);
                            }
                        })));
    }

    @Test
    void huber() {
        atPoints(
                "huber",
                args(0.3, 1.0),
                args(-0.3, 1.0),
                args(2.5, 1.0),
                args(-2.5, 1.0),
                args(0.999, 1.0),
                args(1.001, 1.0),
                args(-1.001, 1.0));
        ScalarFunction f = fn("huber");
        for (double r : new double[] {0.3, -0.3, 0.999, 1.001, -1.001, 2.5, -2.5}) {
            double delta = 1.0;
            double a = Math.abs(r);
            if (a <= delta) {
                assertGradient(f, args(r, delta), CLOSED, r, 0.0);
            } else {
                assertGradient(f, args(r, delta), CLOSED, delta * Math.signum(r), a - delta);
            }
        }
    }

    @Test
    void signedSqrt() {
        atPoints("signedSqrt", args(-4.0), args(0.25), args(9.0), args(-0.01), args(0.01));
        ScalarFunction f = fn("signedSqrt");
        for (double x : new double[] {-4, 0.25, 9, -0.01, 0.01}) {
            assertGradient(f, args(x), CLOSED, 0.5 / Math.sqrt(Math.abs(x)));
        }
    }

    /** The same function with {@code return 0;}: an int literal returned from a double method. */
    @Test
    void signedSqrtReturningAnIntLiteral() {
        Compiled c = Compiled.compile("corpus.IntReturn", """
        package corpus;

        import io.github.autodiff4j.Differentiable;

        public class IntReturn {
          @Differentiable
          static double signedSqrt(double x) {
            if (x == 0) {
              return 0;
            }
            if (x < 0) {
              return -Math.sqrt(-x);
            }
            return Math.sqrt(x);
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(c, "corpus.IntReturn", "signedSqrt");
        for (double x : new double[] {-4, 0.25, 9}) {
            f.assertDerivatives(x);
            assertGradient(f, args(x), CLOSED, 0.5 / Math.sqrt(Math.abs(x)));
        }
        assertEquals(0.0, f.valueAndGradient(0.0)[0], 0.0);
    }

    @Test
    void maxOfThree() {
        atPoints(
                "maxOfThree",
                args(3.0, 1.0, 2.0),
                args(1.0, 3.0, 2.0),
                args(1.0, 2.0, 3.0),
                args(2.0, 2.001, 1.0),
                args(2.001, 2.0, 1.0),
                args(-1.0, -2.0, -1.001));
        // m = z: d/dz = 2z + xy, d/dx = yz, d/dy = xz.
        assertGradient(fn("maxOfThree"), args(1.0, 2.0, 3.0), CLOSED, 6.0, 3.0, 2 * 3.0 + 2.0);
    }

    @Test
    void switchFallthrough() {
        Object[][] points = new Object[7 * 2][];
        int i = 0;
        for (int k = -1; k <= 5; k++) {
            points[i++] = args(0.7, 1.3, k);
            points[i++] = args(-1.2, 0.4, k);
        }
        atPoints("switchFallthrough", points);
        ScalarFunction f = fn("switchFallthrough");
        double x = 0.7;
        double y = 1.3;
        // k = 1: r = sin x + y^2 x, f = r x.
        double r = Math.sin(x) + y * y * x;
        assertGradient(f, args(x, y, 1), CLOSED, (Math.cos(x) + y * y) * x + r, 2 * y * x * x);
        // k = 3: r = x^2 y - e^y, f = r x.
        r = x * x * y - Math.exp(y);
        assertGradient(f, args(x, y, 3), CLOSED, 2 * x * y * x + r, (x * x - Math.exp(y)) * x);
    }

    @Test
    void switchArrow() {
        Object[][] points = new Object[8][];
        int i = 0;
        for (int k : new int[] {0, 1, 2, 3, 4, 6, -1, -4}) {
            points[i++] = args(0.8, -0.6, k);
        }
        atPoints("switchArrow", points);
        ScalarFunction f = fn("switchArrow");
        double x = 0.8;
        double y = -0.6;
        assertGradient(f, args(x, y, 4), CLOSED, 2 * x, 1.0);
        assertGradient(f, args(x, y, 5), CLOSED, y * Math.cos(y), x * Math.cos(y) - x * y * Math.sin(y) + 1);
        assertGradient(f, args(x, y, -1), CLOSED, 2 * x / (1 + x * x), 0.0);
    }

    @Test
    void switchOnFloor() {
        atPoints(
                "switchOnFloor",
                args(0.5),
                args(0.999),
                args(1.001),
                args(1.5),
                args(2.5),
                args(2.999),
                args(4.0),
                args(-3.5),
                args(-0.001));
        ScalarFunction f = fn("switchOnFloor");
        assertGradient(f, args(0.5), CLOSED, 1.0);
        assertGradient(f, args(1.5), CLOSED, 2 + Math.cos(0.5));
        assertGradient(f, args(2.5), CLOSED, 3 * 0.25);
        assertGradient(f, args(4.0), CLOSED, 0.25);
        assertGradient(f, args(-3.5), CLOSED, -Math.exp(-3.5) * (1 - 3.5));
    }

    @Test
    void ternaryLogic() {
        atPoints(
                "ternaryLogic",
                args(0.5, 0.7, false),
                args(0.5, 0.7, true),
                args(-0.5, 0.7, false),
                args(1.5, -0.5, false),
                args(1.5, -1.5, true),
                args(1.5, -1.5, false),
                args(-2.0, -3.0, false),
                args(0.001, 0.7, false),
                args(-0.001, 0.7, false));
    }

    @Test
    void booleanFlags() {
        atPoints(
                "booleanFlags",
                args(2.0, -1.0),
                args(2.0, 1.0),
                args(0.5, -1.0),
                args(0.5, 1.0),
                args(1.001, -0.5),
                args(0.999, -0.5),
                args(1.5, 0.001),
                args(1.5, -0.001));
    }

    @Test
    void earlyReturns() {
        atPoints(
                "earlyReturns",
                args(-1.0, -2.0),
                args(-1.0, 2.0),
                args(2.0, 3.0),
                args(0.5, 1.5),
                args(1.5, 0.5),
                args(1.0, 1.999),
                args(1.0, 2.001),
                args(-0.001, 1.0),
                args(0.001, 1.0));
        ScalarFunction f = fn("earlyReturns");
        assertGradient(f, args(2.0, 3.0), CLOSED, 0.5, 1.0 / 3);
        // t = (xy)^2, f = t - x at x = 0.5, y = 1.5.
        assertGradient(f, args(0.5, 1.5), CLOSED, 2 * 0.5 * 1.5 * 1.5 - 1, 2 * 0.25 * 1.5);
    }

    @Test
    void branchOverwrite() {
        atPoints(
                "branchOverwrite",
                args(2.0, 0),
                args(2.0, 3),
                args(0.5, 0),
                args(-0.5, 2),
                args(1.001, 1),
                args(0.999, 1));
        ScalarFunction f = fn("branchOverwrite");
        assertGradient(f, args(2.0, 3), CLOSED, 1 / 2.0 * 2.0 + Math.log(2.0) + 3);
        assertGradient(f, args(0.5, 0), CLOSED, 4 * Math.pow(0.5, 3));
    }

    @Test
    void reluNet() {
        atPoints(
                "reluNet",
                args(0.5, 1.0, 0.2, -1.0, 0.3, 2.0, -3.0),
                args(0.5, -1.0, 0.2, 1.0, 0.3, 2.0, -3.0),
                args(2.0, 1.0, -1.999, -1.0, 1.999, 0.5, 1.5),
                args(2.0, 1.0, -2.001, -1.0, 2.001, 0.5, 1.5));
        ScalarFunction f = fn("reluNet");
        // x = 0.5: h1 = 0.7 > 0, h2 = -0.2 -> 0.
        assertGradient(f, args(0.5, 1.0, 0.2, -1.0, 0.3, 2.0, -3.0), CLOSED, 2.0, 1.0, 2.0, 0.0, 0.0, 0.7, 0.0);
        // x = 0.5, w1 = -1: h1 = -0.3 -> leaky 0.01; h2 = 0.8.
        assertGradient(
                f,
                args(0.5, -1.0, 0.2, 1.0, 0.3, 2.0, -3.0),
                CLOSED,
                2.0 * 0.01 * -1.0 + -3.0 * 1.0,
                2.0 * 0.01 * 0.5,
                2.0 * 0.01,
                -3.0 * 0.5,
                -3.0,
                -0.003,
                0.8);
    }

    @Test
    void triangleWave() {
        // Period 2: fractional part of x/2 switches branch at x = 1 (mod 2) and jumps at x = 0 (mod 2).
        atPoints(
                "triangleWave",
                args(0.5, 2.0),
                args(1.5, 2.0),
                args(0.999, 2.0),
                args(1.001, 2.0),
                args(3.3, 2.0),
                args(-2.7, 2.0),
                args(2.001, 2.0));
        ScalarFunction f = fn("triangleWave");
        // x = 0.5: f = 2 (x/2) x = x^2; x = 1.5: f = (2 - x) x.
        assertGradient(f, args(0.5, 2.0), CLOSED, 1.0);
        assertGradient(f, args(1.5, 2.0), CLOSED, 2 - 2 * 1.5);
    }

    @Test
    void countedConditions() {
        atPoints(
                "countedConditions",
                args(2.0, 0.5),
                args(0.5, 2.0),
                args(3.0, 2.0),
                args(0.5, 0.2),
                args(1.001, 0.5),
                args(0.999, 0.5),
                args(2.0, 1.999),
                args(2.0, 2.001));
        ScalarFunction f = fn("countedConditions");
        // x = 3, y = 2: k = (1 + 2) * 3 = 9, odd: f = 9xy + y.
        assertGradient(f, args(3.0, 2.0), CLOSED, 18.0, 27.0 + 1);
    }

    @Test
    void booleanEquality() {
        atPoints(
                "booleanEquality",
                args(1.5, 2.0),
                args(-1.5, -2.0),
                args(1.5, -2.0),
                args(-0.001, 2.0),
                args(0.001, 2.0));
        ScalarFunction f = fn("booleanEquality");
        assertGradient(f, args(1.5, 2.0), CLOSED, 2.0, 1.5);
        assertGradient(f, args(1.5, -2.0), CLOSED, 1.0, 4.0);
    }
}
