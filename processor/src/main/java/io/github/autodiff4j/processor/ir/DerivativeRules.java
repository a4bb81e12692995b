package io.github.autodiff4j.processor.ir;

import static io.github.autodiff4j.processor.ir.Algebra.ONE;
import static io.github.autodiff4j.processor.ir.Algebra.ZERO;
import static io.github.autodiff4j.processor.ir.Algebra.add;
import static io.github.autodiff4j.processor.ir.Algebra.call;
import static io.github.autodiff4j.processor.ir.Algebra.compare;
import static io.github.autodiff4j.processor.ir.Algebra.div;
import static io.github.autodiff4j.processor.ir.Algebra.mul;
import static io.github.autodiff4j.processor.ir.Algebra.neg;
import static io.github.autodiff4j.processor.ir.Algebra.num;
import static io.github.autodiff4j.processor.ir.Algebra.select;
import static io.github.autodiff4j.processor.ir.Algebra.sub;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of derivative rules. For an operation over atoms and the variable holding its result, it gives the
 * partial derivative with respect to each argument. The tangent transform sums partial times tangent; the adjoint
 * transform adds adjoint times partial to each argument's adjoint: a rule is written once for both modes, and so for
 * the Hessian, which composes them.
 *
 * <p>Conventions where the derivative does not exist (documented in the README): {@code abs} at 0 has derivative 0;
 * {@code max}/{@code min} at a tie split evenly; {@code sqrt} at 0 is +Infinity; piecewise-constant functions have
 * derivative 0; {@code pow(x, y)} with x <= 0 contributes 0 to the derivative with respect to y; {@code hypot} at
 * (0, 0) has derivative 0; {@code copySign(a, b)} by {@code a} is {@code signum(a) * copySign(1, b)}, 0 at a = 0 as for
 * {@code abs}, and 0 by {@code b}; {@code clamp} at a tie splits as {@code max} and {@code min} do, being
 * {@code min(max(value, min), max)}.
 */
public final class DerivativeRules {
    private static final double LN_10 = Math.log(10);

    private DerivativeRules() {}

    /** The arguments of {@code op}, in the order of its {@link #partials}. */
    public static List<Expr> arguments(Expr op) {
        if (op instanceof Expr.CustomCall c) {
            return c.args();
        }
        if (op instanceof Expr.Linearized l) {
            return l.args();
        }
        if (op instanceof Expr.Unary u) {
            return List.of(u.operand());
        }
        if (op instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        }
        return ((Expr.MathCall) op).args();
    }

    /** Partial derivatives of {@code op} (an operation over atoms, not a copy) whose value is {@code result}. */
    public static List<Expr> partials(Expr op, Expr result) {
        if (op instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return List.of(num(-1));
        }
        if (op instanceof Expr.Binary b) {
            return binary(b, result);
        }
        if (op instanceof Expr.MathCall m) {
            return math(m, result);
        }
        if (op instanceof Expr.CustomCall c) {
            return custom(c);
        }
        if (op instanceof Expr.Linearized l) {
            return l.partials();
        }
        throw new IllegalArgumentException("no derivative rule for " + op);
    }

