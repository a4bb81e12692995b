package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.ir.Algebra.ZERO;
import static io.github.autodiff4j.processor.ir.Algebra.add;
import static io.github.autodiff4j.processor.ir.Algebra.div;
import static io.github.autodiff4j.processor.ir.Algebra.mul;
import static io.github.autodiff4j.processor.ir.Algebra.sub;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.DerivativeRules;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode as an IR pass: each active assignment {@code t = f(a, b)} is followed by {@code dt = f_a * da + f_b *
 * db}; the control flow stays the user's. Every active parameter gains a tangent parameter right after it, and every
 * return returns its values followed by their tangents.
 *
 * <p>Applied to a three-address function. Applied to the (normalised) adjoint of a function, it gives the tangent of
 * the gradient: Hessian-vector products. Tape traffic in that case carries tangents too: a pushed active value is
 * followed by its tangent, so the pops come back in the mirrored order.
 */
public final class Tangent {
    private final Activity activity;
    private final String pattern;
    private final Map<Var, Var> tangents = new HashMap<>();

    private Tangent(Activity activity, String pattern) {
        this.activity = activity;
        this.pattern = pattern;
    }

    /**
     * @param activeParams the parameters that get a tangent parameter
     * @param pattern how a tangent is named after its variable: "d%s" or "%s_dot"
     */
    public static Function apply(Function function, Set<Var> activeParams, Activity activity, String pattern) {
        InjectedFailure.at("tangent");
        return new Tangent(activity, pattern).run(function, activeParams);
    }

    private Function run(Function function, Set<Var> activeParams) {
        List<Var> params = new ArrayList<>();
        for (Var p : function.params()) {
            params.add(p);
            if (activeParams.contains(p)) {
                params.add(tangentVar(p));
            }
        }
        List<Stmt> body = new ArrayList<>();
        for (Var p : function.params()) {
            if (p.type().isArray() && !activeParams.contains(p) && activity.isActive(p)) {
                // A constant array the function stores active values into: its tangent starts at zero, like a new
                // array's.
                body.add(new Stmt.Assign(
                        tangentVar(p),
                        new Expr.ZerosLike(new Expr.Ref(p)),
                        function.body().get(0).origin()));
            }
        }
        body.addAll(statements(function.body()));
        return new Function(function.name(), params, body);
    }

