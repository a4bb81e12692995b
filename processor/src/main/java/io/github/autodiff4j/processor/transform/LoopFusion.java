package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the reverse of the last loop of a function inside that loop, when its iterations can be reversed in any order
 * and the adjoint they start from is known before the loop: {@code for (...) sum += f(x[i], x[i + 1]); return sum;}.
 * Each iteration then computes its values and at once adds their adjoints, as a gradient written by hand does, instead
 * of computing them twice in two loops.
 *
 * <p>The conditions, all checked on the sweeps the structured mirror produced, without the tape:
 * <ul>
 *   <li>after the loop, the forward sweep is straight-line, and the reverse of that tail (with the seed) reads nothing
 *       the loop or the tail computes, so it can run first;</li>
 *   <li>the reversed loop counts its counter back down, and each of its iterations is straight-line and reads only what
 *       it computes itself or what the loop leaves alone, except adjoints it only accumulates ({@code da = da + e},
 *       {@code dx[k] = dx[k] + e}), whose sums do not depend on the order of the iterations;</li>
 *   <li>the forward loop's body is straight-line and sets each value it reads before it reads it, except what the
 *       reversed iterations leave alone.</li>
 * </ul>
 */
final class LoopFusion {
    private LoopFusion() {}

    /** The function body: forward sweep, seed and backward sweep, fused where the conditions hold. */
    static List<Stmt> apply(List<Stmt> forward, List<Stmt> seed, List<Stmt> backward) {
        List<Stmt> fused = fuse(forward, seed, backward);
        if (fused != null) {
            return fused;
        }
        List<Stmt> body = new ArrayList<>(forward);
        body.addAll(seed);
        body.addAll(backward);
        return body;
    }

    /** A recursion's pullback reads and adds into adjoint arrays out of sight of the checks: never fused. */
    private static boolean callsPullback(List<Stmt> backward) {
        boolean[] found = {false};
        Stmts.walk(
                backward,
                s -> Stmts.expressions(s)
                        .forEach(e -> found[0] |= Exprs.anyMatch(e, Expr.RecursiveCall.class::isInstance)));
        return found[0];
    }

    private static List<Stmt> fuse(List<Stmt> forward, List<Stmt> seed, List<Stmt> backward) {
        int f = lastLoop(forward);
        int b = firstLoop(backward);
        if (f < 0
                || b < 1
                || callsPullback(backward)
                || !straightLine(forward.subList(f + 1, forward.size()))
                || !straightLine(backward.subList(0, b - 1))
                || !straightLine(seed)) {
            return null;
        }
        Stmt.Loop loop = (Stmt.Loop) forward.get(f);
        Stmt.Loop reversed = (Stmt.Loop) backward.get(b);
        Var counter = Stmts.countedBy(loop);
        if (counter == null
                || !(backward.get(b - 1) instanceof Stmt.Assign start)
                || start.target() != counter
                || reversed.body().isEmpty()
                || !isDecrement(reversed.body().get(0), counter)
                || !straightLine(loop.body())) {
            return null;
        }
        List<Stmt> iteration = reversed.body().subList(1, reversed.body().size());
        List<Stmt> tail = forward.subList(f + 1, forward.size());
        List<Stmt> tailReverse = new ArrayList<>(seed);
        tailReverse.addAll(backward.subList(0, b - 1));
        List<Stmt> after = backward.subList(b + 1, backward.size());
        Set<Var> computed = targets(loop.body());
        computed.addAll(targets(tail));
        Set<Var> forwardVars = new HashSet<>(computed);
        forwardVars.add(counter);
        forwardVars.addAll(reads(loop.body()));
        forwardVars.addAll(reads(tail));
        if (!straightLine(iteration)
                || usesTape(loop.body())
                || usesTape(iteration)
                || usesTape(tailReverse)
                || usesTape(tail)
                || reads(tailReverse).stream().anyMatch(v -> computed.contains(v) || v == counter)
                || targets(tailReverse).stream().anyMatch(forwardVars::contains)
                || !orderFree(iteration, computed)
                || !keepsLoopInputs(loop, iteration)
                || locals(iteration).stream().anyMatch(reads(after)::contains)) {
            return null;
        }
        List<Stmt> body = new ArrayList<>(loop.body());
        body.addAll(withoutRecomputation(loop.body(), iteration));
        List<Stmt> out = new ArrayList<>(forward.subList(0, f));
        out.addAll(tailReverse);
        out.add(new Stmt.Loop(loop.label(), loop.condition(), body, loop.update(), loop.testFirst(), loop.origin()));
        out.addAll(tail);
        out.addAll(after);
        return out;
    }

