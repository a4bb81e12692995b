package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Array variables a loop body points at a row of an unchanging matrix, {@code w = w1[j]} (an inlined helper's array
 * parameter, say): the backward sweep can point them again at the start of each reversed iteration instead of taking
 * the old reference from the tape. Each qualifies when it is assigned by that statement alone, read only after it in
 * the same body, and its path reads only variables nothing assigns and the counters of the loops around it.
 */
public final class RowAliases {
    private final Map<Stmt.Loop, List<Stmt.Assign>> byLoop = new IdentityHashMap<>();
    private final Set<Var> aliases = new HashSet<>();

    private RowAliases() {}

    public static RowAliases of(Function function) {
        RowAliases result = new RowAliases();
        Map<Var, Integer> assignments = new HashMap<>();
        Set<Var> rowsReplaced = new HashSet<>();
        Stmts.walk(function.body(), s -> {
            if (s instanceof Stmt.Assign a) {
                assignments.merge(a.target(), 1, Integer::sum);
            } else if (s instanceof Stmt.Store store && store.value().type().isArray()) {
                rowsReplaced.add(store.base());
            }
        });
        result.scan(function, function.body(), Set.of(), assignments, rowsReplaced);
        return result;
    }

    /** The aliases a loop's reversed iterations point again, in the order the forward body assigns them. */
    public List<Stmt.Assign> pointedAgain(Stmt.Loop loop) {
        return byLoop.getOrDefault(loop, List.of());
    }

    /** Whether the variable is such an alias: the backward sweep has it at hand throughout its loop's body. */
    public boolean isAlias(Var v) {
        return aliases.contains(v);
    }

    private void scan(
            Function function,
            List<Stmt> list,
            Set<Var> counters,
            Map<Var, Integer> assignments,
            Set<Var> rowsReplaced) {
        for (Stmt stmt : list) {
            Set<Var> inner = counters;
            if (stmt instanceof Stmt.Loop loop && Stmts.countedBy(loop) != null) {
                inner = new HashSet<>(counters);
                inner.add(Stmts.countedBy(loop));
                List<Stmt.Assign> found = new ArrayList<>();
                for (int k = 0; k < loop.body().size(); k++) {
                    if (loop.body().get(k) instanceof Stmt.Assign a
                            && qualifies(function, loop, k, a, inner, assignments, rowsReplaced)) {
                        found.add(a);
                        aliases.add(a.target());
                    }
                }
                if (!found.isEmpty()) {
                    byLoop.put(loop, Collections.unmodifiableList(found));
                }
            }
            for (List<Stmt> nested : Stmts.children(stmt)) {
                scan(function, nested, inner, assignments, rowsReplaced);
            }
        }
    }

    private static boolean qualifies(
            Function function,
            Stmt.Loop loop,
            int k,
            Stmt.Assign a,
            Set<Var> counters,
            Map<Var, Integer> assignments,
            Set<Var> rowsReplaced) {
        Var target = a.target();
        Var base = Exprs.base(a.value());
        if (!target.type().isArray()
                || base == null
                || !(a.value() instanceof Expr.ArrayRead)
                || assignments.getOrDefault(target, 0) != 1
                || assignments.containsKey(base)
                || rowsReplaced.contains(base)) {
            return false;
        }
        Set<Var> indexReads = new HashSet<>();
        Exprs.collectIndexReads(a.value(), indexReads);
        if (!indexReads.stream().allMatch(v -> counters.contains(v) || !assignments.containsKey(v))) {
            return false;
        }
        // Read nowhere but after it in the same body.
        List<Stmt> before = loop.body().subList(0, k);
        if (readsAnywhere(before, target)
                || Exprs.reads(loop.condition(), target)
                || readsAnywhere(loop.update(), target)) {
            return false;
        }
        return !Stmts.readsOutside(function.body(), loop, target);
    }

    private static boolean readsAnywhere(List<Stmt> list, Var v) {
        boolean[] found = {false};
        Stmts.walk(list, s -> found[0] |= Stmts.expressions(s).stream().anyMatch(e -> Exprs.reads(e, v)));
        return found[0];
    }
}
