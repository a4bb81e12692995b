package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.analysis.NeededValues;
import io.github.autodiff4j.processor.analysis.Overwrites;
import io.github.autodiff4j.processor.analysis.RecomputedArrays;
import io.github.autodiff4j.processor.analysis.RewrittenElements;
import io.github.autodiff4j.processor.analysis.RowAliases;
import io.github.autodiff4j.processor.analysis.UnreadOverwrites;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reverse mode does about each value the forward sweep overwrites: saves it on the tape, computes it again,
 * undoes the overwrite by arithmetic ({@code i = i + 1}), or nothing, because the backward sweep never reads it again
 * or gets it back another way (a restarted loop counter, a row alias pointed again). The forward sweep, which pushes,
 * and the backward sweep, which pops, ask these questions of one plan, so they agree and the tape stays balanced.
 *
 * <p>Built once per function from the analyses of package {@code analysis}, except the loop temporaries computed
 * again instead of saved: the mirrored strategy picks those run by run, in order (see {@link #recomputable}).
 * Straight-line code needs no tape, so there every answer is "not saved".
 */
final class TapePlan {
    private final NeededValues needed;
    private final Overwrites overwrites;
    private final RewrittenElements rewritten;
    private final UnreadOverwrites unread;
    private final RowAliases rowAliases;
    private final RecomputedArrays refilled;
    private final RestartableCounters counters;
    private final Set<Var> segmentLocal;
    private final boolean straightLine;
    private final boolean mirrored;
    /** Variables the backward sweep computes again instead of taking from the tape. */
    private final Set<Var> recomputed = new HashSet<>();
    /** Every variable assigned, and every array stored into (through any alias): what may change under the sweeps. */
    private final Set<Var> assigned = new HashSet<>();

    private final Set<Var> storedArrays = new HashSet<>();
    /**
     * Array variables that point at one and the same array every time they are assigned (a helper's array parameter,
     * bound in a loop to the caller's unchanging array): nothing to save when they are assigned again.
     */
    private final Set<Var> invariantAliases = new HashSet<>();

    TapePlan(Function primal, Activity activity, NeededValues needed, AdjointStrategy strategy, Set<Var> segmentLocal) {
        this.needed = needed;
        this.overwrites = Overwrites.of(primal);
        this.rewritten = RewrittenElements.of(primal, activity);
        this.straightLine = strategy == AdjointStrategy.STRAIGHT_LINE;
        this.mirrored = strategy == AdjointStrategy.MIRRORED;
        this.unread = UnreadOverwrites.of(primal, activity, mirrored);
        this.rowAliases = RowAliases.of(primal);
        this.refilled = RecomputedArrays.of(primal, activity, rowAliases, overwrites);
        this.counters =
                mirrored ? RestartableCounters.of(primal.body(), overwrites, rowAliases) : RestartableCounters.NONE;
        this.segmentLocal = segmentLocal;
        Stmts.walk(primal.body(), s -> {
            if (s instanceof Stmt.Assign a) {
                assigned.add(a.target());
            } else if (s instanceof Stmt.Store store) {
                storedArrays.add(store.base());
            }
        });
        Map<Var, Set<Var>> sources = new HashMap<>();
        Map<Var, Integer> assignments = new HashMap<>();
        Stmts.walk(primal.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
                assignments.merge(a.target(), 1, Integer::sum);
                Var source = a.value() instanceof Expr.Ref r ? r.var() : null;
                sources.computeIfAbsent(a.target(), v -> new HashSet<>()).add(source);
            }
        });
        sources.forEach((v, from) -> {
            Var source = from.size() == 1 ? from.iterator().next() : null;
            if (source != null && !overwrites.isReassigned(source) && assignments.getOrDefault(source, 0) <= 1) {
                invariantAliases.add(v);
            }
        });
        // An array aliasing a stored-into array is stored into too.
        boolean[] grew = {true};
        while (grew[0]) {
            grew[0] = false;
            Stmts.walk(primal.body(), s -> {
                if (s instanceof Stmt.Assign a && a.target().type().isArray() && Exprs.base(a.value()) != null) {
                    Var other = Exprs.base(a.value());
                    if (storedArrays.contains(a.target()) != storedArrays.contains(other)) {
                        storedArrays.add(a.target());
                        storedArrays.add(other);
                        grew[0] = true;
                    }
                }
            });
        }
    }

    /** The loop counters the mirrored backward sweep restarts instead of taking from the tape. */
    RestartableCounters counters() {
        return counters;
    }

    /** Whether the forward sweep saves the old value of this scalar variable before writing it. */
    boolean savesScalar(Var v) {
        return !straightLine && needed.isNeeded(v) && overwrites.isReassigned(v) && !recomputed.contains(v);
    }

    /** Whether the backward sweep gives a scalar variable back the value this assignment overwrote. */
    boolean restores(Stmt.Assign a) {
        return savesScalar(a.target())
                && !overwrites.isFirstDefinition(a)
                && !counters.isInit(a)
                && !unread.isUnread(a);
    }

    /** Whether the forward sweep pushes the value this assignment overwrites: restored, and not by {@link #inverse}. */
    boolean saves(Stmt.Assign a) {
        return restores(a) && inverse(a) == null;
    }

    /**
     * For {@code i = i + c} on an integer, {@code i - c}: the old value comes back by arithmetic, with no tape (integer
     * arithmetic wraps around exactly). Null for other assignments.
     */
    static Expr inverse(Stmt.Assign a) {
        boolean integer = a.target().type() == Type.INT || a.target().type() == Type.LONG;
        if (integer
                && a.value() instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && b.left() instanceof Expr.Ref r
                && r.var() == a.target()
                && b.right() instanceof Expr.Literal) {
            return new Expr.Binary(b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD, b.left(), b.right());
        }
        return null;
    }

    /**
     * Whether the value this assignment overwrites may be read: the variable is assigned again, and this is not the
     * first definition of a local (see {@link Overwrites#isFirstDefinition}).
     */
    boolean overwritesReadValue(Stmt.Assign a) {
        return overwrites.isReassigned(a.target()) && !overwrites.isFirstDefinition(a);
    }

    /** Whether the forward sweep saves the old value of an element of this array before writing it. */
    boolean savesElements(Var array) {
        return !straightLine && needed.isNeeded(array) && overwrites.isStoredInto(array);
    }

    /** Whether the forward sweep saves the element a store overwrites. */
    boolean saves(Stmt.Store s) {
        return savesElements(s.base()) && !rewritten.isUnsaved(s) && !(mirrored && refilled.isFilledAgain(s));
    }

    /**
     * Whether the forward sweep saves the array (and its adjoint) a variable points at before pointing it elsewhere.
     *
     * @param active whether the variable has an adjoint: its old array is saved for the adjoint's sake too
     */
    boolean savesArray(Var array, boolean active) {
        return !straightLine
                && overwrites.isReassigned(array)
                && (needed.isNeeded(array) || active)
                && !invariantAliases.contains(array)
                && !(mirrored && rowAliases.isAlias(array));
    }

    /** The row aliases a reversed iteration of this loop points again, instead of taking them from the tape. */
    List<Stmt.Assign> pointedAgain(Stmt.Loop l) {
        return rowAliases.pointedAgain(l);
    }

    /** The array fills a reversed iteration of this loop runs again, instead of taking the elements from the tape. */
    List<Stmt> filledAgain(Stmt.Loop l) {
        return refilled.filledAgain(l);
    }

    /**
     * The assignments of a run whose value can be computed again at the start of its reverse: a variable of the run
     * alone, from values that are then what they were (constants, unchanged parameters and arrays, variables the tape
     * restores, and the run's earlier recomputable variables), none of which the rest of the run assigns. From then on
     * the forward sweep does not save them.
     */
    List<Stmt> recomputable(List<Stmt> run) {
        List<Stmt> out = new ArrayList<>();
        Set<Var> available = new HashSet<>();
        for (int i = 0; i < run.size(); i++) {
            boolean scalar = run.get(i) instanceof Stmt.Assign a0
                    && !a0.target().type().isArray()
                    && a0.target().type() != Type.OBJECT;
            if (!scalar
                    || !(run.get(i) instanceof Stmt.Assign a)
                    || !segmentLocal.contains(a.target())
                    || a.value() instanceof Expr.TapePop
                    // Computing a recursion again would run the whole rest of it once more, at every level.
                    || a.value() instanceof Expr.RecursiveCall) {
                continue;
            }
            Set<Var> later = new HashSet<>();
            run.subList(i + 1, run.size()).forEach(s -> later.add(Stmts.target(s)));
            Set<Var> reads = new HashSet<>();
            Exprs.collectReads(a.value(), reads);
            if (reads.stream().allMatch(v -> !later.contains(v) && (available.contains(v) || atHand(v)))) {
                out.add(a);
                available.add(a.target());
                recomputed.add(a.target());
            }
        }
        return out;
    }

    /** Whether the backward sweep finds this variable with the value the forward sweep gave it. */
    private boolean atHand(Var v) {
        if (v.type().isArray()) {
            return !assigned.contains(v) && !storedArrays.contains(v);
        }
        return !overwrites.isReassigned(v) || (savesScalar(v) && !unread.isPartlyUnsaved(v));
    }

    /** The recomputations a run's reverse needs: those of needed variables, and what they are computed from. */
    List<Stmt> neededRecomputation(List<Stmt> recompute) {
        Set<Var> wanted = new HashSet<>();
        List<Stmt> out = new ArrayList<>();
        for (int i = recompute.size() - 1; i >= 0; i--) {
            Stmt.Assign a = (Stmt.Assign) recompute.get(i);
            if (needed.isNeeded(a.target()) || wanted.contains(a.target())) {
                out.add(0, new Stmt.Assign(a.target(), a.value(), a.origin().asAdjoint()));
                Exprs.collectReads(a.value(), wanted);
            }
        }
        return out;
    }
}
