package io.github.autodiff4j.processor.fuzz;

import java.util.List;
import java.util.StringJoiner;

/**
 * Random statements over a {@link Scope}: locals and reassignment, compound assignment, {@code if}/{@code else},
 * {@code switch}, counted loops (literal, parameter and array-length bounds, backwards, for-each), loops whose trip
 * count depends on active values, {@code break}/{@code continue} (labelled too), early returns, local arrays and
 * their elements, in-place writes of an array element from a local copy of it, aliases of arrays, {@code double[][]}
 * locals, elements and rows, the JDK's array utilities ({@code clone}, {@code Arrays.copyOf}, {@code Arrays.fill},
 * {@code System.arraycopy}). Every loop terminates: counted loops by their bound, the others by a counter that grows first thing
 * in the body, so no {@code continue} can skip it.
 */
final class StatementGenerator {
    private static final int EXPR_DEPTH = 3;

    private final ExpressionGenerator e;
    private final int arrayLength;

    StatementGenerator(ExpressionGenerator e, int arrayLength) {
        this.e = e;
        this.arrayLength = arrayLength;
    }

    void block(Scope s, int depth, int count, Code out) {
        for (int i = 0; i < count; i++) {
            statement(s, depth, out);
        }
    }

    /** The final {@code return} of a method (or the expression of an early one). */
    String returned(Scope s) {
        if (s.result != null) {
            e.cover(s, Coverage.Construct.RECORD_RESULT);
            return e.record(s, s.result, 2);
        }
        if (!Boolean.TRUE.equals(s.vector)) {
            return e.expr(s, EXPR_DEPTH);
        }
        if (!s.arrays.isEmpty() && e.chance(0.4)) {
            return e.pick(s.arrays);
        }
        return newArray(s);
    }

    private void statement(Scope s, int depth, Code out) {
        if (e.hasRecords() && e.chance(0.14) && recordStatement(s, depth, out)) {
            return;
        }
        if (e.chance(0.16) && arrayStatement(s, depth, out)) {
            return;
        }
        if (e.chance(0.08) && voidCall(s, out)) {
            return;
        }
        double r = e.random().nextDouble();
        if (r < 0.2 || s.assignable.isEmpty()) {
            String v = e.fresh("v");
            out.line("double " + v + " = " + e.expr(s, EXPR_DEPTH) + ";");
            s.local(v);
        } else if (r < 0.38) {
            assignment(s, out);
        } else if (r < 0.5 && depth > 0) {
            conditional(s, depth, out);
        } else if (r < 0.66 && depth > 0) {
            loop(s, depth, out);
        } else if (r < 0.73) {
            localArray(s, out);
        } else if (r < 0.8 && !s.writableArrays.isEmpty()) {
            e.cover(s, Coverage.Construct.ARITHMETIC);
            String element = e.pick(s.writableArrays) + "[" + e.index(s) + "]";
            out.line(element + e.pick(new String[] {" = ", " += ", " -= "}) + e.expr(s, EXPR_DEPTH) + ";");
        } else if (r < 0.84 && depth > 0 && !s.ints.isEmpty() && !s.inSwitch) {
            switchStatement(s, depth, out);
        } else if (r < 0.87 && depth > 0 && !s.inSwitch && (!s.chars.isEmpty() || !s.modes.isEmpty())) {
            selectorSwitch(s, depth, out);
        } else if (r < 0.875) {
            throwGuard(s, out);
        } else if (r < 0.9 && s.inLoop) {
            jump(s, out);
        } else if (r < 0.93 && s.vector != null) {
            out.open("if (" + e.cond(s, 2) + ") {");
            out.line("return " + returned(s) + ";");
            out.close("}");
        } else if (r < 0.96) {
            out.line(e.pick(s.assignable) + e.pick(new String[] {"++;", "--;"}));
        } else if (r < 0.98 && assignmentInExpression(s, depth, out)) {
            // Written.
        } else {
            String call = e.call(s, 2, false);
            String v = e.fresh("v");
            out.line("double " + v + " = " + (call == null ? e.expr(s, EXPR_DEPTH) : call) + ";");
            s.local(v);
        }
    }

