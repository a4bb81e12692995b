package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The compensated (Kahan) summation {@code DoubleStream.sum()} and {@code average()} run, as IR statements:
 * {@code Collectors.sumWithCompensation} for each element and {@code computeFinalSum} at the end, as in JDK 17.0.2 and
 * later (25 included), with the simple sum that stands in when same-signed infinities make the compensated one NaN.
 * Lowered as written, so that a member's value is the stream's bit for bit; its literal derivative is exact (the
 * compensation's adjoints cancel to an exact zero, and its tangent is the same summation of the tangents).
 */
final class CompensatedSum {
    private final Var sum;
    private final Var compensation;
    private final Var simple;
    private final Origin origin;

    private CompensatedSum(Var sum, Var compensation, Var simple, Origin origin) {
        this.sum = sum;
        this.compensation = compensation;
        this.simple = simple;
        this.origin = origin;
    }

    /** The running sums, declared zero in {@code out}. */
    static CompensatedSum start(Origin origin, List<Stmt> out) {
        return new CompensatedSum(
                zero("sum", origin, out), zero("compensation", origin, out), zero("simpleSum", origin, out), origin);
    }

    /** {@code double tmp = value - c; double velvel = sum + tmp; c = (velvel - sum) - tmp; sum = velvel;} */
    void add(Expr value, List<Stmt> out) {
        Var term = declare("term", minus(value, new Expr.Ref(compensation)), out);
        Var rounded = declare("rounded", plus(new Expr.Ref(sum), new Expr.Ref(term)), out);
        out.add(new Stmt.Assign(
                compensation, minus(minus(new Expr.Ref(rounded), new Expr.Ref(sum)), new Expr.Ref(term)), origin));
        out.add(new Stmt.Assign(sum, new Expr.Ref(rounded), origin));
        out.add(new Stmt.Assign(simple, plus(new Expr.Ref(simple), value), origin));
    }

    /**
     * The total, in a variable named {@code name}: {@code sum - c}, or the simple sum where that is NaN and the simple
     * sum infinite. {@code isNaN} and {@code isInfinite} build the calls of {@code Double}'s tests.
     */
    Var total(String name, UnaryOperator<Expr> isNaN, UnaryOperator<Expr> isInfinite, List<Stmt> out) {
        Var total = declare(name, minus(new Expr.Ref(sum), new Expr.Ref(compensation)), out);
        Expr infinities =
                new Expr.Binary(BinaryOp.AND, isNaN.apply(new Expr.Ref(total)), isInfinite.apply(new Expr.Ref(simple)));
        out.add(new Stmt.If(
                infinities, List.of(new Stmt.Assign(total, new Expr.Ref(simple), origin)), List.of(), origin));
        return total;
    }

    private static Var zero(String name, Origin origin, List<Stmt> out) {
        Var v = new Var(name, io.github.autodiff4j.processor.ir.Type.DOUBLE);
        out.add(new Stmt.Assign(v, Expr.Literal.of(0.0), origin));
        return v;
    }

    private Var declare(String name, Expr value, List<Stmt> out) {
        Var v = new Var(name, value.type());
        out.add(new Stmt.Assign(v, value, origin));
        return v;
    }

    private static Expr plus(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.ADD, a, b);
    }

    private static Expr minus(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.SUB, a, b);
    }
}
