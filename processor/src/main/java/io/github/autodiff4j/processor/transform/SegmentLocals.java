package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scalar variables that live inside one segment (a maximal run of assignments): assigned exactly once there,
 * before any use in it, and mentioned nowhere else. In each run of the segment's reverse their adjoint starts at zero
 * and is complete by the time their assignment is reversed, so it can be held as an expression: the temporaries of a
 * loop body need no adjoint variables, no accumulation and no resetting.
 */
final class SegmentLocals {
    private SegmentLocals() {}

    static Set<Var> of(Function function) {
        Map<Var, Integer> segmentOf = new HashMap<>();
        Set<Var> disqualified = new HashSet<>(function.params());
        Set<Var> candidates = new LinkedHashSet<>();
        List<List<Stmt>> runs = new ArrayList<>();
        collect(function.body(), runs, disqualified);
        for (int id = 0; id < runs.size(); id++) {
            Set<Var> assigned = new HashSet<>();
            for (Stmt stmt : runs.get(id)) {
                Set<Var> read = new HashSet<>();
                Stmts.expressions(stmt).forEach(e -> Exprs.collectReads(e, read));
                Var target = Stmts.target(stmt);
                for (Var v : read) {
                    if (!assigned.contains(v)) {
                        disqualified.add(v);
                    }
                    mention(v, id, segmentOf, disqualified);
                }
                if (stmt instanceof Stmt.Assign a && !a.target().type().isArray()) {
                    if (!assigned.add(target)) {
                        disqualified.add(target);
                    }
                    candidates.add(target);
                }
                if (target != null) {
                    mention(target, id, segmentOf, disqualified);
                }
            }
        }
        candidates.removeAll(disqualified);
        return candidates;
    }

    private static void mention(Var v, int id, Map<Var, Integer> segmentOf, Set<Var> disqualified) {
        Integer previous = segmentOf.putIfAbsent(v, id);
        if (previous != null && previous != id) {
            disqualified.add(v);
        }
    }

    /** Cuts statement lists into runs of assignments as the adjoint does; variables in anything else are disqualified. */
    private static void collect(List<Stmt> body, List<List<Stmt>> runs, Set<Var> disqualified) {
        List<Stmt> run = new ArrayList<>();
        for (Stmt stmt : body) {
            if (stmt instanceof Stmt.Assign || stmt instanceof Stmt.Store) {
                run.add(stmt);
                continue;
            }
            if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
            for (Expr e : Stmts.expressions(stmt)) {
                Exprs.collectReads(e, disqualified);
            }
            for (List<Stmt> nested : Stmts.children(stmt)) {
                collect(nested, runs, disqualified);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
    }
}
