package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.assignments;
import static io.github.autodiff4j.processor.ir.IrBuilder.cast;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.BinaryOp;
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
 * {@link UnreadOverwrites} on hand-written IR: an assignment of a double needs no save when no partial reads the value
 * it overwrites, looking back from the assignment to the last assignment that always runs, around loops.
 */
class UnreadOverwritesTest {
    private final Var a = doubles("a");
    private final Var rows = integer("rows");
    private final Var k = integer("k");
    private final Var total = dbl("total");
    private final Var sum = dbl("sum");
    private final Var first = dbl("first");
    private final Var t = dbl("t");
    private final Var l = dbl("l");
    private final Var u = dbl("u");
    private final Var r = integer("r");
    private final Var i = integer("i");

    /**
     * Log-sum-exp of each row, as TapeSavingsTest's rowsLogSumExp after three-address form: {@code first = exp(a[r *
     * k]); sum = first; for (i = 1; i < k; i++) { extra; t = exp(a[r * k + i]); sum = accumulate(sum, t) } l = log(sum);
     * total += l * (r + 1)}.
     */
    private Function logSumExp(BinaryOp accumulate, Consumer<IrBuilder> extra) {
        return logSumExp(accumulate, extra, true);
    }

    /** @param throughTemporary whether exp's value goes into sum through its own variable, as ThreeAddress writes it */
    private Function logSumExp(BinaryOp accumulate, Consumer<IrBuilder> extra, boolean throughTemporary) {
        return function("rowsLogSumExp", List.of(a, rows, k), b -> {
            b.assign(total, 0.0);
            b.forLoop(r, 0, rows, row -> {
                if (throughTemporary) {
                    row.assign(first, math(MathFunction.EXP, read(a, mul(r, k))));
                    row.assign(sum, first);
                } else {
                    row.assign(sum, math(MathFunction.EXP, read(a, mul(r, k))));
                }
                row.forLoop(i, 1, k, term -> {
                    extra.accept(term);
                    term.assign(t, math(MathFunction.EXP, read(a, add(mul(r, k), i))));
                    term.assign(sum, IrBuilder.binary(accumulate, sum, t));
                });
                row.assign(l, math(MathFunction.LOG, sum));
                row.assign(u, mul(l, cast(Type.DOUBLE, add(r, 1))));
                row.assign(total, add(total, u));
            });
            b.ret(total);
        });
    }

    private static UnreadOverwrites of(Function f) {
        return UnreadOverwrites.of(f, Activity.of(f, List.of(f.params().get(0))), true);
    }

    @Test
    void theSumsBetweenTheFirstTermAndTheLogAreUnread() {
        // sum = sum + t overwrites a sum no partial reads (the sum's partials are 1), back to sum = first of the same
        // row: no save. That first assignment overwrites the previous row's final sum, which log read: saved.
        Function f = logSumExp(BinaryOp.ADD, b -> {});
        UnreadOverwrites unread = of(f);
        List<Stmt.Assign> sums = assignments(f, sum);
        assertFalse(unread.isUnread(sums.get(0)), "sum = first overwrites what log(sum) read\n" + f);
        assertTrue(unread.isUnread(sums.get(1)), "sum = sum + t\n" + f);
        assertTrue(unread.isPartlyUnsaved(sum), f::toString);
    }

    @Test
    void anExpWrittenStraightIntoTheSumMakesEverySumRead() {
        // sum = exp(a[r * k]) without the temporary: exp's partial reads sum itself, so looking back from sum = sum + t
        // finds a partial reading sum: saved. This is why ThreeAddress gives exp its own variable.
        Function f = logSumExp(BinaryOp.ADD, b -> {}, false);
        UnreadOverwrites unread = of(f);
        List<Stmt.Assign> sums = assignments(f, sum);
        assertFalse(unread.isUnread(sums.get(0)), f::toString);
        assertFalse(unread.isUnread(sums.get(1)), f::toString);
    }

    @Test
    void aValueWhosePartialIsItselfIsRead() {
        // t = exp(...) in a loop: exp's partial reads t, so the t of the previous iteration is read: saved. l =
        // log(sum)
        // is read by no partial (l * (r + 1) has the constant r + 1 as partial): not saved.
        Function f = logSumExp(BinaryOp.ADD, b -> {});
        UnreadOverwrites unread = of(f);
        assertFalse(unread.isUnread(assignments(f, t).get(0)), f::toString);
        assertFalse(unread.isPartlyUnsaved(t), f::toString);
        assertTrue(unread.isUnread(assignments(f, l).get(0)), f::toString);
    }

