package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.ir.Algebra.ONE;
import static io.github.autodiff4j.processor.ir.Algebra.ZERO;
import static io.github.autodiff4j.processor.ir.Algebra.add;
import static io.github.autodiff4j.processor.ir.Algebra.mul;
import static io.github.autodiff4j.processor.ir.Algebra.neg;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.analysis.NeededValues;
import io.github.autodiff4j.processor.analysis.Overwrites;
import io.github.autodiff4j.processor.analysis.RecomputedArrays;
import io.github.autodiff4j.processor.analysis.RewrittenElements;
import io.github.autodiff4j.processor.analysis.RowAliases;
import io.github.autodiff4j.processor.analysis.UnreadOverwrites;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.DerivativeRules;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.simplify.Accumulations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse mode as an IR pass: a forward sweep (the function's own code, saving on the tape what it overwrites and the
 * backward sweep needs), then a backward sweep that visits the assignments in reverse and adds each result's adjoint,
 * times the rule's partial, to the adjoints of its arguments.
 *
 * <p>The forward sweep keeps the user's control flow. It is cut into segments, maximal runs of assignments; each
 * executed segment pushes its number, and the backward sweep pops the numbers and runs the segments' adjoints in
 * reverse order. This reverses any control flow (branches, loops, break, continue, early return) with one mechanism,
 * and records branch directions and trip counts implicitly.
 *
 * <p>Straight-line code is one segment run once: it needs no tape, and each adjoint is held as an expression until a
 * second contribution arrives, so a chain of single uses needs no variables and the seed 1.0 folds away.
 *
 * <p>Parameters: the function's own, then an adjoint array per active array parameter (filled with its gradient),
 * then, for a function returning an array, the seed the result's adjoint starts from. Returns: the value, then the
 * adjoint of each active parameter.
 */
public final class Adjoint {
  private static final String FORWARD = "forward";

  private final Activity activity;
  private final NeededValues needed;
  private final Overwrites overwrites;
  private final RewrittenElements rewritten;
  private final UnreadOverwrites unread;
  private final RowAliases rowAliases;
  private final RecomputedArrays refilled;
  private final boolean straightLine;
  /** Control flow without jumps: the backward sweep mirrors it, recording only branch directions and trip counts. */
  private final boolean structured;
  private final Map<Var, Var> adjointVars = new HashMap<>();
  /** Straight-line code only: the adjoint of each variable, as an expression. */
  private final Map<Var, Expr> held = new HashMap<>();
  private final Map<Var, Var> owned = new HashMap<>();
  /** Straight-line code: its one segment, forward; otherwise each segment's reverse, by number. */
  private final List<List<Stmt>> segments = new ArrayList<>();
  private final java.util.Set<Var> segmentLocal;
  /** Variables the backward sweep computes again instead of taking from the tape. */
  private final java.util.Set<Var> recomputed = new java.util.HashSet<>();
  /** Array variables assigned from another ({@code a = w}, {@code row = m[0]}) and those they come from. */
  private final java.util.Set<Var> aliasedArrays = new java.util.HashSet<>();
  /** Every variable assigned, and every array stored into (through any alias): what may change under the sweeps. */
  private final java.util.Set<Var> assigned = new java.util.HashSet<>();
  private final java.util.Set<Var> storedArrays = new java.util.HashSet<>();
  /**
   * Array variables that point at one and the same array every time they are assigned (a helper's array parameter,
   * bound in a loop to the caller's unchanging array): nothing to save when they are assigned again.
   */
  private final java.util.Set<Var> invariantAliases = new java.util.HashSet<>();
  /**
   * Counters of loops {@code for (int i = start; ...; i++)} that nothing outside the loop reads, by the start, whose
   * value the backward sweep has at hand: the reversed loop restarts them at start + trips, so the forward sweep need
   * not save what they held before the loop.
   */
  private final Map<Var, Expr> starts = new HashMap<>();
  /**
   * Of those, the counters of loops {@code i < limit} whose limit the body leaves alone and the backward sweep has at
   * hand: the loop ran max(limit - start, 0) times, so it needs no trip count at all.
   */
  private final Map<Var, Expr> limits = new HashMap<>();
  private final java.util.Set<Stmt.Assign> counterInits =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private Var result;
  private boolean resultActive;
  private boolean exits;

