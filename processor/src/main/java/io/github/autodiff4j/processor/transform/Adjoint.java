package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.ir.Algebra.ZERO;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.analysis.NeededValues;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reverse mode as an IR pass: a forward sweep (the function's own code, saving on the tape what it overwrites and the
 * backward sweep needs), then a backward sweep that visits the assignments in reverse and adds each result's adjoint,
 * times the rule's partial, to the adjoints of its arguments.
 *
 * <p>This class builds what the strategies share and frames their sweeps with the function's parameters and results.
 * It picks one of three strategies ({@link AdjointStrategy}) from the function's shape: {@link StraightLineAdjoint}
 * (no tape, adjoints held as expressions in {@link HeldAdjoints}), {@link MirroredAdjoint} (control flow without
 * jumps: where loops are reversed) and {@link SegmentedAdjoint} (break, continue, early return: segment numbers on the
 * tape). All three are made of runs of assignments, whose two sweeps {@link RunReversal} writes; what is saved on the
 * tape, computed again or restored by arithmetic is the {@link TapePlan}'s answer.
 *
 * <p>Parameters: the function's own, then an adjoint array per active array parameter (filled with its gradient),
 * then, for a function returning an array, the seed the result's adjoint starts from. Returns: the value, then the
 * adjoint of each active parameter.
 */
public final class Adjoint {
    private Adjoint() {}

    public static Function apply(Function primal, List<Var> activeParams, Activity activity) {
        return apply(primal, activeParams, activity, false);
    }

    /**
     * The function's reverse mode, its result's adjoint starting at 1 or at a seed.
     *
     * @param seeded whether a scalar function's result adjoint starts at a last parameter {@code seed} rather than at
     *     1: the pullback a recursive call goes through, whose caller knows the seed only in its own reverse sweep
     */
    public static Function apply(Function primal, List<Var> activeParams, Activity activity, boolean seeded) {
        InjectedFailure.at("adjoint");
        NeededValues needed = NeededValues.of(primal, activity);
        AdjointStrategy strategy = AdjointStrategy.of(primal, needed);
        Set<Var> segmentLocal = SegmentLocals.of(primal);
        TapePlan tape = new TapePlan(primal, activity, needed, strategy, segmentLocal);
        RunReversal reversal = new RunReversal(
                primal, activity, tape, strategy == AdjointStrategy.STRAIGHT_LINE, segmentLocal, seeded);
        List<Var> params = new ArrayList<>(primal.params());
        for (Var p : activeParams) {
            if (p.type().isArray()) {
                params.add(reversal.adjointVar(p));
            }
        }
        Type returns = returnType(primal.body());
        Var seed =
                returns.isArray() ? new Var("seed", Type.DOUBLE_ARRAY) : seeded ? new Var("seed", Type.DOUBLE) : null;
        if (seed != null) {
            params.add(seed);
        }
        List<Stmt> body = new ArrayList<>();
        Origin origin = primal.body().get(0).origin();
        for (Var p : primal.params()) {
            if (p.type().isArray() && !activeParams.contains(p) && reversal.isActive(p)) {
                // A constant array the function stores active values into: its adjoint starts at zero, like a new
                // array's.
                body.add(new Stmt.Assign(reversal.adjointVar(p), new Expr.ZerosLike(new Expr.Ref(p)), origin));
            }
        }
        Origin last = lastOrigin(primal.body()).asAdjoint();
        body.addAll(
                switch (strategy) {
                    case STRAIGHT_LINE -> new StraightLineAdjoint(reversal).sweeps(primal.body(), seed, last);
                    case MIRRORED -> new MirroredAdjoint(reversal, tape).sweeps(primal.body(), seed, last);
                    case SEGMENTED -> new SegmentedAdjoint(reversal).sweeps(primal.body(), seed, last);
                });
        List<Expr> values = new ArrayList<>();
        values.add(reversal.result() == null ? ZERO : new Expr.Ref(reversal.result()));
        for (Var p : activeParams) {
            values.add(
                    p.type().isArray() ? new Expr.Ref(reversal.adjointVar(p)) : reversal.finalAdjoint(p, body, last));
        }
        body.add(new Stmt.Return(values, last));
        return new Function(primal.name(), params, flatten(body));
    }

    private static Type returnType(List<Stmt> body) {
        Type[] type = {Type.DOUBLE};
        Stmts.walk(body, s -> {
            if (s instanceof Stmt.Return r) {
                type[0] = r.values().get(0).type();
            }
        });
        return type[0];
    }

    private static Origin lastOrigin(List<Stmt> body) {
        return body.get(body.size() - 1).origin();
    }

    /** Unlabelled blocks only group statements: their contents go straight into the enclosing list. */
    private static List<Stmt> flatten(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Block b && b.label() == null) {
                out.addAll(b.body());
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
