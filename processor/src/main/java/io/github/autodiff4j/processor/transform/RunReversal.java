package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.ir.Algebra.ZERO;
import static io.github.autodiff4j.processor.ir.Algebra.add;
import static io.github.autodiff4j.processor.ir.Algebra.mul;
import static io.github.autodiff4j.processor.ir.Algebra.neg;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.DerivativeRules;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.simplify.Accumulations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The two sweeps of a run of assignments, which all three strategies are made of: forward, each assignment preceded by
 * saving what the {@link TapePlan} says it overwrites; backward, the assignments in reverse, each adding its result's
 * adjoint, times the rule's partial, to the adjoints of its arguments, and taking back from the tape what the forward
 * sweep saved. Also names the adjoint variables and tracks the result, which the seed starts from.
 */
final class RunReversal {
    private final Activity activity;
    private final TapePlan tape;
    private final HeldAdjoints held;
    private final Map<Var, Var> adjointVars = new HashMap<>();
    /** Array variables assigned from another ({@code a = w}, {@code row = m[0]}) and those they come from. */
    private final Set<Var> aliasedArrays = new HashSet<>();

    private Var result;
    private boolean resultActive;
    private final boolean replays;

    /**
     * @param replays whether this is a recursion's pullback, whose forward sweep takes back the values its recursive
     *     calls' record kept rather than recording them
     */
    RunReversal(
            Function primal,
            Activity activity,
            TapePlan tape,
            boolean straightLine,
            Set<Var> segmentLocal,
            boolean replays) {
        this.activity = activity;
        this.replays = replays;
        this.tape = tape;
        this.held = new HeldAdjoints(straightLine, segmentLocal, this::adjointVar);
        Stmts.walk(primal.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target().type().isArray() && Exprs.base(a.value()) != null) {
                aliasedArrays.add(a.target());
                aliasedArrays.add(Exprs.base(a.value()));
            }
        });
        // Known before the first return is swept: a constant array returned early still needs the adjoint the seed
        // fills.
        Stmts.walk(
                primal.body(),
                s -> resultActive |= s instanceof Stmt.Return r
                        && activity.isActive(r.values().get(0)));
    }

    Var adjointVar(Var v) {
        return adjointVars.computeIfAbsent(v, base -> Var.derived(base, "d%s"));
    }

    boolean isActive(Var v) {
        return activity.isActive(v) || (v == result && resultActive);
    }

    /** The variable holding the value the function returns; null until a return is swept. */
    Var result() {
        return result;
    }

    /**
     * {@code return e} assigns the result variable, which the seed starts from; null when the returned variable itself
     * can stand for the result.
     *
     * @param standsForResult whether the backward sweep leaves a returned variable at its returned value (it does not
     *     restore it to an older one)
     */
    Stmt.Assign returned(Stmt.Return r, Predicate<Var> standsForResult) {
        Expr value = r.values().get(0);
        if (value instanceof Expr.Ref ref && result == null && standsForResult.test(ref.var())) {
            result = ref.var();
            resultActive |= activity.isActive(value);
            return null;
        }
        if (result == null) {
            result = new Var("value", value.type());
        }
        resultActive |= activity.isActive(value);
        // The backward sweep restores overwritten elements: the caller gets a copy of the array as it was returned.
        Expr returned = value.type().isArray() ? new Expr.ArrayCopy(value) : value;
        return new Stmt.Assign(result, returned, r.origin());
    }

    /** The statement, preceded by saving what it overwrites when the backward sweep needs it back. */
    void record(Stmt stmt, List<Stmt> out) {
        if (stmt instanceof Stmt.Assign a) {
            Var target = a.target();
            boolean array = target.type().isArray();
            if (array ? tape.savesArray(target, isActive(target)) : tape.saves(a)) {
                out.add(new Stmt.Push(new Expr.Ref(target), a.origin()));
                if (array && isActive(target)) {
                    out.add(new Stmt.Push(new Expr.Ref(adjointVar(target)), a.origin()));
                }
            }
            out.add(recorded(a));
            if (array && isActive(target)) {
                out.add(new Stmt.Assign(adjointVar(target), adjointArray(a), a.origin()));
            }
        } else {
            Stmt.Store s = (Stmt.Store) stmt;
            if (tape.saves(s)) {
                out.add(new Stmt.Push(new Expr.ArrayRead(s.array(), s.index()), s.origin()));
            }
            out.add(s);
        }
    }

    /**
     * The forward sweep's form of an assignment: a recursive call whose reverse calls the pullback records the values
     * of its own calls, or, in a pullback, takes back the value its caller's record kept (see {@code RecursionTape}).
     */
    private Stmt.Assign recorded(Stmt.Assign a) {
        if (!(a.value() instanceof Expr.RecursiveCall call) || !pullsBack(a, activity)) {
            return a;
        }
        Expr.RecursiveCall recorded = replays
                ? call.with(Expr.RecursiveCall.Role.REPLAY, "", call.args())
                : call.with(Expr.RecursiveCall.Role.RECORD, CompanionNames.recursionRecord(call.base()), call.args());
        return new Stmt.Assign(a.target(), recorded, a.origin());
    }

    /**
     * Whether the backward sweep calls the pullback of this recursive call: the forward sweep must then have recorded
     * it (and a record member kept its value), which this one predicate decides for all three.
     */
    static boolean pullsBack(Stmt.Assign a, Activity activity) {
        return a.value() instanceof Expr.RecursiveCall && activity.isActive(a.target()) && activity.isActive(a.value());
    }

    /**
     * The adjoint of a new array is a new array of zeros; the adjoint of an alias is the alias of the adjoint; the
     * adjoint of a matrix made of rows is made of the rows' adjoints.
     */
    Expr adjointArray(Stmt.Assign a) {
        if (a.value() instanceof Expr.ArrayLiteral rows && rows.type() == Type.DOUBLE_MATRIX) {
            return new Expr.ArrayLiteral(
                    Type.DOUBLE_MATRIX,
                    rows.elements().stream()
                            .map(row -> Exprs.base(row) != null && isActive(Exprs.base(row))
                                    ? Exprs.rebase(row, adjointVar(Exprs.base(row)))
                                    : new Expr.ZerosLike(row))
                            .toList());
        }
        Expr source = a.value() instanceof Expr.ArrayCopy copy ? copy.array() : a.value();
        Var alias = Exprs.base(source);
        if (alias != null && activity.isActive(alias)) {
            // An alias of an array, or a row of a matrix: the same path through the adjoint.
            return Exprs.rebase(source, adjointVar(alias));
        }
        return new Expr.ZerosLike(new Expr.Ref(a.target()));
    }

    /** Whether the statement's reverse may do anything: propagate an adjoint, or take a saved value back. */
    boolean hasAdjoint(Stmt stmt) {
        Var target = Stmts.target(stmt);
        if (stmt instanceof Stmt.Store) {
            return tape.savesElements(target) || isActive(target);
        }
        if (target.type().isArray()) {
            return tape.savesArray(target, isActive(target))
                    || (stmt instanceof Stmt.Assign a
                            && a.value() instanceof Expr.ArrayLiteral
                            && target.type() == Type.DOUBLE_ARRAY
                            && isActive(target))
                    || (stmt instanceof Stmt.Assign call && pullsBack(call, activity));
        }
        return tape.savesScalar(target) || isActive(target);
    }

    /**
     * The result's adjoint starts at 1, or at the caller's seed: for a function returning an array, and for a
     * recursion's pullback.
     */
    void seed(List<Stmt> body, Var seed, Origin origin) {
        if (result == null || !isActive(result)) {
            return;
        }
        if (seed == null) {
            held.seedOne(result, origin, body);
            return;
        }
        if (seed.type() == Type.DOUBLE) {
            held.seed(result, new Expr.Ref(seed), origin, body);
            return;
        }
        body.add(new Stmt.RequireSameLength(seed, result, origin));
        Var k = new Var("k", Type.INT);
        Expr kRef = new Expr.Ref(k);
        body.add(new Stmt.Assign(k, Expr.Literal.ofIntegral(Type.INT, 0), origin));
        Stmt copy = new Stmt.Store(
                new Expr.Ref(adjointVar(result)), kRef, new Expr.ArrayRead(new Expr.Ref(seed), kRef), origin);
        Stmt next =
                new Stmt.Assign(k, new Expr.Binary(BinaryOp.ADD, kRef, Expr.Literal.ofIntegral(Type.INT, 1)), origin);
        body.add(new Stmt.Loop(
                "seed",
                new Expr.Binary(BinaryOp.LT, kRef, new Expr.ArrayLength(new Expr.Ref(seed))),
                List.of(copy),
                List.of(next),
                true,
                origin));
    }

    /** A scalar parameter's adjoint, as the function returns it. */
    Expr finalAdjoint(Var param, List<Stmt> body, Origin origin) {
        return held.finalAdjoint(param, body, origin);
    }

    /** The reverse of a run of assignments. */
    List<Stmt> backward(List<Stmt> segment) {
        List<Stmt> out = new ArrayList<>();
        for (int i = segment.size() - 1; i >= 0; i--) {
            Stmt stmt = segment.get(i);
            Origin origin = stmt.origin().asAdjoint();
            Expr increment = i > 0 ? increment(segment, i) : null;
            if (increment != null) {
                Stmt.Store s = (Stmt.Store) stmt;
                if (tape.saves(s)) {
                    out.add(new Stmt.Store(
                            s.array(),
                            s.index(),
                            new Expr.TapePop(s.array().type().element()),
                            origin));
                }
                if (isActive(s.base())) {
                    // a[i] += e: a[i]'s adjoint carries over to the old a[i]; only e's grows.
                    Expr path = Exprs.rebase(s.array(), adjointVar(s.base()));
                    Expr adjoint = new Expr.ArrayRead(path, s.index());
                    boolean plus = ((Expr.Binary) ((Stmt.Assign) segment.get(i - 1)).value()).op() == BinaryOp.ADD;
                    contribute(increment, plus ? adjoint : neg(adjoint), origin, out);
                }
                i--;
            } else if (stmt instanceof Stmt.Assign a) {
                reverse(a, origin, out);
            } else {
                reverse((Stmt.Store) stmt, origin, out);
            }
        }
        return Accumulations.merge(out, aliasedAdjoints());
    }

    /**
     * For {@code t = a[i] + e; a[i] = t} at {@code segment[k - 1..k]}, with t read nowhere else, the e: the pair is an
     * increment of a[i] and is reversed as one. Null otherwise.
     */
    private Expr increment(List<Stmt> segment, int k) {
        if (!(segment.get(k) instanceof Stmt.Store s)
                || !(s.value() instanceof Expr.Ref t)
                || !(segment.get(k - 1) instanceof Stmt.Assign a)
                || a.target() != t.var()
                || !held.isHeld(t.var())
                || !(a.value() instanceof Expr.Binary b)
                || (b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB)
                || !b.left().equals(new Expr.ArrayRead(s.array(), s.index()))
                || Exprs.reads(b.right(), s.base())) {
            return null;
        }
        for (int j = k + 1; j < segment.size(); j++) {
            if (Stmts.expressions(segment.get(j)).stream().anyMatch(e -> Exprs.reads(e, t.var()))) {
                return null;
            }
        }
        return b.right();
    }

    private void reverse(Stmt.Assign a, Origin origin, List<Stmt> out) {
        Var v = a.target();
        if (v.type().isArray()) {
            if (a.value() instanceof Expr.ArrayLiteral literal && v.type() == Type.DOUBLE_ARRAY && isActive(v)) {
                // a = {x, y}: each element's adjoint flows back to the expression it came from.
                for (int k = 0; k < literal.elements().size(); k++) {
                    Expr index = Expr.Literal.ofIntegral(Type.INT, k);
                    contribute(
                            literal.elements().get(k),
                            new Expr.ArrayRead(new Expr.Ref(adjointVar(v)), index),
                            origin,
                            out);
                }
            }
            if (a.value() instanceof Expr.RecursiveCall call && pullsBack(a, activity)) {
                // v = f(...) through members (a vector function, a recursion): its pullback, seeded with v's adjoint.
                pullback(call, new Expr.Ref(adjointVar(v)), origin, out);
            }
            if (tape.savesArray(v, isActive(v))) {
                // Back to the arrays of the previous iteration, in the reverse of the order they were saved.
                if (isActive(v)) {
                    out.add(new Stmt.Assign(adjointVar(v), new Expr.TapePop(v.type()), origin));
                }
                out.add(new Stmt.Assign(v, new Expr.TapePop(v.type()), origin));
            }
            return;
        }
        Expr value = a.value();
        boolean active =
                value instanceof Expr.RecursiveCall ? pullsBack(a, activity) : isActive(v) && activity.isActive(value);
        Expr resultValue = new Expr.Ref(v);
        if (tape.restores(a)) {
            if (active && usesResult(value, v)) {
                Var saved = new Var("r#", v.type());
                out.add(new Stmt.Assign(saved, resultValue, origin));
                resultValue = new Expr.Ref(saved);
            }
            Expr inverse = TapePlan.inverse(a);
            out.add(new Stmt.Assign(v, inverse != null ? inverse : new Expr.TapePop(v.type()), origin));
        }
        if (!active) {
            if (isActive(v) && !held.isHeld(v) && tape.overwritesReadValue(a)) {
                // v = constant: the value before it receives none of v's adjoint.
                out.add(new Stmt.Assign(adjointVar(v), ZERO, origin));
            }
            return;
        }
        if (held.isHeld(v)) {
            Expr adjoint = held.of(v);
            if (adjoint != null) {
                propagate(value, resultValue, adjoint, origin, out);
            } else if (value instanceof Expr.RecursiveCall) {
                // The pullback takes back what the forward sweep's record kept, whatever its seed.
                propagate(value, resultValue, ZERO, origin, out);
            }
            return;
        }
        Var dv = adjointVar(v);
        Expr g = new Expr.Ref(dv);
        if (value instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && b.left() instanceof Expr.Ref left
                && left.var() == v
                && !Exprs.reads(b.right(), v)) {
            // s = s + e: s's adjoint carries over to the old s; only e's grows.
            contribute(b.right(), b.op() == BinaryOp.ADD ? g : neg(g), origin, out);
            return;
        }
        if (Exprs.reads(value, v)) {
            Var saved = new Var("g#", Type.DOUBLE);
            out.add(new Stmt.Assign(saved, g, origin));
            g = new Expr.Ref(saved);
            out.add(new Stmt.Assign(dv, ZERO, origin));
            propagate(value, resultValue, g, origin, out);
            return;
        }
        propagate(value, resultValue, g, origin, out);
        if (tape.overwritesReadValue(a)) {
            out.add(new Stmt.Assign(dv, ZERO, origin));
        }
    }

    private void reverse(Stmt.Store s, Origin origin, List<Stmt> out) {
        Var array = s.base();
        if (tape.saves(s)) {
            out.add(new Stmt.Store(
                    s.array(), s.index(), new Expr.TapePop(s.array().type().element()), origin));
        }
        if (!isActive(array)) {
            return;
        }
        Expr path = Exprs.rebase(s.array(), adjointVar(array));
        Expr adjoint = new Expr.ArrayRead(path, s.index());
        if (s.value() instanceof Expr.ArrayRead) {
            // a[j] = b[k], where b may be a and k may be j: the adjoint is taken before it is cleared, and added after.
            Var taken = new Var("dcopied", Type.DOUBLE);
            out.add(new Stmt.Assign(taken, adjoint, origin));
            out.add(new Stmt.Store(path, s.index(), ZERO, origin));
            contribute(s.value(), new Expr.Ref(taken), origin, out);
            return;
        }
        contribute(s.value(), adjoint, origin, out);
        out.add(new Stmt.Store(path, s.index(), ZERO, origin));
    }

    /** Adds {@code adjoint} times each partial of {@code value} to the adjoints of its arguments. */
    private void propagate(Expr value, Expr resultValue, Expr adjoint, Origin origin, List<Stmt> out) {
        if (value instanceof Expr.RecursiveCall call) {
            pullback(call, adjoint, origin, out);
            return;
        }
        if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead) {
            contribute(value, adjoint, origin, out);
            return;
        }
        List<Expr> args = DerivativeRules.arguments(value);
        List<Expr> partials = DerivativeRules.partials(value, resultValue);
        for (int i = 0; i < args.size(); i++) {
            // x * x: one contribution of the summed partials, not one per occurrence.
            Expr partial = partials.get(i);
            boolean seen = false;
            for (int j = 0; j < args.size(); j++) {
                if (args.get(j).equals(args.get(i))) {
                    seen |= j < i;
                    partial = j == i ? partial : add(partial, partials.get(j));
                }
            }
            if (!seen) {
                contribute(args.get(i), mul(adjoint, partial), origin, out);
            }
        }
    }

    /**
     * The reverse of a recursive call: one call of the callee's pullback, seeded with the result's adjoint, which adds
     * into the adjoint arrays of the arrays passed (a throwaway one for a constant array) and returns the adjoints of
     * the double arguments. The arguments are the call's own, as they were at the call: the tape plan restores them
     * (the needed values of {@code NeededValues} include every argument of a recursive call).
     */
    private void pullback(Expr.RecursiveCall call, Expr adjoint, Origin origin, List<Stmt> out) {
        List<Expr> args = new ArrayList<>(call.args());
        for (int i = 0; i < call.args().size(); i++) {
            Expr arg = call.args().get(i);
            if (call.differentiable().get(i) && arg.type().isArray()) {
                Var base = Exprs.base(arg);
                args.add(
                        base != null && activity.isActive(arg)
                                ? Exprs.rebase(arg, adjointVar(base))
                                : new Expr.ZerosLike(arg));
            }
        }
        args.add(adjoint);
        Var back = new Var(call.method().name() + "Adjoints", Type.DOUBLE_ARRAY);
        String member = CompanionNames.recursionPullback(call.base());
        out.add(new Stmt.Assign(back, call.with(Expr.RecursiveCall.Role.PULLBACK, member, args), origin));
        // A vector function's pullback returns the doubles' adjoints alone, a scalar function's its value first.
        int k = call.isVector() ? 0 : 1;
        for (int i = 0; i < call.args().size(); i++) {
            Expr arg = call.args().get(i);
            if (call.differentiable().get(i) && !arg.type().isArray()) {
                contribute(
                        arg,
                        new Expr.ArrayRead(new Expr.Ref(back), Expr.Literal.ofIntegral(Type.INT, k++)),
                        origin,
                        out);
            }
        }
    }

    /** adjoint(atom) += contribution. */
    private void contribute(Expr atom, Expr contribution, Origin origin, List<Stmt> out) {
        if (contribution.equals(ZERO) || !activity.isActive(atom)) {
            return;
        }
        if (atom instanceof Expr.ArrayRead r && Exprs.base(r) != null) {
            Expr path = Exprs.rebase(r.array(), adjointVar(Exprs.base(r)));
            out.add(new Stmt.Store(path, r.index(), add(new Expr.ArrayRead(path, r.index()), contribution), origin));
        } else if (atom instanceof Expr.Ref r) {
            if (held.isHeld(r.var())) {
                held.hold(r.var(), contribution, origin, out);
            } else {
                Var dv = adjointVar(r.var());
                out.add(new Stmt.Assign(dv, add(new Expr.Ref(dv), contribution), origin));
            }
        }
    }

    /** The adjoint arrays that may share elements with another: those of arrays aliasing, or aliased by, another. */
    private Set<Var> aliasedAdjoints() {
        Set<Var> out = new HashSet<>();
        for (Var v : aliasedArrays) {
            out.add(adjointVar(v));
        }
        return out;
    }

    private static boolean usesResult(Expr value, Var v) {
        if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead || value instanceof Expr.RecursiveCall) {
            return false;
        }
        return DerivativeRules.partials(value, new Expr.Ref(v)).stream().anyMatch(p -> Exprs.reads(p, v));
    }
}
