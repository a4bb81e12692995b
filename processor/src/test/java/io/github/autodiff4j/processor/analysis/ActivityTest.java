package io.github.autodiff4j.processor.analysis;

import static io.github.autodiff4j.processor.ir.IrBuilder.add;
import static io.github.autodiff4j.processor.ir.IrBuilder.arrayOf;
import static io.github.autodiff4j.processor.ir.IrBuilder.bool;
import static io.github.autodiff4j.processor.ir.IrBuilder.cast;
import static io.github.autodiff4j.processor.ir.IrBuilder.dbl;
import static io.github.autodiff4j.processor.ir.IrBuilder.doubles;
import static io.github.autodiff4j.processor.ir.IrBuilder.eq;
import static io.github.autodiff4j.processor.ir.IrBuilder.function;
import static io.github.autodiff4j.processor.ir.IrBuilder.gt;
import static io.github.autodiff4j.processor.ir.IrBuilder.integer;
import static io.github.autodiff4j.processor.ir.IrBuilder.length;
import static io.github.autodiff4j.processor.ir.IrBuilder.lt;
import static io.github.autodiff4j.processor.ir.IrBuilder.math;
import static io.github.autodiff4j.processor.ir.IrBuilder.matrix;
import static io.github.autodiff4j.processor.ir.IrBuilder.mul;
import static io.github.autodiff4j.processor.ir.IrBuilder.neg;
import static io.github.autodiff4j.processor.ir.IrBuilder.newArray;
import static io.github.autodiff4j.processor.ir.IrBuilder.read;
import static io.github.autodiff4j.processor.ir.IrBuilder.select;
import static io.github.autodiff4j.processor.ir.IrBuilder.sub;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Activity} on hand-written IR: which variables depend on the active parameters ("varied"), and of those,
 * which can reach a result ("useful"). Every assertion message prints the function.
 */
class ActivityTest {
    private final Var x = dbl("x");
    private final Var c = dbl("c");
    private final Var y = dbl("y");
    private final Var z = dbl("z");

    // ---- Varied ----

    @Test
    void constantsStayInactive() {
        // A literal, and arithmetic on literals and inactive variables only, carries no derivative; mixing x in does.
        Function f = function("f", List.of(x, c), b -> {
            b.assign(z, add(2.0, c));
            b.assign(y, mul(z, x));
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x));
        assertTrue(a.isActive(x), f::toString);
        assertFalse(a.isActive(c), f::toString);
        assertFalse(a.isActive(z), f::toString);
        assertTrue(a.isActive(y), f::toString);
        assertFalse(a.isActive(add(2.0, 3.0)));
    }

    @Test
    void integerCastsCutTheDependence() {
        // (double) (int) x is piecewise constant in x: the int cast cuts the dependence; (double) x keeps it.
        Var k = integer("k");
        Function f = function("f", List.of(x), b -> {
            b.assign(k, cast(Type.INT, x));
            b.assign(y, cast(Type.DOUBLE, k));
            b.assign(z, cast(Type.DOUBLE, cast(Type.INT, x)));
            b.assign(c, cast(Type.DOUBLE, x));
            b.ret(add(add(y, z), c));
        });
        Activity a = Activity.of(f, List.of(x));
        assertFalse(a.isActive(k), f::toString);
        assertFalse(a.isActive(y), f::toString);
        assertFalse(a.isActive(z), f::toString);
        assertTrue(a.isActive(c), f::toString);
        assertFalse(a.isActive(cast(Type.INT, x)));
        assertFalse(a.isActive(add(cast(Type.INT, x), 1)), "int arithmetic on a cast of x is an int");
    }

    @Test
    void comparisonsCutTheDependence() {
        // A comparison of active values is a boolean: whatever it selects between constants is constant.
        Var flag = bool("flag");
        Function f = function("f", List.of(x), b -> {
            b.assign(flag, gt(x, 0.0));
            b.assign(y, select(flag, 1.0, -1.0));
            b.assign(z, select(lt(x, 1.0), 2.0, 3.0));
            b.assign(c, select(flag, x, 1.0));
            b.ret(add(add(y, z), c));
        });
        Activity a = Activity.of(f, List.of(x));
        assertFalse(a.isActive(gt(x, 0.0)));
        assertFalse(a.isActive(eq(x, x)));
        assertFalse(a.isActive(flag), f::toString);
        assertFalse(a.isActive(y), f::toString);
        assertFalse(a.isActive(z), f::toString);
        assertTrue(a.isActive(c), "a select with an active side is active\n" + f);
    }