    /**
     * Whether the iterations of the reversed loop may run in any order: each reads what it assigned before, what the
     * forward loop and its tail leave alone, or an adjoint it only accumulates.
     */
    private static boolean orderFree(List<Stmt> iteration, Set<Var> computed) {
        Set<Var> local = new HashSet<>();
        Set<Var> accumulated = new HashSet<>();
        Set<Var> readElsewhere = new HashSet<>();
        for (Stmt stmt : iteration) {
            if (stmt instanceof Stmt.Assign a) {
                Expr other = accumulation(a.target(), new Expr.Ref(a.target()), a.value());
                if (other != null && !local.contains(a.target())) {
                    accumulated.add(a.target());
                    Exprs.collectReads(other, readElsewhere);
                } else {
                    Exprs.collectReads(a.value(), readElsewhere);
                    local.add(a.target());
                }
            } else {
                Stmt.Store s = (Stmt.Store) stmt;
                Var array = Exprs.base(s.array());
                Expr other = accumulation(array, new Expr.ArrayRead(s.array(), s.index()), s.value());
                if (other == null || !(s.array() instanceof Expr.Ref)) {
                    return false;
                }
                accumulated.add(array);
                Exprs.collectReads(other, readElsewhere);
                Exprs.collectReads(s.index(), readElsewhere);
            }
        }
        for (Var v : readElsewhere) {
            if (accumulated.contains(v) || (computed.contains(v) && !local.contains(v))) {
                return false;
            }
        }
        // A value of the iteration read before the iteration sets it would come from the previous iteration.
        Set<Var> set = new HashSet<>();
        for (Stmt stmt : iteration) {
            Set<Var> reads = new HashSet<>();
            for (Expr e : Stmts.expressions(stmt)) {
                Exprs.collectReads(e, reads);
            }
            for (Var v : reads) {
                if (local.contains(v) && !set.contains(v) && !accumulated.contains(v)) {
                    return false;
                }
            }
            if (stmt instanceof Stmt.Assign a && !accumulated.contains(a.target())) {
                set.add(a.target());
            }
        }
        return accumulated.stream().noneMatch(local::contains)
                && accumulated.stream().noneMatch(computed::contains);
    }

    /** For {@code target = current + e} (or {@code e + current}, or {@code current - e}), the e; null otherwise. */
    private static Expr accumulation(Var target, Expr current, Expr value) {
        if (!(value instanceof Expr.Binary sum) || (sum.op() != BinaryOp.ADD && sum.op() != BinaryOp.SUB)) {
            return null;
        }
        Expr other = sum.left().equals(current)
                ? sum.right()
                : sum.op() == BinaryOp.ADD && sum.right().equals(current) ? sum.left() : null;
        return other == null || Exprs.reads(other, target) ? null : other;
    }

