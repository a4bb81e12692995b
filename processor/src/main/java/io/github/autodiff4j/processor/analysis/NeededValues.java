package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.DerivativeRules;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The variables whose values the backward sweep reads (the "to be recorded" analysis of Tapenade): those in the
 * partial derivatives of active operations, and the indices of the array elements whose adjoints it updates. Only
 * these need restoring from the tape when the forward sweep overwrites them; {@code s = s + x[i]} needs neither s nor
 * x, only i.
 */
public final class NeededValues {
    private final Set<Var> needed = new HashSet<>();

    private NeededValues() {}

    public static NeededValues of(Function function, Activity activity) {
        NeededValues result = new NeededValues();
        Stmts.walk(function.body(), stmt -> result.scan(stmt, activity));
        result.callersArrays(function);
        // Restoring an element needs its index, which may read another array (a[k % b.length]): until nothing changes.
        int size = -1;
        while (size != result.needed.size()) {
            size = result.needed.size();
            result.shareAmongAliases(function);
            Stmts.walk(function.body(), result::storedIndices);
        }
        return result;
    }

    /**
     * The backward sweep restores the old elements of needed arrays, at the index the store wrote: that index is
     * needed too, even where the stored value is a constant.
     */
    private void storedIndices(Stmt stmt) {
        if (stmt instanceof Stmt.Store s && needed.contains(s.base())) {
            Exprs.collectReads(s.index(), needed);
            Exprs.collectIndexReads(s.array(), needed);
        }
    }

    /**
     * The backward sweep gives the caller back its arrays as they were: the old elements of an array parameter that the
     * function stores into, itself or through an alias or a row, are needed even where no partial reads them
     * ({@code double a = w[0]; w[0] = a * a}), and even when the array is a constant ({@code int[] counts}).
     */
    private void callersArrays(Function function) {
        Set<Var> callers = new HashSet<>();
        function.params().stream().filter(p -> p.type().isArray()).forEach(callers::add);
        boolean[] grew = {true};
        while (grew[0]) {
            grew[0] = false;
            Stmts.walk(function.body(), stmt -> {
                if (stmt instanceof Stmt.Assign a
                        && a.target().type().isArray()
                        && callers.contains(Exprs.base(a.value()))) {
                    grew[0] |= callers.add(a.target());
                }
            });
        }
        Stmts.walk(function.body(), stmt -> {
            if (stmt instanceof Stmt.Store s && callers.contains(s.base())) {
                needed.add(s.base());
            }
        });
    }

    /** Arrays that alias each other ({@code b = a}) share their elements: if one's are needed, all are. */
    private void shareAmongAliases(Function function) {
        boolean[] changed = {true};
        while (changed[0]) {
            changed[0] = false;
            Stmts.walk(function.body(), stmt -> {
                Var alias = stmt instanceof Stmt.Assign a && a.target().type().isArray() ? Exprs.base(a.value()) : null;
                if (alias != null && needed.contains(a(stmt)) != needed.contains(alias)) {
                    needed.add(a(stmt));
                    needed.add(alias);
                    changed[0] = true;
                }
            });
        }
    }

    private static Var a(Stmt stmt) {
        return ((Stmt.Assign) stmt).target();
    }

    private void scan(Stmt stmt, Activity activity) {
        if (stmt instanceof Stmt.Assign a
                && a.value() instanceof Expr.RecursiveCall call
                && activity.isActive(a.value())) {
            // The pullback is passed the call's arguments as they were: the scalars and the arrays' elements.
            call.args().forEach(arg -> Exprs.collectReads(arg, needed));
        } else if (stmt instanceof Stmt.Assign a && activity.isActive(a.target()) && activity.isActive(a.value())) {
            indices(a.value());
            collectPartialReads(a, activity, needed);
        } else if (stmt instanceof Stmt.Store s && activity.isActive(s.base())) {
            Exprs.collectReads(s.index(), needed);
            Exprs.collectIndexReads(s.array(), needed);
            indices(s.value());
        }
    }

    /** The index variables of the array elements an operation reads: their adjoints are updated at that index. */
    private void indices(Expr value) {
        Exprs.mapChildren(value, child -> {
            indices(child);
            return child;
        });
        if (value instanceof Expr.ArrayRead r) {
            Exprs.collectReads(r.index(), needed);
        }
    }

    /**
     * The variables the partials of an active assignment read, with respect to its active arguments only: {@code 0.5 *
     * s} needs no s.
     */
    static void collectPartialReads(Stmt.Assign a, Activity activity, Set<Var> into) {
        Expr value = a.value();
        if (!isOperation(value)) {
            return;
        }
        List<Expr> args = DerivativeRules.arguments(value);
        List<Expr> partials = DerivativeRules.partials(value, new Expr.Ref(a.target()));
        for (int i = 0; i < args.size(); i++) {
            if (activity.isActive(args.get(i))) {
                Exprs.collectReads(partials.get(i), into);
            }
        }
    }

    /**
     * An operation the rule table differentiates: a custom rule's partials read its arguments like Math's do, and a
     * recursive call's the partials it returned.
     */
    static boolean isOperation(Expr value) {
        return value instanceof Expr.Unary
                || value instanceof Expr.Binary
                || value instanceof Expr.MathCall
                || value instanceof Expr.CustomCall
                || value instanceof Expr.Linearized;
    }

    public boolean isNeeded(Var v) {
        return needed.contains(v);
    }
}
