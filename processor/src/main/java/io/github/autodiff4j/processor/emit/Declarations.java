package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each variable of a generated method is declared. Java wants a declaration before every use and in a scope
 * that encloses them all; readers want it where the variable is first assigned. A variable is declared at its first
 * assignment when that assignment is a statement of the innermost statement list enclosing all its uses; otherwise
 * (an adjoint first read as {@code dx += ...}, a value assigned in both branches of an if) at the top of the method,
 * starting from zero, so that it keeps its value across loop iterations, as the IR means.
 */
final class Declarations {
    private final Set<Stmt> declaring = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Var> upfront = new LinkedHashSet<>();

    Declarations(List<Stmt> body, Set<Var> params) {
        // Insertion-ordered, so that generated code is the same from one compilation to the next.
        Map<Var, List<Stmt>> homes = new LinkedHashMap<>();
        Map<Var, List<List<Stmt>>> paths = new LinkedHashMap<>();
        Set<Var> seen = new LinkedHashSet<>();
        collect(body, new ArrayList<>(), paths, seen);
        for (Var v : seen) {
            if (!params.contains(v)) {
                homes.put(v, deepest(paths.get(v)));
            }
        }
        Map<List<Stmt>, Map<Var, Stmt>> firstMentions = new java.util.IdentityHashMap<>();
        for (Map.Entry<Var, List<Stmt>> home : homes.entrySet()) {
            Var v = home.getKey();
            Stmt first = firstMentions
                    .computeIfAbsent(home.getValue(), Declarations::firstMentions)
                    .get(v);
            if (first instanceof Stmt.Assign a && a.target() == v && !Exprs.reads(a.value(), v)) {
                declaring.add(first);
            } else {
                upfront.add(v);
            }
        }
    }

    /** Whether this assignment declares its target. */
    boolean declares(Stmt.Assign assign) {
        return declaring.contains(assign);
    }

    /** The variables declared with a zero at the top of the method. */
    Set<Var> upfront() {
        return upfront;
    }

    /** Records, for each variable, the chain of statement lists leading to each statement that mentions it. */
    private static void collect(
            List<Stmt> list, List<List<Stmt>> chain, Map<Var, List<List<Stmt>>> paths, Set<Var> seen) {
        List<List<Stmt>> here = new ArrayList<>(chain);
        here.add(list);
        for (Stmt stmt : list) {
            Set<Var> mentioned = new LinkedHashSet<>();
            Var target = Stmts.target(stmt);
            if (target != null) {
                mentioned.add(target);
            }
            for (Expr e : Stmts.expressions(stmt)) {
                Exprs.collectReads(e, mentioned);
            }
            for (Var v : mentioned) {
                seen.add(v);
                paths.merge(v, here, Declarations::common);
            }
            boolean updates = stmt instanceof Stmt.Loop;
            for (List<Stmt> nested : Stmts.children(stmt)) {
                // A for loop's update part cannot declare anything: mentions there count as mentions in the loop's
                // list.
                boolean isUpdate = updates && nested == ((Stmt.Loop) stmt).update();
                if (isUpdate) {
                    collectFlat(nested, here, paths, seen);
                } else {
                    collect(nested, here, paths, seen);
                }
            }
        }
    }

    private static void collectFlat(
            List<Stmt> update, List<List<Stmt>> chain, Map<Var, List<List<Stmt>>> paths, Set<Var> seen) {
        Set<Var> mentioned = new LinkedHashSet<>();
        Stmts.walk(update, stmt -> {
            Var target = Stmts.target(stmt);
            if (target != null) {
                mentioned.add(target);
            }
            Stmts.expressions(stmt).forEach(e -> Exprs.collectReads(e, mentioned));
        });
        for (Var v : mentioned) {
            seen.add(v);
            paths.merge(v, chain, Declarations::common);
        }
    }

    private static List<List<Stmt>> common(List<List<Stmt>> a, List<List<Stmt>> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n) == b.get(n)) {
            n++;
        }
        return a.subList(0, n);
    }

    private static List<Stmt> deepest(List<List<Stmt>> chain) {
        return chain.get(chain.size() - 1);
    }

    /** For each variable a list mentions, itself or in nested statements, the first statement that does. */
    private static Map<Var, Stmt> firstMentions(List<Stmt> list) {
        Map<Var, Stmt> first = new java.util.HashMap<>();
        for (Stmt stmt : list) {
            Stmts.walk(List.of(stmt), s -> {
                Var target = Stmts.target(s);
                if (target != null) {
                    first.putIfAbsent(target, stmt);
                }
                List<Var> reads = new ArrayList<>();
                Stmts.expressions(s).forEach(e -> Exprs.collectReads(e, reads));
                reads.forEach(v -> first.putIfAbsent(v, stmt));
            });
        }
        return first;
    }
}