    /**
     * Whether the forward loop still reads, in each iteration, the values it read before: the reversed iterations set
     * only variables the forward body sets before any read, or that it does not read at all.
     */
    private static boolean keepsLoopInputs(Stmt.Loop loop, List<Stmt> iteration) {
        Set<Var> setFirst = new HashSet<>();
        Set<Var> readFirst = new HashSet<>();
        Exprs.collectReads(loop.condition(), readFirst);
        for (Stmt stmt : loop.body()) {
            Set<Var> reads = new HashSet<>();
            for (Expr e : Stmts.expressions(stmt)) {
                Exprs.collectReads(e, reads);
            }
            reads.removeAll(setFirst);
            readFirst.addAll(reads);
            if (stmt instanceof Stmt.Assign a && !readFirst.contains(a.target())) {
                setFirst.add(a.target());
            }
        }
        for (Stmt stmt : loop.update()) {
            for (Expr e : Stmts.expressions(stmt)) {
                Exprs.collectReads(e, readFirst);
            }
        }
        return targets(iteration).stream().noneMatch(readFirst::contains);
    }

    /**
     * The iteration without the assignments that compute again what the forward body just computed: {@code t = e}
     * where t already holds e, no variable or element e reads having changed since.
     */
    private static List<Stmt> withoutRecomputation(List<Stmt> forwardBody, List<Stmt> iteration) {
        java.util.Map<Var, Expr> holds = new java.util.HashMap<>();
        forwardBody.forEach(s -> track(s, holds));
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : iteration) {
            if (!(stmt instanceof Stmt.Assign a && a.value().equals(holds.get(a.target())))) {
                out.add(stmt);
                track(stmt, holds);
            }
        }
        return out;
    }

    /** Updates what each variable is known to hold after a statement. */
    private static void track(Stmt stmt, java.util.Map<Var, Expr> holds) {
        if (stmt instanceof Stmt.Assign a) {
            holds.values().removeIf(e -> Exprs.reads(e, a.target()));
            holds.remove(a.target());
            if (!Exprs.reads(a.value(), a.target())) {
                holds.put(a.target(), a.value());
            }
        } else {
            // An element store may change any array read through an alias.
            holds.values().removeIf(e -> Exprs.anyMatch(e, Expr.ArrayRead.class::isInstance));
        }
    }

    /** What an iteration assigns other than by accumulating: its values, which it alone reads. */
    private static Set<Var> locals(List<Stmt> iteration) {
        Set<Var> out = new HashSet<>();
        for (Stmt stmt : iteration) {
            if (stmt instanceof Stmt.Assign a
                    && (out.contains(a.target())
                            || accumulation(a.target(), new Expr.Ref(a.target()), a.value()) == null)) {
                out.add(a.target());
            }
        }
        return out;
    }

    private static boolean isDecrement(Stmt stmt, Var counter) {
        return stmt instanceof Stmt.Assign a
                && a.target() == counter
                && a.value() instanceof Expr.Binary b
                && b.op() == BinaryOp.SUB
                && b.left() instanceof Expr.Ref r
                && r.var() == counter
                && b.right() instanceof Expr.Literal one
                && one.integral() == 1;
    }

    private static int lastLoop(List<Stmt> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) instanceof Stmt.Loop) {
                return i;
            }
        }
        return -1;
    }

    private static int firstLoop(List<Stmt> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Stmt.Loop) {
                return i;
            }
        }
        return -1;
    }

    private static boolean straightLine(List<Stmt> list) {
        return list.stream().allMatch(s -> s instanceof Stmt.Assign || s instanceof Stmt.Store);
    }

    private static Set<Var> targets(List<Stmt> list) {
        Set<Var> out = new HashSet<>();
        Stmts.walk(list, s -> {
            if (Stmts.target(s) != null) {
                out.add(Stmts.target(s));
            }
        });
        return out;
    }

    private static Set<Var> reads(List<Stmt> list) {
        Set<Var> out = new HashSet<>();
        Stmts.walk(list, s -> Stmts.expressions(s).forEach(e -> Exprs.collectReads(e, out)));
        return out;
    }

    private static boolean usesTape(List<Stmt> list) {
        boolean[] found = {false};
        Stmts.walk(list, s -> {
            found[0] |= s instanceof Stmt.Push;
            for (Expr e : Stmts.expressions(s)) {
                found[0] |= Exprs.anyMatch(e, Expr.TapePop.class::isInstance);
            }
        });
        return found[0];
    }
}