    @Test
    void aProductAccumulatorIsRead() {
        // sum = sum * t: the product's partial with respect to t is the old sum, so every overwritten sum is read.
        Function f = logSumExp(BinaryOp.MUL, b -> {});
        UnreadOverwrites unread = of(f);
        List<Stmt.Assign> sums = assignments(f, sum);
        assertFalse(unread.isUnread(sums.get(0)), f::toString);
        assertFalse(unread.isUnread(sums.get(1)), f::toString);
        assertFalse(unread.isPartlyUnsaved(sum), f::toString);
    }

    @Test
    void aPartialReadingTheSumInsideTheLoopMakesItRead() {
        // w = log(sum) at the top of the inner loop reads the sum the previous iteration's sum = sum + t wrote.
        Var w = dbl("w");
        Function f = logSumExp(BinaryOp.ADD, b -> b.assign(w, math(MathFunction.LOG, sum)));
        List<Stmt.Assign> sums = assignments(f, sum);
        assertFalse(of(f).isUnread(sums.get(1)), f::toString);
    }

    @Test
    void returnedVariablesAreNeverUnread() {
        // total = total + u reads nothing in a partial, but it is returned: the analysis leaves returned values alone.
        Function f = logSumExp(BinaryOp.ADD, b -> {});
        UnreadOverwrites unread = of(f);
        for (Stmt.Assign assign : assignments(f, total)) {
            assertFalse(unread.isUnread(assign), assign + "\n" + f);
        }
        assertFalse(unread.isPartlyUnsaved(total), f::toString);
    }

    @Test
    void integersAreNotConsidered() {
        // Only doubles: the counters' updates are never unread here, whatever reads them.
        Function f = logSumExp(BinaryOp.ADD, b -> {});
        UnreadOverwrites unread = of(f);
        assertTrue(assignments(f, i).stream().noneMatch(unread::isUnread), f::toString);
    }

    @Test
    void positionMattersInStraightLineCode() {
        // s = x * x; y = log(s); s = s + 1 overwrites the s log read: saved. Moving the log after it, the second
        // assignment overwrites an s that nobody read.
        Var x = dbl("x");
        Var s = dbl("s");
        Var y = dbl("y");
        Var z = dbl("z");
        Function before = function("before", List.of(x), b -> {
            b.assign(s, mul(x, x));
            b.assign(y, math(MathFunction.LOG, s));
            b.assign(s, add(s, 1.0));
            b.assign(z, mul(s, y));
            b.ret(z);
        });
        Function after = function("after", List.of(x), b -> {
            b.assign(s, mul(x, x));
            b.assign(s, add(s, 1.0));
            b.assign(y, math(MathFunction.LOG, s));
            b.assign(z, mul(s, y));
            b.ret(z);
        });
        UnreadOverwrites u1 = UnreadOverwrites.of(before, Activity.of(before, List.of(x)), true);
        UnreadOverwrites u2 = UnreadOverwrites.of(after, Activity.of(after, List.of(x)), true);
        assertEquals(
                List.of(true, false),
                assignments(before, s).stream().map(u1::isUnread).toList(),
                before::toString);
        assertEquals(
                List.of(true, true),
                assignments(after, s).stream().map(u2::isUnread).toList(),
                after::toString);
    }

    @Test
    void anAssignmentWhosePartialReadsTheOldValueIsRead() {
        // s = s * x outside loops: its own partial with respect to x is the old s, so what it overwrites is read,
        // though
        // nothing between it and the previous assignment reads s.
        Var x = dbl("x");
        Var s = dbl("s");
        Var y = dbl("y");
        Function f = function("f", List.of(x), b -> {
            b.assign(s, mul(x, x));
            b.assign(s, mul(s, x));
            b.assign(y, math(MathFunction.LOG, s));
            b.ret(y);
        });
        UnreadOverwrites unread = UnreadOverwrites.of(f, Activity.of(f, List.of(x)), true);
        assertEquals(
                List.of(true, false),
                assignments(f, s).stream().map(unread::isUnread).toList(),
                f::toString);
    }

    @Test
    void functionsWithJumpsAreNotAnalysed() {
        // Not structured (the caller found break, continue or an early return): nothing is claimed unread.
        Function f = logSumExp(BinaryOp.ADD, b -> {});
        UnreadOverwrites unread = UnreadOverwrites.of(f, Activity.of(f, List.of(a)), false);
        assertFalse(unread.isUnread(assignments(f, sum).get(1)), f::toString);
        assertFalse(unread.isPartlyUnsaved(sum), f::toString);
    }
}
