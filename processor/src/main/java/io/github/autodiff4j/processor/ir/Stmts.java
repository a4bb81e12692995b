package io.github.autodiff4j.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Structural helpers over statements. */
public final class Stmts {
    private Stmts() {}

    /** Visits every statement, nested ones included, in source order. */
    public static void walk(List<Stmt> body, Consumer<Stmt> visitor) {
        for (Stmt stmt : body) {
            visitor.accept(stmt);
            for (List<Stmt> nested : children(stmt)) {
                walk(nested, visitor);
            }
        }
    }

    /** Whether a statement of the list, or one nested in it, other than {@code skip} and its contents, reads v. */
    public static boolean readsOutside(List<Stmt> list, Stmt skip, Var v) {
        for (Stmt stmt : list) {
            if (stmt == skip) {
                continue;
            }
            if (expressions(stmt).stream().anyMatch(e -> Exprs.reads(e, v))
                    || (stmt instanceof Stmt.RequireSameLength r && (r.array() == v || r.like() == v))) {
                return true;
            }
            for (List<Stmt> nested : children(stmt)) {
                if (readsOutside(nested, skip, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The counter of a loop of the form {@code for (...; ...; i++)} whose body leaves {@code i} alone: the reversed
     * loop can count it back down. Null for other loops.
     */
    public static Var countedBy(Stmt.Loop loop) {
        if (!loop.testFirst()
                || loop.update().size() != 1
                || !(loop.update().get(0) instanceof Stmt.Assign a)
                || !(a.value() instanceof Expr.Binary b)
                || b.op() != BinaryOp.ADD
                || !(b.left() instanceof Expr.Ref r)
                || r.var() != a.target()
                || !(b.right() instanceof Expr.Literal one)
                || one.integral() != 1
                || a.target().type() != Type.INT) {
            return null;
        }
        boolean[] assigned = {false};
        walk(loop.body(), s -> assigned[0] |= target(s) == a.target());
        return assigned[0] ? null : a.target();
    }

    /** The statement lists directly inside a statement. */
    public static List<List<Stmt>> children(Stmt stmt) {
        if (stmt instanceof Stmt.If i) {
            return List.of(i.then(), i.otherwise());
        }
        if (stmt instanceof Stmt.Loop l) {
            return List.of(l.body(), l.update());
        }
        if (stmt instanceof Stmt.Block b) {
            return List.of(b.body());
        }
        if (stmt instanceof Stmt.Switch s) {
            List<List<Stmt>> bodies = new ArrayList<>();
            s.cases().forEach(c -> bodies.add(c.body()));
            return bodies;
        }
        return List.of();
    }

    /** The expressions a statement evaluates itself, not those of nested statements. */
    public static List<Expr> expressions(Stmt stmt) {
        if (stmt instanceof Stmt.Assign a) {
            return List.of(a.value());
        }
        if (stmt instanceof Stmt.Store s) {
            return List.of(s.array(), s.index(), s.value());
        }
        if (stmt instanceof Stmt.If i) {
            return List.of(i.condition());
        }
        if (stmt instanceof Stmt.Loop l) {
            return List.of(l.condition());
        }
        if (stmt instanceof Stmt.Switch s) {
            return List.of(s.selector());
        }
        if (stmt instanceof Stmt.Return r) {
            return r.values();
        }
        if (stmt instanceof Stmt.Push p) {
            return List.of(p.value());
        }
        if (stmt instanceof Stmt.RequireSameLength r) {
            return List.of(new Expr.Ref(r.array()), new Expr.Ref(r.like()));
        }
        if (stmt instanceof Stmt.Effect e) {
            return e.values();
        }
        return List.of();
    }

    /** The variable a statement writes, or null. */
    public static Var target(Stmt stmt) {
        if (stmt instanceof Stmt.Assign a) {
            return a.target();
        }
        if (stmt instanceof Stmt.Store s) {
            return s.base();
        }
        return null;
    }

    /** Whether the body is more than straight-line code: a loop, a branch, a jump, or a return before the end. */
    public static boolean hasControlFlow(List<Stmt> body) {
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            boolean simple = s instanceof Stmt.Assign
                    || s instanceof Stmt.Store
                    || s instanceof Stmt.Push
                    || (s instanceof Stmt.Return && i == body.size() - 1);
            if (!simple) {
                return true;
            }
        }
        return false;
    }

    /** The statement with each nested statement list replaced by {@code f(list)}. */
    public static Stmt mapChildren(Stmt stmt, UnaryOperator<List<Stmt>> f) {
        if (stmt instanceof Stmt.If i) {
            return new Stmt.If(i.condition(), f.apply(i.then()), f.apply(i.otherwise()), i.origin());
        }
        if (stmt instanceof Stmt.Loop l) {
            return new Stmt.Loop(
                    l.label(), l.condition(), f.apply(l.body()), f.apply(l.update()), l.testFirst(), l.origin());
        }
        if (stmt instanceof Stmt.Block b) {
            return new Stmt.Block(b.label(), f.apply(b.body()), b.origin());
        }
        if (stmt instanceof Stmt.Switch s) {
            return new Stmt.Switch(
                    s.label(),
                    s.selector(),
                    s.cases().stream()
                            .map(c -> new Stmt.Case(c.labels(), f.apply(c.body())))
                            .toList(),
                    s.origin());
        }
        return stmt;
    }

    /** The statements with every return, nested ones included, replaced by {@code f(return)}. */
    public static List<Stmt> mapReturns(List<Stmt> body, UnaryOperator<Stmt.Return> f) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            out.add(stmt instanceof Stmt.Return r ? f.apply(r) : mapChildren(stmt, nested -> mapReturns(nested, f)));
        }
        return out;
    }

    /**
     * The statements with every variable and label replaced: for copies of a callee's body, which must not share
     * variables or labels with the caller or with other copies.
     */
    public static List<Stmt> rename(List<Stmt> body, Renaming r) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            out.add(rename(stmt, r));
        }
        return out;
    }

