package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The assignments made inside an expression ({@code a[i++]}, {@code while (n-- != 0)}, {@code t = x = y}), hoisted out
 * as statements that run before the statement using the expression. The IR's expressions have no side effects, so the
 * parser keeps Java's order of evaluation here: an operand evaluated before an assignment that changes what it reads
 * is held in a temporary assigned before that assignment.
 */
final class Effects {
    private final List<Stmt> pending = new ArrayList<>();

    /** The present end of the pending statements: the point where an operand just parsed was evaluated. */
    Point point() {
        return new Point(pending.size());
    }

    void add(Stmt stmt) {
        pending.add(stmt);
    }

    /**
     * The pending statements, for code that reads operands and writes statements in turn (an array copy's loop): what
     * it adds runs after the assignments inside the operands it read.
     */
    List<Stmt> sink() {
        return pending;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Moves the pending statements to the end of {@code out}: the statement using the expression comes next. */
    void drainInto(List<Stmt> out) {
        out.addAll(pending);
        pending.clear();
    }

    /** Removes and returns every pending statement, while statements nested in the expression are read on their own. */
    List<Stmt> suspend() {
        List<Stmt> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }

    /** Puts back what {@link #suspend} removed, followed by the statements the nested reading made. */
    void resume(List<Stmt> suspended, List<Stmt> made) {
        pending.addAll(0, suspended);
        pending.addAll(made);
    }

    /** Forgets the statements of an expression that was rejected. */
    void clear() {
        pending.clear();
    }

    /** A position in the pending statements. */
    final class Point {
        private int at;

        private Point(int at) {
            this.at = at;
        }

        /** Whether statements were added since this point. */
        boolean passed() {
            return pending.size() > at;
        }

        /** Removes and returns the statements added since this point: effects that run only under a condition. */
        List<Stmt> take() {
            List<Stmt> since = new ArrayList<>(pending.subList(at, pending.size()));
            pending.subList(at, pending.size()).clear();
            return since;
        }

        /**
         * {@code value} (not an array), evaluated at this point, as later code may read it: itself if no statement
         * added since writes a variable it reads, else a temporary assigned here.
         */
        Expr hold(Expr value, Origin origin) {
            if (!passed()) {
                // Nearly always: nothing assigned since, and nothing to read its variables for.
                return value;
            }
            Set<Var> reads = new HashSet<>();
            Exprs.collectReads(value, reads);
            if (reads.isEmpty() || !writesAny(reads)) {
                return value;
            }
            Var held = new Var("held", value.type());
            pending.add(at++, new Stmt.Assign(held, value, origin));
            return new Expr.Ref(held);
        }

        /** Whether a statement added since this point makes a variable that {@code array} reads name another array. */
        boolean reassigns(Expr array) {
            if (!passed()) {
                return false;
            }
            Set<Var> reads = new HashSet<>();
            Exprs.collectReads(array, reads);
            boolean[] writes = {false};
            Stmts.walk(
                    pending.subList(at, pending.size()),
                    s -> writes[0] |= s instanceof Stmt.Assign a && reads.contains(a.target()));
            return writes[0];
        }

        private boolean writesAny(Set<Var> vars) {
            boolean[] writes = {false};
            Stmts.walk(pending.subList(at, pending.size()), s -> writes[0] |= vars.contains(Stmts.target(s)));
            return writes[0];
        }
    }
}
