package io.github.autodiff4j.processor.simplify;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes assignments to variables that nothing reads: the primal value inside a Hessian-vector product, tangents of
 * values that no result depends on. Expressions have no side effects, so this is safe; assignments that pop the tape
 * stay, since the pops must mirror the pushes.
 */
public final class DeadCode {
  private DeadCode() {}

  /** The function with its return statements keeping only the values at {@code kept}, and only the code they need. */
  public static Function keepResults(Function function, List<Integer> kept) {
    List<Stmt> body = Stmts.mapReturns(function.body(),
        r -> new Stmt.Return(kept.stream().map(r.values()::get).toList(), r.origin()));
    boolean changed = true;
    while (changed) {
      Set<Var> read = reads(body);
      List<Stmt> pruned = prune(body, read);
      changed = !pruned.equals(body);
      body = pruned;
    }
    return new Function(function.name(), function.params(), body);
  }

  private static Set<Var> reads(List<Stmt> body) {
    Set<Var> read = new HashSet<>();
    Stmts.walk(body, stmt -> {
      // Stores are kept, and name their array: through an alias, a write may be read elsewhere.
      for (Expr e : Stmts.expressions(stmt)) {
        Exprs.collectReads(e, read);
      }
    });
    return read;
  }

  private static List<Stmt> prune(List<Stmt> body, Set<Var> read) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : body) {
      boolean pops = stmt instanceof Stmt.Assign a && Exprs.anyNode(a.value(), Expr.TapePop.class::isInstance);
      if (stmt instanceof Stmt.Assign a && !read.contains(a.target()) && !pops) {
        continue;
      }
      out.add(Stmts.mapChildren(stmt, nested -> prune(nested, read)));
    }
    return out;
  }

}
