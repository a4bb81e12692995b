package io.github.autodiff4j.processor.simplify;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes assignments whose value nothing reads: the primal value inside a Hessian-vector product, tangents of values
 * that no result depends on. Expressions have no side effects, so this is always safe.
 */
public final class DeadCode {
  private DeadCode() {}

  /** The function keeping only the given results, and only the code they need. */
  public static Function keepResults(Function function, List<Expr> results) {
    Set<Var> live = new HashSet<>();
    results.forEach(r -> Exprs.collectReads(r, live));
    List<Stmt> kept = new ArrayList<>();
    List<Stmt> body = function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt.Assign a = (Stmt.Assign) body.get(i);
      if (live.remove(a.target())) {
        kept.add(a);
        Exprs.collectReads(a.value(), live);
      }
    }
    Collections.reverse(kept);
    return new Function(function.name(), function.params(), kept, results);
  }
}