    private List<Stmt> statements(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            statement(stmt, out);
        }
        return out;
    }

    private void statement(Stmt stmt, List<Stmt> out) {
        if (stmt instanceof Stmt.Assign a) {
            assign(a, out);
        } else if (stmt instanceof Stmt.Store s) {
            if (!activity.isActive(s.base())) {
                out.add(s);
            } else if (s.value() instanceof Expr.TapePop pop) {
                out.add(new Stmt.Store(Exprs.rebase(s.array(), tangentVar(s.base())), s.index(), pop, s.origin()));
                out.add(s);
            } else {
                out.add(s);
                out.add(new Stmt.Store(
                        Exprs.rebase(s.array(), tangentVar(s.base())), s.index(), tangent(s.value()), s.origin()));
            }
        } else if (stmt instanceof Stmt.Push p) {
            out.add(p);
            if (activity.isActive(p.value())) {
                out.add(new Stmt.Push(tangent(p.value()), p.origin()));
            }
        } else if (stmt instanceof Stmt.Return r) {
            List<Expr> values = new ArrayList<>(r.values());
            for (Expr v : r.values()) {
                values.add(tangent(v));
            }
            out.add(new Stmt.Return(values, r.origin()));
        } else {
            out.add(Stmts.mapChildren(stmt, this::statements));
        }
    }

    private void assign(Stmt.Assign a, List<Stmt> out) {
        Var target = a.target();
        if (a.value() instanceof Expr.RecursiveCall call && call.role() != Expr.RecursiveCall.Role.VALUE) {
            // Records, replays and pullbacks get their tangents whatever their activity: a record and the replays of
            // what it kept must agree on keeping tangents too, and a pullback adds into adjoint arrays whose tangents
            // count even when its returned adjoints are unread.
            recursiveCall(a, call, out);
            return;
        }
        if (!activity.isActive(target)) {
            out.add(a);
            return;
        }
        Expr value = a.value();
        if (value instanceof Expr.TapePop) {
            // The forward sweep pushed the value, then its tangent.
            out.add(new Stmt.Assign(tangentVar(target), value, a.origin()));
            out.add(a);
            return;
        }
        if (value instanceof Expr.Recursion r) {
            recursion(a, r, out);
            return;
        }
        if (value instanceof Expr.RecursiveCall call) {
            recursiveCall(a, call, out);
            return;
        }
        out.add(a);
        Expr tangent = derivative(value, new Expr.Ref(target));
        // x += c with c constant: the tangent stays as it is, not dx = dx.
        if (!tangent.equals(new Expr.Ref(tangentVar(target)))) {
            out.add(new Stmt.Assign(tangentVar(target), tangent, a.origin()));
        }
    }

    /**
     * A recursive call whose partials the Hessian differentiates: one call of the member that returns them with their
     * tangents along the arguments' tangents, so that each level of the recursion still runs once.
     */
    private void recursion(Stmt.Assign a, Expr.Recursion r, List<Stmt> out) {
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < r.args().size(); i++) {
            args.add(r.args().get(i));
            if (r.isActive(i)) {
                args.add(tangent(r.args().get(i)));
            }
        }
        Var both = new Var(a.target().name() + "AndTangents", Type.DOUBLE_MATRIX);
        out.add(new Stmt.Assign(
                both,
                new Expr.Recursion(r.values(), r.tangents(), r.params(), args, false, true, r.origin()),
                a.origin()));
        out.add(new Stmt.Assign(
                a.target(), new Expr.ArrayRead(new Expr.Ref(both), Expr.Literal.ofIntegral(Type.INT, 0)), a.origin()));
        out.add(new Stmt.Assign(
                tangentVar(a.target()),
                new Expr.ArrayRead(new Expr.Ref(both), Expr.Literal.ofIntegral(Type.INT, 1)),
                a.origin()));
    }

    /**
     * A recursive call's tangent, from one call of the member that returns it with the value (a pushforward for the
     * call itself, the tangent member of a record, a replay or a pullback). Each argument that carries a derivative is
     * followed by its tangent: the function's doubles and arrays, and a pullback's adjoint arrays and seed.
     */
    private void recursiveCall(Stmt.Assign a, Expr.RecursiveCall call, List<Stmt> out) {
        List<Expr> args = new ArrayList<>();
        int own = call.differentiable().size();
        for (int i = 0; i < call.args().size(); i++) {
            Expr arg = call.args().get(i);
            args.add(arg);
            if (i >= own || call.differentiable().get(i)) {
                args.add(tangent(arg));
            }
        }
        String name = call.base();
        Expr.RecursiveCall both = switch (call.role()) {
            case VALUE ->
                call.with(Expr.RecursiveCall.Role.PUSHFORWARD, CompanionNames.recursionPushforward(name), args);
            case RECORD ->
                call.with(Expr.RecursiveCall.Role.RECORD_TANGENT, CompanionNames.recursionRecordJvp(name), args);
            case RECORD_KEPT ->
                call.with(Expr.RecursiveCall.Role.RECORD_KEPT_TANGENT, CompanionNames.recursionRecordJvp(name), args);
            case REPLAY -> call.with(Expr.RecursiveCall.Role.REPLAY_TANGENT, "", args);
            case PULLBACK ->
                call.with(Expr.RecursiveCall.Role.PULLBACK_TANGENT, CompanionNames.recursionPullbackJvp(name), args);
            default -> throw new IllegalArgumentException("a tangent already: " + call.role());
        };
        Var held = new Var(a.target().name() + "AndTangent", both.type());
        out.add(new Stmt.Assign(held, both, a.origin()));
        Expr value = new Expr.ArrayRead(new Expr.Ref(held), Expr.Literal.ofIntegral(Type.INT, 0));
        Expr tangent = new Expr.ArrayRead(new Expr.Ref(held), Expr.Literal.ofIntegral(Type.INT, 1));
        out.add(new Stmt.Assign(a.target(), value, a.origin()));
        out.add(new Stmt.Assign(tangentVar(a.target()), tangent, a.origin()));
    }

    /** The tangent of {@code value}, an operation over atoms whose result is held in {@code result}. */
    private Expr derivative(Expr value, Expr result) {
        if (value instanceof Expr.NewArray || value instanceof Expr.ZerosLike) {
            return value;
        }
        if (value instanceof Expr.ArrayCopy c) {
            return new Expr.ArrayCopy(tangent(c.array()));
        }
        if (value instanceof Expr.ArrayLiteral l) {
            return new Expr.ArrayLiteral(
                    l.type(), l.elements().stream().map(this::tangent).toList());
        }
        if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead || !activity.isActive(value)) {
            return tangent(value);
        }
        if (value instanceof Expr.Binary b && b.op() == BinaryOp.DIV) {
            return quotient(b, result);
        }
        List<Expr> args = DerivativeRules.arguments(value);
        List<Expr> partials = DerivativeRules.partials(value, result);
        Expr sum = ZERO;
        for (int i = 0; i < args.size(); i++) {
            Expr t = tangent(args.get(i));
            if (t != ZERO) {
                sum = add(sum, mul(partials.get(i), t));
            }
        }
        return sum;
    }

    /**
     * The tangent of {@code q = x / y} as {@code dx / y - q * (dy / y)}: the partial {@code -q / y} times {@code dy}
     * underflows to 0 where the product does not (log(exp(x)) at x = 400, whose Hessian came out 1 for 0), while
     * {@code dy / y}, the relative change of y, keeps the scale of the inputs' tangents.
     */
    private Expr quotient(Expr.Binary b, Expr q) {
        Expr dx = tangent(b.left());
        Expr dy = tangent(b.right());
        Expr byX = dx == ZERO ? ZERO : div(dx, b.right());
        return dy == ZERO ? byX : sub(byX, mul(q, div(dy, b.right())));
    }

    /** The tangent of an atom: its tangent variable, the same element of its tangent array, or zero. */
    private Expr tangent(Expr atom) {
        if (atom instanceof Expr.Ref r && activity.isActive(r.var())) {
            return new Expr.Ref(tangentVar(r.var()));
        }
        Var base = Exprs.base(atom);
        if (atom instanceof Expr.ArrayRead && base != null && activity.isActive(base)) {
            return Exprs.rebase(atom, tangentVar(base));
        }
        if (atom.type().isArray()) {
            return new Expr.ZerosLike(atom);
        }
        return ZERO;
    }

    private Var tangentVar(Var v) {
        return tangents.computeIfAbsent(v, base -> Var.derived(base, pattern));
    }
}
