package io.github.autodiff4j.processor.fuzz;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the generator produced, construct by context: each time it writes a construct, every context the construct
 * sits in counts once. The counters are the generator's own, so the table shows what a run exercised, not what it
 * might have. Summed over programs with {@link #add}.
 */
final class Coverage {
    /** What generated code does. */
    enum Construct {
        ARITHMETIC("arithmetic (+ - * /)"),
        MATH("Math function"),
        RULE_ONE("@DerivativeOf rule, 1 double"),
        RULE_TWO("@DerivativeOf rule, 2 doubles"),
        SPECIAL("Special.erf/erfc/normalCdf"),
        RECURSION("call of a recursive function"),
        ARRAY_RECURSION("recursion over an array (by index, tree, returning double[])"),
        INSTANCE_RECURSION("recursion of an instance method"),
        OBJECT_RECURSION("recursion with an object parameter"),
        HELPER_CALL("call of a static helper"),
        OWN_CALL("call on the own object"),
        WRITE_AFTER_COPY("a = w[i]; w[i] = g(a)"),
        HELPER_WRITES("helper writing into an array"),
        ALIAS("alias double[] v = w"),
        SAME_ARRAY_TWICE("same array twice to a helper"),
        MATRIX("double[][] param/local/row"),
        LABELLED_IF("break out of a labelled if"),
        LOOP_CONDITION_CALL("call in a while condition"),
        ASSIGN_IN_EXPRESSION("assignment inside an expression"),
        VOID_HELPER("void helper writing into an array"),
        UNUSED_RESULT("helper's result unused"),
        JDK_MATH("copySign, %, IEEEremainder, ulp, next*, scalb"),
        ARRAY_UTILITY("clone, copyOf(Range), fill, arraycopy"),
        SELECTOR_SWITCH("switch on char/String/enum"),
        SWITCH_EXPRESSION("switch expression"),
        THROW_GUARD("throw for validation"),
        STREAM("stream pipeline with lambdas"),
        RECORD("record parameter/local/method"),
        RECORD_ARRAY("array of records"),
        RECORD_RESULT("record result"),
        CHECKED_RECORD("record with a checking constructor");

        final String label;

        Construct(String label) {
            this.label = label;
        }
    }

    /** Where it is. Straight-line means in no loop and no branch of its method. */
    enum Context {
        STRAIGHT("straight"),
        LOOP("loop"),
        NESTED_LOOP("nested loop"),
        JUMP_LOOP("loop w/ break/cont/return"),
        IF("if/else"),
        CONDITIONAL("?:"),
        SWITCH("switch"),
        HELPER("helper"),
        RECURSION("recursive fn"),
        VECTOR("vector fn"),
        INSTANCE("instance method");

        final String label;

        Context(String label) {
            this.label = label;
        }
    }

    private final long[][] counts = new long[Construct.values().length][Context.values().length];
    /** Programs with an overriding subclass, and with one that does not override. */
    long overridingSubclasses;

    long plainSubclasses;
    /** Programs whose {@code Over} overrides a helper that recurses on the own object. */
    long overridingRecursions;

    void count(Construct construct, Set<Context> contexts) {
        Set<Context> where = contexts.isEmpty() ? EnumSet.noneOf(Context.class) : EnumSet.copyOf(contexts);
        if (!where.contains(Context.LOOP)
                && !where.contains(Context.IF)
                && !where.contains(Context.CONDITIONAL)
                && !where.contains(Context.SWITCH)) {
            where.add(Context.STRAIGHT);
        }
        for (Context c : where) {
            counts[construct.ordinal()][c.ordinal()]++;
        }
    }

    long get(Construct construct, Context context) {
        return counts[construct.ordinal()][context.ordinal()];
    }

    void add(Coverage other) {
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
        overridingSubclasses += other.overridingSubclasses;
        plainSubclasses += other.plainSubclasses;
        overridingRecursions += other.overridingRecursions;
    }

    /** Cells that cannot occur. */
    static boolean impossible(Construct construct, Context context) {
        // Statements are not in a ?: (an expression).
        boolean statement = construct == Construct.WRITE_AFTER_COPY
                || construct == Construct.ALIAS
                || construct == Construct.LABELLED_IF
                || construct == Construct.LOOP_CONDITION_CALL
                || construct == Construct.ARRAY_UTILITY
                || construct == Construct.VOID_HELPER
                || construct == Construct.UNUSED_RESULT;
        if (context == Context.CONDITIONAL && statement) {
            return true;
        }
        // A labelled if is an if: what it holds counts under if/else, never as straight-line code.
        if (context == Context.STRAIGHT && construct == Construct.LABELLED_IF) {
            return true;
        }
        // A recursive function is of doubles, with at most a record local: no array of records, no record result.
        if (context == Context.RECURSION
                && (construct == Construct.RECORD_ARRAY
                        || construct == Construct.RECORD_RESULT
                        || construct == Construct.CHECKED_RECORD)) {
            return true;
        }
        // A recursive function is of doubles (an instance method at times, which may call on its own object): no array
        // to write or alias; its body is a call, a local and at most one counted loop.
        return context == Context.RECURSION
                && (construct == Construct.WRITE_AFTER_COPY
                        || construct == Construct.HELPER_WRITES
                        || construct == Construct.ALIAS
                        || construct == Construct.SAME_ARRAY_TWICE
                        || construct == Construct.MATRIX
                        || construct == Construct.LABELLED_IF
                        || construct == Construct.LOOP_CONDITION_CALL
                        || construct == Construct.ASSIGN_IN_EXPRESSION
                        || construct == Construct.VOID_HELPER
                        || construct == Construct.UNUSED_RESULT
                        || construct == Construct.ARRAY_UTILITY);
    }

    /** The table as Markdown; "-" for a cell that cannot occur, and the cells that are 0 though possible listed. */
    String table() {
        StringBuilder out = new StringBuilder("| construct \\ context |");
        for (Context c : Context.values()) {
            out.append(' ').append(c.label).append(" |");
        }
        out.append("\n|---|");
        out.append("---:|".repeat(Context.values().length)).append('\n');
        StringBuilder missing = new StringBuilder();
        for (Construct k : Construct.values()) {
            out.append("| ").append(k.label).append(" |");
            for (Context c : Context.values()) {
                long n = get(k, c);
                out.append(' ')
                        .append(impossible(k, c) && n == 0 ? "-" : Long.toString(n))
                        .append(" |");
                if (n == 0 && !impossible(k, c)) {
                    missing.append(k.label).append(" in ").append(c.label).append("; ");
                }
            }
            out.append('\n');
        }
        out.append(String.format(
                "programs with a subclass that overrides a helper: %d (a recursion on the own object: %d), with one that "
                        + "does not: %d%n",
                overridingSubclasses, overridingRecursions, plainSubclasses));
        if (missing.length() > 0) {
            out.append("never generated: ").append(missing).append('\n');
        }
        return out.toString();
    }

    /** The possible cells this run never generated. */
    long gaps() {
        long n = 0;
        for (Construct k : Construct.values()) {
            for (Context c : Context.values()) {
                if (get(k, c) == 0 && !impossible(k, c)) {
                    n++;
                }
            }
        }
        return n;
    }
}