    @Test
    void piecewiseConstantFunctionsCutTheDependence() {
        // floor, ceil, rint and signum have derivative zero wherever it exists; abs and sin do not.
        for (MathFunction cut :
                List.of(MathFunction.FLOOR, MathFunction.CEIL, MathFunction.RINT, MathFunction.SIGNUM)) {
            Function f = function("f", List.of(x), b -> {
                b.assign(y, math(cut, x));
                b.assign(z, math(MathFunction.SIN, y));
                b.assign(c, add(math(cut, x), x));
                b.ret(add(z, c));
            });
            Activity a = Activity.of(f, List.of(x));
            assertFalse(a.isActive(y), f::toString);
            assertFalse(a.isActive(z), "sin of a constant is constant\n" + f);
            assertTrue(a.isActive(c), f::toString);
        }
        assertTrue(Activity.of(function("f", List.of(x), b -> b.ret(x)), List.of(x))
                .isActive(math(MathFunction.ABS, x)));
    }

    @Test
    void negationAndIntegerArithmetic() {
        // -x is active; an int computed from ints (here the length of an active array) is not.
        Var v = doubles("v");
        Var n = integer("n");
        Function f = function("f", List.of(x, v), b -> {
            b.assign(y, neg(x));
            b.assign(n, sub(length(v), 1));
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x, v));
        assertTrue(a.isActive(y), f::toString);
        assertFalse(a.isActive(n), f::toString);
        assertFalse(a.isActive(length(v)));
        assertTrue(a.isActive(read(v, n)), "an element of an active array is active");
    }

