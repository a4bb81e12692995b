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
 * Reverse mode for control flow without jumps, where loops are reversed: the backward sweep mirrors the forward
 * sweep's structure. A run of assignments is reversed in place, a branch replays the side the forward sweep recorded
 * (one boolean), a switch its case, a counted loop {@code for (i = a; ...; i++)} runs {@code i} back down to
 * {@code a} and any other loop runs its recorded trip count. Unlike segment dispatch this records no segment numbers
 * and leaves loops the JIT can compile as loops; {@link LoopFusion} then runs the reverse of the last loop inside that
 * loop where it can.
 */
final class MirroredAdjoint {
    private final RunReversal reversal;
    private final TapePlan tape;

    MirroredAdjoint(RunReversal reversal, TapePlan tape) {
        this.reversal = reversal;
        this.tape = tape;
    }

    /** The forward sweep of a statement list and the backward sweep that mirrors it. */
    private record Sweeps(List<Stmt> forward, List<Stmt> backward) {}

    /** The forward sweep, the seed and the backward sweep of the function's body. */
    List<Stmt> sweeps(List<Stmt> body, Var seed, Origin last) {
        Sweeps sweeps = mirror(body, false);
        List<Stmt> seeding = new ArrayList<>();
        reversal.seed(seeding, seed, last);
        return LoopFusion.apply(sweeps.forward(), seeding, sweeps.backward());
    }

    /**
     * Mirrors a statement list: runs of assignments are reversed in place, a branch records which side ran, a loop how
     * many times it ran, a switch which case. A loop at the top level keeps its count in a local; inside other control
     * flow the count goes on the tape.
     *
     * @param nested whether this list runs inside a branch or a loop (possibly several times, or not at all)
     */
    private Sweeps mirror(List<Stmt> body, boolean nested) {
        List<Stmt> forward = new ArrayList<>();
        List<List<Stmt>> reversed = new ArrayList<>();
        List<Stmt> run = new ArrayList<>();
        for (Stmt stmt : body) {
            if (stmt instanceof Stmt.Assign || stmt instanceof Stmt.Store) {
                run.add(stmt);
                continue;
            }
            if (stmt instanceof Stmt.Return r) {
                // The returned variable itself, unless the backward sweep restores it to an older value.
                Stmt.Assign assign = reversal.returned(r, v -> !v.type().isArray() && !tape.savesScalar(v));
                if (assign != null) {
                    run.add(assign);
                }
                continue;
            }
            reversed.add(mirrorRun(run, nested, forward));
            run = new ArrayList<>();
            if (stmt instanceof Stmt.If i) {
                mirrorIf(i, forward, reversed);
            } else if (stmt instanceof Stmt.Loop l) {
                mirrorLoop(l, nested, forward, reversed);
            } else if (stmt instanceof Stmt.Switch s) {
                mirrorSwitch(s, forward, reversed);
            } else if (stmt instanceof Stmt.Effect) {
                // A print or a throw: the forward sweep runs it; the backward sweep has nothing of it.
                forward.add(stmt);
            } else {
                Sweeps block = mirror(((Stmt.Block) stmt).body(), nested);
                forward.addAll(block.forward());
                reversed.add(block.backward());
            }
        }
        reversed.add(mirrorRun(run, nested, forward));
        List<Stmt> backward = new ArrayList<>();
        for (int k = reversed.size() - 1; k >= 0; k--) {
            backward.addAll(reversed.get(k));
        }
        return new Sweeps(forward, backward);
    }

    /**
     * A run of assignments: its forward code, appended to {@code forward}, and its reverse. In a loop, the run's own
     * temporaries are recomputed at the start of its reverse when their inputs are still at hand there, rather than
     * saved on the tape in every iteration: {@code a = 1 - x[i]} needs only {@code x} and {@code i}.
     */
    private List<Stmt> mirrorRun(List<Stmt> run, boolean nested, List<Stmt> forward) {
        List<Stmt> recompute = nested ? tape.recomputable(run) : List.of();
        for (Stmt stmt : run) {
            reversal.record(stmt, forward);
        }
        List<Stmt> prologue = tape.neededRecomputation(recompute);
        List<Stmt> reverse = reversal.backward(run);
        if (prologue.isEmpty() || reverse.isEmpty()) {
            return reverse;
        }
        List<Stmt> out = new ArrayList<>(prologue);
        out.addAll(reverse);
        return out;
    }

