package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalises a straight-line function for the derivative transforms:
 * <ul>
 *   <li>three-address form: every active operation gets its own variable, so both transforms find each intermediate
 *       value they need (the argument of {@code sin} whose {@code cos} the adjoint needs) without recomputing it;</li>
 *   <li>single assignment: a reassigned variable becomes a new version, so the backward sweep still sees every value
 *       the forward sweep computed and straight-line code needs no tape;</li>
 *   <li>{@code return e} becomes an assignment of the result variable, named {@code resultName}.</li>
 * </ul>
 * Constant subexpressions stay whole: they need no derivative.
 */
public final class ThreeAddress {
  private final Activity activity;
  private final Map<Var, Var> current = new HashMap<>();
  private final Set<Var> assigned = new HashSet<>();
  private final List<Stmt> out = new ArrayList<>();
  private Origin origin;

  private ThreeAddress(Function function, Activity activity) {
    this.activity = activity;
    for (Var p : function.params()) {
      current.put(p, p);
      assigned.add(p);
    }
  }

  public static Function normalize(Function function, Activity activity, String resultName) {
    return new ThreeAddress(function, activity).run(function, resultName);
  }

  private Function run(Function function, String resultName) {
    List<Expr> results = new ArrayList<>();
    for (Stmt stmt : function.body()) {
      origin = stmt.origin();
      if (stmt instanceof Stmt.Assign a) {
        assign(a.target(), a.value());
      } else {
        Expr value = ((Stmt.Return) stmt).value();
        Var result = new Var(resultName, value.type());
        assign(result, value);
        results.add(new Expr.Ref(result));
      }
    }
    for (Expr r : function.results()) {
      results.add(renamed(r));
    }
    return new Function(function.name(), function.params(), out, results);
  }

  private void assign(Var target, Expr value) {
    Expr computed = activity.isActive(value) ? operation(value) : renamed(value);
    Var version = assigned.add(target) ? target : new Var(target.name(), target.type());
    out.add(new Stmt.Assign(version, computed, origin));
    current.put(target, version);
  }

  /** An active expression as one operation over atoms, the atoms' own operations appended to the output first. */
  private Expr operation(Expr e) {
    if (e instanceof Expr.Ref) {
      return renamed(e);
    }
    if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE && c.operand().type() == Type.DOUBLE) {
      return operation(c.operand());
    }
    if (e instanceof Expr.Select s) {
      return new Expr.Select(renamed(s.condition()), atom(s.ifTrue()), atom(s.ifFalse()));
    }
    return Exprs.mapChildren(e, this::atom);
  }

  /** A variable or a constant expression, so that derivative rules can refer to it freely. */
  private Expr atom(Expr e) {
    if (!activity.isActive(e)) {
      return renamed(e);
    }
    Expr op = operation(e);
    if (op instanceof Expr.Ref) {
      return op;
    }
    Var temp = new Var("t#", Type.DOUBLE);
    out.add(new Stmt.Assign(temp, op, origin));
    return new Expr.Ref(temp);
  }

  private Expr renamed(Expr e) {
    return Exprs.substitute(e, v -> new Expr.Ref(current.getOrDefault(v, v)));
  }
}
