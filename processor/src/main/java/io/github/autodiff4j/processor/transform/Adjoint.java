package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.simplify.Algebra.ONE;
import static io.github.autodiff4j.processor.simplify.Algebra.ZERO;
import static io.github.autodiff4j.processor.simplify.Algebra.add;
import static io.github.autodiff4j.processor.simplify.Algebra.mul;
import static io.github.autodiff4j.processor.simplify.Algebra.select;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse mode as an IR pass. The result is the function's own body (the forward sweep) followed by the backward
 * sweep, which visits the assignments in reverse and adds each result's adjoint, times the rule's partial, to the
 * adjoints of its arguments. Results: the value, then the adjoint of each active parameter.
 *
 * <p>The input is in single-assignment form, so every value the backward sweep needs is still in its variable: no tape.
 * An adjoint is held as an expression until a second contribution arrives, so a chain of single uses needs no
 * variables of its own and the seed 1.0 folds away.
 */
public final class Adjoint {
  private final Activity activity;
  private final Map<Var, Expr> adjoints = new HashMap<>();
  private final Map<Var, Var> owned = new HashMap<>();
  private final List<Stmt> out = new ArrayList<>();

  private Adjoint(Activity activity) {
    this.activity = activity;
  }

  /** The adjoint of a three-address function with a single result, seeded with 1. */
  public static Function apply(Function function, List<Var> activeParams, Activity activity) {
    return new Adjoint(activity).run(function, activeParams);
  }

  private Function run(Function function, List<Var> activeParams) {
    out.addAll(function.body());
    Expr result = function.results().get(0);
    if (result instanceof Expr.Ref r && activity.isActive(r.var())) {
      adjoints.put(r.var(), ONE);
    }
    List<Stmt> body = function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt.Assign a = (Stmt.Assign) body.get(i);
      Expr adjoint = adjoints.get(a.target());
      if (adjoint != null && activity.isActive(a.value())) {
        propagate(new Stmt.Assign(a.target(), a.value(), a.origin().asAdjoint()), adjoint);
      }
    }
    List<Expr> results = new ArrayList<>();
    results.add(result);
    for (Var p : activeParams) {
      results.add(named(p));
    }
    return new Function(function.name(), function.params(), out, results);
  }

  private void propagate(Stmt.Assign a, Expr adjoint) {
    Expr value = a.value();
    if (value instanceof Expr.Ref r) {
      contribute(r.var(), adjoint, a.origin());
    } else if (value instanceof Expr.Select s) {
      contribute(s.ifTrue(), select(s.condition(), adjoint, ZERO), a.origin());
      contribute(s.ifFalse(), select(s.condition(), ZERO, adjoint), a.origin());
    } else {
      List<Expr> args = Tangent.arguments(value);
      List<Expr> partials = DerivativeRules.partials(value, new Expr.Ref(a.target()));
      for (int i = 0; i < args.size(); i++) {
        contribute(args.get(i), mul(adjoint, partials.get(i)), a.origin());
      }
    }
  }

  private void contribute(Expr atom, Expr contribution, Origin origin) {
    if (atom instanceof Expr.Ref r && activity.isActive(r.var())) {
      contribute(r.var(), contribution, origin);
    }
  }

  /** adjoint(v) += contribution, creating v's adjoint variable only when it is needed. */
  private void contribute(Var v, Expr contribution, Origin origin) {
    if (contribution.equals(ZERO)) {
      return;
    }
    Expr existing = adjoints.get(v);
    if (existing == null && isAtom(contribution)) {
      adjoints.put(v, contribution);
      return;
    }
    Var own = owned.get(v);
    if (own == null) {
      own = Var.derived(v, "d%s");
      owned.put(v, own);
      out.add(new Stmt.Assign(own, existing == null ? contribution : add(existing, contribution), origin));
    } else {
      out.add(new Stmt.Assign(own, add(new Expr.Ref(own), contribution), origin));
    }
    adjoints.put(v, new Expr.Ref(own));
  }

  /** A parameter's adjoint in a variable named after it, so the generated code reads {@code dx} rather than {@code dt3}. */
  private Expr named(Var param) {
    Expr adjoint = adjoints.get(param);
    if (adjoint == null || owned.containsKey(param)) {
      return adjoint == null ? ZERO : adjoint;
    }
    Var own = Var.derived(param, "d%s");
    out.add(new Stmt.Assign(own, adjoint, out.get(out.size() - 1).origin()));
    return new Expr.Ref(own);
  }

  private static boolean isAtom(Expr e) {
    return e instanceof Expr.Ref || e instanceof Expr.Literal;
  }
}
