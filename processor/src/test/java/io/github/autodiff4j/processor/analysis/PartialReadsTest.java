package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.gt;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static io.github.autodiff4j.processor.ir.IrBuilder.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link PartialReads}, which {@code RecomputedArrays}, {@code RewrittenElements} and {@code UnreadOverwrites} ask
 * whether the backward sweep of some statements reads a variable: only partials of active operations count.
 */
class PartialReadsTest {
    private final Var x = dbl("x");
    private final Var c = dbl("c");
    private final Var y = dbl("y");
    private final Var v = doubles("v");
    private final Var k = integer("k");

    /** The variables of {x, c, y, v, k} that the partials of {@code body} read, x and v active. */
    private List<Var> readsOf(Consumer<io.github.autodiff4j.processor.ir.IrBuilder> body) {
        Function f = function("f", List.of(x, c, v, k), b -> {
            body.accept(b);
            b.ret(y);
        });
        Activity activity = Activity.of(f, List.of(x, v));
        return List.of(x, c, y, v, k).stream()
                .filter(w -> PartialReads.reads(f.body(), w, activity))
                .toList();
    }

    @Test
    void anOperationReadsThePartialsOfItsActiveArgumentsOnly() {
        // y = x * c, c constant: the backward sweep computes d/dx = c only.
        assertEquals(List.of(c), readsOf(b -> b.assign(y, mul(x, c))));
        // y = sin(x): cos(x) reads x; y = exp(x): the partial is y itself.
        assertEquals(List.of(x), readsOf(b -> b.assign(y, math(MathFunction.SIN, x))));
        assertEquals(List.of(y), readsOf(b -> b.assign(y, math(MathFunction.EXP, x))));
    }

    @Test
    void aPartialOverAnElementReadsTheArrayAndTheIndex() {
        // y = v[k] * v[k]: each factor is the other's partial, so the element, that is v and k, is read.
        assertEquals(List.of(v, k), readsOf(b -> b.assign(y, mul(read(v, k), read(v, k)))));
    }

    @Test
    void copiesAndSumsReadNothing() {
        // y = x, y = v[k] (a copy of an element) and y = x + c have constant partials.
        assertEquals(List.of(), readsOf(b -> b.assign(y, x)));
        assertEquals(List.of(), readsOf(b -> b.assign(y, read(v, k))));
        assertEquals(List.of(), readsOf(b -> b.assign(y, add(x, c))));
    }

    @Test
    void inactiveAssignmentsReadNothing() {
        // y = sin(c) * c and y = c > 0 ? c : 1 with c constant have no derivative code at all.
        assertEquals(List.of(), readsOf(b -> b.assign(y, mul(math(MathFunction.SIN, c), c))));
        assertEquals(List.of(), readsOf(b -> b.assign(y, select(gt(c, 0.0), c, 1.0))));
    }

    @Test
    void anythingElseReadsAllItReads() {
        // An active select is no operation of the rule table: all it reads counts, the condition's reads included.
        assertEquals(List.of(x, c), readsOf(b -> b.assign(y, select(gt(c, 1.0), x, c))));
    }

    @Test
    void nestedStatementsCount() {
        // A partial inside a branch inside a loop is found.
        List<Var> reads =
                readsOf(b -> b.forLoop(k, 0, 2, body -> body.ifThen(gt(c, 0.0), then -> then.assign(y, mul(x, c)))));
        assertTrue(reads.contains(c), reads::toString);
        assertFalse(reads.contains(k), reads::toString);
    }
}
