package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursive {@code @Differentiable} methods, directly and mutually recursive, in loops and branches: a recursive call
 * goes through the value and partials the method's companion returns at once, in every mode and in the Hessian. Checked against NumericDiff
 * (tolerances in ScalarFunction) and closed forms (1e-12 relative).
 */
class RecursionTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Rec", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Rec {
          /** x^n by recursion. */
          @Differentiable
          static double power(double x, int n) {
            if (n == 0) {
              return 1;
            }
            return x * power(x, n - 1);
          }

          /** The continued fraction 1 / (a + 1 / (a + ...)) n levels deep, in two variables. */
          @Differentiable
          static double fraction(double a, double b, int n) {
            return n == 0 ? b : 1 / (a + fraction(a, b, n - 1));
          }

          /** Mutual recursion: a chain of sines and cosines. */
          @Differentiable
          static double wave(double x, int n) {
            return n == 0 ? x : Math.sin(ripple(x, n - 1));
          }

          @Differentiable
          static double ripple(double x, int n) {
            return n == 0 ? x : Math.cos(wave(x, n - 1)) + 0.5 * x;
          }

          /** Three double parameters, permuted at each level, one of them a constant. */
          @Differentiable
          static double spin(double x, double y, double z, int n) {
            if (n == 0) {
              return x * y + Math.sin(z);
            }
            return Math.tanh(spin(y, 0.9 * z, x - 0.3, n - 1)) * x + y * z;
          }

          /** A recursive call in a loop: the reverse sweep needs each iteration's own partials back. */
          @Differentiable
          static double looped(double x, double y, int n) {
            if (n == 0) {
              return Math.exp(x) * y;
            }
            double s = 0;
            for (int i = 0; i < 3; i++) {
              double t = looped(0.5 * x + 0.1 * i, 0.2 * s + y, n - 1);
              s += Math.sin(0.5 * t) * (i + 1) * 0.3;
            }
            return s;
          }

          /** A recursive call in a loop of the caller, its results stored and read back by a second loop. */
          @Differentiable
          static double stored(double[] w, double y) {
            double[] v = new double[w.length];
            for (int i = 0; i < w.length; i++) {
              v[i] = fraction(w[i], y, 3);
            }
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += v[i] * v[i] * (i + 1);
            }
            return s;
          }

          /** A vector function whose outputs recurse. */
          @Differentiable
          static double[] pair(double[] w) {
            double[] out = new double[2];
            for (int i = 0; i < 2; i++) {
              out[i] = fraction(w[i], w[1 - i], 3) + spin(w[0], w[1], 0.5, i + 1);
            }
            return out;
          }

          /** Recursion in branches that depend on the active values. */
          @Differentiable
          static double branchy(double x, double y, int n) {
            if (n == 0) {
              return x - y * y;
            }
            if (x > y) {
              return branchy(y, x * 0.5, n - 1) * 1.5 + x;
            } else {
              double t = Math.cos(branchy(x + 1, y, n - 1));
              return x < 0 ? t * t : t + y;
            }
          }

          /** Mutual recursion in two doubles with a constant between them. */
          @Differentiable
          static double even(double x, double y, @io.github.autodiff4j.NoDerivative double c, int n) {
            return n == 0 ? x * y + c : Math.sin(odd(y, x * c, c, n - 1)) + x;
          }

          @Differentiable
          static double odd(double x, double y, double c, int n) {
            return n == 0 ? x - y : even(0.5 * y, x, c, n - 1) * y;
          }
        }
        """);
    }

    @Test
    void directRecursion() {
        ScalarFunction power = new ScalarFunction(compiled, "demo.Rec", "power");
        for (int n = 0; n <= 5; n++) {
            power.assertDerivatives(1.3, n);
            double exact = n * Math.pow(1.3, n - 1);
            assertEquals(exact, power.gradient(1.3, n)[0], 1e-12 * Math.max(1, exact), "d/dx x^" + n);
        }
    }

    @Test
    void recursionInTwoVariables() {
        ScalarFunction fraction = new ScalarFunction(compiled, "demo.Rec", "fraction");
        for (int n = 0; n <= 4; n++) {
            fraction.assertDerivatives(1.7, 0.4, n);
        }
    }

    @Test
    void threeDoubleParameters() {
        ScalarFunction spin = new ScalarFunction(compiled, "demo.Rec", "spin");
        for (int n = 0; n <= 5; n++) {
            spin.assertDerivatives(0.7, -0.4, 1.1, n);
        }
    }

    /** Each iteration's call returns its own partials: the tape keeps them for the reverse sweep. */
    @Test
    void recursionInLoops() {
        ScalarFunction looped = new ScalarFunction(compiled, "demo.Rec", "looped");
        for (int n = 0; n <= 3; n++) {
            looped.assertDerivatives(0.3, 0.8, n);
        }
        new ScalarFunction(compiled, "demo.Rec", "stored").assertDerivatives(new double[] {0.5, -1.2, 2.0}, 0.4);
    }

    @Test
    void recursionInAVectorFunction() {
        new VectorFunction(compiled, "demo.Rec", "pair").assertDerivatives((Object) new double[] {0.8, -0.3});
    }

    @Test
    void recursionInBranches() {
        ScalarFunction branchy = new ScalarFunction(compiled, "demo.Rec", "branchy");
        for (int n = 0; n <= 5; n++) {
            branchy.assertDerivatives(0.3, 0.8, n);
            branchy.assertDerivatives(1.3, -0.2, n);
            branchy.assertDerivatives(-0.7, 0.1, n);
        }
    }

    @Test
    void mutualRecursionInTwoVariables() {
        for (String name : new String[] {"even", "odd"}) {
            ScalarFunction f = new ScalarFunction(compiled, "demo.Rec", name);
            for (int n = 0; n <= 6; n++) {
                f.assertDerivatives(0.6, -0.9, 1.2, n);
            }
        }
    }

    /** Mutual recursion across classes of two packages: each companion calls the other's public members. */
    @Test
    void mutualRecursionAcrossPackages() {
        Compiled two = Compiled.compileAll("a.Up", """
        package a;
        import io.github.autodiff4j.Differentiable;
        public class Up {
          @Differentiable
          public static double up(double x, double y, int n) {
            return n == 0 ? x * y : Math.sin(b.Down.down(y, x + 0.2, n - 1)) * x + y;
          }
        }
        """, "b.Down", """
        package b;
        import io.github.autodiff4j.Differentiable;
        public class Down {
          @Differentiable
          public static double down(double x, double y, int n) {
            return n == 0 ? x - y : a.Up.up(0.5 * y, x * x, n - 1) + 0.3 * x;
          }
        }
        """);
        for (int n = 0; n <= 5; n++) {
            new ScalarFunction(two, "a.Up", "up").assertDerivatives(0.4, -0.8, n);
            new ScalarFunction(two, "b.Down", "down").assertDerivatives(0.4, -0.8, n);
        }
    }

    @Test
    void mutualRecursion() {
        for (String name : new String[] {"wave", "ripple"}) {
            ScalarFunction f = new ScalarFunction(compiled, "demo.Rec", name);
            for (int n = 0; n <= 4; n++) {
                f.assertDerivatives(0.6, n);
            }
        }
    }
}
