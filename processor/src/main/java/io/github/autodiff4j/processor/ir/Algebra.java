package io.github.autodiff4j.processor.ir;

import io.github.autodiff4j.processor.ir.Expr.Binary;
import io.github.autodiff4j.processor.ir.Expr.Literal;
import java.util.List;

/**
 * Smart constructors for the double expressions that derivative rules build. They fold constants and drop the zeros
 * and ones that the chain rule produces, so generated code reads like hand-written derivatives instead of swelling.
 *
 * <p>Folding {@code 0 * x} to {@code 0} is not IEEE-exact when x is infinite or NaN; derivative code relies on it (an
 * input that does not influence a result contributes exactly nothing), which is also the convention of other AD tools.
 */
public final class Algebra {
    public static final Literal ZERO = Literal.of(0);
    public static final Literal ONE = Literal.of(1);

    private Algebra() {}

    public static Expr ref(Var v) {
        return new Expr.Ref(v);
    }

    public static Expr num(double v) {
        return Literal.of(v);
    }

    public static boolean isZero(Expr e) {
        return e instanceof Literal l && l.value() == 0 && l.type() == io.github.autodiff4j.processor.ir.Type.DOUBLE;
    }

    public static boolean isOne(Expr e) {
        return e instanceof Literal l && l.is(1);
    }

    public static Expr add(Expr a, Expr b) {
        if (isZero(a)) {
            return b;
        }
        if (a.equals(b) && !(a instanceof Literal)) {
            return mul(num(2), a);
        }
        if (isZero(b)) {
            return a;
        }
        if (a instanceof Literal x && b instanceof Literal y) {
            return num(x.value() + y.value());
        }
        if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return new Binary(BinaryOp.SUB, a, u.operand());
        }
        if (b instanceof Literal y && y.value() < 0) {
            return new Binary(BinaryOp.SUB, a, num(-y.value()));
        }
        if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return new Binary(BinaryOp.SUB, b, u.operand());
        }
        return new Binary(BinaryOp.ADD, a, b);
    }

    public static Expr sub(Expr a, Expr b) {
        if (isZero(b)) {
            return a;
        }
        if (isZero(a)) {
            return neg(b);
        }
        if (a instanceof Literal x && b instanceof Literal y) {
            return num(x.value() - y.value());
        }
        if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return new Binary(BinaryOp.ADD, a, u.operand());
        }
        return new Binary(BinaryOp.SUB, a, b);
    }

    public static Expr mul(Expr a, Expr b) {
        if (isZero(a) || isZero(b)) {
            return ZERO;
        }
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        if (a instanceof Literal x && b instanceof Literal y) {
            return num(x.value() * y.value());
        }
        if (a instanceof Literal x && x.is(-1)) {
            return neg(b);
        }
        if (b instanceof Binary q && q.op() == BinaryOp.DIV && isOne(q.left())) {
            return div(a, q.right());
        }
        if (a instanceof Binary q && q.op() == BinaryOp.DIV && isOne(q.left())) {
            return div(b, q.right());
        }
        if (b instanceof Literal y && y.is(-1)) {
            return neg(a);
        }
        if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return neg(mul(u.operand(), b));
        }
        if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return neg(mul(a, u.operand()));
        }
        // Constants first reads naturally: 2.0 * x.
        if (b instanceof Literal && !(a instanceof Literal)) {
            return new Binary(BinaryOp.MUL, b, a);
        }
        return new Binary(BinaryOp.MUL, a, b);
    }

    public static Expr div(Expr a, Expr b) {
        if (isZero(a)) {
            return ZERO;
        }
        if (isOne(b)) {
            return a;
        }
        if (a instanceof Literal x && b instanceof Literal y) {
            return num(x.value() / y.value());
        }
        if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return neg(div(u.operand(), b));
        }
        return new Binary(BinaryOp.DIV, a, b);
    }

    public static Expr neg(Expr a) {
        if (a instanceof Literal x) {
            return num(-x.value());
        }
        if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return u.operand();
        }
        if (a instanceof Binary b && b.op() == BinaryOp.SUB) {
            return new Binary(BinaryOp.SUB, b.right(), b.left());
        }
        return new Expr.Unary(UnaryOp.NEG, a);
    }

    public static Expr call(MathFunction f, boolean strict, Expr... args) {
        return new Expr.MathCall(f, strict, List.of(args));
    }

    public static Expr select(Expr condition, Expr ifTrue, Expr ifFalse) {
        if (ifTrue.equals(ifFalse)) {
            return ifTrue;
        }
        return new Expr.Select(condition, ifTrue, ifFalse);
    }

    public static Expr compare(BinaryOp op, Expr a, Expr b) {
        return new Binary(op, a, b);
    }

    /**
     * The negation, written as the opposite comparison where that means the same: always for == and !=, for the
     * orderings only on integers (on doubles, NaN makes both {@code a < b} and {@code a >= b} false).
     */
    public static Expr not(Expr condition) {
        if (condition instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
            return u.operand();
        }
        if (condition instanceof Binary b) {
            boolean integral = b.left().type() != Type.DOUBLE && b.right().type() != Type.DOUBLE;
            BinaryOp opposite = switch (b.op()) {
                case EQ -> BinaryOp.NE;
                case NE -> BinaryOp.EQ;
                case LT -> integral ? BinaryOp.GE : null;
                case LE -> integral ? BinaryOp.GT : null;
                case GT -> integral ? BinaryOp.LE : null;
                case GE -> integral ? BinaryOp.LT : null;
                default -> null;
            };
            if (opposite != null) {
                return new Binary(opposite, b.left(), b.right());
            }
        }
        return new Expr.Unary(UnaryOp.NOT, condition);
    }
}
