package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which variables depend on the active parameters (the "varied" half of activity analysis). Only active values need
 * derivative code; everything else is a constant to the transforms. Integer casts, comparisons and piecewise-constant
 * functions such as {@code floor} cut the dependence: their derivative is zero. An array is active as a whole, and
 * arrays that alias each other ({@code b = a}) are active together, since a store through one changes the other.
 */
public final class Activity {
    private final Set<Var> active;
    /** Whether a call of a method returning a double carries the activity of its arguments (see afterInlining). */
    private final boolean callsCarry;

    /** Whether a call of this method may store what it is passed into the arrays it is passed (see below). */
    private final Predicate<MethodRef> mayWriteArrays;

    private Activity(Set<Var> active, boolean callsCarry, Predicate<MethodRef> mayWriteArrays) {
        this.active = active;
        this.callsCarry = callsCarry;
        this.mayWriteArrays = mayWriteArrays;
    }

    public static Activity of(Function function, Collection<Var> activeParams) {
        return of(function, activeParams, true, m -> true);
    }

    /**
     * The activity before inlining, where a call of a method that has a {@code @DerivativeOf} rule is replaced by the
     * rule, not by its body: it writes nothing into the arrays it is passed.
     */
    public static Activity of(Function function, Collection<Var> activeParams, Predicate<MethodRef> mayWriteArrays) {
        return of(function, activeParams, true, mayWriteArrays);
    }

    /**
     * The activity of an inlined function. The inliner replaced every call the derivative flows through by its body (or
     * a rule), or reported it: a call still there returning a number sits where nothing is differentiated (a condition,
     * an index, the other operand kept beside it), so its value is a constant to the derivatives.
     */
    public static Activity afterInlining(Function function, Collection<Var> activeParams) {
        return of(function, activeParams, false, m -> true);
    }

    private static Activity of(
            Function function, Collection<Var> activeParams, boolean callsCarry, Predicate<MethodRef> mayWriteArrays) {
        InjectedFailure.at("analysis");
        Activity activity = new Activity(new HashSet<>(activeParams), callsCarry, mayWriteArrays);
        boolean[] changed = {true};
        while (changed[0]) {
            changed[0] = false;
            Stmts.walk(function.body(), stmt -> changed[0] |= activity.propagate(stmt));
        }
        return activity;
    }

    /**
     * The other half of activity analysis: of these active variables, those whose values can reach a returned value or
     * an array a caller sees. An intermediate that is only compared, or stored in an array nothing reads, needs no
     * derivative code; leaving it out also keeps an overflow there (an infinite partial times a zero adjoint) out of the
     * derivatives. The arrays of the parameters count as seen, and whatever a call is passed counts as useful (it may
     * write into the arrays it is passed), but for a rule or a recursion's companion, which write nothing.
     */
    public Activity usefulIn(Function function) {
        Set<Var> useful = new HashSet<>();
        for (Var p : function.params()) {
            if (p.type().isArray()) {
                useful.add(p);
            }
        }
        Stmts.walk(function.body(), stmt -> {
            if (stmt instanceof Stmt.Return r) {
                r.values().forEach(e -> Exprs.collectReads(e, useful));
            }
            for (Expr e : Stmts.expressions(stmt)) {
                // A recursion's pullback writes into the adjoint arrays it is passed, out of sight like a call's
                // writes.
                if (Exprs.anyMatch(e, x -> x instanceof Expr.Invoke || x instanceof Expr.RecursiveCall)) {
                    Exprs.collectReads(e, useful);
                    if (stmt instanceof Stmt.Assign a) {
                        useful.add(a.target());
                    }
                }
            }
        });
        boolean[] changed = {true};
        while (changed[0]) {
            changed[0] = false;
            Stmts.walk(function.body(), stmt -> {
                Var target = Stmts.target(stmt);
                if (target == null) {
                    return;
                }
                Var alias = stmt instanceof Stmt.Assign a && target.type().isArray() ? Exprs.base(a.value()) : null;
                if (alias != null && useful.contains(alias)) {
                    changed[0] |= useful.add(target);
                }
                if (stmt instanceof Stmt.Assign a
                        && a.value() instanceof Expr.ArrayLiteral rows
                        && target.type() == Type.DOUBLE_MATRIX
                        && rows.elements().stream().map(Exprs::base).anyMatch(useful::contains)) {
                    // A store into the matrix is a store into a useful row (the adjoint of a matrix literal is one).
                    changed[0] |= useful.add(target);
                }
                if (useful.contains(target)) {
                    for (Expr e : Stmts.expressions(stmt)) {
                        int before = useful.size();
                        Exprs.collectReads(e, useful);
                        changed[0] |= useful.size() != before;
                    }
                }
            });
        }
        Set<Var> both = new HashSet<>(active);
        both.retainAll(useful);
        return new Activity(both, callsCarry, mayWriteArrays);
    }

