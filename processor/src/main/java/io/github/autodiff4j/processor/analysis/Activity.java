package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which variables depend on the active parameters (the "varied" half of activity analysis). Only active values need
 * derivative code; everything else is a constant to the transforms. Integer casts, comparisons and piecewise-constant
 * functions such as {@code floor} cut the dependence: their derivative is zero.
 */
public final class Activity {
  private final Set<Var> active;

  private Activity(Set<Var> active) {
    this.active = active;
  }

  public static Activity of(Function function, Collection<Var> activeParams) {
    Set<Var> active = new HashSet<>(activeParams);
    Activity activity = new Activity(active);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt stmt : function.body()) {
        if (stmt instanceof Stmt.Assign a && a.target().type() == Type.DOUBLE && !active.contains(a.target())
            && activity.isActive(a.value())) {
          active.add(a.target());
          changed = true;
        }
      }
    }
    return activity;
  }

  public boolean isActive(Var v) {
    return active.contains(v);
  }

  public boolean isActive(Expr e) {
    if (e instanceof Expr.Ref r) {
      return active.contains(r.var());
    }
    if (e instanceof Expr.Unary u) {
      return u.type() == Type.DOUBLE && isActive(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return b.type() == Type.DOUBLE && (isActive(b.left()) || isActive(b.right()));
    }
    if (e instanceof Expr.Cast c) {
      return c.type() == Type.DOUBLE && isActive(c.operand());
    }
    if (e instanceof Expr.MathCall m) {
      return !m.function().isPiecewiseConstant() && m.args().stream().anyMatch(this::isActive);
    }
    if (e instanceof Expr.Select s) {
      return s.type() == Type.DOUBLE && (isActive(s.ifTrue()) || isActive(s.ifFalse()));
    }
    if (e instanceof Expr.Invoke i) {
      return i.type() == Type.DOUBLE && i.args().stream().anyMatch(this::isActive);
    }
    return false;
  }
}