    /**
     * What {@link #rename} replaces: variables, labels, and origins (to mark code as inlined); {@code values} replaces
     * the reads of some variables by expressions instead.
     */
    public record Renaming(
            UnaryOperator<Var> vars,
            java.util.Map<Var, Expr> values,
            UnaryOperator<String> labels,
            UnaryOperator<Origin> origins) {}

    private static Stmt rename(Stmt stmt, Renaming r) {
        UnaryOperator<Var> vars = r.vars();
        UnaryOperator<String> labels = r.labels();
        Origin o = r.origins().apply(stmt.origin());
        UnaryOperator<Expr> e = r.values().isEmpty()
                ? x -> Exprs.substitute(x, v -> new Expr.Ref(vars.apply(v)))
                : x -> Exprs.foldIntegers(Exprs.substitute(
                        x, v -> r.values().containsKey(v) ? r.values().get(v) : new Expr.Ref(vars.apply(v))));
        if (stmt instanceof Stmt.Assign a) {
            return new Stmt.Assign(vars.apply(a.target()), e.apply(a.value()), o);
        }
        if (stmt instanceof Stmt.Store s) {
            return new Stmt.Store(e.apply(s.array()), e.apply(s.index()), e.apply(s.value()), o);
        }
        if (stmt instanceof Stmt.If i) {
            return new Stmt.If(e.apply(i.condition()), rename(i.then(), r), rename(i.otherwise(), r), o);
        }
        if (stmt instanceof Stmt.Loop l) {
            return new Stmt.Loop(
                    labels.apply(l.label()),
                    e.apply(l.condition()),
                    rename(l.body(), r),
                    rename(l.update(), r),
                    l.testFirst(),
                    o);
        }
        if (stmt instanceof Stmt.Block b) {
            return new Stmt.Block(b.label() == null ? null : labels.apply(b.label()), rename(b.body(), r), o);
        }
        if (stmt instanceof Stmt.Switch s) {
            List<Stmt.Case> cases = new ArrayList<>();
            for (Stmt.Case c : s.cases()) {
                cases.add(new Stmt.Case(c.labels(), rename(c.body(), r)));
            }
            return new Stmt.Switch(labels.apply(s.label()), e.apply(s.selector()), cases, o);
        }
        if (stmt instanceof Stmt.Break b) {
            return new Stmt.Break(labels.apply(b.label()), o);
        }
        if (stmt instanceof Stmt.Continue c) {
            return new Stmt.Continue(labels.apply(c.label()), o);
        }
        if (stmt instanceof Stmt.Return ret) {
            return new Stmt.Return(ret.values().stream().map(e).toList(), o);
        }
        if (stmt instanceof Stmt.RequireSameLength req) {
            return new Stmt.RequireSameLength(vars.apply(req.array()), vars.apply(req.like()), o);
        }
        if (stmt instanceof Stmt.Effect effect) {
            return new Stmt.Effect(
                    effect.kind(), effect.values().stream().map(e).toList(), o);
        }
        return new Stmt.Push(e.apply(((Stmt.Push) stmt).value()), o);
    }
}
