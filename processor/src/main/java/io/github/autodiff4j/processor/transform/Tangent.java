package io.github.autodiff4j.processor.transform;

import static io.github.autodiff4j.processor.simplify.Algebra.ZERO;
import static io.github.autodiff4j.processor.simplify.Algebra.add;
import static io.github.autodiff4j.processor.simplify.Algebra.mul;
import static io.github.autodiff4j.processor.simplify.Algebra.select;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode as an IR pass: each active assignment {@code t = f(a, b)} is followed by {@code dt = f_a * da + f_b *
 * db}. Every active parameter gains a tangent parameter right after it; the result list becomes the original results
 * followed by their tangents.
 *
 * <p>Applied to a three-address function. Applied to the (normalised) adjoint of a function, it gives the tangent of
 * the gradient: Hessian-vector products.
 */
public final class Tangent {
  private final Activity activity;
  private final String pattern;
  private final Map<Var, Var> tangents = new HashMap<>();

  private Tangent(Activity activity, String pattern) {
    this.activity = activity;
    this.pattern = pattern;
  }

  /**
   * @param activeParams the parameters that get a tangent parameter
   * @param pattern how a tangent is named after its variable: "d%s" or "%s_dot"
   */
  public static Function apply(Function function, Set<Var> activeParams, Activity activity, String pattern) {
    return new Tangent(activity, pattern).run(function, activeParams);
  }

  private Function run(Function function, Set<Var> activeParams) {
    List<Var> params = new ArrayList<>();
    for (Var p : function.params()) {
      params.add(p);
      if (activeParams.contains(p)) {
        params.add(tangentVar(p));
      }
    }
    List<Stmt> body = new ArrayList<>();
    for (Stmt stmt : function.body()) {
      Stmt.Assign a = (Stmt.Assign) stmt;
      body.add(a);
      if (activity.isActive(a.target())) {
        Expr derivative = derivative(a.value(), new Expr.Ref(a.target()));
        body.add(new Stmt.Assign(tangentVar(a.target()), derivative, a.origin()));
      }
    }
    List<Expr> results = new ArrayList<>(function.results());
    for (Expr r : function.results()) {
      results.add(tangent(r));
    }
    return new Function(function.name(), params, body, results);
  }

  /** The tangent of {@code value}, an operation over atoms whose result is held in {@code result}. */
  private Expr derivative(Expr value, Expr result) {
    if (value instanceof Expr.Ref || !activity.isActive(value)) {
      return tangent(value);
    }
    if (value instanceof Expr.Select s) {
      return select(s.condition(), tangent(s.ifTrue()), tangent(s.ifFalse()));
    }
    List<Expr> args = arguments(value);
    List<Expr> partials = DerivativeRules.partials(value, result);
    Expr sum = ZERO;
    for (int i = 0; i < args.size(); i++) {
      Expr t = tangent(args.get(i));
      if (t != ZERO) {
        sum = add(sum, mul(partials.get(i), t));
      }
    }
    return sum;
  }

  private Expr tangent(Expr atom) {
    if (atom instanceof Expr.Ref r && activity.isActive(r.var())) {
      return new Expr.Ref(tangentVar(r.var()));
    }
    return ZERO;
  }

  private Var tangentVar(Var v) {
    return tangents.computeIfAbsent(v, base -> Var.derived(base, pattern));
  }

  static List<Expr> arguments(Expr op) {
    if (op instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (op instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    return ((Expr.MathCall) op).args();
  }
}
