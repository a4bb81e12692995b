package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode for straight-line code (no control flow, no array element to save): the forward sweep is the
 * function's own code, and its reverse follows once, after the seed. It runs once, so it needs no tape and no segment
 * numbers, and every adjoint can be held as an expression ({@link HeldAdjoints}): the seed 1.0 folds away and a chain
 * of single uses needs no adjoint variables.
 */
final class StraightLineAdjoint {
    private final RunReversal reversal;

    StraightLineAdjoint(RunReversal reversal) {
        this.reversal = reversal;
    }

    /** The forward sweep, the seed and the backward sweep of the function's body, whose only return is its last. */
    List<Stmt> sweeps(List<Stmt> body, Var seed, Origin last) {
        List<Stmt> out = new ArrayList<>();
        List<Stmt> run = new ArrayList<>();
        for (Stmt stmt : body) {
            // The returned variable keeps its value: nothing restores it.
            Stmt assignment = stmt instanceof Stmt.Return r ? reversal.returned(r, v -> true) : stmt;
            if (assignment != null) {
                run.add(assignment);
                reversal.record(assignment, out);
            }
        }
        reversal.seed(out, seed, last);
        out.addAll(reversal.backward(run));
        return out;
    }
}