    private void mirrorIf(Stmt.If i, List<Stmt> forward, List<List<Stmt>> reversed) {
        Sweeps then = mirror(i.then(), true);
        Sweeps otherwise = mirror(i.otherwise(), true);
        if (then.backward().isEmpty() && otherwise.backward().isEmpty()) {
            forward.add(new Stmt.If(i.condition(), then.forward(), otherwise.forward(), i.origin()));
            return;
        }
        List<Stmt> thenForward = new ArrayList<>(then.forward());
        thenForward.add(new Stmt.Push(Expr.Literal.ofBoolean(true), i.origin()));
        List<Stmt> elseForward = new ArrayList<>(otherwise.forward());
        elseForward.add(new Stmt.Push(Expr.Literal.ofBoolean(false), i.origin()));
        forward.add(new Stmt.If(i.condition(), thenForward, elseForward, i.origin()));
        reversed.add(List.of(new Stmt.If(
                new Expr.TapePop(Type.BOOLEAN),
                then.backward(),
                otherwise.backward(),
                i.origin().asAdjoint())));
    }

    private void mirrorLoop(Stmt.Loop l, boolean nested, List<Stmt> forward, List<List<Stmt>> reversed) {
        Sweeps body = pointAgain(l, mirror(l.body(), true));
        Sweeps update = mirror(l.update(), true);
        if (body.backward().isEmpty() && update.backward().isEmpty()) {
            forward.add(new Stmt.Loop(
                    l.label(), l.condition(), body.forward(), update.forward(), l.testFirst(), l.origin()));
            return;
        }
        Origin origin = l.origin();
        Origin back = origin.asAdjoint();
        Expr one = Expr.Literal.ofIntegral(Type.INT, 1);
        Var counter = Stmts.countedBy(l);
        Expr start = counter == null ? null : tape.counters().start(counter);
        Expr limit = counter == null ? null : tape.counters().limit(counter);
        if (limit != null) {
            // for (i = a; i < b; i++) ran max(b - a, 0) times and left i at max(a, b): nothing to count or save.
            forward.add(
                    new Stmt.Loop(l.label(), l.condition(), body.forward(), update.forward(), l.testFirst(), origin));
            Stmt from = new Stmt.Assign(
                    counter, new Expr.Select(new Expr.Binary(BinaryOp.GT, start, limit), start, limit), back);
            reversed.add(List.of(from, countDown(l, counter, start, body.backward(), back)));
            return;
        }
        Var count = new Var("count", Type.INT);
        forward.add(new Stmt.Assign(count, Expr.Literal.ofIntegral(Type.INT, 0), origin));
        List<Stmt> counted = new ArrayList<>(body.forward());
        counted.add(new Stmt.Assign(count, new Expr.Binary(BinaryOp.ADD, new Expr.Ref(count), one), origin));
        forward.add(new Stmt.Loop(l.label(), l.condition(), counted, update.forward(), l.testFirst(), origin));
        Var k = new Var("k", Type.INT);
        Expr trips = new Expr.Ref(count);
        if (nested) {
            forward.add(new Stmt.Push(new Expr.Ref(count), origin));
            trips = new Expr.TapePop(Type.INT);
        }
        if (counter != null) {
            // for (i = a; ...; i++): run i back down to a, so that the JIT sees i as the loop's own induction variable
            // and
            // can drop the bounds checks of x[i]. A restartable counter starts again from a + trips, whatever it held
            // before; any other counter counts down from where the forward loop left it.
            Expr i = new Expr.Ref(counter);
            Stmt from;
            Expr bound;
            if (start != null) {
                boolean zero = start instanceof Expr.Literal literal && literal.integral() == 0;
                from = new Stmt.Assign(counter, zero ? trips : new Expr.Binary(BinaryOp.ADD, start, trips), back);
                bound = start;
            } else {
                Var stop = new Var("stop", Type.INT);
                from = new Stmt.Assign(stop, new Expr.Binary(BinaryOp.SUB, i, trips), back);
                bound = new Expr.Ref(stop);
            }
            reversed.add(List.of(from, countDown(l, counter, bound, body.backward(), back)));
            return;
        }
        List<Stmt> iteration = new ArrayList<>(update.backward());
        iteration.addAll(body.backward());
        reversed.add(List.of(
                new Stmt.Assign(k, trips, back),
                new Stmt.Loop(
                        l.label() + "_reversed",
                        new Expr.Binary(BinaryOp.GT, new Expr.Ref(k), Expr.Literal.ofIntegral(Type.INT, 0)),
                        iteration,
                        List.of(new Stmt.Assign(k, new Expr.Binary(BinaryOp.SUB, new Expr.Ref(k), one), back)),
                        true,
                        back)));
    }

