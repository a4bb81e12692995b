package io.github.autodiff4j.processor.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The rule table {@link DerivativeRules}, with no javac in the loop: each partial it returns for every
 * {@link MathFunction} and every differentiable operator, evaluated at sample points by a small evaluator of IR
 * expressions, against Richardson-extrapolated central differences of the function itself. Tolerance: {@value #TOL}
 * relative to the numeric derivative (which is exact, 0, where the function is locally constant). The conventions
 * where the derivative does not exist are pinned separately.
 */
class DerivativeRulesTest {
    private static final double TOL = 1e-7;

    /** Sample points of each function, away from singularities and jumps; every function must have some. */
    private static final Map<MathFunction, double[][]> POINTS = new EnumMap<>(MathFunction.class);

    static {
        points(MathFunction.SIN, 0.7, -2.3);
        points(MathFunction.COS, 0.7, -2.3);
        points(MathFunction.TAN, 0.4, -1.2);
        points(MathFunction.ASIN, 0.3, -0.8);
        points(MathFunction.ACOS, 0.3, -0.8);
        points(MathFunction.ATAN, 0.5, -3);
        points(MathFunction.ATAN2, new double[] {0.5, -1.2}, new double[] {-2, 0.3}, new double[] {3, 4});
        points(MathFunction.SINH, 0.7, -1.5);
        points(MathFunction.COSH, 0.7, -1.5);
        points(MathFunction.TANH, 0.3, -1.1);
        points(MathFunction.EXP, 0.5, -2);
        points(MathFunction.EXPM1, 0.5, -1e-4);
        points(MathFunction.LOG, 0.5, 3);
        points(MathFunction.LOG10, 0.5, 30);
        points(MathFunction.LOG1P, 0.5, -0.3);
        points(MathFunction.SQRT, 2, 0.3);
        points(MathFunction.CBRT, 2, -0.5);
        points(MathFunction.POW, new double[] {1.5, 2.5}, new double[] {0.7, -1.3}, new double[] {2, 3});
        points(MathFunction.HYPOT, new double[] {3, -4}, new double[] {-0.5, 1.2});
        points(MathFunction.ABS, -0.7, 1.3);
        points(MathFunction.MAX, new double[] {0.3, -0.8}, new double[] {-1, 2});
        points(MathFunction.MIN, new double[] {0.3, -0.8}, new double[] {-1, 2});
        points(MathFunction.SIGNUM, -0.7, 0.3);
        points(MathFunction.FLOOR, 0.3, -1.7);
        points(MathFunction.CEIL, 0.3, -1.7);
        points(MathFunction.RINT, 0.3, -1.2);
        points(MathFunction.TO_RADIANS, 30, -0.5);
        points(MathFunction.TO_DEGREES, 0.5, -2);
        points(MathFunction.FMA, new double[] {0.5, -1.2, 2}, new double[] {2, 3, -1});
        points(MathFunction.COPY_SIGN, new double[] {0.7, -1.3}, new double[] {-2, 0.5}, new double[] {1.5, 2});
        points(MathFunction.IEEE_REMAINDER, new double[] {4.1, 2.0}, new double[] {-2.9, 1.3}, new double[] {0.3, 1});
        points(MathFunction.ULP, 1.3, -3);
        points(MathFunction.NEXT_UP, 0.7, -2);
        points(MathFunction.NEXT_DOWN, 0.7, -2);
        points(MathFunction.NEXT_AFTER, new double[] {0.7, 2}, new double[] {-1.5, -3});
        // The int exponent as 3.5 and -1.5: (int) truncates them to 3 and -1, and keeps that between the steps.
        points(MathFunction.SCALB, new double[] {1.3, 3.5}, new double[] {-0.7, -1.5});
        // Inside the interval, below it, above it.
        points(MathFunction.CLAMP, new double[] {0.5, -1, 2}, new double[] {-3, -1, 2}, new double[] {3, -1, 2});
    }

    private static void points(MathFunction f, double... xs) {
        POINTS.put(f, Arrays.stream(xs).mapToObj(x -> new double[] {x}).toArray(double[][]::new));
    }

    private static void points(MathFunction f, double[]... xs) {
        POINTS.put(f, xs);
    }

    @Test
    void everyMathFunctionHasTestPoints() {
        // Guard: a MathFunction added to the enum must get sample points here (and a case in apply, or this file does
        // not compile).
        for (MathFunction f : MathFunction.values()) {
            assertTrue(POINTS.containsKey(f), "no test points for " + f + ": add them to DerivativeRulesTest.POINTS");
            for (double[] x : POINTS.get(f)) {
                assertEquals(f.arity(), x.length, f + " takes " + f.arity() + " arguments");
            }
        }
    }

    @Test
    void everyMathFunctionsPartialsMatchCentralDifferences() {
        // The partial of each argument, at each point, is the derivative of the function there.
        for (MathFunction f : MathFunction.values()) {
            for (double[] x : POINTS.getOrDefault(f, new double[0][])) {
                List<Var> args = new ArrayList<>();
                for (int i = 0; i < f.arity(); i++) {
                    args.add(new Var("a" + i, Type.DOUBLE));
                }
                Expr op = new Expr.MathCall(
                        f, false, args.stream().<Expr>map(Expr.Ref::new).toList());
                checkPartials(op, args, x, y -> apply(f, y));
            }
        }
    }

    @Test
    void powWithALiteralExponentMatchesCentralDifferences() {
        // pow(x, n) with n a literal writes n * x^(n-1) out (1, x, or a call), and n == 0 gives 0: checked for both
        // arguments at x = 1.7 (the literal's partial is still x^n log x).
        for (double n : new double[] {0, 1, 2, 3, 0.5, -1.5}) {
            Var a = new Var("a", Type.DOUBLE);
            Expr op = new Expr.MathCall(MathFunction.POW, false, List.of(new Expr.Ref(a), Expr.Literal.of(n)));
            List<Expr> partials = DerivativeRules.partials(op, new Expr.Ref(RESULT));
            Map<Var, Double> env = Map.of(a, 1.7, RESULT, Math.pow(1.7, n));
            assertClose(
                    numeric(y -> Math.pow(y[0], y[1]), new double[] {1.7, n}, 0),
                    eval(partials.get(0), env),
                    "d pow(x, " + n + ")/dx = " + print(partials.get(0)));
            assertClose(
                    numeric(y -> Math.pow(y[0], y[1]), new double[] {1.7, n}, 1),
                    eval(partials.get(1), env),
                    "d pow(x, " + n + ")/dn = " + print(partials.get(1)));
        }
    }

    /** The operators with a derivative rule; every other one has none, and says so. */
    private static final Set<BinaryOp> DIFFERENTIABLE =
            EnumSet.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.REM);

    @Test
    void everyArithmeticOperatorsPartialsMatchCentralDifferences() {
        // x + y, x - y, x * y, x / y, x % y, at points of both signs (x % y with quotients -3, 0, 0).
        for (BinaryOp op : DIFFERENTIABLE) {
            for (double[] x : new double[][] {{1.5, -0.4}, {-2, 3}, {0.25, 0.5}}) {
                Var a = new Var("a", Type.DOUBLE);
                Var b = new Var("b", Type.DOUBLE);
                Expr e = new Expr.Binary(op, new Expr.Ref(a), new Expr.Ref(b));
                checkPartials(e, List.of(a, b), x, y -> binary(op, y[0], y[1]));
            }
        }
    }

    @Test
    void everyOtherOperatorHasNoRule() {
        // Comparisons, shifts and bitwise/logical operators: no
        // partials, an exception rather than a silent zero.
        Expr a = new Expr.Ref(new Var("a", Type.DOUBLE));
        Expr b = new Expr.Ref(new Var("b", Type.DOUBLE));
        for (BinaryOp op : BinaryOp.values()) {
            if (!DIFFERENTIABLE.contains(op)) {
                Expr e = new Expr.Binary(op, a, b);
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DerivativeRules.partials(e, new Expr.Ref(RESULT)),
                        op.toString());
            }
        }
        for (UnaryOp op : EnumSet.complementOf(EnumSet.of(UnaryOp.NEG))) {
            Expr e = new Expr.Unary(op, a);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> DerivativeRules.partials(e, new Expr.Ref(RESULT)),
                    op.toString());
        }
    }

    @Test
    void negationsPartialIsMinusOne() {
        // -x: the one unary operator with a rule.
        Var a = new Var("a", Type.DOUBLE);
        checkPartials(new Expr.Unary(UnaryOp.NEG, new Expr.Ref(a)), List.of(a), new double[] {0.8}, y -> -y[0]);
    }

    @Test
    void argumentsAreListedInTheOrderOfThePartials() {
        // arguments(op) pairs with partials(op): the transforms zip them.
        Var a = new Var("a", Type.DOUBLE);
        Var b = new Var("b", Type.DOUBLE);
        Var c = new Var("c", Type.DOUBLE);
        Expr fma =
                new Expr.MathCall(MathFunction.FMA, false, List.of(new Expr.Ref(a), new Expr.Ref(b), new Expr.Ref(c)));
        assertEquals(List.of(new Expr.Ref(a), new Expr.Ref(b), new Expr.Ref(c)), DerivativeRules.arguments(fma));
        Expr div = new Expr.Binary(BinaryOp.DIV, new Expr.Ref(a), new Expr.Ref(b));
        assertEquals(List.of(new Expr.Ref(a), new Expr.Ref(b)), DerivativeRules.arguments(div));
        Expr neg = new Expr.Unary(UnaryOp.NEG, new Expr.Ref(a));
        assertEquals(List.of(new Expr.Ref(a)), DerivativeRules.arguments(neg));
    }

    @Test
    void strictCallsHaveStrictPartials() {
        // StrictMath.f has partials that call StrictMath too (and Math.f, Math): the results stay reproducible.
        for (MathFunction f : MathFunction.values()) {
            for (boolean strict : new boolean[] {false, true}) {
                List<Expr> args = new ArrayList<>();
                for (int i = 0; i < f.arity(); i++) {
                    args.add(new Expr.Ref(new Var("a" + i, Type.DOUBLE)));
                }
                List<Expr> partials =
                        DerivativeRules.partials(new Expr.MathCall(f, strict, args), new Expr.Ref(RESULT));
                for (Expr p : partials) {
                    assertFalse(
                            Exprs.anyMatch(p, e -> e instanceof Expr.MathCall m && m.strict() != strict),
                            f + (strict ? " (strict)" : "") + ": " + print(p));
                }
            }
        }
    }

    @Test
    void conventionsWhereTheDerivativeDoesNotExist() {
        // The README's conventions, as the class javadoc lists them: each would be NaN or a one-sided value otherwise.
        assertEquals(List.of(0.0), at(MathFunction.ABS, 0), "abs at 0");
        assertEquals(List.of(0.5, 0.5), at(MathFunction.MAX, 1.5, 1.5), "max at a tie splits evenly");
        assertEquals(List.of(0.5, 0.5), at(MathFunction.MIN, -2, -2), "min at a tie splits evenly");
        assertEquals(List.of(Double.POSITIVE_INFINITY), at(MathFunction.SQRT, 0), "sqrt at 0");
        assertEquals(0.0, at(MathFunction.POW, 0, 2.5).get(1), "pow(0, y) contributes 0 with respect to y");
        assertEquals(0.0, at(MathFunction.POW, 0, 0).get(0), "pow(x, 0) is constant, even at x == 0");
        assertEquals(List.of(0.0, 0.0), at(MathFunction.HYPOT, 0, 0), "hypot at (0, 0)");
        for (MathFunction f : List.of(MathFunction.FLOOR, MathFunction.CEIL, MathFunction.RINT, MathFunction.SIGNUM)) {
            assertEquals(List.of(0.0), at(f, 1.0), f + " at a jump");
            assertEquals(List.of(0.0), at(f, 0.0), f + " at 0");
        }
    }

    @Test
    void atan2StaysFiniteWhereTheSquaresOverflowOrUnderflow() {
        // atan2's partials divide by hypot twice instead of by y^2 + x^2, which overflows from 1e154 on and underflows
        // below 1e-154 while the partials are finite: checked against central differences at both ends.
        for (double scale : new double[] {1e200, 1e-200}) {
            Var y = new Var("y", Type.DOUBLE);
            Var x = new Var("x", Type.DOUBLE);
            Expr op = new Expr.MathCall(MathFunction.ATAN2, false, List.of(new Expr.Ref(y), new Expr.Ref(x)));
            checkPartials(op, List.of(y, x), new double[] {2 * scale, -3 * scale}, v -> Math.atan2(v[0], v[1]));
        }
    }

    // ---- Checking against central differences ----

    /** The variable holding the operation's result, which some partials read (exp's is the result itself). */
    private static final Var RESULT = new Var("t", Type.DOUBLE);

    private static void checkPartials(Expr op, List<Var> args, double[] x, ToDoubleFunction<double[]> f) {
        List<Expr> partials = DerivativeRules.partials(op, new Expr.Ref(RESULT));
        assertEquals(args.size(), partials.size(), "one partial per argument of " + print(op));
        Map<Var, Double> env = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            env.put(args.get(i), x[i]);
        }
        env.put(RESULT, f.applyAsDouble(x));
        for (int i = 0; i < args.size(); i++) {
            assertClose(
                    numeric(f, x, i),
                    eval(partials.get(i), env),
                    "d " + print(op) + " / d" + args.get(i) + " = " + print(partials.get(i)) + " at "
                            + Arrays.toString(x));
        }
    }

    private static void assertClose(double numeric, double analytic, String what) {
        assertTrue(
                Math.abs(analytic - numeric) <= TOL * Math.abs(numeric) || analytic == numeric,
                what + ": rule gives " + analytic + ", central differences " + numeric);
    }

    /** Richardson-extrapolated central differences in argument i: error O(h^4), h relative to the argument. */
    private static double numeric(ToDoubleFunction<double[]> f, double[] x, int i) {
        double scale = Math.abs(x[i]);
        double h = 1e-3 * (scale > 1 || (scale > 0 && scale < 1e-100) ? scale : 1);
        return (4 * central(f, x, i, h / 2) - central(f, x, i, h)) / 3;
    }

    private static double central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[i] += h;
        down[i] -= h;
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
    }

    /** The partials of f at x, evaluated. */
    private static List<Double> at(MathFunction f, double... x) {
        List<Var> args = new ArrayList<>();
        Map<Var, Double> env = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            args.add(new Var("a" + i, Type.DOUBLE));
            env.put(args.get(i), x[i]);
        }
        env.put(RESULT, apply(f, x));
        Expr op = new Expr.MathCall(
                f, false, args.stream().<Expr>map(Expr.Ref::new).toList());
        return DerivativeRules.partials(op, new Expr.Ref(RESULT)).stream()
                .map(p -> eval(p, env))
                .toList();
    }

    // ---- A tiny evaluator of the expressions the rules build ----

    /** The value of a double expression; a comparison is 1 or 0. */
    static double eval(Expr e, Map<Var, Double> env) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Ref r) {
            Double value = env.get(r.var());
            if (value == null) {
                throw new IllegalArgumentException("no value for " + r.var() + " in " + print(e));
            }
            return value;
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return -eval(u.operand(), env);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b.op(), eval(b.left(), env), eval(b.right(), env));
        }
        if (e instanceof Expr.Select s) {
            return eval(s.condition(), env) != 0 ? eval(s.ifTrue(), env) : eval(s.ifFalse(), env);
        }
        if (e instanceof Expr.MathCall m) {
            return apply(
                    m.function(),
                    m.args().stream().mapToDouble(a -> eval(a, env)).toArray());
        }
        throw new IllegalArgumentException("cannot evaluate " + print(e));
    }

    private static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case REM -> a % b;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            default -> throw new IllegalArgumentException("cannot evaluate " + op);
        };
    }

    /** The function itself. Exhaustive, with no default: a new MathFunction does not compile until it has a case. */
    static double apply(MathFunction f, double... x) {
        return switch (f) {
            case SIN -> Math.sin(x[0]);
            case COS -> Math.cos(x[0]);
            case TAN -> Math.tan(x[0]);
            case ASIN -> Math.asin(x[0]);
            case ACOS -> Math.acos(x[0]);
            case ATAN -> Math.atan(x[0]);
            case ATAN2 -> Math.atan2(x[0], x[1]);
            case SINH -> Math.sinh(x[0]);
            case COSH -> Math.cosh(x[0]);
            case TANH -> Math.tanh(x[0]);
            case EXP -> Math.exp(x[0]);
            case EXPM1 -> Math.expm1(x[0]);
            case LOG -> Math.log(x[0]);
            case LOG10 -> Math.log10(x[0]);
            case LOG1P -> Math.log1p(x[0]);
            case SQRT -> Math.sqrt(x[0]);
            case CBRT -> Math.cbrt(x[0]);
            case POW -> Math.pow(x[0], x[1]);
            case HYPOT -> Math.hypot(x[0], x[1]);
            case ABS -> Math.abs(x[0]);
            case MAX -> Math.max(x[0], x[1]);
            case MIN -> Math.min(x[0], x[1]);
            case SIGNUM -> Math.signum(x[0]);
            case FLOOR -> Math.floor(x[0]);
            case CEIL -> Math.ceil(x[0]);
            case RINT -> Math.rint(x[0]);
            case TO_RADIANS -> Math.toRadians(x[0]);
            case TO_DEGREES -> Math.toDegrees(x[0]);
            case FMA -> Math.fma(x[0], x[1], x[2]);
            case COPY_SIGN -> Math.copySign(x[0], x[1]);
            case IEEE_REMAINDER -> Math.IEEEremainder(x[0], x[1]);
            case ULP -> Math.ulp(x[0]);
            case NEXT_UP -> Math.nextUp(x[0]);
            case NEXT_DOWN -> Math.nextDown(x[0]);
            case NEXT_AFTER -> Math.nextAfter(x[0], x[1]);
            case SCALB -> Math.scalb(x[0], (int) x[1]);
            // Math.clamp is JDK 21's; the build's JDK 17 has min and max.
            case CLAMP -> Math.min(x[2], Math.max(x[0], x[1]));
        };
    }

    private static String print(Expr e) {
        return new IrPrinter(Var::name, "tape").expr(e).toString();
    }
}
