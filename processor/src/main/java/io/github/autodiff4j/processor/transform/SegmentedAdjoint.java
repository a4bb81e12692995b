package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode for code with jumps (a break, a continue, an early return), whose control flow the backward sweep
 * cannot simply mirror. The forward sweep keeps the user's control flow and is cut into segments, maximal runs of
 * assignments; each executed segment pushes its number, and the backward sweep pops the numbers and runs the segments'
 * reverses in reverse order. This reverses any control flow (branches, loops, break, continue, early return) with one
 * mechanism, and records branch directions and trip counts implicitly. An early return leaves the forward sweep by a
 * break out of its labelled block.
 */
final class SegmentedAdjoint {
    private static final String FORWARD = "forward";

    private final RunReversal reversal;
    /** Each segment's reverse, by number. */
    private final List<List<Stmt>> segments = new ArrayList<>();
    /** Whether a return before the end leaves the forward sweep. */
    private boolean exits;

    SegmentedAdjoint(RunReversal reversal) {
        this.reversal = reversal;
    }

    /** The forward sweep, the seed and the backward sweep of the function's body. */
    List<Stmt> sweeps(List<Stmt> body, Var seed, Origin last) {
        List<Stmt> out = new ArrayList<>();
        Var mark = new Var("mark", Type.INT);
        Origin origin = body.get(0).origin();
        out.add(new Stmt.Assign(mark, new Expr.TapeSize(), origin));
        List<Stmt> forward = forward(body, true);
        out.add(new Stmt.Block(exits ? FORWARD : null, forward, origin));
        reversal.seed(out, seed, last);
        out.add(dispatch(mark, last));
        return out;
    }

    /** The forward sweep of a statement list, closing a segment before each control statement and at the end. */
    private List<Stmt> forward(List<Stmt> body, boolean top) {
        List<Stmt> out = new ArrayList<>();
        List<Stmt> run = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt stmt = body.get(i);
            if (stmt instanceof Stmt.Assign || stmt instanceof Stmt.Store) {
                run.add(stmt);
                reversal.record(stmt, out);
            } else if (stmt instanceof Stmt.Return r) {
                // An early return and the last may return different variables: the result gets a variable of its own.
                Stmt.Assign assign = reversal.returned(r, v -> false);
                if (assign != null) {
                    run.add(assign);
                    reversal.record(assign, out);
                }
                close(run, out);
                run = new ArrayList<>();
                if (!(top && i == body.size() - 1)) {
                    exits = true;
                    out.add(new Stmt.Break(FORWARD, r.origin()));
                }
            } else {
                close(run, out);
                run = new ArrayList<>();
                out.add(Stmts.mapChildren(stmt, nested -> forward(nested, false)));
            }
        }
        close(run, out);
        return out;
    }

    /** Ends a segment: if its reverse does anything, remember it and push its number for the backward sweep. */
    private void close(List<Stmt> run, List<Stmt> out) {
        if (run.stream().noneMatch(reversal::hasAdjoint)) {
            return;
        }
        List<Stmt> reverse = reversal.backward(run);
        if (reverse.isEmpty()) {
            return;
        }
        int id = segments.size();
        segments.add(reverse);
        out.add(new Stmt.Push(
                Expr.Literal.ofIntegral(Type.INT, id), run.get(run.size() - 1).origin()));
    }

    /** {@code while (tape.intCount() > mark) switch (tape.popInt()) { case k -> reverse of segment k }}. */
    private Stmt dispatch(Var mark, Origin origin) {
        List<Stmt.Case> cases = new ArrayList<>();
        for (int id = segments.size() - 1; id >= 0; id--) {
            cases.add(new Stmt.Case(List.of(id), segments.get(id)));
        }
        Stmt.Switch reverse = new Stmt.Switch("segment", new Expr.TapePop(Type.INT), cases, origin);
        Expr more = new Expr.Binary(BinaryOp.GT, new Expr.TapeSize(), new Expr.Ref(mark));
        return new Stmt.Loop("backward", more, List.of(reverse), List.of(), true, origin);
    }
}
