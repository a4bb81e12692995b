package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.assignments;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.gt;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.length;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.matrix;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.newArray;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Overwrites} on hand-written IR: which assignments and stores may overwrite a value still needed. */
class OverwritesTest {
    private final Var x = dbl("x");
    private final Var y = dbl("y");
    private final Var t = dbl("t");
    private final Var i = integer("i");

    @Test
    void aLocalAssignedOnceOutsideLoopsKeepsItsValue() {
        // One assignment, outside loops: nothing overwrites it, and it overwrites nothing anyone reads.
        Function f = function("f", List.of(x), b -> {
            b.assign(y, mul(x, 2.0));
            b.ret(y);
        });
        Overwrites o = Overwrites.of(f);
        assertFalse(o.isReassigned(y), f::toString);
        assertTrue(o.isFirstDefinition(assignments(f, y).get(0)), f::toString);
    }

    @Test
    void aSecondAssignmentReassigns() {
        // y = x; y = y * x: y is reassigned; the first is a first definition, the second overwrites a value.
        Function f = function("f", List.of(x), b -> {
            b.assign(y, x);
            b.assign(y, mul(y, x));
            b.ret(y);
        });
        Overwrites o = Overwrites.of(f);
        List<Stmt.Assign> ys = assignments(f, y);
        assertTrue(o.isReassigned(y), f::toString);
        assertTrue(o.isFirstDefinition(ys.get(0)), f::toString);
        assertFalse(o.isFirstDefinition(ys.get(1)), f::toString);
    }

    @Test
    void oneAssignmentInALoopReassigns() {
        // t = sin(x * i) in a loop runs once per iteration: reassigned, and never a first definition; so is the
        // counter,
        // whose start (outside the loop) is a first definition though.
        Function f = function("f", List.of(x), b -> {
            b.assign(y, 0.0);
            b.forLoop(i, 0, 3, body -> {
                body.assign(t, math(MathFunction.SIN, mul(x, i)));
                body.assign(y, add(y, t));
            });
            b.ret(y);
        });
        Overwrites o = Overwrites.of(f);
        assertTrue(o.isReassigned(t), f::toString);
        assertFalse(o.isFirstDefinition(assignments(f, t).get(0)), f::toString);
        assertTrue(o.isReassigned(i), f::toString);
        List<Stmt.Assign> is = assignments(f, i);
        assertTrue(o.isFirstDefinition(is.get(0)), "i = 0\n" + f);
        assertFalse(o.isFirstDefinition(is.get(1)), "i = i + 1\n" + f);
    }

    @Test
    void aParameterAssignedOnceIsReassigned() {
        // x = x * 2 overwrites the argument, which counts as x's first assignment.
        Function f = function("f", List.of(x), b -> {
            b.assign(x, mul(x, 2.0));
            b.ret(x);
        });
        Overwrites o = Overwrites.of(f);
        assertTrue(o.isReassigned(x), f::toString);
        assertFalse(o.isFirstDefinition(assignments(f, x).get(0)), f::toString);
    }

    @Test
    void assignmentsInBothBranchesReassign() {
        // Two places assign y, one per branch: counted as reassigned (the analysis counts places, not paths); the first
        // met is a first definition.
        Function f = function("f", List.of(x), b -> {
            b.ifElse(gt(x, 0.0), then -> then.assign(y, x), otherwise -> otherwise.assign(y, mul(x, x)));
            b.ret(y);
        });
        Overwrites o = Overwrites.of(f);
        assertTrue(o.isReassigned(y), f::toString);
        assertTrue(o.isFirstDefinition(assignments(f, y).get(0)), f::toString);
    }

    @Test
    void storesMarkTheArrayTheyWriteInto() {
        // a[0] = x marks a; m[i][0] = x marks m (the variable the row belongs to); an array only read is not marked,
        // nor
        // is an alias of a stored-into array (the adjoint extends that to aliases itself).
        Var a = doubles("a");
        Var m = matrix("m");
        Var v = doubles("v");
        Var alias = doubles("b");
        Function f = function("f", List.of(x, v, m), b -> {
            b.assign(a, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(alias, a);
            b.store(a, 0, x);
            b.forLoop(i, 0, length(m), body -> body.store(read(m, i), 0, read(v, 0)));
            b.ret(read(alias, 0));
        });
        Overwrites o = Overwrites.of(f);
        assertTrue(o.isStoredInto(a), f::toString);
        assertTrue(o.isStoredInto(m), f::toString);
        assertFalse(o.isStoredInto(v), f::toString);
        assertFalse(o.isStoredInto(alias), f::toString);
        assertFalse(o.isReassigned(a), "storing into an array does not reassign the variable\n" + f);
    }

    @Test
    void onlyValuesBothNeededAndOverwrittenAreSaved() {
        // The adjoint saves v where NeededValues and Overwrites agree: of the loop's values, p (read by the next
        // product's partial, and reassigned) is; s (a sum, read by no partial) and e (needed, assigned once) are not.
        Var p = dbl("p");
        Var s = dbl("s");
        Var e = dbl("e");
        Function f = function("f", List.of(x), b -> {
            b.assign(p, 1.0);
            b.assign(s, 0.0);
            b.forLoop(i, 0, 3, body -> {
                body.assign(p, mul(p, x));
                body.assign(s, add(s, p));
            });
            b.assign(e, math(MathFunction.EXP, s));
            b.ret(e);
        });
        Activity activity = Activity.of(f, List.of(x));
        NeededValues needed = NeededValues.of(f, activity);
        Overwrites o = Overwrites.of(f);
        assertEquals(
                List.of(true, false, false),
                List.of(p, s, e).stream()
                        .map(v -> needed.isNeeded(v) && o.isReassigned(v))
                        .toList(),
                f::toString);
        assertTrue(needed.isNeeded(e), f::toString);
        assertTrue(o.isReassigned(s), f::toString);
    }
}
