package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.ir.Algebra.ONE;
import static io.github.autodiff4j.processor.ir.Algebra.ZERO;
import static io.github.autodiff4j.processor.ir.Algebra.add;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Adjoints held as expressions rather than accumulated in variables: each stays an expression until a second
 * contribution arrives, so a chain of single uses needs no variables and the seed 1.0 folds away. Everywhere in
 * straight-line code, and elsewhere for the variables that live inside one segment (assigned once there, before any
 * use, and not mentioned anywhere else: {@link SegmentLocals}), whose adjoint is complete within one run of that
 * segment's reverse.
 */
final class HeldAdjoints {
    /** Straight-line code: every adjoint is held. */
    private final boolean everywhere;

    private final Set<Var> segmentLocal;
    private final Function<Var, Var> adjointVar;
    /** The adjoint of each held variable, as an expression. */
    private final Map<Var, Expr> held = new HashMap<>();
    /** The held variables whose adjoint needed a variable of its own. */
    private final Map<Var, Var> owned = new HashMap<>();

    HeldAdjoints(boolean everywhere, Set<Var> segmentLocal, Function<Var, Var> adjointVar) {
        this.everywhere = everywhere;
        this.segmentLocal = segmentLocal;
        this.adjointVar = adjointVar;
    }

    /** Whether a variable's adjoint is held as an expression rather than accumulated in a variable. */
    boolean isHeld(Var v) {
        return everywhere || segmentLocal.contains(v);
    }

    /** The adjoint of a held variable so far; null if nothing contributed to it. */
    Expr of(Var v) {
        return held.get(v);
    }

    /** The seed 1.0 of a scalar result: held in straight-line code, where it folds away, else in its adjoint variable. */
    void seedOne(Var result, Origin origin, List<Stmt> body) {
        seed(result, ONE, origin, body);
    }

    /** The seed of a scalar result: 1.0, or a pullback's seed parameter. */
    void seed(Var result, Expr seed, Origin origin, List<Stmt> body) {
        if (everywhere) {
            held.put(result, seed);
        } else {
            body.add(new Stmt.Assign(adjointVar.apply(result), seed, origin));
        }
    }

    /** Adds a contribution to a held adjoint, which stays an expression until it needs a variable of its own. */
    void hold(Var v, Expr contribution, Origin origin, List<Stmt> out) {
        Expr existing = held.get(v);
        // Borrow a constant, or another held adjoint (final once made); an accumulated adjoint may still change.
        boolean stable = contribution instanceof Expr.Literal
                || (contribution instanceof Expr.Ref r && owned.containsValue(r.var()));
        if (existing == null && stable) {
            held.put(v, contribution);
            return;
        }
        Var own = owned.get(v);
        if (own == null) {
            own = adjointVar.apply(v);
            owned.put(v, own);
            out.add(new Stmt.Assign(own, existing == null ? contribution : add(existing, contribution), origin));
        } else {
            out.add(new Stmt.Assign(own, add(new Expr.Ref(own), contribution), origin));
        }
        held.put(v, new Expr.Ref(own));
    }

    /** A scalar parameter's adjoint, in a variable named after it, so the code reads {@code dx} rather than dt3. */
    Expr finalAdjoint(Var param, List<Stmt> body, Origin origin) {
        if (!everywhere) {
            return new Expr.Ref(adjointVar.apply(param));
        }
        Expr adjoint = held.get(param);
        if (adjoint == null || owned.containsKey(param)) {
            return adjoint == null ? ZERO : adjoint;
        }
        Var own = adjointVar.apply(param);
        body.add(new Stmt.Assign(own, adjoint, origin));
        return new Expr.Ref(own);
    }
}