    @Test
    void anArrayIsActiveAsAWhole() {
        // Storing x into a[0] makes all of a active, so a[1] is active too (the analysis does not track elements).
        Var arr = doubles("a");
        Function f = function("f", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(y, read(arr, 1));
            b.store(arr, 0, x);
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x));
        assertTrue(a.isActive(arr), f::toString);
        assertTrue(
                a.isActive(y),
                "a read before the store still reads the active array (in a loop it may follow it)\n" + f);
    }

    @Test
    void storingAConstantLeavesAnArrayInactive() {
        // Only stores of active values activate an array: a[0] = 2 * c with c constant does not.
        Var arr = doubles("a");
        Function f = function("f", List.of(x, c), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.store(arr, cast(Type.INT, x), mul(2.0, c));
            b.assign(y, read(arr, 0));
            b.ret(add(x, y));
        });
        Activity a = Activity.of(f, List.of(x));
        assertFalse(a.isActive(arr), "an active index does not make the stored value active\n" + f);
        assertFalse(a.isActive(y), f::toString);
    }

    @Test
    void aliasesAreActiveTogether() {
        // b = a shares a's elements: a store of x through b makes a active, even though the alias comes first.
        Var arr = doubles("a");
        Var alias = doubles("b");
        Function f = function("f", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(alias, arr);
            b.store(alias, 0, x);
            b.assign(y, read(arr, 0));
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x));
        assertTrue(a.isActive(alias), f::toString);
        assertTrue(a.isActive(arr), f::toString);
        assertTrue(a.isActive(y), f::toString);
    }

    @Test
    void aRowAliasActivatesItsMatrix() {
        // row = m[0] aliases a row of m: a store of x into row makes m active.
        Var m = matrix("m");
        Var row = doubles("row");
        Function f = function("f", List.of(x, m), b -> {
            b.assign(row, read(m, 0));
            b.store(row, 1, x);
            b.assign(y, read(read(m, 0), 1));
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x));
        assertTrue(a.isActive(m), f::toString);
        assertTrue(a.isActive(y), f::toString);
    }

    @Test
    void aMatrixLiteralSharesItsRows() {
        // m = {r0, r1}: a store of x into m[1][0] is a store into r1, so both rows become active (the analysis does
        // not tell which row); a literal with an active row is itself active.
        Var r0 = doubles("r0");
        Var r1 = doubles("r1");
        Var m = matrix("m");
        Var m2 = matrix("m2");
        Var v = doubles("v");
        Function f = function("f", List.of(x, v), b -> {
            b.assign(r0, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(r1, newArray(Type.DOUBLE_ARRAY, 2));
            b.assign(m, arrayOf(Type.DOUBLE_MATRIX, r0, r1));
            b.store(read(m, 1), 0, x);
            b.assign(y, read(r1, 0));
            b.assign(m2, arrayOf(Type.DOUBLE_MATRIX, v, r0));
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x, v));
        assertTrue(a.isActive(m), f::toString);
        assertTrue(a.isActive(r1), f::toString);
        assertTrue(a.isActive(r0), f::toString);
        assertTrue(a.isActive(y), f::toString);
        assertTrue(a.isActive(m2), f::toString);
        assertFalse(Activity.of(f, List.of()).isActive(m2), "nothing is active without active parameters");
    }

    @Test
    void activityReachesAroundLoops() {
        // In a loop, y = z + 1 reads the z that z = x * y made in the previous iteration: both are active, although
        // the statement reading z comes first.
        Var i = integer("i");
        Function f = function("f", List.of(x), b -> {
            b.assign(y, 0.0);
            b.assign(z, 0.0);
            b.forLoop(i, 0, 3, body -> {
                body.assign(y, add(z, 1.0));
                body.assign(z, mul(x, 2.0));
            });
            b.ret(y);
        });
        Activity a = Activity.of(f, List.of(x));
        assertTrue(a.isActive(z), f::toString);
        assertTrue(a.isActive(y), f::toString);
        assertFalse(a.isActive(i), f::toString);
    }

    // ---- Useful ----

    @Test
    void valuesOnlyComparedAreNotUseful() {
        // t = x * x only decides a branch: it needs no derivative code, while what the branch returns does.
        Var t = dbl("t");
        Function f = function("f", List.of(x), b -> {
            b.assign(t, mul(x, x));
            b.ifElse(gt(t, 1.0), then -> then.assign(y, x), otherwise -> otherwise.assign(y, mul(2.0, x)));
            b.ret(y);
        });
        Activity varied = Activity.of(f, List.of(x));
        Activity useful = varied.usefulIn(f);
        assertTrue(varied.isActive(t), f::toString);
        assertFalse(useful.isActive(t), f::toString);
        assertTrue(useful.isActive(y), f::toString);
        assertTrue(useful.isActive(x), f::toString);
    }

    @Test
    void valuesStoredWhereNothingReadsAreNotUseful() {
        // A local array that nothing reads, and what is stored into it, need no derivative code.
        Var arr = doubles("a");
        Var t = dbl("t");
        Function f = function("f", List.of(x), b -> {
            b.assign(arr, newArray(Type.DOUBLE_ARRAY, 1));
            b.assign(t, math(MathFunction.SIN, x));
            b.store(arr, 0, t);
            b.assign(y, mul(x, 3.0));
            b.ret(y);
        });
        Activity useful = Activity.of(f, List.of(x)).usefulIn(f);
        assertFalse(useful.isActive(arr), f::toString);
        assertFalse(useful.isActive(t), f::toString);
        assertTrue(useful.isActive(y), f::toString);
    }

    @Test
    void arraysOfParametersAreUseful() {
        // The caller sees out after the call: what is stored into it is useful though nothing returns it.
        Var out = doubles("out");
        Var t = dbl("t");
        Function f = function("f", List.of(x, out), b -> {
            b.assign(t, math(MathFunction.SIN, x));
            b.store(out, 0, t);
            b.ret(1.0);
        });
        Activity useful = Activity.of(f, List.of(x)).usefulIn(f);
        assertTrue(useful.isActive(out), f::toString);
        assertTrue(useful.isActive(t), f::toString);
    }

    @Test
    void aliasesOfParametersArraysAreUseful() {
        // b = out aliases a parameter's array: what is stored through b is seen by the caller.
        Var out = doubles("out");
        Var alias = doubles("b");
        Var t = dbl("t");
        Function f = function("f", List.of(x, out), b -> {
            b.assign(alias, out);
            b.assign(t, math(MathFunction.EXP, x));
            b.store(alias, 0, t);
            b.ret(1.0);
        });
        Activity useful = Activity.of(f, List.of(x)).usefulIn(f);
        assertTrue(useful.isActive(alias), f::toString);
        assertTrue(useful.isActive(t), f::toString);
    }

    @Test
    void aMatrixLiteralOfAUsefulRowIsUseful() {
        // m = {out}: a store into m[0] is a store into the caller's out, so the stored value is useful.
        Var out = doubles("out");
        Var m = matrix("m");
        Var t = dbl("t");
        Function f = function("f", List.of(x, out), b -> {
            b.assign(m, arrayOf(Type.DOUBLE_MATRIX, out));
            b.assign(t, math(MathFunction.EXP, x));
            b.store(read(m, 0), 0, t);
            b.ret(1.0);
        });
        Activity useful = Activity.of(f, List.of(x)).usefulIn(f);
        assertTrue(useful.isActive(m), f::toString);
        assertTrue(useful.isActive(t), f::toString);
    }

    @Test
    void usefulnessFlowsBackThroughChains() {
        // u feeds v feeds the result: all useful; w feeds only itself (w = w * x in a loop), so it is not.
        Var u = dbl("u");
        Var v = dbl("v");
        Var w = dbl("w");
        Var i = integer("i");
        Function f = function("f", List.of(x), b -> {
            b.assign(u, mul(x, x));
            b.assign(w, 1.0);
            b.forLoop(i, 0, 2, body -> body.assign(w, mul(w, x)));
            b.assign(v, math(MathFunction.LOG, u));
            b.ret(v);
        });
        Activity varied = Activity.of(f, List.of(x));
        Activity useful = varied.usefulIn(f);
        assertTrue(useful.isActive(u), f::toString);
        assertTrue(useful.isActive(v), f::toString);
        assertTrue(varied.isActive(w), f::toString);
        assertFalse(useful.isActive(w), f::toString);
    }

    @Test
    void usefulButConstantStaysInactive() {
        // Useful is a filter on active variables: a constant that reaches the result is still inactive.
        Var k = dbl("k");
        Function f = function("f", List.of(x, c), b -> {
            b.assign(k, mul(c, 2.0));
            b.ret(mul(k, x));
        });
        Activity useful = Activity.of(f, List.of(x)).usefulIn(f);
        assertFalse(useful.isActive(k), f::toString);
        assertTrue(useful.isActive(x), f::toString);
    }
}
