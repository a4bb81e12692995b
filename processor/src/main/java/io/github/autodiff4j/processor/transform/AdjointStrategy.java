package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.NeededValues;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import java.util.List;

/**
 * How reverse mode reverses a function's control flow, chosen from its shape: the simplest of the three that can
 * reverse it, since each simpler one saves less on the tape and leaves code the JIT compiles better.
 */
enum AdjointStrategy {
    /**
     * No control flow and no array element to save: one segment, run once, with no tape; adjoints are held as
     * expressions ({@link StraightLineAdjoint}, {@link HeldAdjoints}).
     */
    STRAIGHT_LINE,
    /**
     * Control flow without jumps: the backward sweep mirrors it, recording only branch directions and trip counts
     * ({@link MirroredAdjoint}, where loops are reversed).
     */
    MIRRORED,
    /**
     * A break, a continue or an early return: segments push their numbers and the backward sweep dispatches on them
     * ({@link SegmentedAdjoint}).
     */
    SEGMENTED;

    static AdjointStrategy of(Function primal, NeededValues needed) {
        if (!Stmts.hasControlFlow(primal.body()) && !hasRecordedStore(primal, needed)) {
            return STRAIGHT_LINE;
        }
        return hasJumps(primal.body()) ? SEGMENTED : MIRRORED;
    }

    /** Whether the body jumps: a break or continue, or a return before its end. */
    private static boolean hasJumps(List<Stmt> body) {
        boolean[] found = {false};
        for (int i = 0; i < body.size(); i++) {
            Stmt stmt = body.get(i);
            found[0] |= stmt instanceof Stmt.Return && i < body.size() - 1;
            for (List<Stmt> nested : Stmts.children(stmt)) {
                Stmts.walk(
                        nested,
                        s -> found[0] |=
                                s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return);
            }
            found[0] |= stmt instanceof Stmt.Break || stmt instanceof Stmt.Continue;
        }
        return found[0];
    }

    private static boolean hasRecordedStore(Function primal, NeededValues needed) {
        boolean[] found = {false};
        Stmts.walk(primal.body(), s -> found[0] |= s instanceof Stmt.Store store && needed.isNeeded(store.base()));
        return found[0];
    }
}