    /**
     * An assignment inside an expression, in one of the forms numerical code uses: chained ({@code v = w = e}),
     * compound or increment inside a sum (read before and after), in a branch of {@code ?:}, in the right operand of
     * {@code &&} or {@code ||}, or stores and reads through a moving index ({@code a[p++]}); false if none fits here.
     */
    private boolean assignmentInExpression(Scope s, int depth, Code out) {
        if (s.assignable.isEmpty()) {
            return false;
        }
        String w = e.pick(s.assignable);
        String v = e.fresh("v");
        switch (e.random().nextInt(6)) {
            case 0 -> {
                e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                out.line("double " + v + ";");
                out.line(v + " = " + w + " = " + e.expr(s, 2) + ";");
            }
            case 1 -> {
                e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                String op = e.pick(new String[] {" += ", " -= ", " *= "});
                String value = op.equals(" *= ") ? e.factor(s, 1) : e.expr(s, 2);
                out.line("double " + v + " = " + e.expr(s, 1) + " * (" + w + op + value + ") + " + w + ";");
            }
            case 2 -> {
                e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                String step = e.pick(new String[] {"++", "--"});
                String increment = e.chance(0.5) ? w + step : step + w;
                out.line("double " + v + " = " + e.expr(s, 1) + " + " + increment + " * " + w + ";");
            }
            case 3 -> {
                Scope branch = s.in(Coverage.Context.CONDITIONAL);
                e.cover(branch, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                out.line("double " + v + " = (" + e.cond(s, 1) + ") ? (" + w + " += " + e.expr(branch, 2) + ") : (" + w
                        + " = " + e.expr(branch, 2) + ");");
            }
            case 4 -> {
                if (depth <= 0) {
                    return false;
                }
                e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                String op = e.chance(0.5) ? " && " : " || ";
                out.open("if ((" + e.cond(s, 1) + ")" + op + "Trace.b((" + w + " = " + e.expr(s, 2) + ") > 0.5)) {");
                block(s.in(Coverage.Context.IF), depth - 1, 1, out);
                out.close("}");
                return true;
            }
            default -> {
                if (s.writableArrays.isEmpty()) {
                    return false;
                }
                String a = e.pick(s.writableArrays);
                String p = e.fresh("p");
                e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
                // Two steps of p: indices 0 and 1, within every array (programs have at least 2 elements).
                out.line("int " + p + " = 0;");
                out.line(a + "[" + p + "++] " + e.pick(new String[] {"= ", "+= "}) + e.expr(s, 2) + ";");
                out.line(
                        "double " + v + " = " + a + "[" + p + "++] * " + e.expr(s, 1) + " + " + a + "[" + p + " - 2];");
            }
        }
        s.local(v);
        return true;
    }

    /**
     * A statement on records: a record local (a {@code Pt}, a {@code Seg} of them or the checked record), reassigned
     * (in loops too: {@code r = r.scale(f).plus(q)}), a new {@code Pt[]} filled in a loop, an element of an array of
     * records written (from a copy of it at times), a for-each over one, {@code equals}, a record in a string (an
     * assert's message, a throw's); false if none fits here.
     */
    private boolean recordStatement(Scope s, int depth, Code out) {
        switch (e.random().nextInt(8)) {
            case 0, 1 -> {
                String type = e.recordType();
                String r = e.fresh("r");
                out.line(type + " " + r + " = " + e.record(s, type, 2) + ";");
                s.localRecord(r, type);
            }
            case 2 -> {
                if (s.assignableRecords.isEmpty()) {
                    return false;
                }
                String r = e.pick(s.assignableRecords);
                String type = s.records.stream()
                        .filter(v -> v.name().equals(r))
                        .findFirst()
                        .orElseThrow()
                        .type();
                e.cover(s, Coverage.Construct.RECORD);
                if (type.equals("Pt") && e.chance(0.6)) {
                    out.line(r + " = " + r + ".scale(" + e.factor(s, 1) + ").plus(" + e.point(s, 1) + ");");
                } else {
                    out.line(r + " = " + e.record(s, type, 2) + ";");
                }
            }
            case 3 -> {
                String a = e.fresh("ps");
                String i = e.fresh("i");
                out.line("Pt[] " + a + " = new Pt[" + arrayLength + "];");
                out.open("for (int " + i + " = 0; " + i + " < " + a + ".length; " + i + "++) {");
                Scope loop = s.loopBody(new Scope.IntVar(i, true), null);
                e.cover(loop, Coverage.Construct.RECORD_ARRAY);
                out.line(a + "[" + i + "] = " + e.point(loop, 2) + ";");
                out.close("}");
                s.recordArrays.add(a);
                s.writableRecordArrays.add(a);
            }
            case 4 -> {
                if (s.writableRecordArrays.isEmpty()) {
                    return false;
                }
                String a = e.pick(s.writableRecordArrays);
                String index = e.index(s);
                e.cover(s, Coverage.Construct.RECORD_ARRAY);
                if (e.chance(0.5)) {
                    // the element's old value kept in a local, then overwritten
                    String old = e.fresh("r");
                    out.line("Pt " + old + " = " + a + "[" + index + "];");
                    s.records.add(new Scope.RecVar(old, "Pt"));
                    out.line(a + "[" + index + "] = " + old + ".scale(" + e.factor(s, 1) + ").plus(" + e.point(s, 1)
                            + ");");
                } else {
                    out.line(a + "[" + index + "] = " + e.point(s, 2) + ";");
                }
            }
            case 5 -> {
                if (s.recordArrays.isEmpty() || depth <= 0) {
                    return false;
                }
                String q = e.fresh("q");
                out.open("for (Pt " + q + " : " + e.pick(s.recordArrays) + ") {");
                Scope body = s.loopBody(null, null);
                body.records.add(new Scope.RecVar(q, "Pt"));
                e.cover(body, Coverage.Construct.RECORD_ARRAY);
                loopBlock(body, depth - 1, 1 + e.random().nextInt(2), out);
                out.close("}");
            }
            case 6 -> {
                // The receiver is a variable: a call there (Pt.of(a, b).equals(q), p.plus(q).equals(r)) gives an
                // uncompilable companion (found by this fuzzer, see the README's fuzzing section).
                List<String> held = s.records.stream()
                        .filter(v -> v.type().equals("Pt"))
                        .map(Scope.RecVar::name)
                        .toList();
                if (held.isEmpty()) {
                    return false;
                }
                String v = e.fresh("v");
                Scope arms = s.in(Coverage.Context.CONDITIONAL);
                e.cover(s, Coverage.Construct.RECORD);
                out.line("double " + v + " = Trace.b(" + e.pick(held) + ".equals(" + e.point(s, 1) + ")) ? "
                        + e.expr(arms, 2) + " : " + e.expr(arms, 2) + ";");
                s.local(v);
            }
            default -> {
                if (s.records.isEmpty()) {
                    return false;
                }
                Scope.RecVar r = e.pick(s.records);
                e.cover(s, Coverage.Construct.RECORD);
                String name = r.type().equals("Pt") || r.type().equals("Seg") ? r.type() : "P";
                if (e.chance(0.5)) {
                    out.line("assert (\"\" + " + r.name() + ").startsWith(\"" + name + "\") : \"" + r.name()
                            + " = \" + " + r.name() + ";");
                } else {
                    String read = r.type().equals("Pt")
                            ? r.name() + ".x()"
                            : r.type().equals("Seg") ? r.name() + ".a().y()" : r.name() + ".v()";
                    out.open("if (Double.isNaN(" + read + ")) {");
                    out.line("throw new IllegalArgumentException(\"" + r.name() + " = \" + " + r.name() + ");");
                    out.close("}");
                }
            }
        }
        return true;
    }

    /** A helper called for what it writes into its array argument (void, or its result unused); false if none fits. */
    private boolean voidCall(Scope s, Code out) {
        String call = e.voidCall(s);
        if (call != null) {
            out.line(call + ";");
        }
        return call != null;
    }

    private void assignment(Scope s, Code out) {
        String v = e.pick(s.assignable);
        e.cover(s, Coverage.Construct.ARITHMETIC);
        switch (e.random().nextInt(5)) {
            case 0 -> out.line(v + " = " + e.expr(s, EXPR_DEPTH) + ";");
            case 1 -> out.line(v + " += " + e.expr(s, EXPR_DEPTH) + ";");
            case 2 -> out.line(v + " -= " + e.expr(s, EXPR_DEPTH) + ";");
            case 3 -> out.line(v + " *= " + e.factor(s, 2) + ";");
            default -> out.line(v + " /= " + e.divisor(s, 2) + ";");
        }
    }

    /**
     * One of the statements on arrays that the caller may see through a parameter: an element written from a local
     * copy of it ({@code double a = w[i]; w[i] = g(a);}), an alias ({@code double[] v = w;}, written through at
     * times), a {@code double[][]} local, an element of a matrix written, a row taken; false if none fits here.
     */
    private boolean arrayStatement(Scope s, int depth, Code out) {
        if (e.chance(0.35)) {
            return arrayUtility(s, out);
        }
        switch (e.random().nextInt(5)) {
            case 0 -> {
                if (s.writableArrays.isEmpty()) {
                    return false;
                }
                String w = e.pick(s.writableArrays);
                String index = e.index(s);
                String a = e.fresh("v");
                out.line("double " + a + " = " + w + "[" + index + "];");
                s.local(a);
                e.cover(s, Coverage.Construct.WRITE_AFTER_COPY);
                out.line(w + "[" + index + "] = " + e.around(s, a, 2) + ";");
            }
            case 1 -> {
                if (s.arrays.isEmpty()) {
                    return false;
                }
                String w = e.pick(s.arrays);
                String v = e.fresh("a");
                e.cover(s, Coverage.Construct.ALIAS);
                out.line("double[] " + v + " = " + w + ";");
                s.arrays.add(v);
                if (s.writableArrays.contains(w)) {
                    s.writableArrays.add(v);
                    if (e.chance(0.6)) {
                        out.line(v + "[" + e.index(s) + "] " + e.pick(new String[] {"= ", "+= "}) + e.expr(s, 2) + ";");
                    }
                }
            }
            case 2 -> localMatrix(s, out);
            case 3 -> {
                if (s.writableMatrices.isEmpty()) {
                    return false;
                }
                e.cover(s, Coverage.Construct.MATRIX);
                out.line(e.pick(s.writableMatrices) + "[" + e.index(s) + "][" + e.index(s) + "]"
                        + e.pick(new String[] {" = ", " += ", " *= "}) + e.factor(s, 2) + ";");
            }
            default -> {
                if (s.matrices.isEmpty()) {
                    return false;
                }
                String m = e.pick(s.matrices);
                String row = e.fresh("row");
                e.cover(s, Coverage.Construct.MATRIX);
                out.line("double[] " + row + " = " + m + "[" + e.index(s) + "];");
                s.arrays.add(row);
                if (s.writableMatrices.contains(m)) {
                    s.writableArrays.add(row);
                }
            }
        }
        return true;
    }

    /**
     * One of the JDK's array utilities: a copy ({@code clone()}, {@code Arrays.copyOf}, {@code Arrays.copyOfRange},
     * of an array or of a matrix, written into at times), {@code Arrays.fill} (whole or a range) or
     * {@code System.arraycopy} (between two arrays, or within one, overlapping); false if none fits here. Every array
     * here has the generator's one length, which the copies keep.
     */
    private boolean arrayUtility(Scope s, Code out) {
        switch (e.random().nextInt(5)) {
            case 0 -> {
                if (s.arrays.isEmpty()) {
                    return false;
                }
                String w = e.pick(s.arrays);
                String c = e.fresh("a");
                e.cover(s, Coverage.Construct.ARRAY_UTILITY);
                out.line("double[] " + c + " = "
                        + e.pick(new String[] {
                            w + ".clone()",
                            "Arrays.copyOf(" + w + ", " + w + ".length)",
                            "Arrays.copyOfRange(" + w + ", 1, " + w + ".length + 1)"
                        })
                        + ";");
                s.localArray(c);
                if (e.chance(0.5)) {
                    out.line(c + "[" + e.index(s) + "] " + e.pick(new String[] {"= ", "+= "}) + e.expr(s, 2) + ";");
                }
            }
            case 1 -> {
                if (s.writableArrays.isEmpty()) {
                    return false;
                }
                String w = e.pick(s.writableArrays);
                e.cover(s, Coverage.Construct.ARRAY_UTILITY);
                String range = e.chance(0.5) ? "" : e.pick(new String[] {"0, 1, ", "1, " + w + ".length, "});
                out.line("Arrays.fill(" + w + ", " + range + e.expr(s, 2) + ");");
            }
            case 2, 3 -> {
                if (s.writableArrays.isEmpty() || s.arrays.isEmpty()) {
                    return false;
                }
                String to = e.pick(s.writableArrays);
                String from = e.chance(0.4) ? to : e.pick(s.arrays);
                e.cover(s, Coverage.Construct.ARRAY_UTILITY);
                String n = "Math.min(" + from + ".length, " + to + ".length) - 1";
                out.line(
                        e.chance(0.5)
                                ? "System.arraycopy(" + from + ", 0, " + to + ", 1, " + n + ");"
                                : "System.arraycopy(" + from + ", 1, " + to + ", 0, " + n + ");");
            }
            default -> {
                if (s.matrices.isEmpty()) {
                    return false;
                }
                String m = e.pick(s.matrices);
                String c = e.fresh("m");
                e.cover(s, Coverage.Construct.ARRAY_UTILITY);
                e.cover(s, Coverage.Construct.MATRIX);
                // The rows are shared: a write through the copy is a write into the original.
                out.line("double[][] " + c + " = " + m + ".clone();");
                s.matrices.add(c);
                if (s.writableMatrices.contains(m)) {
                    s.writableMatrices.add(c);
                }
            }
        }
        return true;
    }

    /** A square {@code double[][]} local, filled by nested loops or written as a literal. */
    private void localMatrix(Scope s, Code out) {
        String m = e.fresh("m");
        e.cover(s, Coverage.Construct.MATRIX);
        if (e.chance(0.5)) {
            StringJoiner rows = new StringJoiner(", ", "{", "}");
            for (int r = 0; r < arrayLength; r++) {
                rows.add(newArray(s).substring("new double[] ".length()));
            }
            out.line("double[][] " + m + " = " + rows + ";");
        } else {
            String i = e.fresh("i");
            String j = e.fresh("j");
            out.line("double[][] " + m + " = new double[" + arrayLength + "][" + arrayLength + "];");
            out.open("for (int " + i + " = 0; " + i + " < " + m + ".length; " + i + "++) {");
            out.open("for (int " + j + " = 0; " + j + " < " + m + "[" + i + "].length; " + j + "++) {");
            Scope inner = s.loopBody(new Scope.IntVar(i, true), null).loopBody(new Scope.IntVar(j, true), null);
            out.line(m + "[" + i + "][" + j + "] = " + e.expr(inner, EXPR_DEPTH - 1) + ";");
            out.close("}");
            out.close("}");
        }
        s.matrices.add(m);
        s.writableMatrices.add(m);
    }

    private void conditional(Scope s, int depth, Code out) {
        if (e.chance(0.15)) {
            labelledIf(s, depth, out);
            return;
        }
        out.open("if (" + e.cond(s, 2) + ") {");
        block(s.in(Coverage.Context.IF), depth - 1, 1 + e.random().nextInt(3), out);
        if (e.chance(0.6)) {
            out.middle("} else {");
            block(s.in(Coverage.Context.IF), depth - 1, 1 + e.random().nextInt(3), out);
        }
        out.close("}");
    }

    /** {@code c: if (...) { ...; if (...) break c; ... }}: a break that leaves an if, not a loop. */
    private void labelledIf(Scope s, int depth, Code out) {
        String label = e.fresh("c");
        Scope body = s.in(Coverage.Context.IF);
        e.cover(body, Coverage.Construct.LABELLED_IF);
        out.open(label + ": if (" + e.cond(s, 2) + ") {");
        block(body, depth - 1, 1 + e.random().nextInt(2), out);
        out.open("if (" + e.cond(body, 1) + ") {");
        out.line("break " + label + ";");
        out.close("}");
        block(body, depth - 1, 1 + e.random().nextInt(2), out);
        out.close("}");
    }

    private void loop(Scope s, int depth, Code out) {
        String label = e.chance(0.2) ? e.fresh("l") : null;
        String prefix = label == null ? "" : label + ": ";
        String i = e.fresh("i");
        int count = 1 + e.random().nextInt(3);
        String closing = "}";
        switch (e.random().nextInt(8)) {
            case 0 -> {
                int trips = 1 + e.random().nextInt(4);
                out.open(prefix + "for (int " + i + " = 0; " + i + " < " + trips + "; " + i + "++) {");
                loopBlock(s.loopBody(new Scope.IntVar(i, trips <= arrayLength), label), depth - 1, count, out);
            }
            case 1 -> {
                if (s.ints.isEmpty()) {
                    out.open(prefix + "for (int " + i + " = 0; " + i + " < 2; " + i + "++) {");
                    loopBlock(s.loopBody(new Scope.IntVar(i, true), label), depth - 1, count, out);
                } else {
                    Scope.IntVar bound = e.pick(s.ints);
                    out.open(prefix + "for (int " + i + " = 0; " + i + " < " + bound.name() + "; " + i + "++) {");
                    loopBlock(s.loopBody(new Scope.IntVar(i, bound.index()), label), depth - 1, count, out);
                }
            }
            case 2, 3 -> {
                if (s.arrays.isEmpty()) {
                    localArray(s, out);
                }
                String a = e.pick(s.arrays);
                out.open(
                        e.chance(0.7)
                                ? prefix + "for (int " + i + " = 0; " + i + " < " + a + ".length; " + i + "++) {"
                                : prefix + "for (int " + i + " = " + a + ".length - 1; " + i + " >= 0; " + i + "--) {");
                loopBlock(s.loopBody(new Scope.IntVar(i, true), label), depth - 1, count, out);
            }
            case 4 -> {
                if (!s.matrices.isEmpty() && e.chance(0.4)) {
                    String m = e.pick(s.matrices);
                    String row = e.fresh("row");
                    out.open(prefix + "for (double[] " + row + " : " + m + ") {");
                    Scope body = s.loopBody(null, label);
                    e.cover(body, Coverage.Construct.MATRIX);
                    body.arrays.add(row);
                    if (s.writableMatrices.contains(m)) {
                        body.writableArrays.add(row);
                    }
                    loopBlock(body, depth - 1, count, out);
                    break;
                }
                if (s.arrays.isEmpty()) {
                    localArray(s, out);
                }
                String element = e.fresh("e");
                out.open(prefix + "for (double " + element + " : " + e.pick(s.arrays) + ") {");
                Scope body = s.loopBody(null, label);
                body.doubles.add(element);
                loopBlock(body, depth - 1, count, out);
            }
            case 6 -> closing = dataDependentLoop(s, depth, prefix, label, count, out);
            default -> closing = countDown(s, depth, prefix, label, count, out);
        }
        out.close(closing);
    }

    /**
     * A while or do-while loop that runs until an active quantity passes a limit, at most 6 times; returns the line
     * that closes it.
     */
    private String dataDependentLoop(Scope s, int depth, String prefix, String label, int count, Code out) {
        String v = e.fresh("v");
        String k = e.fresh("k");
        out.line("double " + v + " = " + e.expr(s, 2) + ";");
        out.line("int " + k + " = 0;");
        boolean doWhile = e.chance(0.4);
        // A call in a while condition is inlined at the top of the loop's body (a do-while's stays a call, or an
        // error).
        String call = !doWhile && e.chance(0.4) ? e.call(s, 1, false) : null;
        if (call != null) {
            e.cover(s, Coverage.Construct.LOOP_CONDITION_CALL);
        }
        String condition = "Trace.b(" + v + (call == null ? "" : " + 0.1 * " + call) + " < "
                + e.pick(new String[] {"1", "2.5", "4"}) + ") && " + k + " < 6";
        out.open(prefix + (doWhile ? "do {" : "while (" + condition + ") {"));
        out.line(k + "++;");
        Scope body = s.loopBody(new Scope.IntVar(k, false), label);
        out.line(v + " += 0.25 + Math.pow(" + e.expr(body, 2) + ", 2);");
        body.local(v);
        loopBlock(body, depth - 1, count, out);
        s.local(v);
        s.ints.add(new Scope.IntVar(k, false));
        return doWhile ? "} while (" + condition + ");" : "}";
    }

    /**
     * {@code while (k-- > 0)} or {@code do ... while (--k > 0)}: a counter stepped inside the loop's condition; returns
     * the line that closes it. k stays an index inside the body.
     */
    private String countDown(Scope s, int depth, String prefix, String label, int count, Code out) {
        String k = e.fresh("k");
        int trips = 1 + e.random().nextInt(arrayLength);
        boolean doWhile = e.chance(0.4);
        e.cover(s, Coverage.Construct.ASSIGN_IN_EXPRESSION);
        out.line("int " + k + " = " + trips + ";");
        out.open(prefix + (doWhile ? "do {" : "while (" + k + "-- > 0) {"));
        Scope body = s.loopBody(new Scope.IntVar(k, !doWhile), label);
        loopBlock(body, depth - 1, count, out);
        return doWhile ? "} while (--" + k + " > 0);" : "}";
    }

    /**
     * A loop's body; at times with a {@code break}, {@code continue} or early {@code return} at a random place in it,
     * so that what the body holds is generated in a loop with jumps.
     */
    private void loopBlock(Scope body, int depth, int count, Code out) {
        if (!e.chance(0.35)) {
            block(body, depth, count, out);
            return;
        }
        body.contexts.add(Coverage.Context.JUMP_LOOP);
        int at = e.random().nextInt(count + 1);
        for (int i = 0; i <= count; i++) {
            if (i == at) {
                if (body.vector != null && e.chance(0.3)) {
                    out.open("if (" + e.cond(body, 2) + ") {");
                    out.line("return " + returned(body) + ";");
                    out.close("}");
                } else {
                    jump(body, out);
                }
            }
            if (i < count) {
                statement(body, depth, out);
            }
        }
    }

    private void switchStatement(Scope s, int depth, Code out) {
        Scope.IntVar selector = e.pick(s.ints);
        boolean arrows = e.chance(0.5);
        out.open("switch (" + selector.name() + " % 3) {");
        for (String label : List.of("case 0", "case 1", "default")) {
            out.open(label + (arrows ? " -> {" : ": {"));
            Scope body = s.in(Coverage.Context.SWITCH);
            body.inSwitch = true; // a switch nested in a switch's case is rejected for now (see the report of issue 6)
            block(body, depth - 1, 1 + e.random().nextInt(2), out);
            out.close("}");
            if (!arrows && e.chance(0.6)) {
                out.line("break;");
            }
        }
        out.close("}");
    }

    /**
     * A switch on a char, a String made from one, or an enum, as a statement (colon or arrow form) or as a switch
     * expression giving a new local (arrow cases, and a block with yield).
     */
    private void selectorSwitch(Scope s, int depth, Code out) {
        String selector;
        List<String> labels;
        if (!s.modes.isEmpty() && (s.chars.isEmpty() || e.chance(0.5))) {
            selector = e.pick(s.modes);
            labels = List.of("A", "B, C");
        } else if (e.chance(0.7)) {
            selector = e.pick(s.chars);
            labels = List.of("'a'", "'b', 'c'");
        } else {
            String text = e.fresh("t");
            out.line("String " + text + " = \"k\" + " + e.pick(s.chars) + ";");
            selector = text;
            labels = List.of("\"ka\"", "\"kb\", \"kc\"");
        }
        Scope body = s.in(Coverage.Context.SWITCH);
        body.inSwitch = true;
        if (e.chance(0.5)) {
            e.cover(s, Coverage.Construct.SWITCH_EXPRESSION);
            String v = e.fresh("v");
            out.open("double " + v + " = switch (" + selector + ") {");
            out.line("case " + labels.get(0) + " -> " + e.expr(body, EXPR_DEPTH) + ";");
            String t = e.fresh("v");
            out.open("case " + labels.get(1) + " -> {");
            out.line("double " + t + " = " + e.expr(body, EXPR_DEPTH) + ";");
            out.line("yield " + t + " * " + e.factor(body, 2) + ";");
            out.close("}");
            if (labels.get(0).startsWith("'") || labels.get(0).startsWith("\"")) {
                out.line("default -> " + e.expr(body, EXPR_DEPTH) + ";");
            }
            out.close("};");
            s.local(v);
            return;
        }
        e.cover(s, Coverage.Construct.SELECTOR_SWITCH);
        boolean arrows = e.chance(0.5);
        out.open("switch (" + selector + ") {");
        for (String label : List.of("case " + labels.get(0), "case " + labels.get(1), "default")) {
            out.open(label + (arrows ? " -> {" : ": {"));
            Scope caseBody = body.child(); // what a case declares is gone when it ends
            block(caseBody, depth - 1, 1 + e.random().nextInt(2), out);
            out.close("}");
            if (!arrows && e.chance(0.6)) {
                out.line("break;");
            }
        }
        out.close("}");
    }

    /** Input validation that never fires at the checker's finite points: NaN in, an exception out. */
    private void throwGuard(Scope s, Code out) {
        if (s.doubles.isEmpty()) {
            return;
        }
        e.cover(s, Coverage.Construct.THROW_GUARD);
        String v = e.pick(s.doubles);
        out.open("if (Double.isNaN(" + v + ")) {");
        out.line("throw new IllegalArgumentException(\"NaN: \" + " + v + ");");
        out.close("}");
    }

    private void jump(Scope s, Code out) {
        String target = !s.labels.isEmpty() && e.chance(0.3) ? " " + e.pick(s.labels) : "";
        out.open("if (" + e.cond(s, 2) + ") {");
        out.line((e.chance(0.5) ? "break" : "continue") + target + ";");
        out.close("}");
    }

    private void localArray(Scope s, Code out) {
        String a = e.fresh("a");
        double r = e.random().nextDouble();
        String call = r < 0.3 ? e.call(s, 2, true) : null;
        if (call != null) {
            out.line("double[] " + a + " = " + call + ";");
        } else if (r < 0.6) {
            out.line("double[] " + a + " = " + newArray(s).substring("new double[] ".length()) + ";");
        } else {
            String i = e.fresh("i");
            out.line("double[] " + a + " = new double[" + arrayLength + "];");
            out.open("for (int " + i + " = 0; " + i + " < " + a + ".length; " + i + "++) {");
            out.line(a + "[" + i + "] = " + e.expr(s.loopBody(new Scope.IntVar(i, true), null), EXPR_DEPTH) + ";");
            out.close("}");
        }
        s.localArray(a);
    }

    private String newArray(Scope s) {
        StringJoiner elements = new StringJoiner(", ", "new double[] {", "}");
        for (int i = 0; i < arrayLength; i++) {
            elements.add(e.expr(s, EXPR_DEPTH - 1));
        }
        return elements.toString();
    }
}
