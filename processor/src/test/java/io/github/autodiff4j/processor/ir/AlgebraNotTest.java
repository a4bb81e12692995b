package io.github.autodiff4j.processor.ir;

import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Algebra#not}: the opposite comparison only where it means the same, NaN included. */
class AlgebraNotTest {
    private static final Expr I = new Expr.Ref(integer("i"));
    private static final Expr N = new Expr.Ref(integer("n"));
    private static final Expr X = new Expr.Ref(dbl("x"));
    private static final Expr Y = new Expr.Ref(dbl("y"));

    @Test
    void flipsEqualityOnAnyType() {
        assertEquals(new Expr.Binary(BinaryOp.NE, X, Y), Algebra.not(new Expr.Binary(BinaryOp.EQ, X, Y)));
        assertEquals(new Expr.Binary(BinaryOp.EQ, I, N), Algebra.not(new Expr.Binary(BinaryOp.NE, I, N)));
    }

    @Test
    void flipsOrderingsOnIntegers() {
        assertEquals(new Expr.Binary(BinaryOp.GE, I, N), Algebra.not(new Expr.Binary(BinaryOp.LT, I, N)));
        assertEquals(new Expr.Binary(BinaryOp.LT, I, N), Algebra.not(new Expr.Binary(BinaryOp.GE, I, N)));
        assertEquals(new Expr.Binary(BinaryOp.GT, I, N), Algebra.not(new Expr.Binary(BinaryOp.LE, I, N)));
        assertEquals(new Expr.Binary(BinaryOp.LE, I, N), Algebra.not(new Expr.Binary(BinaryOp.GT, I, N)));
    }

    /** NaN < y and NaN >= y are both false: !(x < y) must stay a negation. */
    @Test
    void keepsTheNegationOfAnOrderingOnDoubles() {
        Expr less = new Expr.Binary(BinaryOp.LT, X, Y);
        assertEquals(new Expr.Unary(UnaryOp.NOT, less), Algebra.not(less));
        Expr mixed = new Expr.Binary(BinaryOp.GT, X, new Expr.Cast(Type.DOUBLE, I));
        assertEquals(new Expr.Unary(UnaryOp.NOT, mixed), Algebra.not(mixed));
    }

    @Test
    void removesADoubleNegation() {
        Expr flag = new Expr.Ref(new Var("flag", Type.BOOLEAN));
        assertEquals(flag, Algebra.not(new Expr.Unary(UnaryOp.NOT, flag)));
        assertEquals(new Expr.Unary(UnaryOp.NOT, flag), Algebra.not(flag));
    }
}
