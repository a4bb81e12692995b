package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.div;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.ints;
import static io.github.autodiff4j.processor.ir.IrBuilder.length;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.matrix;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.neg;
import static io.github.autodiff4j.processor.ir.IrBuilder.newArray;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NeededValues} on hand-written three-address IR (operations over variables, literals and array elements, as
 * {@code ThreeAddress} leaves them): which values the backward sweep reads, and so must get back if overwritten.
 */
class NeededValuesTest {
    private final Var x = dbl("x");
    private final Var c = dbl("c");
    private final Var s = dbl("s");
    private final Var y = dbl("y");
    private final Var i = integer("i");

    private static NeededValues needed(Function f, Var... active) {
        return NeededValues.of(f, Activity.of(f, List.of(active)));
    }

    @Test
    void aSumOfElementsNeedsOnlyTheIndex() {
        // s = s + v[i]: the partials are 1 and 1, and the adjoint goes to dv[i]: only i is read, neither s nor v.
        Var v = doubles("v");
        Function f = function("f", List.of(v), b -> {
            b.assign(s, 0.0);
            b.forLoop(i, 0, length(v), body -> body.assign(s, add(s, read(v, i))));
            b.ret(s);
        });
        NeededValues n = needed(f, v);
        assertTrue(n.isNeeded(i), f::toString);
        assertFalse(n.isNeeded(s), f::toString);
        assertFalse(n.isNeeded(v), f::toString);
    }

    @Test
    void aProductNeedsOnlyTheFactorsOfActiveArguments() {
        // y = x * c with c constant: d/dx = c is read; d/dc = x is never computed, so x is not needed.
        Function f = function("f", List.of(x, c), b -> {
            b.assign(y, mul(x, c));
            b.ret(y);
        });
        NeededValues n = needed(f, x);
        assertTrue(n.isNeeded(c), f::toString);
        assertFalse(n.isNeeded(x), f::toString);
        assertFalse(n.isNeeded(y), f::toString);
        // With both active, each factor is the other's partial.
        NeededValues both = needed(f, x, c);
        assertTrue(both.isNeeded(x), f::toString);
        assertTrue(both.isNeeded(c), f::toString);
    }

    @Test
    void aScaledValueNeedsNotItself() {
        // The javadoc's 0.5 * s: the partial is the literal 0.5, so s is not needed.
        Function f = function("f", List.of(x), b -> {
            b.assign(s, math(MathFunction.SIN, x));
            b.assign(y, mul(0.5, s));
            b.ret(y);
        });
        NeededValues n = needed(f, x);
        assertFalse(n.isNeeded(s), f::toString);
        assertTrue(n.isNeeded(x), "sin's partial cos(x) reads x\n" + f);
    }

    @Test
    void partialsWrittenWithTheResultNeedTheResultNotTheArgument() {
        // exp's partial is its own value, so e is needed and x is not; sin's is cos(x), so x is needed and t is not.
        Var e = dbl("e");
        Var t = dbl("t");
        Function f = function("f", List.of(x), b -> {
            b.assign(e, math(MathFunction.EXP, x));
            b.assign(y, add(e, 1.0));
            b.ret(y);
        });
        NeededValues n = needed(f, x);
        assertTrue(n.isNeeded(e), f::toString);
        assertFalse(n.isNeeded(x), f::toString);
        Function g = function("g", List.of(x), b -> {
            b.assign(t, math(MathFunction.SIN, x));
            b.ret(t);
        });
        NeededValues m = needed(g, x);
        assertTrue(m.isNeeded(x), g::toString);
        assertFalse(m.isNeeded(t), g::toString);
    }

    @Test
    void aQuotientNeedsTheDivisorAndItselfButNotTheDividend() {
        // q = a / d: d/da = 1/d, d/dd = -q/d reuses the quotient: d and q are read, a is not.
        Var a = dbl("a");
        Var d = dbl("d");
        Var q = dbl("q");
        Function f = function("f", List.of(a, d), b -> {
            b.assign(q, div(a, d));
            b.ret(q);
        });
        NeededValues n = needed(f, a, d);
        assertTrue(n.isNeeded(d), f::toString);
        assertTrue(n.isNeeded(q), f::toString);
        assertFalse(n.isNeeded(a), f::toString);
    }

    @Test
    void copiesNegationsAndInactiveOperationsNeedNothing() {
        // A copy, -x and x + c have constant partials; sin(c) with c constant has no derivative code at all.
        Var w = dbl("w");
        Var z = dbl("z");
        Function f = function("f", List.of(x, c), b -> {
            b.assign(y, x);
            b.assign(w, neg(y));
            b.assign(z, math(MathFunction.SIN, c));
            b.ret(add(add(w, c), z));
        });
        NeededValues n = needed(f, x);
        for (Var v : List.of(x, c, y, w, z)) {
            assertFalse(n.isNeeded(v), v + " in\n" + f);
        }
    }

