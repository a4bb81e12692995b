package io.github.autodiff4j.processor.simplify;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scalar replacement of small arrays. A local {@code double[]} that only ever holds a new array of k values ({@code
 * {a, b}}) or another such local, and is only read element by element at constant indices, becomes k {@code double}
 * locals. Records of doubles are such arrays (a {@code Point} local is {@code {x, y}}), so their derivative code
 * allocates nothing for them, and the reverse sweep saves doubles rather than arrays.
 */
public final class ScalarReplacement {
    private final Map<Var, List<Var>> scalars = new HashMap<>();

    private ScalarReplacement(Map<Var, Integer> sizes) {
        sizes.forEach((v, size) -> {
            List<Var> parts = new ArrayList<>();
            String name = v.name().endsWith(Var.NUMBERED)
                    ? v.name().substring(0, v.name().length() - 1)
                    : v.name();
            for (int i = 0; i < size; i++) {
                parts.add(new Var(name + "_" + i, Type.DOUBLE));
            }
            scalars.put(v, parts);
        });
    }

    /** The function with its replaceable arrays as scalars; itself when it has none. */
    public static Function apply(Function f) {
        InjectedFailure.at("simplify");
        Map<Var, Integer> sizes = replaceable(f);
        if (sizes.isEmpty()) {
            return f;
        }
        return new Function(f.name(), f.params(), new ScalarReplacement(sizes).statements(f.body()));
    }

    /** The arrays that can be replaced, with their sizes. */
    private static Map<Var, Integer> replaceable(Function f) {
        Map<Var, Integer> sizes = new LinkedHashMap<>();
        Set<Var> excluded = new HashSet<>(f.params());
        List<Stmt.Assign> copies = new ArrayList<>();
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target().type() == Type.DOUBLE_ARRAY) {
                if (a.value() instanceof Expr.ArrayLiteral l && l.type() == Type.DOUBLE_ARRAY) {
                    Integer earlier = sizes.putIfAbsent(a.target(), l.elements().size());
                    if (earlier != null && earlier != l.elements().size()) {
                        excluded.add(a.target());
                    }
                } else if (a.value() instanceof Expr.Ref r && r.var().type() == Type.DOUBLE_ARRAY) {
                    copies.add(a);
                } else {
                    excluded.add(a.target());
                }
            }
            // Every other mention of an array as a whole (passed, returned, compared, written into) keeps it an array.
            for (Expr e : Stmts.expressions(s)) {
                boolean copy = s instanceof Stmt.Assign a && e == a.value() && a.value() instanceof Expr.Ref;
                if (!copy) {
                    wholeUses(e, excluded);
                }
            }
            if (s instanceof Stmt.Store store && Exprs.base(store.array()) != null) {
                excluded.add(Exprs.base(store.array()));
            }
            if (s instanceof Stmt.RequireSameLength r) {
                excluded.add(r.array());
                excluded.add(r.like());
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt.Assign copy : copies) {
                Var from = ((Expr.Ref) copy.value()).var();
                Var to = copy.target();
                Integer size = sizes.get(to) != null ? sizes.get(to) : sizes.get(from);
                boolean fits = size != null
                        && !excluded.contains(from)
                        && !excluded.contains(to)
                        && size.equals(sizes.getOrDefault(from, size))
                        && size.equals(sizes.getOrDefault(to, size));
                if (fits) {
                    changed |= sizes.putIfAbsent(from, size) == null;
                    changed |= sizes.putIfAbsent(to, size) == null;
                } else {
                    changed |= excluded.add(from) | excluded.add(to);
                }
            }
        }
        sizes.keySet().removeAll(excluded);
        return sizes;
    }

    /** Adds the arrays {@code e} uses otherwise than by an element at a constant index. */
    private static void wholeUses(Expr e, Set<Var> excluded) {
        if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Ref && r.index() instanceof Expr.Literal) {
            return;
        }
        if (e instanceof Expr.Ref r && r.var().type().isArray()) {
            excluded.add(r.var());
            return;
        }
        Exprs.forEachChild(e, child -> wholeUses(child, excluded));
    }

    private List<Stmt> statements(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && scalars.containsKey(a.target())) {
                assign(a, out);
            } else {
                out.add(Stmts.mapChildren(rewrite(s), this::statements));
            }
        }
        return out;
    }

    /** {@code v = {a, b}} as {@code v_0 = a; v_1 = b}, through temporaries when the values read v itself. */
    private void assign(Stmt.Assign a, List<Stmt> out) {
        List<Var> target = scalars.get(a.target());
        List<Expr> values = new ArrayList<>();
        if (a.value() instanceof Expr.ArrayLiteral l) {
            l.elements().forEach(e -> values.add(expr(e)));
        } else {
            scalars.get(((Expr.Ref) a.value()).var()).forEach(v -> values.add(new Expr.Ref(v)));
        }
        boolean readsItself = values.stream().anyMatch(e -> target.stream().anyMatch(t -> Exprs.reads(e, t)));
        if (readsItself) {
            List<Expr> held = new ArrayList<>();
            for (Expr e : values) {
                Var t = new Var("component#", Type.DOUBLE);
                out.add(new Stmt.Assign(t, e, a.origin()));
                held.add(new Expr.Ref(t));
            }
            values.clear();
            values.addAll(held);
        }
        for (int i = 0; i < target.size(); i++) {
            if (!(values.get(i) instanceof Expr.Ref r && r.var() == target.get(i))) {
                out.add(new Stmt.Assign(target.get(i), values.get(i), a.origin()));
            }
        }
    }

    /** The statement with its own expressions rewritten; {@link #statements} rewrites the statements it holds. */
    private Stmt rewrite(Stmt s) {
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.target(), expr(a.value()), a.origin());
        }
        if (s instanceof Stmt.Store st) {
            return new Stmt.Store(expr(st.array()), expr(st.index()), expr(st.value()), st.origin());
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(expr(i.condition()), i.then(), i.otherwise(), i.origin());
        }
        if (s instanceof Stmt.Loop l) {
            return new Stmt.Loop(l.label(), expr(l.condition()), l.body(), l.update(), l.testFirst(), l.origin());
        }
        if (s instanceof Stmt.Switch sw) {
            return new Stmt.Switch(sw.label(), expr(sw.selector()), sw.cases(), sw.origin());
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.values().stream().map(this::expr).toList(), r.origin());
        }
        if (s instanceof Stmt.Effect e) {
            return new Stmt.Effect(e.kind(), e.values().stream().map(this::expr).toList(), e.origin());
        }
        if (s instanceof Stmt.Push p) {
            return new Stmt.Push(expr(p.value()), p.origin());
        }
        return s;
    }

    private Expr expr(Expr e) {
        if (e instanceof Expr.ArrayRead r
                && r.array() instanceof Expr.Ref ref
                && scalars.containsKey(ref.var())
                && r.index() instanceof Expr.Literal index) {
            return new Expr.Ref(scalars.get(ref.var()).get((int) index.integral()));
        }
        return Exprs.mapChildren(e, this::expr);
    }
}