    /** The supplied rule: a call of the method for each partial, or of the one returning them all. */
    private static List<Expr> custom(Expr.CustomCall c) {
        List<MethodRef.Parameter> params = c.function().params();
        long doubles = params.stream().filter(MethodRef.Parameter::isDouble).count();
        List<Expr> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).isDouble()) {
                out.add(ZERO);
                continue;
            }
            Callee own = c.rule().perParameter().get(i);
            if (own != null) {
                out.add(new Expr.RuleCall(own, c.args(), Type.DOUBLE, c.origin()));
            } else if (doubles == 1) {
                out.add(new Expr.RuleCall(c.rule().all(), c.args(), Type.DOUBLE, c.origin()));
            } else {
                Expr all = new Expr.RuleCall(c.rule().all(), c.args(), Type.DOUBLE_ARRAY, c.origin());
                out.add(new Expr.ArrayRead(all, Expr.Literal.ofIntegral(Type.INT, k)));
            }
            k++;
        }
        return out;
    }

    private static List<Expr> binary(Expr.Binary b, Expr result) {
        Expr x = b.left();
        Expr y = b.right();
        switch (b.op()) {
            case ADD:
                return List.of(ONE, ONE);
            case SUB:
                return List.of(ONE, num(-1));
            case MUL:
                return List.of(y, x);
            case DIV:
                // d(x/y)/dy = -x/y^2 = -(x/y)/y: reuse the quotient.
                return List.of(div(ONE, y), neg(div(result, y)));
            case REM:
                // x % y = x - q y with q = x / y truncated, an integer: constant between the jumps, so
                // d/dx = 1 and d/dy = -q. (x - result) / y is q up to rounding; rint recovers the integer.
                return List.of(ONE, neg(quotient(x, y, result, false)));
            default:
                throw new IllegalArgumentException("no derivative rule for " + b.op());
        }
    }

    private static List<Expr> math(Expr.MathCall m, Expr t) {
        boolean s = m.strict();
        Expr a = m.args().get(0);
        Expr b = m.args().size() > 1 ? m.args().get(1) : null;
        // Exhaustive, with no default: a MathFunction without a rule does not compile.
        return switch (m.function()) {
            case SIN -> List.of(call(MathFunction.COS, s, a));
            case COS -> List.of(neg(call(MathFunction.SIN, s, a)));
            case TAN -> List.of(add(ONE, mul(t, t)));
            case ASIN -> List.of(div(ONE, call(MathFunction.SQRT, s, sub(ONE, mul(a, a)))));
            case ACOS -> List.of(neg(div(ONE, call(MathFunction.SQRT, s, sub(ONE, mul(a, a))))));
            case ATAN -> List.of(div(ONE, add(ONE, mul(a, a))));
            case ATAN2 -> {
                // atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2), divided by hypot(y, x) twice instead:
                // the
                // squares overflow from 1e154 on (and underflow below 1e-154), where atan2 and its derivatives are
                // finite.
                Expr h = call(MathFunction.HYPOT, s, a, b);
                yield List.of(div(div(b, h), h), neg(div(div(a, h), h)));
            }
            case SINH -> List.of(call(MathFunction.COSH, s, a));
            case COSH -> List.of(call(MathFunction.SINH, s, a));
            case TANH -> List.of(sub(ONE, mul(t, t)));
            case EXP -> List.of(t);
            case EXPM1 -> List.of(add(t, ONE));
            case LOG -> List.of(div(ONE, a));
            case LOG10 -> List.of(div(ONE, mul(num(LN_10), a)));
            case LOG1P -> List.of(div(ONE, add(ONE, a)));
            case SQRT -> List.of(div(num(0.5), t));
            case CBRT -> List.of(div(ONE, mul(num(3), mul(t, t))));
            case POW -> pow(a, b, t, s);
            case HYPOT -> List.of(hypotPartial(a, t), hypotPartial(b, t));
            case ABS -> List.of(call(MathFunction.SIGNUM, s, a));
            case MAX -> List.of(winner(BinaryOp.GT, a, b), winner(BinaryOp.LT, a, b));
            case MIN -> List.of(winner(BinaryOp.LT, a, b), winner(BinaryOp.GT, a, b));
            case TO_RADIANS -> List.of(num(Math.PI / 180));
            case TO_DEGREES -> List.of(num(180 / Math.PI));
            case FMA -> List.of(b, a, ONE);
            case SIGNUM, FLOOR, CEIL, RINT, ULP -> List.of(ZERO);
            // |a| with the sign of b: signum(a) is 0 at a = 0 (the convention of abs), and the sign of b a constant.
            case COPY_SIGN ->
                List.of(mul(call(MathFunction.SIGNUM, s, a), call(MathFunction.COPY_SIGN, s, ONE, b)), ZERO);
            // a - n b with n the integer nearest a / b: d/da = 1, d/db = -n, as for %.
            case IEEE_REMAINDER -> List.of(ONE, neg(quotient(a, b, t, s)));
            case NEXT_UP, NEXT_DOWN -> List.of(ONE);
            case NEXT_AFTER -> List.of(ONE, ZERO);
            // d * 2^n: 2^n exactly as scalb writes it, the int n a constant.
            case SCALB -> List.of(call(MathFunction.SCALB, s, ONE, b), ZERO);
            case CLAMP -> clamp(a, b, m.args().get(2), s);
        };
    }

    /** The integer n of a remainder {@code t = a - n b}, from its result: (a - t) / b, rounded to the integer. */
    private static Expr quotient(Expr a, Expr b, Expr t, boolean strict) {
        return call(MathFunction.RINT, strict, div(sub(a, t), b));
    }

    /** clamp(v, lo, hi) = min(max(v, lo), hi), differentiated as that composition (ties split as max and min do). */
    private static List<Expr> clamp(Expr v, Expr lo, Expr hi, boolean s) {
        Expr raised = call(MathFunction.MAX, s, v, lo);
        Expr kept = winner(BinaryOp.LT, raised, hi);
        return List.of(
                mul(winner(BinaryOp.GT, v, lo), kept),
                mul(winner(BinaryOp.GT, lo, v), kept),
                winner(BinaryOp.LT, hi, raised));
    }

    private static List<Expr> pow(Expr a, Expr b, Expr t, boolean s) {
        Expr da;
        if (b instanceof Expr.Literal n && n.value() < 1 && n.value() != 0) {
            // A constant exponent below 1: n * x^n / x, from the result, except at x == 0 (where x^(n-1) is infinite).
            // x^(n-1) itself underflows where x^n does not, and its own derivative, which the Hessian needs, sooner
            // still
            // (x^-1.5 at x = 1e261 for sqrt-like powers).
            da = select(
                    compare(BinaryOp.EQ, a, ZERO),
                    mul(num(n.value()), call(MathFunction.POW, s, a, num(n.value() - 1))),
                    div(mul(num(n.value()), t), a));
        } else if (b instanceof Expr.Literal n) {
            // A constant exponent: n * x^(n-1), with the small powers written out.
            double k = n.value() - 1;
            Expr power = k == 0 ? ONE : k == 1 ? a : call(MathFunction.POW, s, a, num(k));
            da = mul(num(n.value()), power);
        } else {
            // pow(x, 0) is constant: its derivative is 0 even at x == 0, where 0 * pow(0, -1) would be NaN.
            da = select(compare(BinaryOp.EQ, b, ZERO), ZERO, mul(b, call(MathFunction.POW, s, a, sub(b, ONE))));
        }
        // x^y exists for x < 0 only at integer y, and for x == 0 only at y > 0: no derivative by y there, 0 by
        // convention
        // (not the NaN of log(x), which would reach every derivative through a zero tangent, IEEE's 0 x NaN).
        Expr db = select(compare(BinaryOp.LE, a, ZERO), ZERO, mul(t, call(MathFunction.LOG, s, a)));
        return List.of(da, db);
    }

    private static Expr hypotPartial(Expr x, Expr t) {
        return select(compare(BinaryOp.EQ, t, ZERO), ZERO, div(x, t));
    }

    /** 1 where {@code a} wins the comparison, 1/2 at a tie, 0 otherwise. */
    private static Expr winner(BinaryOp wins, Expr a, Expr b) {
        return select(compare(wins, a, b), ONE, select(compare(BinaryOp.EQ, a, b), num(0.5), ZERO));
    }
}
