package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.length;
import static io.github.autodiff4j.processor.ir.IrBuilder.loopOver;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.matrix;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.neg;
import static io.github.autodiff4j.processor.ir.IrBuilder.newArray;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static io.github.autodiff4j.processor.ir.IrBuilder.stores;
import static io.github.autodiff4j.processor.ir.IrBuilder.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.IrBuilder;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link RecomputedArrays} on hand-written IR: an array that each iteration of a loop fills from unchanging inputs
 * before reading it is filled again by the reversed iteration, not saved. TapeSavingsTest's refill (recomputed) and
 * shiftedRefill (saved), and the other conditions of the contract one at a time.
 */
class RecomputedArraysTest {
    private final Var x = doubles("x");
    private final Var mu = doubles("mu");
    private final Var k = integer("k");
    private final Var d = integer("d");
    private final Var centred = doubles("centred");
    private final Var diff = dbl("diff");
    private final Var total = dbl("total");
    private final Var s = dbl("s");
    private final Var t = dbl("t");
    private final Var e = dbl("e");
    private final Var c = integer("c");
    private final Var j = integer("j");
    private final Var j2 = integer("j2");
    private final Var shift = dbl("shift");

    private static final Consumer<IrBuilder> NOTHING = b -> {};

    /**
     * {@code for (c = 0; c < k; c++) { before; for (j = 0; j < d; j++) { diff = fill; centred[j] = diff; } s = 0; for
     * (j2 = 0; j2 < d; j2++) s += centred[j2] * centred[j2]; total += exp(-s); after }}, then {@code end}.
     */
    private Function refill(Expr fill, Consumer<IrBuilder> before, Consumer<IrBuilder> after, Consumer<IrBuilder> end) {
        return function("refill", List.of(x, mu, k), b -> {
            b.assign(d, length(x));
            b.assign(centred, newArray(Type.DOUBLE_ARRAY, d));
            b.assign(total, 0.0);
            b.assign(shift, 0.0);
            b.forLoop(c, 0, k, iteration -> {
                before.accept(iteration);
                iteration.forLoop(j, 0, d, body -> {
                    body.assign(diff, fill);
                    body.store(centred, j, diff);
                });
                iteration.assign(s, 0.0);
                iteration.forLoop(j2, 0, d, body -> {
                    body.assign(t, mul(read(centred, j2), read(centred, j2)));
                    body.assign(s, add(s, t));
                });
                iteration.assign(t, neg(s));
                iteration.assign(e, math(MathFunction.EXP, t));
                iteration.assign(total, add(total, e));
                after.accept(iteration);
            });
            end.accept(b);
            b.ret(total);
        });
    }

    /** x[j] - mu[c * d + j]: inputs nothing writes, at the counters. */
    private Expr centredInput() {
        return sub(read(x, j), read(mu, add(mul(c, d), j)));
    }

    private static RecomputedArrays of(Function f) {
        Activity activity = Activity.of(f, f.params().subList(0, 2));
        return RecomputedArrays.of(f, activity, RowAliases.of(f), Overwrites.of(f));
    }

    /** Whether the outer loop (over c) fills centred again, checked both ways the adjoint asks. */
    private boolean filledAgain(Function f) {
        RecomputedArrays refilled = of(f);
        List<Stmt> again = refilled.filledAgain(loopOver(f, c));
        boolean store = refilled.isFilledAgain(stores(f, centred).get(0));
        assertEquals(!again.isEmpty(), store, "filledAgain and isFilledAgain disagree\n" + f);
        return store;
    }

    @Test
    void anArrayFilledFromInputsIsFilledAgain() {
        // refill: the reversed iteration runs j = 0 and the fill loop again instead of taking centred from the tape.
        Function f = refill(centredInput(), NOTHING, NOTHING, NOTHING);
        RecomputedArrays refilled = of(f);
        Stmt.Loop fill = loopOver(f, j);
        List<Stmt> again = refilled.filledAgain(loopOver(f, c));
        assertEquals(2, again.size(), f::toString);
        assertTrue(again.get(0) instanceof Stmt.Assign init && init.target() == j, f::toString);
        assertTrue(again.get(1) == fill, f::toString);
        assertTrue(refilled.isFilledAgain(stores(f, centred).get(0)), f::toString);
        assertTrue(refilled.filledAgain(fill).isEmpty(), "the fill loop itself fills nothing again\n" + f);
    }

