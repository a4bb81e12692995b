package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.assignments;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.gt;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.length;
import static io.github.autodiff4j.processor.ir.IrBuilder.loopOver;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.matrix;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static io.github.autodiff4j.processor.ir.IrBuilder.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.IrBuilder;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link RowAliases} on hand-written IR: an array variable a loop body points at a row of an unchanging matrix is
 * pointed again by the reversed iteration, not saved. TapeSavingsTest's layer (a helper's row parameters, inlined),
 * and the conditions of the contract one at a time.
 */
class RowAliasesTest {
    private final Var weights = matrix("weights");
    private final Var bias = doubles("bias");
    private final Var xs = matrix("xs");
    private final Var w = doubles("w");
    private final Var row = doubles("row");
    private final Var total = dbl("total");
    private final Var sum = dbl("sum");
    private final Var t = dbl("t");
    private final Var h = dbl("h");
    private final Var p = integer("p");
    private final Var j = integer("j");
    private final Var q = integer("q");

    private static final Consumer<IrBuilder> NOTHING = b -> {};

    /**
     * {@code for (p < xs.length) for (j < bias.length) { before; w = weights[j]; row = xs[p]; sum = bias[j]; for (q <
     * w.length) sum += w[q] * row[q]; total += tanh(sum); } end}: TapeSavingsTest's layer, its neuron inlined.
     */
    private Function layer(Consumer<IrBuilder> before, Consumer<IrBuilder> end) {
        return function("layer", List.of(weights, bias, xs), b -> {
            b.assign(total, 0.0);
            b.forLoop(
                    p,
                    0,
                    length(xs),
                    points -> points.forLoop(j, 0, length(bias), neurons -> {
                        before.accept(neurons);
                        neurons.assign(w, read(weights, j));
                        neurons.assign(row, read(xs, p));
                        neurons.assign(sum, read(bias, j));
                        neurons.forLoop(q, 0, length(w), terms -> {
                            terms.assign(t, mul(read(w, q), read(row, q)));
                            terms.assign(sum, add(sum, t));
                        });
                        neurons.assign(h, math(MathFunction.TANH, sum));
                        neurons.assign(total, add(total, h));
                    }));
            end.accept(b);
            b.ret(total);
        });
    }

    @Test
    void rowsOfParametersAreAliasesOfTheLoopThatPointsThem() {
        // w = weights[j] and row = xs[p] in the loop over j: both qualify, in the order the body assigns them; the loop
        // over p points nothing itself.
        Function f = layer(NOTHING, NOTHING);
        RowAliases aliases = RowAliases.of(f);
        assertEquals(
                List.of(assignments(f, w).get(0), assignments(f, row).get(0)),
                aliases.pointedAgain(loopOver(f, j)),
                f::toString);
        assertTrue(aliases.pointedAgain(loopOver(f, p)).isEmpty(), f::toString);
        assertTrue(aliases.isAlias(w), f::toString);
        assertTrue(aliases.isAlias(row), f::toString);
        assertFalse(aliases.isAlias(weights), f::toString);
    }

    @Test
    void aReadBeforeThePointingDisqualifies() {
        // early = w[0] * 2 before w = weights[j] reads the previous iteration's w: it must come from the tape.
        Var early = dbl("early");
        Function f = layer(b -> b.assign(early, mul(read(w, 0), 2.0)), NOTHING);
        RowAliases aliases = RowAliases.of(f);
        assertFalse(aliases.isAlias(w), f::toString);
        assertTrue(aliases.isAlias(row), "row is not read early\n" + f);
    }

    @Test
    void aReadAfterTheLoopDisqualifies() {
        // total += w[0] after the loops reads the last w, which the reversed loop does not point again.
        Function f = layer(NOTHING, b -> b.assign(total, add(total, read(w, 0))));
        assertFalse(RowAliases.of(f).isAlias(w), f::toString);
    }

    @Test
    void aSecondAssignmentDisqualifies() {
        // w assigned before the loops too: not assigned by that statement alone.
        Function f = function("f", List.of(weights, bias, xs), b -> {
            b.assign(w, read(weights, 0));
            b.assign(total, 0.0);
            b.forLoop(j, 0, length(bias), body -> {
                body.assign(w, read(weights, j));
                body.assign(t, mul(read(w, 0), read(bias, j)));
                body.assign(total, add(total, t));
            });
            b.ret(total);
        });
        assertFalse(RowAliases.of(f).isAlias(w), f::toString);
    }

    @Test
    void aMatrixThatChangesDisqualifies() {
        // weights = xs somewhere, or weights[0] = bias (a row replaced): weights[j] may be another row when reversed.
        Function assigned = layer(NOTHING, b -> b.assign(weights, xs));
        assertFalse(RowAliases.of(assigned).isAlias(w), assigned::toString);
        Function replaced = layer(b -> b.ifThen(gt(sum, 1.0), then -> then.store(weights, 0, bias)), NOTHING);
        assertFalse(RowAliases.of(replaced).isAlias(w), replaced::toString);
        assertTrue(RowAliases.of(replaced).isAlias(row), "xs is not replaced\n" + replaced);
    }

    @Test
    void anIndexThatChangesDisqualifies() {
        // w = weights[k] with k = j - 1 assigned in the body: only counters and variables nothing assigns qualify.
        Var k = integer("k");
        Function f = function("f", List.of(weights, bias, xs), b -> {
            b.assign(total, 0.0);
            b.forLoop(j, 1, length(bias), body -> {
                body.assign(k, sub(j, 1));
                body.assign(w, read(weights, k));
                body.assign(t, mul(read(w, 0), read(bias, j)));
                body.assign(total, add(total, t));
            });
            b.ret(total);
        });
        assertFalse(RowAliases.of(f).isAlias(w), f::toString);
    }

    @Test
    void anIndexNothingAssignsQualifies() {
        // w = weights[n] with n a parameter nothing assigns, inside the loop over j: qualifies.
        Var n = integer("n");
        Function f = function("f", List.of(weights, bias, n), b -> {
            b.assign(total, 0.0);
            b.forLoop(j, 0, length(bias), body -> {
                body.assign(w, read(weights, n));
                body.assign(t, mul(read(w, j), read(bias, j)));
                body.assign(total, add(total, t));
            });
            b.ret(total);
        });
        assertTrue(RowAliases.of(f).isAlias(w), f::toString);
    }

    @Test
    void aWholeArrayCopyIsNoRowAlias() {
        // w = bias aliases a whole array, not a row: not this analysis's case.
        Function f = function("f", List.of(weights, bias, xs), b -> {
            b.assign(total, 0.0);
            b.forLoop(j, 0, length(bias), body -> {
                body.assign(w, bias);
                body.assign(t, mul(read(w, j), read(w, j)));
                body.assign(total, add(total, t));
            });
            b.ret(total);
        });
        assertFalse(RowAliases.of(f).isAlias(w), f::toString);
    }

    @Test
    void loopsNothingCountsPointNothing() {
        // A while loop with no counter: its iterations cannot be replayed from a counter, so it has no row aliases.
        Function f = function("f", List.of(weights, bias, xs), b -> {
            b.assign(total, 0.0);
            b.assign(j, 0);
            b.whileLoop(gt(length(bias), j), body -> {
                body.assign(w, read(weights, j));
                body.assign(t, mul(read(w, 0), read(bias, j)));
                body.assign(total, add(total, t));
                body.assign(j, add(j, 1));
            });
            b.ret(total);
        });
        assertFalse(RowAliases.of(f).isAlias(w), f::toString);
    }
}
