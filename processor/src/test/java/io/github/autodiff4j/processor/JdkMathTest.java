package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code Math}/{@code StrictMath} functions beyond the classic ones ({@code copySign}, {@code IEEEremainder},
 * {@code ulp}, {@code nextUp}, {@code nextDown}, {@code nextAfter}, {@code scalb}), {@code %} on doubles, and the JDK
 * calls whose {@code int}, {@code long} or {@code boolean} results are constants even when passed active values
 * ({@code Double.compare}, {@code Math.getExponent}, {@code Math.floorMod}...): each used straight, in a loop, in a
 * branch, in a helper and in an instance method, checked by {@link ScalarFunction#assertDerivatives} (reverse mode,
 * forward mode, the Hessian and the generated {@code fooCheck} against {@code NumericDiff}; tolerances of
 * ScalarFunction: first derivatives 1e-7 relative, Hessian 1e-6), and against closed forms within {@value #CLOSED}
 * relative to max(1, |expected|).
 *
 * <p>Every point keeps each jump of a function (the remainders' at half-integer or integer quotients, ulp's and
 * getExponent's at powers of two, copySign's at a zero sign) farther than NumericDiff's first step,
 * 0.1 x max(1, |t|), along every coordinate; the comment above each list says where the nearest jump is.
 */
class JdkMathTest {
    private static final String CLASS = "jdkmath.JdkMath";
    private static final double CLOSED = 1e-12;

    static final String SOURCE = """
      package jdkmath;

      import io.github.autodiff4j.Differentiable;

      public class JdkMath {
        @Differentiable static double ofCopySign(double x, double y) {
          return Math.copySign(x * y, y - 0.3) * x + Math.copySign(2.0, x) * y;
        }
        @Differentiable static double ofCopySignConst(double x, double y) {
          return Math.copySign(x, -1.0) + StrictMath.copySign(y * y, x);
        }
        @Differentiable static double ofIeeeRemainder(double x, double y) { return Math.IEEEremainder(x, y) * y + x; }
        @Differentiable static double ofIeeeRemainderConst(double x, double y) {
          return StrictMath.IEEEremainder(x * x, 1.5) + Math.IEEEremainder(3.0, y);
        }
        @Differentiable static double ofRemainder(double x, double y) { return (x % y) * x; }
        @Differentiable static double ofRemainderAssign(double x, double y) {
          double r = x * y;
          r %= 1.5;
          return r * r + 2.5 % y;
        }
        @Differentiable static double ofNext(double x, double y) {
          return Math.nextUp(x * y) + Math.nextDown(x) * y + Math.nextAfter(y, x) * x + StrictMath.nextUp(y);
        }
        @Differentiable static double ofUlp(double x, double y) { return x * Math.ulp(y) * 1e15 + y; }
        @Differentiable static double ofScalb(double x, double y, int n) {
          return Math.scalb(x * y, n) + Math.scalb(y, 3) * x + StrictMath.scalb(x, -n);
        }
        @Differentiable static double ofGetExponent(double x, double y) {
          return x * Math.getExponent(y) + y * StrictMath.getExponent(x * 3.0);
        }
        // JDK calls with int, long and boolean results, passed active values: constants.
        @Differentiable static double ofIntegerResults(double x, double y, int n) {
          int c = Double.compare(x, y);
          boolean odd = Double.isNaN(x) || Double.isInfinite(y) || !Double.isFinite(x * y);
          long bits = Double.doubleToLongBits(x) ^ Double.doubleToRawLongBits(y);
          int e = Math.getExponent(x) + Math.floorMod(n, 3) + Math.floorDiv(n, 2) + Math.absExact(n)
              + Math.addExact(n, 1) + Math.multiplyExact(n, 2) + Math.toIntExact((long) n) + Math.abs(n);
          long r = Math.round(x) + Math.floorMod((long) n, 5L) + Long.signum(bits);
          return (c + e + (odd ? 1 : 0)) * x * y + r * y + (Double.compare(x, 0.0) > 0 ? x : y);
        }
        // In a loop, a branch, a helper.
        @Differentiable static double inLoop(double x, double y, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double t = x + 0.1 * i;
            s += Math.copySign(t, y) + (t % 1.25) * y + Math.IEEEremainder(t, 0.8) + Math.nextUp(s) * 0.5
                + Math.scalb(y, i - 1);
          }
          return s;
        }
        @Differentiable static double inBranch(double x, double y) {
          double r;
          if (x % 2.0 > 1.0) {
            r = Math.IEEEremainder(x * y, 1.75) + Math.copySign(y, x);
          } else {
            r = (x * y) % 0.9 + Math.nextDown(x) * Math.ulp(1.0) * 1e16;
          }
          return Double.compare(r, 0.0) < 0 ? -r * y : r * x;
        }
        static double helper(double a, double b) {
          double q = a % b;
          return Math.copySign(q * q, a) + Math.scalb(a, 2) + Math.IEEEremainder(b, 0.7);
        }
        @Differentiable static double throughHelper(double x, double y) {
          return helper(x * y, y + 1) * x + helper(y, 1.3);
        }
      }
      """;

    private static final String INSTANCE_CLASS = "jdkmath.Model";
    static final String INSTANCE_SOURCE = """
      package jdkmath;

      import io.github.autodiff4j.Differentiable;

      public final class Model {
        final double period;

        public Model(double period) {
          this.period = period;
        }

        double wrap(double v) {
          return Math.IEEEremainder(v, period) + (v % period) * 0.5;
        }

        @Differentiable double energy(double x, double y) {
          double w = wrap(x * y);
          return Math.copySign(w * w, y) + Math.nextAfter(x, y) * Math.scalb(y, -1) + Math.getExponent(y) * x;
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        compiled.assertNoWarnings();
    }

    private static Arguments at(String method, Object... args) {
        return Arguments.of(method, args);
    }

    static Stream<Arguments> cases() {
        List<Stream<Arguments>> all = new ArrayList<>();
        // copySign(x * y, y - 0.3) jumps where x * y = 0 or y = 0.3; copySign(2, x) where x = 0: all 0.4 away or more.
        all.add(Stream.of(at("ofCopySign", 0.7, 1.3), at("ofCopySign", -1.1, -0.5), at("ofCopySign", 2.0, 0.9)));
        all.add(Stream.of(
                at("ofCopySignConst", 0.7, 1.3), at("ofCopySignConst", -1.1, 0.4), at("ofCopySignConst", 2.0, -0.6)));
        // x / y at 2.05 (n = 2), -2.05 (n = -2) and 0.3 (n = 0); the jumps at half-integers: x 0.9 away, y 0.36.
        all.add(Stream.of(
                at("ofIeeeRemainder", 4.1, 2.0), at("ofIeeeRemainder", -4.1, 2.0), at("ofIeeeRemainder", 0.3, 1.0)));
        // x^2 / 1.5 at 1.13 and 0.17, 3 / y at 1.88 and 1.25: the nearest jump 0.2 away in x, 0.4 in y.
        all.add(Stream.of(
                at("ofIeeeRemainderConst", 1.3, 1.6),
                at("ofIeeeRemainderConst", -1.3, 1.6),
                at("ofIeeeRemainderConst", 0.5, 2.4)));
        // x / y at 2.47 (q = 2), -2.47, -2.47: jumps at integer quotients, 0.7 away in x, 0.27 in y.
        all.add(Stream.of(at("ofRemainder", 3.7, 1.5), at("ofRemainder", -3.7, 1.5), at("ofRemainder", 3.7, -1.5)));
        // x * y at 0.7, 2.0, -1.14 (jumps at multiples of 1.5); 2.5 / y at 2.5, 2.5, 2.63 (jumps at integers).
        all.add(Stream.of(
                at("ofRemainderAssign", 0.7, 1.0),
                at("ofRemainderAssign", 2.0, 1.0),
                at("ofRemainderAssign", -1.2, 0.95)));
        all.add(Stream.of(at("ofNext", 0.7, 1.3), at("ofNext", -1.1, 0.4), at("ofNext", 2.0, -0.6)));
        // ulp(y) jumps at powers of two: y in [1.17, 1.43], [2.7, 3.3], [-1.65, -1.35].
        all.add(Stream.of(at("ofUlp", 0.7, 1.3), at("ofUlp", -1.1, 3.0), at("ofUlp", 2.0, -1.5)));
        all.add(Stream.of(at("ofScalb", 0.7, 1.3, 4), at("ofScalb", -1.1, 0.4, -2), at("ofScalb", 2.0, -0.6, 0)));
        // getExponent(y) and getExponent(3x) jump at powers of two: 3x at 2.7, -3.3, 3.3; y at 1.3, 3.0, -1.5.
        all.add(Stream.of(
                at("ofGetExponent", 0.9, 1.3), at("ofGetExponent", -1.1, 3.0), at("ofGetExponent", 1.1, -1.5)));
        // compare(x, y) jumps at x = y, getExponent(x) at powers of two, round(x) at half-integers: 0.2 away or more.
        all.add(Stream.of(at("ofIntegerResults", 0.7, 1.3, 5), at("ofIntegerResults", -1.3, 0.4, -4)));
        // t = x + 0.1 i: 0.6 to 0.8, and -0.9 to -0.7: the IEEE remainder by 0.8 jumps at odd multiples of 0.4, % 1.25
        // at multiples of 1.25: 0.2 away at least, twice x's step.
        all.add(Stream.of(at("inLoop", 0.6, 1.3, 3), at("inLoop", 0.6, -0.7, 2), at("inLoop", -0.9, 0.5, 3)));
        // x % 2 > 1 at x = 1.5 (x * y = 1.95, IEEE remainder by 1.75 jumps at 2.625), else x = 0.5, -0.5 (x * y % 0.9).
        all.add(Stream.of(at("inBranch", 1.5, 1.3), at("inBranch", 0.5, 0.6), at("inBranch", -0.5, 0.6)));
        // helper(x y, y + 1): q = x y % (y + 1), quotient 0 at these points; helper(y, 1.3): y / 1.3 in (0, 1);
        // IEEE remainders of y + 1 and 1.3 by 0.7: quotients away from half-integers.
        all.add(Stream.of(
                at("throughHelper", 0.4, 0.5), at("throughHelper", -0.6, 0.4), at("throughHelper", 0.3, 1.1)));
        return all.stream().flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cases")
    void derivativesMatchNumericDifferentiation(String method, Object[] args) {
        new ScalarFunction(compiled, CLASS, method).assertDerivatives(args);
    }

    @Test
    void instanceMethodThroughAHelperOnItsObject() {
        Compiled c = Compiled.compile(INSTANCE_CLASS, INSTANCE_SOURCE);
        c.assertNoWarnings();
        ScalarFunction f = new ScalarFunction(c, INSTANCE_CLASS, "energy");
        Object model;
        try {
            model = c.load(INSTANCE_CLASS).getConstructor(double.class).newInstance(1.7);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("cannot construct the receiver", e);
        }
        // x y / 1.7 at 0.27, -0.23, 0.88: away from the jumps of % (integers) and of the IEEE remainder (half-integers)
        // by 0.12 at least; getExponent(y) at y = 1.3, 0.6, -1.4, and nextAfter(x, y) beside no tie of x and y.
        for (Object[] p : new Object[][] {{model, 0.35, 1.3}, {model, -0.65, 0.6}, {model, 1.07, -1.4}}) {
            f.assertDerivatives(p);
        }
    }

    /** Closed forms: the partials of the remainders are 1 and minus the integer quotient; copySign's. */
    @Test
    void closedForms() {
        ScalarFunction rem = new ScalarFunction(compiled, CLASS, "ofRemainder");
        ScalarFunction ieee = new ScalarFunction(compiled, CLASS, "ofIeeeRemainder");
        ScalarFunction copy = new ScalarFunction(compiled, CLASS, "ofCopySignConst");
        ScalarFunction scalb = new ScalarFunction(compiled, CLASS, "ofScalb");
        assertAll(
                // (x % y) x at (3.7, 1.5): q = 2, r = 0.7: d/dx = r + x = 4.4, d/dy = -q x = -7.4.
                () -> assertClose(new double[] {3.7 % 1.5 + 3.7, -2 * 3.7}, rem.gradient(3.7, 1.5), CLOSED, "%"),
                // IEEEremainder(x, y) y + x at (4.1, 2.0): n = 2, r = 0.1: d/dx = y + 1 = 3, d/dy = -n y + r.
                () -> assertClose(
                        new double[] {3.0, -2 * 2.0 + Math.IEEEremainder(4.1, 2.0)},
                        ieee.gradient(4.1, 2.0),
                        CLOSED,
                        "IEEEremainder"),
                // copySign(x, -1) + copySign(y^2, x) at x < 0: -|x| has derivative 1 there; -y^2 has -2y.
                () -> assertClose(new double[] {1.0, -2 * 0.4}, copy.gradient(-1.1, 0.4), CLOSED, "copySign"),
                // scalb(x y, n) + 8 y x + scalb(x, -n) at n = 4: d/dx = 16 y + 8 y + 1/16.
                () -> assertClose(
                        new double[] {16 * 1.3 + 8 * 1.3 + 1.0 / 16, 16 * 0.7 + 8 * 0.7},
                        scalb.gradient(0.7, 1.3, 4),
                        CLOSED,
                        "scalb"));
    }

    /** copySign at a zero magnitude follows abs's convention, derivative 0, in both modes; remainder by 0 is NaN. */
    @Test
    void conventionsAtTheJumps() {
        ScalarFunction copy = new ScalarFunction(compiled, CLASS, "ofCopySignConst");
        double[] g = copy.gradient(0.0, 0.4);
        // d/dx copySign(x, -1) at 0: 0 by convention; copySign(y^2, x): 0.8 by y.
        assertEquals(0.0, g[0], 0.0, "copySign(x, -1) at x = 0");
        assertEquals(0.8, g[1], CLOSED, "copySign(y^2, x) at x = 0");
        assertEquals(0.0, copy.jvp(new Object[] {0.0, 0.4}, new double[] {1, 0}).tangent(), 0.0, "forward mode");
    }

    /**
     * {@code Math.clamp(double, double, double)} exists from JDK 21 on: compiled and checked only there (the build's
     * JDK 17 has no such method, and the processor then never sees a call of it). Inside, below and above the interval,
     * each 0.3 from its ends, and at a tie, where the derivative is split as max and min split it.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void clampWhereTheJdkHasIt() {
        String source = """
          package jdkmath;
          import io.github.autodiff4j.Differentiable;
          public class Clamp {
            @Differentiable static double clamped(double x, double lo, double hi) {
              return Math.clamp(x * x, lo, hi) * x + StrictMath.clamp(x, -hi, hi);
            }
          }
          """;
        Compiled c = Compiled.compile("jdkmath.Clamp", source);
        ScalarFunction f = new ScalarFunction(c, "jdkmath.Clamp", "clamped");
        f.assertDerivatives(1.0, 0.5, 1.5);
        f.assertDerivatives(0.4, 0.5, 1.5);
        f.assertDerivatives(1.5, 0.5, 1.7);
        // x = 1, x * x = 1 = hi: clamp(x^2, lo, hi) splits 1/2 between x^2 and hi; clamp(x, -hi, hi) likewise.
        double[] g = f.gradient(1.0, 0.5, 1.0);
        assertClose(new double[] {0.5 * 2 + 1 + 0.5, 0, 0.5 + 0.5}, g, CLOSED, "clamp at a tie");
    }

    /** Guards this test: every new function appears in the source and every method has points. */
    @Test
    void everyFunctionIsCovered() {
        for (String f : List.of("copySign", "IEEEremainder", "ulp", "nextUp", "nextDown", "nextAfter", "scalb")) {
            assertTrue(SOURCE.contains("Math." + f + "("), "not covered: Math." + f);
        }
        Set<String> declared = new TreeSet<>();
        Matcher m = Pattern.compile("@Differentiable static double (\\w+)\\(").matcher(SOURCE);
        while (m.find()) {
            declared.add(m.group(1));
        }
        Set<String> tested = new TreeSet<>();
        cases().forEach(a -> tested.add((String) a.get()[0]));
        assertEquals(declared, tested);
    }
}
