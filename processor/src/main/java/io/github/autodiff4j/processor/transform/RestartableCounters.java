package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Overwrites;
import io.github.autodiff4j.processor.analysis.RowAliases;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
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
 * The counters of loops {@code for (int i = start; ...; i++)} that the mirrored backward sweep restarts rather than
 * takes from the tape: read nowhere outside their loop, assigned nowhere else, with a start made of values the backward
 * sweep has at hand where it reverses the loop. The reversed loop restarts such a counter at start + trips, so the
 * forward sweep need not save what it held before the loop; when the limit of {@code i < limit} is at hand too and the
 * body leaves it alone, the loop ran max(limit - start, 0) times and needs no trip count at all.
 */
final class RestartableCounters {
    /** For code the backward sweep does not mirror: no counter is restarted. */
    static final RestartableCounters NONE = new RestartableCounters(null);

    private final Overwrites overwrites;
    private final Map<Var, Expr> starts = new HashMap<>();
    private final Map<Var, Expr> limits = new HashMap<>();
    private final Set<Stmt.Assign> inits = Collections.newSetFromMap(new IdentityHashMap<>());

    private RestartableCounters(Overwrites overwrites) {
        this.overwrites = overwrites;
    }

    static RestartableCounters of(List<Stmt> function, Overwrites overwrites, RowAliases rowAliases) {
        RestartableCounters counters = new RestartableCounters(overwrites);
        counters.find(function, function, Set.of(), rowAliases);
        return counters;
    }

    /** The start of a restartable counter's loop; null for any other variable. */
    Expr start(Var counter) {
        return starts.get(counter);
    }

    /** The limit of a restartable counter's loop when the loop needs no trip count; null otherwise. */
    Expr limit(Var counter) {
        return limits.get(counter);
    }

    /** Whether this assignment starts a restartable counter: nothing to save of what the counter held before. */
    boolean isInit(Stmt.Assign a) {
        return inits.contains(a);
    }

    /** @param enclosing the counters of the loops around {@code list}, which the reversed loops run back down */
    private void find(List<Stmt> list, List<Stmt> function, Set<Var> enclosing, RowAliases rowAliases) {
        for (int i = 0; i < list.size(); i++) {
            Set<Var> inner = enclosing;
            if (i + 1 < list.size()
                    && list.get(i) instanceof Stmt.Assign init
                    && list.get(i + 1) instanceof Stmt.Loop l
                    && Stmts.countedBy(l) == init.target()) {
                Var counter = init.target();
                int[] assignments = {0};
                Stmts.walk(
                        function, s -> assignments[0] += s instanceof Stmt.Assign a && a.target() == counter ? 1 : 0);
                if (assignments[0] == 2
                        && !Stmts.readsOutside(function, l, counter)
                        && atHandInReverse(init.value(), enclosing)) {
                    starts.put(counter, init.value());
                    inits.add(init);
                    if (l.condition() instanceof Expr.Binary c
                            && c.op() == BinaryOp.LT
                            && c.left() instanceof Expr.Ref r
                            && r.var() == counter
                            && atHandInReverse(c.right(), enclosing)
                            && !assignsAny(l.body(), c.right())) {
                        limits.put(counter, c.right());
                    }
                }
            }
            if (list.get(i) instanceof Stmt.Loop l && Stmts.countedBy(l) != null) {
                inner = new HashSet<>(enclosing);
                inner.add(Stmts.countedBy(l));
                for (Stmt.Assign alias : rowAliases.pointedAgain(l)) {
                    inner.add(alias.target());
                }
            }
            for (List<Stmt> nested : Stmts.children(list.get(i))) {
                find(nested, function, inner, rowAliases);
            }
        }
    }

    /**
     * Whether an integer expression has, where the backward sweep reverses a loop, the value it had where the forward
     * sweep started it: it reads only constants, variables assigned at most once outside loops, and the counters and
     * row aliases of enclosing loops, which the reversed loops give back their values.
     */
    private boolean atHandInReverse(Expr e, Set<Var> enclosing) {
        Set<Var> reads = new HashSet<>();
        Exprs.collectReads(e, reads);
        return e.type() == Type.INT
                && isPure(e)
                && reads.stream().allMatch(v -> !overwrites.isReassigned(v) || enclosing.contains(v));
    }

    /** Arithmetic on variables, literals and array lengths only: computing it again gives the same value. */
    private static boolean isPure(Expr e) {
        if (e instanceof Expr.Ref || e instanceof Expr.Literal) {
            return true;
        }
        if (e instanceof Expr.ArrayLength length) {
            return isPure(length.array());
        }
        return e instanceof Expr.Binary b && b.op().isArithmetic() && isPure(b.left()) && isPure(b.right());
    }

    private static boolean assignsAny(List<Stmt> body, Expr e) {
        boolean[] found = {false};
        Stmts.walk(body, s -> found[0] |= Stmts.target(s) != null && Exprs.reads(e, Stmts.target(s)));
        return found[0];
    }
}