    @Test
    void theCallersArraysNeedTheirOldElements() {
        // a = w[0]; w[0] = a * a: the caller gets w back as it was, so w is needed though no partial reads it; and so
        // is an int[] parameter stored into, a constant, with the index of each store.
        Var w = doubles("w");
        Var a = dbl("a");
        Var t = dbl("t");
        Var counts = ints("counts");
        Var k = integer("k");
        Function f = function("f", List.of(w, counts, k), b -> {
            b.assign(a, read(w, 0));
            b.assign(t, mul(a, a));
            b.store(w, 0, t);
            b.store(counts, k, 1);
            b.ret(t);
        });
        NeededValues n = needed(f, w);
        assertTrue(n.isNeeded(w), f::toString);
        assertTrue(n.isNeeded(a), f::toString);
        assertTrue(n.isNeeded(counts), f::toString);
        assertTrue(n.isNeeded(k), f::toString);
    }

    @Test
    void aLocalArrayStoredIntoIsNotNeededUnlessAPartialReadsIt() {
        // The near miss of the callers' arrays: a local array written but read by no partial need not come back.
        Var arr = doubles("a");
        Function f = function("f", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.store(arr, 0, x);
            b.assign(y, add(read(arr, 0), x));
            b.ret(y);
        });
        assertFalse(needed(f, x).isNeeded(arr), f::toString);
        // Once a partial reads it (y = a[0] * x), it is.
        Function g = function("g", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.store(arr, 0, x);
            b.assign(y, mul(read(arr, 0), x));
            b.ret(y);
        });
        assertTrue(needed(g, x).isNeeded(arr), g::toString);
    }

    @Test
    void aliasesShareNeededness() {
        // b = a: a partial reads b's elements, and they are a's, so a is needed too.
        Var arr = doubles("a");
        Var alias = doubles("b");
        Function f = function("f", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.store(arr, 0, x);
            b.assign(alias, arr);
            b.assign(y, mul(read(alias, 0), x));
            b.ret(y);
        });
        NeededValues n = needed(f, x);
        assertTrue(n.isNeeded(alias), f::toString);
        assertTrue(n.isNeeded(arr), f::toString);
    }

    @Test
    void restoringANeededArrayNeedsTheIndicesOfItsStoresEvenOfConstants() {
        // coef is constant, but a partial reads it: its old elements come back at the index each store wrote, idx[m],
        // so
        // idx and m are needed; idx is then a needed array stored into, so its store's index p is needed too (a second
        // round of the fixed point).
        Var coef = doubles("coef");
        Var idx = ints("idx");
        Var m = integer("m");
        Var p = integer("p");
        Function f = function("f", List.of(x, m, p), b -> {
            b.assign(coef, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(idx, newArray(Type.INT_ARRAY, 2));
            b.assign(y, 0.0);
            b.forLoop(i, 0, 2, body -> {
                body.store(idx, p, i);
                body.store(coef, read(idx, m), 2.0);
                body.assign(y, mul(x, read(coef, 0)));
            });
            b.ret(y);
        });
        NeededValues n = needed(f, x);
        for (Var v : List.of(coef, idx, m, p)) {
            assertTrue(n.isNeeded(v), v + " in\n" + f);
        }
        // Without the partial reading coef (y = x + coef[0]), none of them is.
        Function g = function("g", List.of(x, m, p), b -> {
            b.assign(coef, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(idx, newArray(Type.INT_ARRAY, 2));
            b.assign(y, 0.0);
            b.forLoop(i, 0, 2, body -> {
                body.store(idx, p, i);
                body.store(coef, read(idx, m), 2.0);
                body.assign(y, add(x, read(coef, 0)));
            });
            b.ret(y);
        });
        NeededValues none = needed(g, x);
        for (Var v : List.of(coef, idx, m, p)) {
            assertFalse(none.isNeeded(v), v + " in\n" + g);
        }
    }

    @Test
    void anActiveStoreIntoARowNeedsBothIndices() {
        // m[r][k] = x: the adjoint of that element is read at the same row and column.
        Var mat = matrix("m");
        Var r = integer("r");
        Var k = integer("k");
        Function f = function("f", List.of(x, r, k), b -> {
            b.assign(mat, newArray(Type.DOUBLE_MATRIX, 2, 2));
            b.store(read(mat, r), k, x);
            b.ret(read(read(mat, 0), 0));
        });
        NeededValues n = needed(f, x);
        assertTrue(n.isNeeded(r), f::toString);
        assertTrue(n.isNeeded(k), f::toString);
        assertFalse(n.isNeeded(mat), f::toString);
    }
}
