package io.github.autodiff4j.processor.fuzz;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.Test;

/**
 * Bugs the differential fuzzer ({@link FuzzTest}) found, each reduced by hand to a small program and checked with
 * {@link ScalarFunction#assertDerivatives} (gradient, JVP, Hessian and fooCheck against NumericDiff, tolerances of
 * ScalarFunction) or {@link VectorFunction#assertDerivatives} (Jacobian against NumericDiff, JVP, VJP and barCheck,
 * tolerances of VectorFunction), which also require every generated value to equal the function's own.
 */
class FuzzRegressionTest {
    /**
     * An early return makes reverse mode replay segments; the loop that fills the array with a constant must still run
     * its counter back down, so that the old elements go back where they came from (was: index 3 out of bounds).
     */
    @Test
    void constantStoresInALoopAfterAnEarlyReturn() {
        Compiled compiled = Compiled.compile("fuzz.Stores", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Stores {
          @Differentiable
          static double f(double x) {
            if (x > 5) {
              return x;
            }
            double[] a = new double[3];
            for (int i = 0; i < a.length; i++) {
              a[i] = 1.5;
            }
            return x * a[1];
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Stores", "f");
        f.assertDerivatives(0.3);
        f.assertDerivatives(6.0);
    }

    /**
     * A helper called on the result of another call of a helper: the inner call's result is a fresh variable, which must
     * count as active for the outer callee, so that the outer callee's own calls are inlined too (was: a
     * ClassCastException in the processor).
     */
    @Test
    void helperCalledOnTheResultOfAHelperThatCallsAHelper() {
        Compiled compiled = Compiled.compile("fuzz.Nested", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Nested {
          static double fill(double[] out, double q) {
            out[0] = Math.sin(q);
            return out[0] + q * out[1];
          }

          static double pair(double p, double q) {
            double[] a = {p, q};
            return fill(a, a[0]);
          }

          @Differentiable
          static double f(double x, double y) {
            return pair(pair(x, y), Math.PI) * y;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Nested", "f");
        f.assertDerivatives(0.3, -0.7);
        f.assertDerivatives(1.9, 0.4);
    }

    /**
     * A helper with constant arguments stays a call, and writes into the array it is passed; the element read after it
     * must see what it wrote, though the active operation around the read moves out of the expression (was: the read
     * moved before the call, and barJvp's value differed from the function's).
     */
    @Test
    void constantCallThatWritesAnArrayReadLaterInTheSameExpression() {
        Compiled compiled = Compiled.compile("fuzz.Kept", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Kept {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q;
            }
            return out[0] + q;
          }

          @Differentiable
          static double[] g(double[] w) {
            double[] a = new double[3];
            return new double[] {fill(a, 0.1), Math.pow(1.5 + a[1], w[0]), a[2] * w[1]};
          }
        }
        """);
        VectorFunction g = new VectorFunction(compiled, "fuzz.Kept", "g");
        g.assertDerivatives((Object) new double[] {0.7, -1.2});
        g.assertDerivatives((Object) new double[] {-1.3, 0.4});
    }

    /**
     * An inlined helper writes into an array that an operand before the call reads: Java reads the element first, so
     * the inlined body must not run before the read (was: a[1] * x read the element the helper had written).
     */
    @Test
    void operandReadBeforeAnInlinedCallWritesTheArray() {
        Compiled compiled = Compiled.compile("fuzz.Order", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Order {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q * q;
            }
            return out[0] + q;
          }

          @Differentiable
          static double f(double x, double[] w) {
            double[] a = {x, 2 * x, 3};
            double s = a[1] * x + fill(a, x) + a[1];
            return s + w[0] * fill(w, x) + Math.sin(w[0] + a[0]);
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Order", "f");
        f.assertDerivatives(0.3, new double[] {0.5, -0.8});
        f.assertDerivatives(-1.1, new double[] {1.4, 0.2});
    }

    /**
     * A parameter assigned once, in a branch, overwrites its argument: the backward sweep must clear its adjoint there
     * before the old value's share flows in (was: the adjoint of x kept the part that belongs to the new x, and the
     * derivative came out 1 + pi times too large instead of pi).
     */
    @Test
    void parameterAssignedOnceInABranch() {
        Compiled compiled = Compiled.compile("fuzz.Branch", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Branch {
          @Differentiable
          static double[] g(double c, double x) {
            if (c <= 1) {
              x *= Math.PI;
            }
            return new double[] {x, x * c};
          }

          @Differentiable
          static double f(double x, double y) {
            switch ((int) Math.floor(y)) {
              case 1 -> x *= x;
              default -> { }
            }
            return 0.2 * x * y;
          }
        }
        """);
        VectorFunction g = new VectorFunction(compiled, "fuzz.Branch", "g");
        g.assertDerivatives(-0.6, 1.4);
        g.assertDerivatives(1.5, 1.4);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Branch", "f");
        f.assertDerivatives(0.7, 1.5);
        f.assertDerivatives(0.7, 2.5);
    }

    /**
     * A vector function that writes into its array parameter: the Jacobian first calls the function for the number of
     * outputs, and must give it a copy, so that the sweeps still see the caller's values (was: they saw the array the
     * function had overwritten).
     */
    @Test
    void vectorFunctionWritingIntoItsArrayParameter() {
        Compiled compiled = Compiled.compile("fuzz.InPlace", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class InPlace {
          static double reverse(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q + out[out.length - 1 - i] - Math.hypot(out[0], 1);
            }
            return out[0] + q;
          }

          @Differentiable
          static double[] g(double x, double[] w) {
            return new double[] {reverse(w, x), w[1] * x};
          }
        }
        """);
        VectorFunction g = new VectorFunction(compiled, "fuzz.InPlace", "g");
        g.assertDerivatives(0.3, new double[] {0.5, -0.8, 1.1});
        g.assertDerivatives(-1.7, new double[] {-0.2, 1.3, 0.6});
    }

    /**
     * A helper kept as a call (constant arguments) is passed an array that an inlined call of the same helper made
     * active: the kept call reads active elements, so it must be inlined too (was: a ClassCastException in the
     * processor, an Expr.Invoke reaching the derivative rules).
     */
    @Test
    void constantCallPassedAnArrayAnInlinedCallMadeActive() {
        Compiled compiled = Compiled.compile("fuzz.Refill", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Refill {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q * (1 + 0.5 * out[out.length - 1 - i]);
            }
            return out[0] + q;
          }

          @Differentiable
          static double f(double x) {
            double[] a = new double[2];
            double s = 0;
            for (int k = 0; k < 3; k++) {
              s += (x > a[0] ? 0.5 : fill(a, 3)) + fill(a, x);
            }
            return s;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Refill", "f");
        f.assertDerivatives(0.3);
        f.assertDerivatives(-1.2);
    }

    /**
     * A helper called in a condition writes into an active array whose old element a partial needs: it must be inlined,
     * so that the forward sweep saves what it overwrites (was: kept as a call, and the backward sweep read x * a[0]'s
     * partial from the scaled array).
     */
    @Test
    void callInAConditionWritesAnActiveArray() {
        Compiled compiled = Compiled.compile("fuzz.Scale", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Scale {
          static double scale(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = out[i] * q;
            }
            return out[0];
          }

          @Differentiable
          static double f(double x) {
            double[] a = {x, 0.5};
            double v = x * a[0];
            if (scale(a, 3) > 100) {
              v += 1;
            }
            return v + a[1] * x;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Scale", "f");
        f.assertDerivatives(0.7);
        f.assertDerivatives(-1.4);
    }

    /**
     * A vector function whose early return is a constant array: the adjoint of the result must exist on that path too,
     * for the seed to be copied into (was: a NullPointerException in the Jacobian and the VJP).
     */
    @Test
    void constantArrayReturnedEarly() {
        Compiled compiled = Compiled.compile("fuzz.Early", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Early {
          @Differentiable
          static double[] g(@NoDerivative double c, double x, double y) {
            if (c >= x) {
              return new double[] {Math.ceil(c), c};
            }
            return new double[] {x + y, x * y};
          }
        }
        """);
        VectorFunction g = new VectorFunction(compiled, "fuzz.Early", "g");
        g.assertDerivatives(1.5, 0.3, -0.7);
        g.assertDerivatives(-1.5, 0.3, -0.7);
    }

    /**
     * A helper that writes into an active array, called on the right of && and ||: inlined, its body must run only when
     * Java evaluates the right operand (was: it ran every time, and the value differed from the function's).
     */
    @Test
    void callWritingAnArrayOnTheRightOfAShortCircuit() {
        Compiled compiled = Compiled.compile("fuzz.Short", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Short {
          static double scale(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = out[i] * q;
            }
            return out[0];
          }

          @Differentiable
          static double f(double x, double y) {
            double[] a = {x, y};
            double s = 0;
            if (x > 0 && scale(a, y) > 0.1) {
              s += a[1];
            }
            if (y > 0 || scale(a, x) < -5) {
              s -= a[0];
            }
            return s + a[0] * a[1];
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Short", "f");
        f.assertDerivatives(0.7, 1.3);
        f.assertDerivatives(-0.7, 1.3);
        f.assertDerivatives(0.7, -1.3);
        f.assertDerivatives(-0.7, -1.3);
    }

    /**
     * An element copied to another of the same array, in a loop that at one iteration copies it to itself (a[j] = a[k]
     * with k == j): the backward sweep must take a[j]'s adjoint before clearing it (was: it added the adjoint to a[k],
     * then cleared a[j], which was the same element, and the derivative with respect to w[1] came out 0).
     */
    @Test
    void elementCopiedOntoItself() {
        Compiled compiled = Compiled.compile("fuzz.Copy", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Copy {
          @Differentiable
          static double f(int n, double x, double[] w) {
            for (int i = 0; i < w.length; i++) {
              w[(n + 1) % w.length] = w[w.length - 1 - i];
            }
            return x * w[0] + w[2];
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Copy", "f");
        f.assertDerivatives(2, 0.3, new double[] {0.5, -0.8, 1.1});
        f.assertDerivatives(0, -1.3, new double[] {0.5, -0.8, 1.1});
    }

    /**
     * In a condition, a call kept as a call (not differentiated, though passed an active element) reads an array that a
     * later operand's inlined call writes: only the element read moves before the inlined body, not the kept call
     * (was: the call moved into an assignment of a double, became an active operation, and crashed the processor).
     */
    @Test
    void keptCallReadingAnArrayBeforeAnInlinedCallWritesIt() {
        Compiled compiled = Compiled.compile("fuzz.Kept2", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class Kept2 {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q;
            }
            return out[0] + q;
          }

          static double wave(double v, int n) {
            return n <= 0 ? Math.sin(v) : Math.cos(v * n);
          }

          @Differentiable
          static double f(double x, double y) {
            double[] a = {x, Math.PI};
            double s = x * y;
            if (1.5 + wave(a[0], 1) > fill(a, y)) {
              s += a[0];
            }
            return s + a[1] * x;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.Kept2", "f");
        f.assertDerivatives(0.3, -0.4);
        f.assertDerivatives(0.3, 1.9);
    }

    /**
     * Seed 20261203, program 120: a vector function's loop calls a helper passed the same array twice, which subtracts a
     * recursion's value from it and then reassigns its own argument; the recursion goes through the companion's
     * partials, which the reversed loop must evaluate at each iteration's argument (was: the last one's, and a wrong
     * Jacobian and VJP).
     */
    @Test
    void recursionInAHelperWritingIntoAnArrayPassedTwiceInALoop() {
        Compiled compiled = Compiled.compile("fuzz.P120", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P120 {
          @Differentiable
          static double rec(double x, int n) {
            if (n <= 0) {
              return x;
            }
            double r = rec(x, n - 1);
            return Math.sin(Math.atan2(Math.hypot(1, r), 2.0));
          }

          static double update(double x, double[] w, double[] out) {
            out[0] -= rec(x, 3) * w[1];
            x += rec(x, 3);
            return x;
          }

          @Differentiable
          static double[] g(double x, double[] w) {
            for (int i = 0; i < w.length; i++) {
              x = update(x, w, w);
            }
            return w;
          }
        }
        """);
        VectorFunction g = new VectorFunction(compiled, "fuzz.P120", "g");
        g.assertDerivatives(-1.95, new double[] {1.96, -0.71, 1.34});
        g.assertDerivatives(-0.38, new double[] {0.20, 1.66, -1.50});
    }

    /**
     * Seed 20261203, program 330: a helper left a call where nothing is differentiated (the operand of a comparison),
     * beside a helper that writes into an array, so the operand was kept in a variable of its own; the transforms took
     * that call for an operation (was: [autodiff4j:internal], a ClassCastException).
     */
    @Test
    void aCallKeptInAComparedOperandIsAConstant() {
        Compiled compiled = Compiled.compile("fuzz.P330", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P330 {
          static double h0(double p, double q) {
            return p * q;
          }

          static double h6(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q;
            }
            return 1;
          }

          @Differentiable
          static double f(int n, double[] w, double x) {
            if (((n < 6) ? h0(2, w[1]) : w[0]) > h6(w, w[0] * x)) {
              return x * w[1];
            }
            return w[0] * w[1];
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.P330", "f");
        f.assertDerivatives(3, new double[] {0.5, 0.7}, 1.3);
        f.assertDerivatives(3, new double[] {0.5, 0.1}, 0.4);
        f.assertDerivatives(8, new double[] {0.5, 0.7}, 1.3);
    }

    /**
     * Seed 20261203, program 547: restoring an array's element needs its index, which reads another array's length, whose
     * own stores then need their index restored too; the needed values must reach a fixpoint (was: the reverse of the
     * first loop ran with its counter past the end, an ArrayIndexOutOfBoundsException in f2Grad).
     */
    @Test
    void indicesOfRestoredElementsThatReadAnotherArray() {
        Compiled compiled = Compiled.compile("fuzz.P547", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P547 {
          @Differentiable
          static double f(double x, int n) {
            int k = n;
            double[] a = new double[2];
            double[] b = new double[2];
            for (int i = 0; i < b.length; i++) {
              b[i] = 1 + i;
            }
            switch (k % 3) {
              case 1: {
                return Math.hypot(b[(k + 1) % a.length], x);
              }
              default: {
                int j = 0;
                a[(j + 1) % b.length] += 1.5 * x;
              }
            }
            return x * a[1];
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.P547", "f");
        f.assertDerivatives(0.3, 0);
        f.assertDerivatives(0.3, 1);
    }

    /**
     * Seed 5550004, program 261: a write through an alias of an array parameter ({@code a = w; a[0] = ...}) and a later
     * read of the parameter; the backward sweep merged the read's contribution into the alias's adjoint past the store
     * that clears it (was: the read differentiated as if it were the input, silently, in every reverse member).
     */
    @Test
    void writeThroughAnAliasSeenByLaterReads() {
        Compiled compiled = Compiled.compile("fuzz.P261", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P261 {
          @Differentiable
          static double f(double x, double[] w) {
            double[] a = w;
            a[0] = 1.5 + Math.toRadians(w[0]) * x;
            double v = w[0];
            return v * x + w[1];
          }

          @Differentiable
          static double[] g(double x, double[] w) {
            double[] a = w;
            a[0] = 1.5 + Math.toRadians(w[0]);
            double v = w[0];
            return new double[] {v * x, a[1] * v};
          }
        }
        """);
        new ScalarFunction(compiled, "fuzz.P261", "f").assertDerivatives(2.0, new double[] {0.3, -0.4});
        new VectorFunction(compiled, "fuzz.P261", "g").assertDerivatives(2.0, new double[] {0.3, -0.4});
    }

    /**
     * Seed 5550001, program 8: a loop whose values reach no result calls a function with a rule; the rule's partials
     * overflow there, and the Hessian multiplied their tangents by zero adjoints (was: NaN entries in fooHessian).
     */
    @Test
    void ruleInALoopWhoseValuesReachNoResult() {
        Compiled compiled = Compiled.compile("fuzz.P8", """
        package fuzz;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        public class P8 {
          static double u1(double a, double b) {
            return a * b * Math.tanh(a);
          }

          @DerivativeOf("u1")
          static double[] u1Derivative(double a, double b) {
            return new double[] {b * Math.tanh(a) + a * b / Math.pow(Math.cosh(a), 2), a * Math.tanh(a)};
          }

          @Differentiable
          static double f(int n, double x11, double x12, double x10) {
            for (int i = 0; i < 4; i++) {
              for (int j = 0; j < 3; j++) {
                x11 -= x10 / (2 + Math.sin(x11)) - i;
              }
              x10 -= 1.5 + u1(x11, n);
            }
            return x12 * x12;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.P8", "f");
        for (int n = 0; n < 4; n++) {
            f.assertDerivatives(n, 1.2, 0.5, -1.3);
        }
    }

    /**
     * Seeds 5550001-5550005, 18 programs (smallest: 5550003, 23): active values in a local {@code double[][]} literal,
     * read back. The adjoint of the matrix is a literal of adjoint rows; the Hessian found the rows useful but not the
     * matrix that every adjoint store goes through (was: fooHessian without the terms through the matrix, silently).
     */
    @Test
    void secondOrderTermsThroughAMatrixLiteral() {
        Compiled compiled = Compiled.compile("fuzz.P23", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P23 {
          static double helper(double p, double q) {
            double[][] m = {{p, 1}, {q, p * q}};
            return m[1][0] * (1 + p) + m[1][1];
          }

          @Differentiable
          static double f(double[] a, double[] b) {
            double v = 0.9 * a[0];
            double[][] m = {{b[0], v}};
            double w = m[0][0];
            return -w / v;
          }

          @Differentiable
          static double g(double x, double y) {
            return helper(x, y) * helper(y, x);
          }

          @Differentiable
          static double h(double a, double b) {
            double[][] m = {{a, b}, {b * a, 1}};
            double v = m[0][0];
            return v * v * b;
          }

          @Differentiable
          static double inLoop(double[] a) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              double[][] m = {{a[i], s}, {s * a[i], 1}};
              s += m[1][0] * m[0][0] + m[0][1];
            }
            return s;
          }
        }
        """);
        new ScalarFunction(compiled, "fuzz.P23", "f").assertDerivatives(new double[] {0.5}, new double[] {1.3});
        new ScalarFunction(compiled, "fuzz.P23", "g").assertDerivatives(0.5, 1.3);
        new ScalarFunction(compiled, "fuzz.P23", "h").assertDerivatives(0.5, 1.3);
        new ScalarFunction(compiled, "fuzz.P23", "inLoop").assertDerivatives(new double[] {0.5, -0.3, 0.8});
    }

    /**
     * Seed 8880001, program 3884: a helper called with constants only, whose value nothing uses, fills an array that a
     * later branch reads. Dead-code removal took the call for a pure expression and dropped it from fooJvp and the
     * Hessian's sweep (was: the other branch taken, a wrong value and wrong derivatives, silently).
     */
    @Test
    void unusedCallThatFillsAnArrayReadLater() {
        Compiled compiled = Compiled.compile("fuzz.P3884", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        public class P3884 {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = q + i;
            }
            return out[0];
          }

          @Differentiable
          static double f(double x) {
            double[] a = new double[2];
            double unused = fill(a, 2.0);
            return a[1] > 1 ? Math.cos(x) * x : x * x;
          }

          @Differentiable
          static double[] g(double x) {
            double[] a = new double[2];
            double unused = fill(a, 2.0);
            return new double[] {x * x, a[1] > 1 ? Math.cos(x) : x};
          }
        }
        """);
        new ScalarFunction(compiled, "fuzz.P3884", "f").assertDerivatives(0.3);
        new VectorFunction(compiled, "fuzz.P3884", "g").assertDerivatives(0.3);
    }

    /**
     * Seed 9990001, program 2724: a helper called with constant arguments rewrites a constant array in a loop, and the
     * derivative reads that array as a coefficient ({@code x *= tanh(x * a[1])}). Kept as a call, its writes were hidden
     * from the backward sweep, which read the array's last elements for every iteration (was: a wrong gradient,
     * silently). A call that writes into an array it is passed is now inlined.
     */
    @Test
    void constantArrayRewrittenByACallInALoop() {
        Compiled compiled = Compiled.compile("fuzz.P2724", """
        package fuzz;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class P2724 {
          static double fill(double[] out, double q) {
            for (int i = 0; i < out.length; i++) {
              out[i] = Math.cos(q) + 0.5 * i;
            }
            return out[0] + q;
          }

          @Differentiable
          static double f(double x, @NoDerivative double c) {
            double[] a = {0.5, c};
            for (int k = 0; k < 3; k++) {
              double t = fill(a, a[1]);
              x *= Math.tanh(x * a[1]);
            }
            return x;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "fuzz.P2724", "f");
        f.assertDerivatives(0.3, 1.7);
        f.assertDerivatives(-1.2, 0.4);
    }
}
