package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores that overwrite only what the same run of the same statement list wrote a moment earlier, with nothing in
 * between reading the array in a partial derivative: the value they overwrite is never needed again, so the forward
 * sweep need not save it. The typical case is a matrix-vector product accumulated in place,
 * <pre>
 *   for (j = 0; j &lt; d; j++) out[j] = diag[j] * v[j];            // saves the out of the previous iteration
 *   for (i = 0; i &lt; d; i++) for (j = i + 1; j &lt; d; j++) out[j] += l[k++] * v[i];  // saves nothing
 * </pre>
 * where the first loop is the "cover": a counted loop {@code for (v = lo; v < hi; v++)} that stores {@code a[v]}
 * unconditionally, so every element of {@code [lo, hi)} is written. A later store {@code a[w]} in the same list
 * needs no save when its counter {@code w} provably stays in that range. Only {@code double[]} arrays with one
 * allocation and no aliases qualify, so that no other name reaches their elements.
 */
public final class RewrittenElements {
    private final Set<Stmt.Store> unsaved = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Activity activity;
    private final Set<Var> assigned = new HashSet<>();
    private final Map<Var, Integer> assignments = new HashMap<>();
    private final Set<Var> aliased = new HashSet<>();
    /** The limit of each counted loop met, by counter (each counter has one loop). */
    private final Map<Var, Expr> limits = new HashMap<>();

    private RewrittenElements(Activity activity) {
        this.activity = activity;
    }

    public static RewrittenElements of(Function function, Activity activity) {
        RewrittenElements result = new RewrittenElements(activity);
        Stmts.walk(function.body(), s -> {
            if (s instanceof Stmt.Assign a) {
                result.assigned.add(a.target());
                result.assignments.merge(a.target(), 1, Integer::sum);
                if (a.target().type().isArray() && Exprs.base(a.value()) != null) {
                    result.aliased.add(a.target());
                    result.aliased.add(Exprs.base(a.value()));
                }
            }
        });
        result.scanLists(function.body());
        return result;
    }

    /** Whether the forward sweep may write this element without saving what it held. */
    public boolean isUnsaved(Stmt.Store store) {
        return unsaved.contains(store);
    }

    private void scanLists(List<Stmt> list) {
        for (int q = 1; q < list.size(); q++) {
            Var array = coveredArray(list, q);
            if (array != null) {
                markRewrites(list, q, array);
            }
        }
        for (Stmt stmt : list) {
            for (List<Stmt> nested : Stmts.children(stmt)) {
                scanLists(nested);
            }
        }
    }

    /**
     * The array whose elements {@code [lo, hi)} the counted loop at {@code list[q]} (initialised at {@code list[q -
     * 1]}) writes, every one of them, without reading the array in a partial; null if it is no such loop.
     */
    private Var coveredArray(List<Stmt> list, int q) {
        Range range = range(list, q);
        if (range == null || !(range.start() instanceof Expr.Literal)) {
            return null;
        }
        Stmt.Loop loop = (Stmt.Loop) list.get(q);
        for (Stmt stmt : loop.body()) {
            if (stmt instanceof Stmt.Store store
                    && store.array() instanceof Expr.Ref r
                    && qualifies(r.var())
                    && store.index() instanceof Expr.Ref i
                    && i.var() == range.counter()
                    && !PartialReads.reads(List.of(loop), r.var(), activity)
                    && !jumps(loop)) {
                return r.var();
            }
        }
        return null;
    }

    /** Marks the stores into {@code array} after the cover at {@code list[q]}, up to the first partial that reads it. */
    private void markRewrites(List<Stmt> list, int q, Var array) {
        Range cover = range(list, q);
        for (int r = q + 1; r < list.size(); r++) {
            if (PartialReads.reads(List.of(list.get(r)), array, activity)) {
                return;
            }
            mark(list, r, array, cover, Map.of());
        }
    }

    /**
     * Marks the stores {@code array[w]} in {@code list[k]} whose counter {@code w} stays inside the cover: its loop
     * starts at or above the cover's start and stops at the cover's limit.
     *
     * @param lows the least value of each enclosing counter whose start is known
     */
    private void mark(List<Stmt> list, int k, Var array, Range cover, Map<Var, Long> lows) {
        Stmt stmt = list.get(k);
        if (stmt instanceof Stmt.Store store
                && store.array() instanceof Expr.Ref r
                && r.var() == array
                && store.index() instanceof Expr.Ref i
                && lows.containsKey(i.var())
                && lows.get(i.var()) >= cover.low()
                && limits.get(i.var()).equals(cover.limit())) {
            unsaved.add(store);
        }
        Map<Var, Long> inner = lows;
        Range range = range(list, k);
        Long low = range == null ? null : lowerBound(range.start(), lows);
        if (low != null) {
            inner = new HashMap<>(lows);
            inner.put(range.counter(), low);
            limits.put(range.counter(), range.limit());
        }
        for (List<Stmt> nested : Stmts.children(stmt)) {
            for (int n = 0; n < nested.size(); n++) {
                mark(nested, n, array, cover, inner);
            }
        }
    }

    /** The least value an integer start expression can take: a literal, or a bounded counter plus a literal. */
    private static Long lowerBound(Expr start, Map<Var, Long> lowerBounds) {
        if (start instanceof Expr.Literal l) {
            return l.integral();
        }
        if (start instanceof Expr.Binary b
                && b.op() == BinaryOp.ADD
                && b.left() instanceof Expr.Ref r
                && lowerBounds.containsKey(r.var())
                && b.right() instanceof Expr.Literal l) {
            return lowerBounds.get(r.var()) + l.integral();
        }
        return null;
    }

    /**
     * A counted loop {@code v = start; while (v < limit) { ...; v++ }} at {@code list[k]}, whose limit nothing
     * assigns.
     *
     * @param low the start, if it is a literal
     */
    private record Range(Var counter, Expr start, Expr limit, long low) {}

    private Range range(List<Stmt> list, int k) {
        if (k == 0
                || !(list.get(k) instanceof Stmt.Loop loop)
                || !(list.get(k - 1) instanceof Stmt.Assign init)
                || !(loop.condition() instanceof Expr.Binary c)
                || c.op() != BinaryOp.LT
                || !(c.left() instanceof Expr.Ref v)
                || v.var() != init.target()
                || Stmts.countedBy(loop) != v.var()) {
            return null;
        }
        Set<Var> limitReads = new HashSet<>();
        Exprs.collectReads(c.right(), limitReads);
        if (limitReads.stream().anyMatch(assigned::contains)) {
            return null;
        }
        long low = init.value() instanceof Expr.Literal l ? l.integral() : Long.MIN_VALUE;
        return new Range(v.var(), init.value(), c.right(), low);
    }

    /** A {@code double[]} allocated once and never aliased: only its own name reaches its elements. */
    private boolean qualifies(Var array) {
        return array.type() == Type.DOUBLE_ARRAY && assignments.getOrDefault(array, 0) <= 1 && !aliased.contains(array);
    }

    private static boolean jumps(Stmt.Loop loop) {
        boolean[] found = {false};
        Stmts.walk(
                loop.body(),
                s -> found[0] |= s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return);
        return found[0];
    }
}
