package io.github.autodiff4j.processor.fuzz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What generated code may refer to at one place of a method: variables by role, enclosing loops, callable methods,
 * and the contexts it sits in (for {@link Coverage}). Every {@code double[]} in a program has the program's array
 * length, and every {@code double[][]} that many rows of it, so any in-range index fits any array.
 */
final class Scope {
    /** An {@code int} variable; {@code index} when its values lie in [0, array length). */
    record IntVar(String name, boolean index) {}

    /**
     * A method the code may call: {@code returnsArray} for {@code double[]} results; {@code writesFirstArgument} when it
     * writes into its first argument; {@code instance} when it is called on the own object; {@code construct} what a
     * call counts as.
     */
    record Callee(
            String name,
            List<Param.Kind> params,
            boolean returnsArray,
            boolean writesFirstArgument,
            boolean instance,
            Coverage.Construct construct) {
        Callee(String name, List<Param.Kind> params, boolean returnsArray, boolean writesFirstArgument) {
            this(name, params, returnsArray, writesFirstArgument, false, Coverage.Construct.HELPER_CALL);
        }
    }

    /** A record variable: its name and its type ({@code Pt}, {@code Seg} or the program's checked record). */
    record RecVar(String name, String type) {}

    final List<String> doubles = new ArrayList<>();
    /** Record variables; the assignable ones (locals) by name; arrays of {@code Pt}, and the writable ones. */
    final List<RecVar> records = new ArrayList<>();

    final List<String> assignableRecords = new ArrayList<>();
    final List<String> recordArrays = new ArrayList<>();
    final List<String> writableRecordArrays = new ArrayList<>();
    final List<String> assignable = new ArrayList<>();
    final List<String> constants = new ArrayList<>();
    final List<String> arrays = new ArrayList<>();
    final List<String> writableArrays = new ArrayList<>();
    final List<String> matrices = new ArrayList<>();
    final List<String> writableMatrices = new ArrayList<>();
    final List<IntVar> ints = new ArrayList<>();
    /** {@code char} and {@code Mode} variables: switch selectors. */
    final List<String> chars = new ArrayList<>();

    final List<String> modes = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<Callee> callees = new ArrayList<>();
    /** Static helpers {@code Pt h(Pt p, Pt q)}, returning a record. */
    final List<String> pointHelpers = new ArrayList<>();

    final EnumSet<Coverage.Context> contexts = EnumSet.noneOf(Coverage.Context.class);
    /** The names this method calls, shared by all of its scopes. */
    Set<String> calls = new java.util.HashSet<>();

    boolean inLoop;
    boolean inSwitch;
    /** Whether the method returns {@code double[]}; null in helpers, which have no early returns. */
    Boolean vector;
    /** The record type a vector function returns ({@code Pt}, {@code Seg} or the checked record); null otherwise. */
    String result;

    /** A nested block's scope: sees everything here; what it declares is gone when it ends. */
    Scope child() {
        Scope c = new Scope();
        c.doubles.addAll(doubles);
        c.records.addAll(records);
        c.assignableRecords.addAll(assignableRecords);
        c.recordArrays.addAll(recordArrays);
        c.writableRecordArrays.addAll(writableRecordArrays);
        c.result = result;
        c.assignable.addAll(assignable);
        c.constants.addAll(constants);
        c.arrays.addAll(arrays);
        c.writableArrays.addAll(writableArrays);
        c.matrices.addAll(matrices);
        c.writableMatrices.addAll(writableMatrices);
        c.ints.addAll(ints);
        c.chars.addAll(chars);
        c.modes.addAll(modes);
        c.labels.addAll(labels);
        c.callees.addAll(callees);
        c.pointHelpers.addAll(pointHelpers);
        c.contexts.addAll(contexts);
        c.calls = calls;
        c.inLoop = inLoop;
        c.inSwitch = inSwitch;
        c.vector = vector;
        return c;
    }

    /** A child in one more context. */
    Scope in(Coverage.Context context) {
        Scope c = child();
        c.contexts.add(context);
        return c;
    }

    void local(String name) {
        doubles.add(name);
        assignable.add(name);
    }

    void localRecord(String name, String type) {
        records.add(new RecVar(name, type));
        assignableRecords.add(name);
    }

    void localArray(String name) {
        arrays.add(name);
        writableArrays.add(name);
    }

    Scope loopBody(IntVar index, String label) {
        Scope c = in(inLoop ? Coverage.Context.NESTED_LOOP : Coverage.Context.LOOP);
        c.contexts.add(Coverage.Context.LOOP);
        c.inLoop = true;
        if (index != null) {
            c.ints.add(index);
        }
        if (label != null) {
            c.labels.add(label);
        }
        return c;
    }
}