    private boolean propagate(Stmt stmt) {
        boolean changed = false;
        for (Expr e : Stmts.expressions(stmt)) {
            changed |= passActiveValuesInto(e);
        }
        if (stmt instanceof Stmt.Assign a
                && (a.target().type().isDifferentiable() || a.target().type() == Type.OBJECT)) {
            changed |= !active.contains(a.target()) && isActive(a.value()) && active.add(a.target());
            Var alias = a.target().type().isArray() ? Exprs.base(a.value()) : null;
            if (alias != null && active.contains(a.target())) {
                changed |= active.add(alias);
            }
            if (a.value() instanceof Expr.ArrayLiteral rows
                    && a.target().type() == Type.DOUBLE_MATRIX
                    && active.contains(a.target())) {
                // A matrix made of rows shares their elements: a store into the matrix is a store into a row.
                for (Expr row : rows.elements()) {
                    Var base = Exprs.base(row);
                    changed |= base != null && active.add(base);
                }
            }
        } else if (stmt instanceof Stmt.Store s && s.base().type().isDifferentiable()) {
            changed |= !active.contains(s.base()) && isActive(s.value()) && active.add(s.base());
        }
        return changed;
    }

    /**
     * A call passed an active value may write it into the arrays it is also passed ({@code fill(a, x)}): they are active
     * from there on, so that a later call passed them ({@code fill(a, 3)}) is active too, and inlined.
     */
    private boolean passActiveValuesInto(Expr e) {
        boolean[] changed = {false};
        Exprs.any(e, x -> {
            if (x instanceof Expr.Invoke i
                    && mayWriteArrays.test(i.method())
                    && !i.method().readOnly()
                    && i.args().stream().anyMatch(this::isActive)) {
                for (Expr arg : i.args()) {
                    Var base = arg.type().isDifferentiable() && arg.type().isArray() ? Exprs.base(arg) : null;
                    changed[0] |= base != null && active.add(base);
                }
            }
            if (x instanceof Expr.RecursiveCall r
                    && r.role() == Expr.RecursiveCall.Role.PULLBACK
                    && r.args().stream().anyMatch(this::isActive)) {
                // A pullback adds active values into the adjoint arrays passed after the method's own arguments.
                for (Expr arg :
                        r.args().subList(r.differentiable().size(), r.args().size())) {
                    Var base = arg.type().isDifferentiable() && arg.type().isArray() ? Exprs.base(arg) : null;
                    changed[0] |= base != null && active.add(base);
                }
            }
            return false;
        });
        return changed[0];
    }

    public boolean isActive(Var v) {
        return active.contains(v);
    }

    public boolean isActive(Expr e) {
        if (e instanceof Expr.Ref r) {
            return active.contains(r.var());
        }
        if (e instanceof Expr.ArrayRead r) {
            return r.type().isDifferentiable() && isActive(r.array());
        }
        if (e instanceof Expr.ArrayCopy c) {
            return isActive(c.array());
        }
        if (e instanceof Expr.ArrayLiteral l) {
            return l.elements().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.Unary u) {
            return u.type() == Type.DOUBLE && isActive(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return b.type() == Type.DOUBLE && (isActive(b.left()) || isActive(b.right()));
        }
        if (e instanceof Expr.Cast c) {
            return c.type() == Type.DOUBLE && isActive(c.operand());
        }
        if (e instanceof Expr.MathCall m) {
            return !m.function().isPiecewiseConstant() && m.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.Select s) {
            // A string chosen from active ones carries them as a concatenation does.
            return (s.type().isDifferentiable() || s.type() == Type.OBJECT)
                    && (isActive(s.ifTrue()) || isActive(s.ifFalse()));
        }
        if (e instanceof Expr.Concat c) {
            // A string built from active values carries them: a number parsed back from it must not be a constant.
            return isActive(c.left()) || isActive(c.right());
        }
        if (e instanceof Expr.New n) {
            // A record built from active values (to be printed, or passed on) carries them as a string does.
            return n.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.CustomCall c) {
            return c.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.RuleCall r) {
            return r.type().isDifferentiable() && r.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.Recursion r) {
            // First derivatives go through the Linearized of its entries; only the Hessian differentiates the call
            // itself.
            return r.differentiated() && r.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.RecursiveCall r) {
            return r.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.Linearized l) {
            return l.args().stream().anyMatch(this::isActive);
        }
        if (e instanceof Expr.Invoke i) {
            // An object computed from active values (Arrays.stream(w)) carries them into whatever is called on it.
            boolean carries = (callsCarry && i.type().isDifferentiable()) || i.type() == Type.OBJECT;
            return carries
                    && (i.args().stream().anyMatch(this::isActive) || (i.receiver() != null && isActive(i.receiver())));
        }
        return false;
    }
}
