package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.DerivativeRules;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalises a function for the derivative transforms:
 * <ul>
 *   <li>three-address form: every active operation gets its own variable, so both transforms find each intermediate
 *       value they need (the argument of {@code sin} whose {@code cos} the adjoint needs) without recomputing it;</li>
 *   <li>single assignment for straight-line code: a variable (or array variable) reassigned outside any branch or
 *       loop becomes a new version, so the backward sweep still finds every value the forward sweep computed, without
 *       a tape;</li>
 *   <li>an active {@code c ? a : b} becomes a branch, so that only the taken side is computed, as in Java: the other
 *       side may not even be defined there ({@code x > 0 ? Math.log(x) : 0});</li>
 *   <li>{@code return e} returns a variable named {@code resultName}.</li>
 * </ul>
 * Constant subexpressions stay whole: they need no derivative.
 */
public final class ThreeAddress {
    private final Activity activity;
    private final String resultName;
    private final Map<Var, Var> current = new HashMap<>();
    private final Set<Var> assigned = new HashSet<>();
    /** Variables assigned in more than one place, not counting restores from the tape. */
    private final Set<Var> reassigned = new HashSet<>();

    private ThreeAddress(Function function, Activity activity, String resultName) {
        this.activity = activity;
        this.resultName = resultName;
        Set<Var> seen = new HashSet<>();
        io.github.autodiff4j.processor.ir.Stmts.walk(function.body(), s -> {
            // A value restored from the tape is the same value again, not another assignment.
            if (s instanceof Stmt.Assign a && !(a.value() instanceof Expr.TapePop) && !seen.add(a.target())) {
                reassigned.add(a.target());
            }
        });
        for (Var p : function.params()) {
            current.put(p, p);
            assigned.add(p);
        }
    }

    public static Function normalize(Function function, Activity activity, String resultName) {
        InjectedFailure.at("three-address");
        ThreeAddress normalizer = new ThreeAddress(function, activity, resultName);
        return new Function(function.name(), function.params(), normalizer.statements(function.body(), 0));
    }

