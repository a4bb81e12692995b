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
 * Arrays a loop body fills from inputs that never change, {@code for (j = 0; j < d; j++) centred[j] = x[i * d + j] -
 * means[c * d + j]}: each reversed iteration of the body fills them again before it needs them, so the forward sweep
 * saves none of the elements it overwrites. The filling loop must be the only writer of the array, read nothing but
 * constants, the counters of the loops around it (and its own), the body's row aliases, variables assigned once
 * outside loops and arrays nothing writes, and
 * the array must be read in partials only after the filling loop, in the same body.
 */
public final class RecomputedArrays {
    private final Activity activity;
    private final RowAliases rowAliases;
    private final Overwrites overwrites;
    private final Map<Stmt.Loop, List<Stmt>> byLoop = new IdentityHashMap<>();
    private final Set<Stmt.Store> stores = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Var, Integer> assignments = new HashMap<>();
    private final Set<Var> storedInto = new HashSet<>();
    private final Set<Var> aliased = new HashSet<>();

    private RecomputedArrays(Activity activity, RowAliases rowAliases, Overwrites overwrites) {
        this.activity = activity;
        this.rowAliases = rowAliases;
        this.overwrites = overwrites;
    }

    public static RecomputedArrays of(
            Function function, Activity activity, RowAliases rowAliases, Overwrites overwrites) {
        RecomputedArrays result = new RecomputedArrays(activity, rowAliases, overwrites);
        Stmts.walk(function.body(), s -> {
            if (s instanceof Stmt.Assign a) {
                result.assignments.merge(a.target(), 1, Integer::sum);
                if (a.target().type().isArray() && Exprs.base(a.value()) != null) {
                    result.aliased.add(a.target());
                    result.aliased.add(Exprs.base(a.value()));
                }
            } else if (s instanceof Stmt.Store store) {
                result.storedInto.add(store.base());
            }
        });
        result.scan(function, function.body(), Set.of());
        return result;
    }

    /** The statements ({@code j = 0} and the loop) a reversed iteration of this loop runs first. */
    public List<Stmt> filledAgain(Stmt.Loop loop) {
        return byLoop.getOrDefault(loop, List.of());
    }

    /** Whether the forward sweep may write this element without saving what it held. */
    public boolean isFilledAgain(Stmt.Store store) {
        return stores.contains(store);
    }

    private void scan(Function function, List<Stmt> list, Set<Var> counters) {
        for (Stmt stmt : list) {
            Set<Var> inner = counters;
            if (stmt instanceof Stmt.Loop loop && Stmts.countedBy(loop) != null) {
                inner = new HashSet<>(counters);
                inner.add(Stmts.countedBy(loop));
                List<Stmt> again = new ArrayList<>();
                List<Stmt> body = loop.body();
                for (int q = 1; q < body.size(); q++) {
                    Var array = filled(function, loop, q, inner);
                    if (array != null) {
                        again.add(body.get(q - 1));
                        again.add(body.get(q));
                        Stmts.walk(List.of(body.get(q)), s -> {
                            if (s instanceof Stmt.Store store) {
                                stores.add(store);
                            }
                        });
                    }
                }
                if (!again.isEmpty()) {
                    byLoop.put(loop, Collections.unmodifiableList(again));
                }
            }
            for (List<Stmt> nested : Stmts.children(stmt)) {
                scan(function, nested, inner);
            }
        }
    }

    /** The array the loop at {@code loop.body()[q]} fills, if the body can fill it again; null otherwise. */
    private Var filled(Function function, Stmt.Loop outer, int q, Set<Var> counters) {
        List<Stmt> body = outer.body();
        if (!(body.get(q) instanceof Stmt.Loop fill)
                || !(body.get(q - 1) instanceof Stmt.Assign init)
                || Stmts.countedBy(fill) != init.target()
                || !(init.value() instanceof Expr.Literal)) {
            return null;
        }
        Var own = init.target();
        Set<Var> locals = new HashSet<>();
        Var array = null;
        for (Stmt s : fill.body()) {
            if (s instanceof Stmt.Assign a && !a.target().type().isArray() && assignments.get(a.target()) == 1) {
                locals.add(a.target());
            } else if (s instanceof Stmt.Store store
                    && store.array() instanceof Expr.Ref r
                    && (array == null || array == r.var())) {
                array = r.var();
            } else {
                return null;
            }
        }
        if (array == null || assignments.getOrDefault(array, 0) != 1 || aliased.contains(array)) {
            return null;
        }
        Set<Var> allowed = new HashSet<>(counters);
        allowed.add(own);
        allowed.addAll(locals);
        rowAliases.pointedAgain(outer).forEach(a -> allowed.add(a.target()));
        Set<Var> reads = new HashSet<>();
        Exprs.collectReads(fill.condition(), reads);
        for (Stmt s : fill.body()) {
            Stmts.expressions(s).forEach(e -> Exprs.collectReads(e, reads));
        }
        reads.remove(array);
        for (Var v : reads) {
            boolean unchanging = !overwrites.isReassigned(v) && (!v.type().isArray() || !storedInto.contains(v));
            if (!allowed.contains(v) && !unchanging) {
                return null;
            }
        }
        Var filledArray = array;
        boolean[] otherWriter = {false};
        Stmts.walk(
                function.body(),
                s -> otherWriter[0] |=
                        s instanceof Stmt.Store store && store.base() == filledArray && !stores(fill, store));
        boolean[] localsElsewhere = {false};
        for (Var local : locals) {
            localsElsewhere[0] |= Stmts.readsOutside(function.body(), fill, local);
        }
        if (otherWriter[0] || localsElsewhere[0] || Exprs.reads(fill.condition(), array)) {
            return null;
        }
        // Partials read the array only after the fill, in this body.
        if (PartialReads.reads(body.subList(0, q + 1), array, activity)
                || readsInPartialsOutside(function.body(), outer, array)) {
            return null;
        }
        return array;
    }

    private static boolean stores(Stmt.Loop fill, Stmt.Store store) {
        boolean[] found = {false};
        Stmts.walk(fill.body(), s -> found[0] |= s == store);
        return found[0];
    }

    private boolean readsInPartialsOutside(List<Stmt> list, Stmt.Loop outer, Var array) {
        for (Stmt stmt : list) {
            if (stmt == outer) {
                continue;
            }
            if (PartialReads.reads(List.of(stmt), array, activity)
                    && Stmts.children(stmt).isEmpty()) {
                return true;
            }
            for (List<Stmt> nested : Stmts.children(stmt)) {
                if (readsInPartialsOutside(nested, outer, array)) {
                    return true;
                }
            }
        }
        return false;
    }
}
