package io.github.autodiff4j.processor.simplify;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes assignments to variables that nothing reads: the primal value inside a Hessian-vector product, tangents of
 * values that no result depends on. Operators and Math functions have no side effects, so this is safe for them;
 * assignments that pop the tape stay, since the pops must mirror the pushes, and so do calls of the user's methods
 * left in the code, which may write into the arrays or the objects they are passed ({@code h(a, a, x)} filling
 * {@code a}, read later).
 */
public final class DeadCode {
    private DeadCode() {}

    /** The function with its return statements keeping only the values at {@code kept}, and only the code they need. */
    public static Function keepResults(Function function, List<Integer> kept) {
        InjectedFailure.at("simplify");
        List<Stmt> body = Stmts.mapReturns(
                function.body(),
                r -> new Stmt.Return(kept.stream().map(r.values()::get).toList(), r.origin()));
        // How often each variable is read, and the assignments that may go. Removing one reads what it read once less,
        // which may leave more unread: a worklist follows each chain of dead values in one pass over the body.
        Map<Var, Integer> reads = new HashMap<>();
        Map<Var, List<Stmt.Assign>> removable = new HashMap<>();
        Stmts.walk(body, stmt -> {
            // Stores are kept, and name their array: through an alias, a write may be read elsewhere.
            for (Expr e : Stmts.expressions(stmt)) {
                count(e, reads, 1, null);
            }
            if (stmt instanceof Stmt.Assign a && !pops(a.value()) && !callsUserCode(a.value())) {
                removable.computeIfAbsent(a.target(), v -> new ArrayList<>()).add(a);
            }
        });
        Deque<Var> unread = new ArrayDeque<>();
        removable.keySet().stream().filter(v -> !reads.containsKey(v)).forEach(unread::add);
        Set<Stmt> dead = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!unread.isEmpty()) {
            for (Stmt.Assign a : removable.getOrDefault(unread.pop(), List.of())) {
                if (dead.add(a)) {
                    count(a.value(), reads, -1, unread);
                }
            }
        }
        return new Function(function.name(), function.params(), prune(body, dead));
    }

    /** Adds {@code delta} to the read count of each variable the expression reads; those left unread go to unread. */
    private static void count(Expr e, Map<Var, Integer> reads, int delta, Deque<Var> unread) {
        List<Var> read = new ArrayList<>();
        Exprs.collectReads(e, read);
        for (Var v : read) {
            if (reads.merge(v, delta, Integer::sum) == 0) {
                reads.remove(v);
                unread.push(v);
            }
        }
    }

    private static List<Stmt> prune(List<Stmt> body, Set<Stmt> dead) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            if (!dead.contains(stmt)) {
                out.add(Stmts.mapChildren(stmt, nested -> prune(nested, dead)));
            }
        }
        return out;
    }

    private static boolean pops(Expr e) {
        return Exprs.anyMatch(e, Expr.TapePop.class::isInstance);
    }

    private static boolean callsUserCode(Expr e) {
        // Records, replays and pullbacks of recursions keep and take back values on the thread's RecursionTape, and a
        // pullback adds into the adjoint arrays it is passed, whether or not their results are read.
        return Exprs.anyMatch(
                e,
                c -> c instanceof Expr.Invoke
                        || (c instanceof Expr.RecursiveCall r && r.role() != Expr.RecursiveCall.Role.PUSHFORWARD));
    }
}