    @Test
    void aShiftTheLoopChangesIsNotAnInput() {
        // shiftedRefill: centred[j] = x[j] - mu[...] - shift with shift += 0.1 each iteration: the reversed iteration
        // would see another shift, so the elements are saved.
        Function f = refill(sub(centredInput(), shift), NOTHING, b -> b.assign(shift, add(shift, 0.1)), NOTHING);
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void aShiftAssignedOnceOutsideTheLoopIsAnInput() {
        // The near miss of the above: shift assigned once, before the loop, never changes.
        Function f = refill(sub(centredInput(), shift), NOTHING, NOTHING, NOTHING);
        assertTrue(filledAgain(f), f::toString);
    }

    @Test
    void aPartialReadingTheArrayBeforeTheFillKeepsTheSaves() {
        // total += centred[0] * centred[0] at the top of the iteration reads the previous iteration's elements.
        Function f = refill(
                centredInput(),
                b -> {
                    b.assign(t, mul(read(centred, 0), read(centred, 0)));
                    b.assign(total, add(total, t));
                },
                NOTHING,
                NOTHING);
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void aPartialReadingTheArrayAfterTheLoopKeepsTheSaves() {
        // After the loop, centred[0] * centred[0] reads the last iteration's elements, which no iteration fills again.
        Function f = refill(centredInput(), NOTHING, NOTHING, b -> {
            b.assign(t, mul(read(centred, 0), read(centred, 0)));
            b.assign(total, add(total, t));
        });
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void aCopyOfAnElementAfterTheLoopIsNoPartialRead() {
        // total += centred[0] after the loop reads no element in a partial: still filled again.
        Function f = refill(centredInput(), NOTHING, NOTHING, b -> b.assign(total, add(total, read(centred, 0))));
        assertTrue(filledAgain(f), f::toString);
    }

    @Test
    void anotherWriterKeepsTheSaves() {
        // centred[0] = 1 after the fill: the fill loop is not the array's only writer.
        Function f = refill(centredInput(), NOTHING, b -> b.store(centred, 0, 1.0), NOTHING);
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void anAliasedArrayKeepsTheSaves() {
        // alias = centred lets another name reach the elements.
        Var alias = doubles("alias");
        Function f = refill(centredInput(), NOTHING, NOTHING, b -> b.assign(alias, centred));
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void aLocalOfTheFillReadElsewhereKeepsTheSaves() {
        // diff is the fill's own temporary; read after the loop, its value would be the reversed fill's, not the last.
        Function f = refill(centredInput(), NOTHING, NOTHING, b -> b.assign(total, add(total, diff)));
        assertFalse(filledAgain(f), f::toString);
    }

    @Test
    void aRowAliasPointedAgainIsAnInput() {
        // row = means[c] each iteration: reassigned, but RowAliases points it again at the start of each reversed
        // iteration, so a fill reading it is filled again. If the row alias does not qualify (read after the loop), the
        // elements are saved.
        Var means = matrix("means");
        Var row = doubles("row");
        Function f = function("rows", List.of(x, means, k), b -> {
            b.assign(d, length(x));
            b.assign(centred, newArray(Type.DOUBLE_ARRAY, d));
            b.assign(total, 0.0);
            b.forLoop(c, 0, k, iteration -> {
                iteration.assign(row, read(means, c));
                iteration.forLoop(j, 0, d, body -> body.store(centred, j, sub(read(x, j), read(row, j))));
                iteration.assign(t, mul(read(centred, 0), read(centred, 1)));
                iteration.assign(total, add(total, t));
            });
            b.ret(total);
        });
        assertTrue(RowAliases.of(f).isAlias(row), f::toString);
        assertTrue(filledAgain(f), f::toString);
        Function g = function("rows", List.of(x, means, k), b -> {
            b.assign(d, length(x));
            b.assign(centred, newArray(Type.DOUBLE_ARRAY, d));
            b.assign(total, 0.0);
            b.forLoop(c, 0, k, iteration -> {
                iteration.assign(row, read(means, c));
                iteration.forLoop(j, 0, d, body -> body.store(centred, j, sub(read(x, j), read(row, j))));
                iteration.assign(t, mul(read(centred, 0), read(centred, 1)));
                iteration.assign(total, add(total, t));
            });
            b.assign(total, add(total, read(row, 0)));
            b.ret(total);
        });
        assertFalse(RowAliases.of(g).isAlias(row), g::toString);
        assertFalse(filledAgain(g), g::toString);
    }
}