    /**
     * A reversed iteration starts by pointing the body's row aliases again ({@code w = w1[j]; dw = dw1[j]}) and filling
     * again the arrays the body fills from unchanging inputs ({@code centred[j] = x[..] - means[..]}).
     */
    private Sweeps pointAgain(Stmt.Loop l, Sweeps body) {
        List<Stmt.Assign> aliases = tape.pointedAgain(l);
        List<Stmt> fills = tape.filledAgain(l);
        if ((aliases.isEmpty() && fills.isEmpty()) || body.backward().isEmpty()) {
            return body;
        }
        List<Stmt> backward = new ArrayList<>();
        for (Stmt.Assign a : aliases) {
            Origin back = a.origin().asAdjoint();
            backward.add(new Stmt.Assign(a.target(), a.value(), back));
            if (reversal.isActive(a.target())) {
                backward.add(new Stmt.Assign(reversal.adjointVar(a.target()), reversal.adjointArray(a), back));
            }
        }
        for (Stmt fill : fills) {
            // The forward code again, under its own line comments.
            backward.add(
                    fill instanceof Stmt.Loop loop
                            ? new Stmt.Loop(
                                    loop.label() + "_again",
                                    loop.condition(),
                                    loop.body(),
                                    loop.update(),
                                    true,
                                    loop.origin())
                            : fill);
        }
        backward.addAll(body.backward());
        return new Sweeps(body.forward(), backward);
    }

    /** {@code while (i > bound) { i--; body }}. */
    private static Stmt countDown(Stmt.Loop l, Var counter, Expr bound, List<Stmt> body, Origin back) {
        Expr i = new Expr.Ref(counter);
        Stmt down =
                new Stmt.Assign(counter, new Expr.Binary(BinaryOp.SUB, i, Expr.Literal.ofIntegral(Type.INT, 1)), back);
        return new Stmt.Loop(
                l.label() + "_reversed",
                new Expr.Binary(BinaryOp.GT, i, bound),
                withFirst(down, body),
                List.of(),
                true,
                back);
    }

    private static List<Stmt> withFirst(Stmt first, List<Stmt> rest) {
        List<Stmt> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private void mirrorSwitch(Stmt.Switch s, List<Stmt> forward, List<List<Stmt>> reversed) {
        List<Sweeps> cases = s.cases().stream().map(c -> mirror(c.body(), true)).toList();
        if (cases.stream().allMatch(c -> c.backward().isEmpty())) {
            forward.add(new Stmt.Switch(
                    s.label(),
                    s.selector(),
                    s.cases().stream()
                            .map(c -> new Stmt.Case(
                                    c.labels(), cases.get(s.cases().indexOf(c)).forward()))
                            .toList(),
                    s.origin()));
            return;
        }
        List<Stmt.Case> forwardCases = new ArrayList<>();
        List<Stmt.Case> backwardCases = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            List<Stmt> body = new ArrayList<>(cases.get(k).forward());
            body.add(new Stmt.Push(Expr.Literal.ofIntegral(Type.INT, k), s.origin()));
            forwardCases.add(new Stmt.Case(s.cases().get(k).labels(), body));
            backwardCases.add(new Stmt.Case(List.of(k), cases.get(k).backward()));
        }
        forward.add(new Stmt.Switch(s.label(), s.selector(), forwardCases, s.origin()));
        reversed.add(List.of(new Stmt.Switch(
                s.label() + "_reversed",
                new Expr.TapePop(Type.INT),
                backwardCases,
                s.origin().asAdjoint())));
    }
}
