package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.gt;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.newArray;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static io.github.autodiff4j.processor.ir.IrBuilder.stores;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.IrBuilder;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link RewrittenElements} on hand-written IR: a store needs no save when a "cover" loop earlier in the same list
 * wrote every element it can reach, and no partial read the array in between. The near misses of TapeSavingsTest (a
 * cover that starts later, another limit, a read in between) keep their saves.
 */
class RewrittenElementsTest {
    private final Var a = doubles("a");
    private final Var v = doubles("v");
    private final Var n = integer("n");
    private final Var other = integer("other");
    private final Var out = doubles("out");
    private final Var total = dbl("total");
    private final Var t = dbl("t");
    private final Var u = dbl("u");
    private final Var r = integer("r");
    private final Var j = integer("j");
    private final Var k = integer("k");
    private final Var m = integer("m");

    /**
     * Per iteration of r: a cover {@code for (j = coverStart; j < n; j++) out[j] = a[j] * v[j]}, then {@code between},
     * then a rewrite {@code for (k = rewriteStart; k < limit; k++) out[k] = out[k] + v[k] * a[k]}, then a sum that
     * reads out in partials.
     */
    private Function accumulate(
            int coverStart,
            Consumer<IrBuilder> coverExtra,
            Consumer<IrBuilder> between,
            int rewriteStart,
            Var rewriteLimit) {
        return function("f", List.of(a, v, n, other), b -> {
            b.assign(out, newArray(Type.DOUBLE_ARRAY, n));
            b.assign(total, 0.0);
            b.forLoop(r, 0, 2, iteration -> {
                iteration.forLoop(j, coverStart, n, cover -> {
                    cover.assign(t, mul(read(a, j), read(v, j)));
                    cover.store(out, j, t);
                    coverExtra.accept(cover);
                });
                between.accept(iteration);
                iteration.forLoop(k, rewriteStart, rewriteLimit, rewrite -> {
                    rewrite.assign(t, mul(read(v, k), read(a, k)));
                    rewrite.assign(u, add(read(out, k), t));
                    rewrite.store(out, k, u);
                });
                iteration.forLoop(m, 0, n, sum -> {
                    sum.assign(t, mul(read(out, m), read(out, m)));
                    sum.assign(total, add(total, t));
                });
            });
            b.ret(total);
        });
    }

    /** Which of the stores into out, in source order, the forward sweep may leave unsaved. */
    private List<Boolean> unsavedStores(Function f) {
        RewrittenElements rewritten = RewrittenElements.of(f, Activity.of(f, List.of(a, v)));
        return stores(f, out).stream().map(rewritten::isUnsaved).toList();
    }

    private static final Consumer<IrBuilder> NOTHING = b -> {};

    @Test
    void aRewriteOfACoveredRangeSavesNothing() {
        // out[k] for k in [0, n) was written by the cover just before: its old value is the cover's, needed by no one.
        Function f = accumulate(0, NOTHING, NOTHING, 0, n);
        assertEquals(List.of(false, true), unsavedStores(f), f::toString);
    }

    @Test
    void aRewriteThatStartsLaterIsStillCovered() {
        // k from 1 stays inside the cover's [0, n).
        Function f = accumulate(0, NOTHING, NOTHING, 1, n);
        assertEquals(List.of(false, true), unsavedStores(f), f::toString);
    }

    @Test
    void aCoverThatStartsLaterKeepsTheSaves() {
        // The cover misses out[0], which the rewrite overwrites: the previous iteration's value must be saved.
        Function f = accumulate(1, NOTHING, NOTHING, 0, n);
        assertEquals(List.of(false, false), unsavedStores(f), f::toString);
    }

    @Test
    void aRewriteUpToAnotherLimitKeepsTheSaves() {
        // k < other may reach past the cover's n.
        Function f = accumulate(0, NOTHING, NOTHING, 0, other);
        assertEquals(List.of(false, false), unsavedStores(f), f::toString);
    }

    @Test
    void aPartialReadingTheArrayInBetweenKeepsTheSaves() {
        // total += out[0] * out[0] between the loops: that partial reads the values the rewrite overwrites.
        Function f = accumulate(
                0,
                NOTHING,
                b -> {
                    b.assign(t, mul(read(out, 0), read(out, 0)));
                    b.assign(total, add(total, t));
                },
                0,
                n);
        assertEquals(List.of(false, false), unsavedStores(f), f::toString);
    }

    @Test
    void aCopyOfAnElementInBetweenIsNoPartialRead() {
        // total += out[0] reads out, but in no partial (the sum's partials are 1): the rewrite still saves nothing.
        Function f = accumulate(0, NOTHING, b -> b.assign(total, add(total, read(out, 0))), 0, n);
        assertEquals(List.of(false, true), unsavedStores(f), f::toString);
    }

    @Test
    void aCoverThatMayBreakKeepsTheSaves() {
        // A break may leave the cover before it wrote every element.
        Function f = accumulate(0, cover -> cover.ifThen(gt(t, 1.0), IrBuilder::breakLoop), NOTHING, 0, n);
        assertEquals(List.of(false, false), unsavedStores(f), f::toString);
    }

    @Test
    void aCoverReadingTheArrayInAPartialIsNoCover() {
        // out[j] = out[j] * a[j] reads the old elements in a partial: they are needed, so nothing after it is a
        // rewrite.
        Function f = accumulate(
                0,
                cover -> {
                    cover.assign(u, mul(read(out, j), read(a, j)));
                    cover.store(out, j, u);
                },
                NOTHING,
                0,
                n);
        assertEquals(List.of(false, false, false), unsavedStores(f), f::toString);
    }

    @Test
    void anAliasedArrayDoesNotQualify() {
        // alias = out lets another name reach the elements: no store into out goes unsaved.
        Var alias = doubles("alias");
        Function f = accumulate(0, NOTHING, b -> b.assign(alias, out), 0, n);
        assertEquals(List.of(false, false), unsavedStores(f), f::toString);
    }

    @Test
    void countersStartingAtAnOuterCounterPlusOneStayInside() {
        // ADBench GMM's triangular product: for (i = 0; i < n; i++) for (j2 = i + 1; j2 < n; j2++) out[j2] += ...;
        // j2 >= 1 >= the cover's 0, up to the same n: unsaved.
        Var i = integer("i");
        Var j2 = integer("j2");
        Var l = integer("l");
        Function f = function("f", List.of(a, v, n), b -> {
            b.assign(out, newArray(Type.DOUBLE_ARRAY, n));
            b.assign(total, 0.0);
            b.forLoop(r, 0, 3, iteration -> {
                iteration.forLoop(j, 0, n, cover -> {
                    cover.assign(t, mul(read(a, j), read(v, j)));
                    cover.store(out, j, t);
                });
                iteration.assign(l, 0);
                iteration.forLoop(
                        i,
                        0,
                        n,
                        rows -> rows.forLoop(j2, add(i, 1), n, columns -> {
                            columns.assign(t, mul(read(a, l), read(v, i)));
                            columns.assign(u, add(read(out, j2), t));
                            columns.store(out, j2, u);
                            columns.assign(l, add(l, 1));
                        }));
                iteration.forLoop(m, 0, n, sum -> {
                    sum.assign(t, math(MathFunction.SIN, read(out, m)));
                    sum.assign(u, mul(t, read(out, m)));
                    sum.assign(total, add(total, u));
                });
            });
            b.ret(total);
        });
        assertEquals(List.of(false, true), unsavedStores(f), f::toString);
    }
}