  private Adjoint(Function primal, Activity activity) {
    this.activity = activity;
    this.needed = NeededValues.of(primal, activity);
    this.overwrites = Overwrites.of(primal);
    this.rewritten = RewrittenElements.of(primal, activity);
    this.straightLine = !Stmts.hasControlFlow(primal.body()) && !hasRecordedStore(primal);
    this.structured = !straightLine && !hasJumps(primal.body());
    this.unread = UnreadOverwrites.of(primal, activity, structured);
    this.rowAliases = RowAliases.of(primal);
    this.refilled = RecomputedArrays.of(primal, activity, rowAliases, overwrites);
    if (structured) {
      findRestartableCounters(primal.body(), primal.body(), java.util.Set.of());
    }
    this.segmentLocal = SegmentLocals.of(primal);
    Stmts.walk(primal.body(), s -> {
      if (s instanceof Stmt.Assign a) {
        assigned.add(a.target());
      } else if (s instanceof Stmt.Store store) {
        storedArrays.add(store.base());
      }
    });
    Stmts.walk(primal.body(), s -> {
      if (s instanceof Stmt.Assign a && a.target().type().isArray() && Exprs.base(a.value()) != null) {
        aliasedArrays.add(a.target());
        aliasedArrays.add(Exprs.base(a.value()));
      }
    });
    Map<Var, java.util.Set<Var>> sources = new HashMap<>();
    Map<Var, Integer> assignments = new HashMap<>();
    Stmts.walk(primal.body(), s -> {
      if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        assignments.merge(a.target(), 1, Integer::sum);
        Var source = a.value() instanceof Expr.Ref r ? r.var() : null;
        sources.computeIfAbsent(a.target(), v -> new java.util.HashSet<>()).add(source);
      }
    });
    sources.forEach((v, from) -> {
      Var source = from.size() == 1 ? from.iterator().next() : null;
      if (source != null && !overwrites.isReassigned(source) && assignments.getOrDefault(source, 0) <= 1) {
        invariantAliases.add(v);
      }
    });
    // An array aliasing a stored-into array is stored into too.
    boolean[] grew = {true};
    while (grew[0]) {
      grew[0] = false;
      Stmts.walk(primal.body(), s -> {
        if (s instanceof Stmt.Assign a && a.target().type().isArray() && Exprs.base(a.value()) != null) {
          Var other = Exprs.base(a.value());
          if (storedArrays.contains(a.target()) != storedArrays.contains(other)) {
            storedArrays.add(a.target());
            storedArrays.add(other);
            grew[0] = true;
          }
        }
      });
    }
  }

  public static Function apply(Function primal, List<Var> activeParams, Activity activity) {
    InjectedFailure.at("adjoint");
    return new Adjoint(primal, activity).run(primal, activeParams);
  }

  private Function run(Function primal, List<Var> activeParams) {
    List<Var> params = new ArrayList<>(primal.params());
    for (Var p : activeParams) {
      if (p.type().isArray()) {
        params.add(adjointVar(p));
      }
    }
    Type returns = returnType(primal.body());
    Var seed = returns.isArray() ? new Var("seed", Type.DOUBLE_ARRAY) : null;
    if (seed != null) {
      params.add(seed);
    }
    // Known before the first return is swept: a constant array returned early still needs the adjoint the seed fills.
    Stmts.walk(primal.body(), s -> resultActive |= s instanceof Stmt.Return r && activity.isActive(r.values().get(0)));
    List<Stmt> body = new ArrayList<>();
    Var mark = new Var("mark", Type.INT);
    Origin origin = primal.body().get(0).origin();
    for (Var p : primal.params()) {
      if (p.type().isArray() && !activeParams.contains(p) && isActive(p)) {
        // A constant array the function stores active values into: its adjoint starts at zero, like a new array's.
        body.add(new Stmt.Assign(adjointVar(p), new Expr.ZerosLike(new Expr.Ref(p)), origin));
      }
    }
    Origin last = lastOrigin(primal.body()).asAdjoint();
    if (structured) {
      Sweeps sweeps = mirror(primal.body(), false);
      List<Stmt> seeding = new ArrayList<>();
      seed(seeding, seed, last);
      body.addAll(LoopFusion.apply(sweeps.forward(), seeding, sweeps.backward()));
      return finish(primal, params, activeParams, body, last);
    }
    if (!straightLine) {
      body.add(new Stmt.Assign(mark, new Expr.TapeSize(), origin));
    }
    List<Stmt> forward = forward(primal.body(), true);
    body.add(exits ? new Stmt.Block(FORWARD, forward, origin) : new Stmt.Block(null, forward, origin));
    seed(body, seed, last);
    if (straightLine) {
      body.addAll(backward(segments.isEmpty() ? List.of() : segments.get(0)));
    } else {
      body.add(dispatch(mark, last));
    }
    return finish(primal, params, activeParams, body, last);
  }

  private Function finish(Function primal, List<Var> params, List<Var> activeParams, List<Stmt> body, Origin last) {
    List<Expr> values = new ArrayList<>();
    values.add(result == null ? ZERO : new Expr.Ref(result));
    for (Var p : activeParams) {
      values.add(p.type().isArray() ? new Expr.Ref(adjointVar(p)) : finalAdjoint(p, body, last));
    }
    body.add(new Stmt.Return(values, last));
    return new Function(primal.name(), params, flatten(body));
  }

  // ---- structured sweeps: control flow without jumps ----

  /** The forward sweep of a statement list and the backward sweep that mirrors it. */
  private record Sweeps(List<Stmt> forward, List<Stmt> backward) {}

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
        Stmt.Assign assign = returned(r);
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
    List<Stmt> recompute = nested ? recomputable(run) : List.of();
    for (Stmt stmt : run) {
      record(stmt, forward);
    }
    List<Stmt> prologue = neededRecomputation(recompute);
    List<Stmt> reverse = backward(run);
    if (prologue.isEmpty() || reverse.isEmpty()) {
      return reverse;
    }
    List<Stmt> out = new ArrayList<>(prologue);
    out.addAll(reverse);
    return out;
  }

  /**
   * The assignments of a run whose value can be computed again at the start of its reverse: a variable of the run
   * alone, from values that are then what they were (constants, unchanged parameters and arrays, variables the tape
   * restores, and the run's earlier recomputable variables), none of which the rest of the run assigns.
   */
  private List<Stmt> recomputable(List<Stmt> run) {
    List<Stmt> out = new ArrayList<>();
    java.util.Set<Var> available = new java.util.HashSet<>();
    for (int i = 0; i < run.size(); i++) {
      boolean scalar = run.get(i) instanceof Stmt.Assign a0 && !a0.target().type().isArray()
          && a0.target().type() != Type.OBJECT;
      if (!scalar || !(run.get(i) instanceof Stmt.Assign a) || !segmentLocal.contains(a.target())
          || a.value() instanceof Expr.TapePop) {
        continue;
      }
      java.util.Set<Var> later = new java.util.HashSet<>();
      run.subList(i + 1, run.size()).forEach(s -> later.add(Stmts.target(s)));
      java.util.Set<Var> reads = new java.util.HashSet<>();
      Exprs.collectReads(a.value(), reads);
      if (reads.stream().allMatch(v -> !later.contains(v) && (available.contains(v) || atHand(v)))) {
        out.add(a);
        available.add(a.target());
        recomputed.add(a.target());
      }
    }
    return out;
  }

  /** Whether the backward sweep finds this variable with the value the forward sweep gave it. */
  private boolean atHand(Var v) {
    if (v.type().isArray()) {
      return !assigned.contains(v) && !storedArrays.contains(v);
    }
    return !overwrites.isReassigned(v) || (isRecorded(v) && !unread.isPartlyUnsaved(v));
  }

  /** The recomputations a run's reverse needs: those of needed variables, and what they are computed from. */
  private List<Stmt> neededRecomputation(List<Stmt> recompute) {
    java.util.Set<Var> wanted = new java.util.HashSet<>();
    List<Stmt> out = new ArrayList<>();
    for (int i = recompute.size() - 1; i >= 0; i--) {
      Stmt.Assign a = (Stmt.Assign) recompute.get(i);
      if (needed.isNeeded(a.target()) || wanted.contains(a.target())) {
        out.add(0, new Stmt.Assign(a.target(), a.value(), a.origin().asAdjoint()));
        Exprs.collectReads(a.value(), wanted);
      }
    }
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
    reversed.add(List.of(new Stmt.If(new Expr.TapePop(Type.BOOLEAN), then.backward(), otherwise.backward(),
        i.origin().asAdjoint())));
  }

  private void mirrorLoop(Stmt.Loop l, boolean nested, List<Stmt> forward, List<List<Stmt>> reversed) {
    Sweeps body = pointAgain(l, mirror(l.body(), true));
    Sweeps update = mirror(l.update(), true);
    if (body.backward().isEmpty() && update.backward().isEmpty()) {
      forward.add(new Stmt.Loop(l.label(), l.condition(), body.forward(), update.forward(), l.testFirst(),
          l.origin()));
      return;
    }
    Origin origin = l.origin();
    Origin back = origin.asAdjoint();
    Expr one = Expr.Literal.ofIntegral(Type.INT, 1);
    Var counter = Stmts.countedBy(l);
    Expr start = counter == null ? null : starts.get(counter);
    Expr limit = counter == null ? null : limits.get(counter);
    if (limit != null) {
      // for (i = a; i < b; i++) ran max(b - a, 0) times and left i at max(a, b): nothing to count or save.
      forward.add(new Stmt.Loop(l.label(), l.condition(), body.forward(), update.forward(), l.testFirst(), origin));
      Stmt from = new Stmt.Assign(counter,
          new Expr.Select(new Expr.Binary(BinaryOp.GT, start, limit), start, limit), back);
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
      // for (i = a; ...; i++): run i back down to a, so that the JIT sees i as the loop's own induction variable and
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
        new Stmt.Loop(l.label() + "_reversed", new Expr.Binary(BinaryOp.GT, new Expr.Ref(k),
            Expr.Literal.ofIntegral(Type.INT, 0)), iteration,
            List.of(new Stmt.Assign(k, new Expr.Binary(BinaryOp.SUB, new Expr.Ref(k), one), back)), true, back)));
  }

  /**
   * A reversed iteration starts by pointing the body's row aliases again ({@code w = w1[j]; dw = dw1[j]}) and filling
   * again the arrays the body fills from unchanging inputs ({@code centred[j] = x[..] - means[..]}).
   */
  private Sweeps pointAgain(Stmt.Loop l, Sweeps body) {
    List<Stmt.Assign> aliases = rowAliases.pointedAgain(l);
    List<Stmt> fills = refilled.filledAgain(l);
    if ((aliases.isEmpty() && fills.isEmpty()) || body.backward().isEmpty()) {
      return body;
    }
    List<Stmt> backward = new ArrayList<>();
    for (Stmt.Assign a : aliases) {
      Origin back = a.origin().asAdjoint();
      backward.add(new Stmt.Assign(a.target(), a.value(), back));
      if (isActive(a.target())) {
        backward.add(new Stmt.Assign(adjointVar(a.target()), adjointArray(a), back));
      }
    }
    for (Stmt fill : fills) {
      // The forward code again, under its own line comments.
      backward.add(fill instanceof Stmt.Loop loop
          ? new Stmt.Loop(loop.label() + "_again", loop.condition(), loop.body(), loop.update(), true, loop.origin())
          : fill);
    }
    backward.addAll(body.backward());
    return new Sweeps(body.forward(), backward);
  }

  /** {@code while (i > bound) { i--; body }}. */
  private static Stmt countDown(Stmt.Loop l, Var counter, Expr bound, List<Stmt> body, Origin back) {
    Expr i = new Expr.Ref(counter);
    Stmt down = new Stmt.Assign(counter, new Expr.Binary(BinaryOp.SUB, i, Expr.Literal.ofIntegral(Type.INT, 1)),
        back);
    return new Stmt.Loop(l.label() + "_reversed", new Expr.Binary(BinaryOp.GT, i, bound), withFirst(down, body),
        List.of(), true, back);
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
      forward.add(new Stmt.Switch(s.label(), s.selector(), s.cases().stream()
          .map(c -> new Stmt.Case(c.labels(), cases.get(s.cases().indexOf(c)).forward())).toList(), s.origin()));
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
    reversed.add(List.of(new Stmt.Switch(s.label() + "_reversed", new Expr.TapePop(Type.INT), backwardCases,
        s.origin().asAdjoint())));
  }

  /**
   * For {@code i = i + c} on an integer, {@code i - c}: the old value comes back by arithmetic, with no tape (integer
   * arithmetic wraps around exactly). Null for other assignments.
   */
  private static Expr inverse(Stmt.Assign a) {
    boolean integer = a.target().type() == Type.INT || a.target().type() == Type.LONG;
    if (integer && a.value() instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left() instanceof Expr.Ref r && r.var() == a.target() && b.right() instanceof Expr.Literal) {
      return new Expr.Binary(b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD, b.left(), b.right());
    }
    return null;
  }

  /** Whether the body jumps: a break or continue, or a return before its end. */
  private static boolean hasJumps(List<Stmt> body) {
    boolean[] found = {false};
    for (int i = 0; i < body.size(); i++) {
      Stmt stmt = body.get(i);
      found[0] |= stmt instanceof Stmt.Return && i < body.size() - 1;
      for (List<Stmt> nested : Stmts.children(stmt)) {
        Stmts.walk(nested, s -> found[0] |= s instanceof Stmt.Break || s instanceof Stmt.Continue
            || s instanceof Stmt.Return);
      }
      found[0] |= stmt instanceof Stmt.Break || stmt instanceof Stmt.Continue;
    }
    return found[0];
  }

  // ---- forward sweep ----

  /** The forward sweep of a statement list, closing a segment before each control statement and at the end. */
  private List<Stmt> forward(List<Stmt> body, boolean top) {
    List<Stmt> out = new ArrayList<>();
    List<Stmt> run = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt stmt = body.get(i);
      if (stmt instanceof Stmt.Assign || stmt instanceof Stmt.Store) {
        run.add(stmt);
        record(stmt, out);
      } else if (stmt instanceof Stmt.Return r) {
        Stmt.Assign assign = returned(r);
        if (assign != null) {
          run.add(assign);
          record(assign, out);
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

  /** {@code return e} assigns the result variable, which the seed starts from. */
  private Stmt.Assign returned(Stmt.Return r) {
    Expr value = r.values().get(0);
    // The returned variable itself, unless the backward sweep restores it to an older value.
    if (value instanceof Expr.Ref ref && result == null
        && (straightLine || (structured && !value.type().isArray() && !isRecorded(ref.var())))) {
      result = ref.var();
      resultActive |= activity.isActive(value);
      return null;
    }
    if (result == null) {
      result = new Var("value", value.type());
    }
    resultActive |= activity.isActive(value);
    // The backward sweep restores overwritten elements: the caller gets a copy of the array as it was returned.
    Expr returned = value.type().isArray() ? new Expr.ArrayCopy(value) : value;
    return new Stmt.Assign(result, returned, r.origin());
  }

  /** The statement, preceded by saving what it overwrites when the backward sweep needs it back. */
  private void record(Stmt stmt, List<Stmt> out) {
    if (stmt instanceof Stmt.Assign a) {
      Var target = a.target();
      boolean array = target.type().isArray();
      if (array ? isRecordedArray(target) : restores(a) && inverse(a) == null) {
        out.add(new Stmt.Push(new Expr.Ref(target), a.origin()));
        if (array && isActive(target)) {
          out.add(new Stmt.Push(new Expr.Ref(adjointVar(target)), a.origin()));
        }
      }
      out.add(a);
      if (array && isActive(target)) {
        out.add(new Stmt.Assign(adjointVar(target), adjointArray(a), a.origin()));
      }
    } else {
      Stmt.Store s = (Stmt.Store) stmt;
      if (saves(s)) {
        out.add(new Stmt.Push(new Expr.ArrayRead(s.array(), s.index()), s.origin()));
      }
      out.add(s);
    }
  }

  /**
   * The adjoint of a new array is a new array of zeros; the adjoint of an alias is the alias of the adjoint; the
   * adjoint of a matrix made of rows is made of the rows' adjoints.
   */
  private Expr adjointArray(Stmt.Assign a) {
    if (a.value() instanceof Expr.ArrayLiteral rows && rows.type() == Type.DOUBLE_MATRIX) {
      return new Expr.ArrayLiteral(Type.DOUBLE_MATRIX, rows.elements().stream()
          .map(row -> Exprs.base(row) != null && isActive(Exprs.base(row))
              ? Exprs.rebase(row, adjointVar(Exprs.base(row)))
              : new Expr.ZerosLike(row))
          .toList());
    }
    Expr source = a.value() instanceof Expr.ArrayCopy copy ? copy.array() : a.value();
    Var alias = Exprs.base(source);
    if (alias != null && activity.isActive(alias)) {
      // An alias of an array, or a row of a matrix: the same path through the adjoint.
      return Exprs.rebase(source, adjointVar(alias));
    }
    return new Expr.ZerosLike(new Expr.Ref(a.target()));
  }

  /**
   * Ends a segment: if its reverse does anything, remember it and push its number for the backward sweep. Straight
   * -line code is one segment, reversed at the end, once the seed is known.
   */
  private void close(List<Stmt> run, List<Stmt> out) {
    if (run.stream().noneMatch(this::hasAdjoint)) {
      return;
    }
    if (straightLine) {
      segments.add(run);
      return;
    }
    List<Stmt> reverse = backward(run);
    if (reverse.isEmpty()) {
      return;
    }
    int id = segments.size();
    segments.add(reverse);
    out.add(new Stmt.Push(Expr.Literal.ofIntegral(Type.INT, id), run.get(run.size() - 1).origin()));
  }

  private boolean hasAdjoint(Stmt stmt) {
    Var target = Stmts.target(stmt);
    if (stmt instanceof Stmt.Store) {
      return isRecordedElement(target) || isActive(target);
    }
    if (target.type().isArray()) {
      return isRecordedArray(target) || (stmt instanceof Stmt.Assign a && a.value() instanceof Expr.ArrayLiteral
          && target.type() == Type.DOUBLE_ARRAY && isActive(target));
    }
    return isRecorded(target) || isActive(target);
  }

  /** Whether the forward sweep saves the old value of this scalar variable before writing it. */
  private boolean isRecorded(Var v) {
    return !straightLine && needed.isNeeded(v) && overwrites.isReassigned(v) && !recomputed.contains(v);
  }

  /** Whether the backward sweep gives a scalar variable back the value this assignment overwrote. */
  private boolean restores(Stmt.Assign a) {
    return isRecorded(a.target()) && !overwrites.isFirstDefinition(a) && !counterInits.contains(a)
        && !unread.isUnread(a);
  }

  /**
   * Finds the counters of {@code for (i = start; ...; i++)} that the reversed loop can restart (see {@link #starts}):
   * read nowhere outside their loop, assigned nowhere else, with a start (and for {@link #limits}, a limit) made of
   * values the backward sweep has at hand when it reverses the loop.
   *
   * @param enclosing the counters of the loops around {@code list}, which the reversed loops run back down
   */
  private void findRestartableCounters(List<Stmt> list, List<Stmt> function, java.util.Set<Var> enclosing) {
    for (int i = 0; i < list.size(); i++) {
      java.util.Set<Var> inner = enclosing;
      if (i + 1 < list.size() && list.get(i) instanceof Stmt.Assign init && list.get(i + 1) instanceof Stmt.Loop l
          && Stmts.countedBy(l) == init.target()) {
        Var counter = init.target();
        int[] assignments = {0};
        Stmts.walk(function, s -> assignments[0] += s instanceof Stmt.Assign a && a.target() == counter ? 1 : 0);
        if (assignments[0] == 2 && !Stmts.readsOutside(function, l, counter)
            && atHandInReverse(init.value(), enclosing)) {
          starts.put(counter, init.value());
          counterInits.add(init);
          if (l.condition() instanceof Expr.Binary c && c.op() == BinaryOp.LT && c.left() instanceof Expr.Ref r
              && r.var() == counter && atHandInReverse(c.right(), enclosing) && !assignsAny(l.body(), c.right())) {
            limits.put(counter, c.right());
          }
        }
      }
      if (list.get(i) instanceof Stmt.Loop l && Stmts.countedBy(l) != null) {
        inner = new java.util.HashSet<>(enclosing);
        inner.add(Stmts.countedBy(l));
        for (Stmt.Assign alias : rowAliases.pointedAgain(l)) {
          inner.add(alias.target());
        }
      }
      for (List<Stmt> nested : Stmts.children(list.get(i))) {
        findRestartableCounters(nested, function, inner);
      }
    }
  }

  /**
   * Whether an integer expression has, where the backward sweep reverses a loop, the value it had where the forward
   * sweep started it: it reads only constants, variables assigned at most once outside loops, and the counters and
   * row aliases of enclosing loops, which the reversed loops give back their values.
   */
  private boolean atHandInReverse(Expr e, java.util.Set<Var> enclosing) {
    java.util.Set<Var> reads = new java.util.HashSet<>();
    Exprs.collectReads(e, reads);
    return e.type() == Type.INT && isPure(e)
        && reads.stream().allMatch(v -> !overwrites.isReassigned(v) || enclosing.contains(v));
  }

  /** Arithmetic on variables, literals and array lengths only: computing it again gives the same value. */
  private static boolean isPure(Expr e) {
    if (e instanceof Expr.Ref || e instanceof Expr.Literal) {
      return true;
    }
    if (e instanceof Expr.ArrayLength length) {
      return isPure(length.array());
    }
    return e instanceof Expr.Binary b && b.op().isArithmetic() && isPure(b.left()) && isPure(b.right());
  }

  private static boolean assignsAny(List<Stmt> body, Expr e) {
    boolean[] found = {false};
    Stmts.walk(body, s -> found[0] |= Stmts.target(s) != null && Exprs.reads(e, Stmts.target(s)));
    return found[0];
  }

  /** Whether the forward sweep saves the old value of an element of this array before writing it. */
  private boolean isRecordedElement(Var array) {
    return !straightLine && needed.isNeeded(array) && overwrites.isStoredInto(array);
  }

  /** Whether the forward sweep saves the element a store overwrites. */
  private boolean saves(Stmt.Store s) {
    return isRecordedElement(s.base()) && !rewritten.isUnsaved(s) && !(structured && refilled.isFilledAgain(s));
  }

  /** Whether the forward sweep saves the array (and its adjoint) a variable points at before pointing it elsewhere. */
  private boolean isRecordedArray(Var array) {
    return !straightLine && overwrites.isReassigned(array) && (needed.isNeeded(array) || isActive(array))
        && !invariantAliases.contains(array) && !(structured && rowAliases.isAlias(array));
  }

  private boolean isActive(Var v) {
    return activity.isActive(v) || (v == result && resultActive);
  }

  private boolean hasRecordedStore(Function primal) {
    boolean[] found = {false};
    Stmts.walk(primal.body(), s -> found[0] |= s instanceof Stmt.Store store && needed.isNeeded(store.base()));
    return found[0];
  }

  // ---- backward sweep ----

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

  /** The result's adjoint starts at 1, or at the caller's seed for a function returning an array. */
  private void seed(List<Stmt> body, Var seed, Origin origin) {
    if (result == null || !isActive(result)) {
      return;
    }
    if (seed == null) {
      if (straightLine) {
        held.put(result, ONE);
      } else {
        body.add(new Stmt.Assign(adjointVar(result), ONE, origin));
      }
      return;
    }
    body.add(new Stmt.RequireSameLength(seed, result, origin));
    Var k = new Var("k", Type.INT);
    Expr kRef = new Expr.Ref(k);
    body.add(new Stmt.Assign(k, Expr.Literal.ofIntegral(Type.INT, 0), origin));
    Stmt copy = new Stmt.Store(new Expr.Ref(adjointVar(result)), kRef, new Expr.ArrayRead(new Expr.Ref(seed), kRef),
        origin);
    Stmt next = new Stmt.Assign(k, new Expr.Binary(BinaryOp.ADD, kRef, Expr.Literal.ofIntegral(Type.INT, 1)),
        origin);
    body.add(new Stmt.Loop("seed", new Expr.Binary(BinaryOp.LT, kRef, new Expr.ArrayLength(new Expr.Ref(seed))),
        List.of(copy), List.of(next), true, origin));
  }

  private List<Stmt> backward(List<Stmt> segment) {
    List<Stmt> out = new ArrayList<>();
    for (int i = segment.size() - 1; i >= 0; i--) {
      Stmt stmt = segment.get(i);
      Origin origin = stmt.origin().asAdjoint();
      Expr increment = i > 0 ? increment(segment, i) : null;
      if (increment != null) {
        Stmt.Store s = (Stmt.Store) stmt;
        if (saves(s)) {
          out.add(new Stmt.Store(s.array(), s.index(), new Expr.TapePop(s.array().type().element()), origin));
        }
        if (isActive(s.base())) {
          // a[i] += e: a[i]'s adjoint carries over to the old a[i]; only e's grows.
          Expr path = Exprs.rebase(s.array(), adjointVar(s.base()));
          Expr adjoint = new Expr.ArrayRead(path, s.index());
          boolean plus = ((Expr.Binary) ((Stmt.Assign) segment.get(i - 1)).value()).op() == BinaryOp.ADD;
          contribute(increment, plus ? adjoint : neg(adjoint), origin, out);
        }
        i--;
      } else if (stmt instanceof Stmt.Assign a) {
        reverse(a, origin, out);
      } else {
        reverse((Stmt.Store) stmt, origin, out);
      }
    }
    return Accumulations.merge(out, aliasedAdjoints());
  }

  /**
   * For {@code t = a[i] + e; a[i] = t} at {@code segment[k - 1..k]}, with t read nowhere else, the e: the pair is an
   * increment of a[i] and is reversed as one. Null otherwise.
   */
  private Expr increment(List<Stmt> segment, int k) {
    if (!(segment.get(k) instanceof Stmt.Store s) || !(s.value() instanceof Expr.Ref t)
        || !(segment.get(k - 1) instanceof Stmt.Assign a) || a.target() != t.var() || !isHeld(t.var())
        || !(a.value() instanceof Expr.Binary b) || (b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB)
        || !b.left().equals(new Expr.ArrayRead(s.array(), s.index())) || Exprs.reads(b.right(), s.base())) {
      return null;
    }
    for (int j = k + 1; j < segment.size(); j++) {
      if (Stmts.expressions(segment.get(j)).stream().anyMatch(e -> Exprs.reads(e, t.var()))) {
        return null;
      }
    }
    return b.right();
  }

  private void reverse(Stmt.Assign a, Origin origin, List<Stmt> out) {
    Var v = a.target();
    if (v.type().isArray()) {
      if (a.value() instanceof Expr.ArrayLiteral literal && v.type() == Type.DOUBLE_ARRAY && isActive(v)) {
        // a = {x, y}: each element's adjoint flows back to the expression it came from.
        for (int k = 0; k < literal.elements().size(); k++) {
          Expr index = Expr.Literal.ofIntegral(Type.INT, k);
          contribute(literal.elements().get(k), new Expr.ArrayRead(new Expr.Ref(adjointVar(v)), index), origin, out);
        }
      }
      if (isRecordedArray(v)) {
        // Back to the arrays of the previous iteration, in the reverse of the order they were saved.
        if (isActive(v)) {
          out.add(new Stmt.Assign(adjointVar(v), new Expr.TapePop(v.type()), origin));
        }
        out.add(new Stmt.Assign(v, new Expr.TapePop(v.type()), origin));
      }
      return;
    }
    Expr value = a.value();
    boolean active = isActive(v) && activity.isActive(value);
    Expr resultValue = new Expr.Ref(v);
    boolean first = overwrites.isFirstDefinition(a);
    if (restores(a)) {
      if (active && usesResult(value, v)) {
        Var saved = new Var("r#", v.type());
        out.add(new Stmt.Assign(saved, resultValue, origin));
        resultValue = new Expr.Ref(saved);
      }
      Expr inverse = inverse(a);
      out.add(new Stmt.Assign(v, inverse != null ? inverse : new Expr.TapePop(v.type()), origin));
    }
    if (!active) {
      if (isActive(v) && !isHeld(v) && overwrites.isReassigned(v) && !first) {
        // v = constant: the value before it receives none of v's adjoint.
        out.add(new Stmt.Assign(adjointVar(v), ZERO, origin));
      }
      return;
    }
    if (isHeld(v)) {
      Expr adjoint = held.get(v);
      if (adjoint != null) {
        propagate(value, resultValue, adjoint, origin, out);
      }
      return;
    }
    Var dv = adjointVar(v);
    Expr g = new Expr.Ref(dv);
    if (value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left() instanceof Expr.Ref left && left.var() == v && !Exprs.reads(b.right(), v)) {
      // s = s + e: s's adjoint carries over to the old s; only e's grows.
      contribute(b.right(), b.op() == BinaryOp.ADD ? g : neg(g), origin, out);
      return;
    }
    if (Exprs.reads(value, v)) {
      Var saved = new Var("g#", Type.DOUBLE);
      out.add(new Stmt.Assign(saved, g, origin));
      g = new Expr.Ref(saved);
      out.add(new Stmt.Assign(dv, ZERO, origin));
      propagate(value, resultValue, g, origin, out);
      return;
    }
    propagate(value, resultValue, g, origin, out);
    if (overwrites.isReassigned(v) && !first) {
      out.add(new Stmt.Assign(dv, ZERO, origin));
    }
  }

  private void reverse(Stmt.Store s, Origin origin, List<Stmt> out) {
    Var array = s.base();
    if (saves(s)) {
      out.add(new Stmt.Store(s.array(), s.index(), new Expr.TapePop(s.array().type().element()), origin));
    }
    if (!isActive(array)) {
      return;
    }
    Expr path = Exprs.rebase(s.array(), adjointVar(array));
    Expr adjoint = new Expr.ArrayRead(path, s.index());
    if (s.value() instanceof Expr.ArrayRead) {
      // a[j] = b[k], where b may be a and k may be j: the adjoint is taken before it is cleared, and added after.
      Var taken = new Var("dcopied", Type.DOUBLE);
      out.add(new Stmt.Assign(taken, adjoint, origin));
      out.add(new Stmt.Store(path, s.index(), ZERO, origin));
      contribute(s.value(), new Expr.Ref(taken), origin, out);
      return;
    }
    contribute(s.value(), adjoint, origin, out);
    out.add(new Stmt.Store(path, s.index(), ZERO, origin));
  }

  /** Adds {@code adjoint} times each partial of {@code value} to the adjoints of its arguments. */
  private void propagate(Expr value, Expr resultValue, Expr adjoint, Origin origin, List<Stmt> out) {
    if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead) {
      contribute(value, adjoint, origin, out);
      return;
    }
    List<Expr> args = DerivativeRules.arguments(value);
    List<Expr> partials = DerivativeRules.partials(value, resultValue);
    for (int i = 0; i < args.size(); i++) {
      // x * x: one contribution of the summed partials, not one per occurrence.
      Expr partial = partials.get(i);
      boolean seen = false;
      for (int j = 0; j < args.size(); j++) {
        if (args.get(j).equals(args.get(i))) {
          seen |= j < i;
          partial = j == i ? partial : add(partial, partials.get(j));
        }
      }
      if (!seen) {
        contribute(args.get(i), mul(adjoint, partial), origin, out);
      }
    }
  }

  /** adjoint(atom) += contribution. */
  private void contribute(Expr atom, Expr contribution, Origin origin, List<Stmt> out) {
    if (contribution.equals(ZERO) || !activity.isActive(atom)) {
      return;
    }
    if (atom instanceof Expr.ArrayRead r && Exprs.base(r) != null) {
      Expr path = Exprs.rebase(r.array(), adjointVar(Exprs.base(r)));
      out.add(new Stmt.Store(path, r.index(), add(new Expr.ArrayRead(path, r.index()), contribution), origin));
    } else if (atom instanceof Expr.Ref r) {
      if (isHeld(r.var())) {
        hold(r.var(), contribution, origin, out);
      } else {
        Var dv = adjointVar(r.var());
        out.add(new Stmt.Assign(dv, add(new Expr.Ref(dv), contribution), origin));
      }
    }
  }

  /** Straight-line code: the adjoint stays an expression until it needs a variable of its own. */
  private void hold(Var v, Expr contribution, Origin origin, List<Stmt> out) {
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
      own = adjointVar(v);
      owned.put(v, own);
      out.add(new Stmt.Assign(own, existing == null ? contribution : add(existing, contribution), origin));
    } else {
      out.add(new Stmt.Assign(own, add(new Expr.Ref(own), contribution), origin));
    }
    held.put(v, new Expr.Ref(own));
  }

  /** A scalar parameter's adjoint, in a variable named after it, so the code reads {@code dx} rather than dt3. */
  private Expr finalAdjoint(Var param, List<Stmt> body, Origin origin) {
    if (!straightLine) {
      return new Expr.Ref(adjointVar(param));
    }
    Expr adjoint = held.get(param);
    if (adjoint == null || owned.containsKey(param)) {
      return adjoint == null ? ZERO : adjoint;
    }
    Var own = adjointVar(param);
    body.add(new Stmt.Assign(own, adjoint, origin));
    return new Expr.Ref(own);
  }

  /**
   * Whether a variable's adjoint is held as an expression rather than accumulated in a variable: everywhere in
   * straight-line code, and for variables that live inside one segment (assigned once there, before any use, and not
   * mentioned anywhere else), whose adjoint is complete within one run of that segment's reverse.
   */
  private boolean isHeld(Var v) {
    return straightLine || segmentLocal.contains(v);
  }

  /** The adjoint arrays that may share elements with another: those of arrays aliasing, or aliased by, another. */
  private java.util.Set<Var> aliasedAdjoints() {
    java.util.Set<Var> out = new java.util.HashSet<>();
    for (Var v : aliasedArrays) {
      out.add(adjointVar(v));
    }
    return out;
  }

  private Var adjointVar(Var v) {
    return adjointVars.computeIfAbsent(v, base -> Var.derived(base, "d%s"));
  }

  private static boolean usesResult(Expr value, Var v) {
    if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead) {
      return false;
    }
    return DerivativeRules.partials(value, new Expr.Ref(v)).stream().anyMatch(p -> Exprs.reads(p, v));
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