    /** @param depth how deeply nested the statements are: only depth 0 runs straight through */
    private List<Stmt> statements(List<Stmt> body, int depth) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            statement(stmt, depth, out);
        }
        return out;
    }

    private void statement(Stmt stmt, int depth, List<Stmt> out) {
        Origin origin = stmt.origin();
        if (stmt instanceof Stmt.Assign a) {
            Expr value = activity.isActive(a.value()) ? operation(a.value(), origin, depth, out) : renamed(a.value());
            // A value restored from the tape goes back into the variable it was saved from, never a new version.
            Var target = version(a.target(), a.value() instanceof Expr.TapePop ? depth + 1 : depth);
            if ((Exprs.reads(value, target) && needsOldArguments(value))
                    || (depth > 0 && reassigned.contains(a.target()) && partialUsesResult(value))) {
                // x = x * y: the rules need the old x and the new value at once, so they get separate variables.
                // s = exp(u) followed by s += ...: exp's partial reads its own variable, not s, so s's later values
                // need no
                // saving.
                // An object (k = next(k)) keeps its declared Java type: an Object temp would not assign back.
                Var temp = Var.like("t#", target);
                out.add(new Stmt.Assign(temp, value, origin));
                value = new Expr.Ref(temp);
            }
            out.add(new Stmt.Assign(target, value, origin));
        } else if (stmt instanceof Stmt.Store s) {
            Expr index = renamed(s.index());
            Expr value = activity.isActive(s.value()) ? atom(s.value(), origin, depth, out) : renamed(s.value());
            out.add(new Stmt.Store(renamed(s.array()), index, value, origin));
        } else if (stmt instanceof Stmt.Return r) {
            List<Expr> values = new ArrayList<>();
            for (Expr v : r.values()) {
                values.add(activity.isActive(v) ? result(v, origin, depth, out) : renamed(v));
            }
            out.add(new Stmt.Return(values, origin));
        } else if (stmt instanceof Stmt.If i) {
            out.add(new Stmt.If(
                    renamed(i.condition()),
                    statements(i.then(), depth + 1),
                    statements(i.otherwise(), depth + 1),
                    origin));
        } else if (stmt instanceof Stmt.Loop l) {
            out.add(new Stmt.Loop(
                    l.label(),
                    renamed(l.condition()),
                    statements(l.body(), depth + 1),
                    statements(l.update(), depth + 1),
                    l.testFirst(),
                    origin));
        } else if (stmt instanceof Stmt.Block b) {
            out.add(new Stmt.Block(b.label(), statements(b.body(), depth + 1), origin));
        } else if (stmt instanceof Stmt.Switch s) {
            List<Stmt.Case> cases = new ArrayList<>();
            for (Stmt.Case c : s.cases()) {
                cases.add(new Stmt.Case(c.labels(), statements(c.body(), depth + 1)));
            }
            out.add(new Stmt.Switch(s.label(), renamed(s.selector()), cases, origin));
        } else if (stmt instanceof Stmt.Push p) {
            out.add(new Stmt.Push(renamed(p.value()), origin));
        } else if (stmt instanceof Stmt.Effect e) {
            // A print or a throw reads the values of its point in the function: their current versions.
            out.add(new Stmt.Effect(
                    e.kind(), e.values().stream().map(this::renamed).toList(), origin));
        } else {
            out.add(stmt);
        }
    }

    /** The variable an assignment writes: a new version when straight-line code reassigns a scalar. */
    private Var version(Var target, int depth) {
        Var version = current(target);
        if (!assigned.add(version) && depth == 0) {
            version = Var.like(target.name(), target);
            assigned.add(version);
        }
        current.put(target, version);
        return version;
    }

    private Var current(Var v) {
        return current.getOrDefault(v, v);
    }

    /** A returned active value, in a variable named after the result. */
    private Expr result(Expr e, Origin origin, int depth, List<Stmt> out) {
        Expr op = operation(e, origin, depth, out);
        if (op instanceof Expr.Ref || op instanceof Expr.ArrayRead) {
            return op;
        }
        Var result = new Var(resultName, e.type());
        out.add(new Stmt.Assign(result, op, origin));
        return new Expr.Ref(result);
    }

    /** An active expression as one operation over atoms, the atoms' own operations appended to the output first. */
    private Expr operation(Expr e, Origin origin, int depth, List<Stmt> out) {
        if (e instanceof Expr.Ref || e instanceof Expr.ArrayRead) {
            return renamed(e);
        }
        if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE && c.operand().type() == Type.DOUBLE) {
            return operation(c.operand(), origin, depth, out);
        }
        if (e instanceof Expr.Select s) {
            Var chosen = new Var("t#", s.type());
            out.add(new Stmt.If(
                    renamed(s.condition()),
                    branch(chosen, s.ifTrue(), origin, depth),
                    branch(chosen, s.ifFalse(), origin, depth),
                    origin));
            return new Expr.Ref(chosen);
        }
        // The active operands move out in order; a constant one must then move too if it calls a method that may write
        // into an array, or reads an array such a call after it writes: new double[] {h(a, 1), a[1] * x}.
        int last = lastWriter(e);
        int[] position = {0};
        return Exprs.mapChildren(e, child -> {
            boolean early = position[0]++ <= last && Exprs.readsElements(child);
            return activity.isActive(child)
                    ? atom(child, origin, depth, out)
                    : early ? constant(child, origin, out) : renamed(child);
        });
    }

    /** The position of the last operand of {@code e} that calls a method that may write into an array, or -1. */
    private static int lastWriter(Expr e) {
        int[] position = {0};
        int[] last = {-1};
        Exprs.mapChildren(e, child -> {
            if (Exprs.any(child, Exprs::passesArray)) {
                last[0] = position[0];
            }
            position[0]++;
            return child;
        });
        return last[0];
    }

    /** A constant operand in a variable of its own, computed where Java computes it. */
    private Expr constant(Expr e, Origin origin, List<Stmt> out) {
        Var temp = new Var("t#", e.type());
        out.add(new Stmt.Assign(temp, renamed(e), origin));
        return new Expr.Ref(temp);
    }

    /** One side of a lowered {@code ?:}, computed inside its branch. */
    private List<Stmt> branch(Var chosen, Expr side, Origin origin, int depth) {
        List<Stmt> body = new ArrayList<>();
        Expr value = activity.isActive(side) ? operation(side, origin, depth + 1, body) : renamed(side);
        body.add(new Stmt.Assign(chosen, value, origin));
        assigned.add(chosen);
        return body;
    }

    /** A variable, an element of an array, or a constant expression, so that derivative rules can refer to it freely. */
    private Expr atom(Expr e, Origin origin, int depth, List<Stmt> out) {
        if (!activity.isActive(e)) {
            return renamed(e);
        }
        Expr op = operation(e, origin, depth, out);
        if (op instanceof Expr.Ref || op instanceof Expr.ArrayRead) {
            return op;
        }
        Var temp = new Var("t#", e.type());
        out.add(new Stmt.Assign(temp, op, origin));
        return new Expr.Ref(temp);
    }

    /** Whether a partial of this operation is written with its result ({@code exp}, {@code sqrt}, ...). */
    private static boolean partialUsesResult(Expr op) {
        boolean differentiable = op.type() == Type.DOUBLE; // a comparison (b = x > y) has no partials
        if (!differentiable
                || !(op instanceof Expr.Unary || op instanceof Expr.Binary || op instanceof Expr.MathCall)) {
            return false;
        }
        Var probe = new Var("result", op.type());
        return DerivativeRules.partials(op, new Expr.Ref(probe)).stream().anyMatch(p -> Exprs.reads(p, probe));
    }

    /** Whether the derivative rules of this operation read its arguments' values (x + y does not, x * y does). */
    private static boolean needsOldArguments(Expr op) {
        if (op instanceof Expr.Binary b) {
            return b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB;
        }
        return !(op instanceof Expr.Ref || op instanceof Expr.Unary);
    }

    private Expr renamed(Expr e) {
        return Exprs.substitute(e, v -> new Expr.Ref(current(v)));
    }
}
