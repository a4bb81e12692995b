package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.parse.CalleeLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * Replaces each call that needs differentiating (a call with active arguments) by the callee's body, so that the user
 * annotates only the entry point. Calls with constant arguments stay calls: their results are constants. Private
 * callees are inlined either way, since the generated companion could not call them.
 */
public final class Inliner {
  private final Context context;
  private final CalleeLoader loader;
  private final Deque<ExecutableElement> stack = new ArrayDeque<>();
  private boolean failed;

  public Inliner(Context context, CalleeLoader loader) {
    this.context = context;
    this.loader = loader;
  }

  /** The function with its calls inlined, or empty after reporting the calls that cannot be. */
  public Optional<Function> inline(Function function, ExecutableElement method, List<Var> activeParams) {
    failed = false;
    stack.push(method);
    List<Stmt> body = inlineBody(function, Activity.of(function, activeParams));
    stack.pop();
    return failed ? Optional.empty() : Optional.of(new Function(function.name(), function.params(), body,
        function.results()));
  }

  private List<Stmt> inlineBody(Function function, Activity activity) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : function.body()) {
      if (stmt instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), expr(a.value(), activity, out), a.origin()));
      } else {
        Stmt.Return r = (Stmt.Return) stmt;
        out.add(new Stmt.Return(expr(r.value(), activity, out), r.origin()));
      }
    }
    return out;
  }

  private Expr expr(Expr e, Activity activity, List<Stmt> out) {
    Expr rebuilt = Exprs.mapChildren(e, child -> expr(child, activity, out));
    if (!(rebuilt instanceof Expr.Invoke call)) {
      return rebuilt;
    }
    boolean active = activity.isActive(e);
    boolean hidden = call.method().getModifiers().contains(Modifier.PRIVATE);
    if (!active && !hidden) {
      return rebuilt;
    }
    if (!loader.hasSource(call.method())) {
      report(call.origin(), Message.OPAQUE_CALL, describe(call.method()));
      return rebuilt;
    }
    if (stack.contains(call.method())) {
      report(call.origin(), Message.RECURSION, call.method().getSimpleName(), chain(call.method()));
      return rebuilt;
    }
    Optional<Function> callee = loader.load(call.method());
    if (callee.isEmpty()) {
      failed = true;
      return rebuilt;
    }
    return splice(callee.get(), call, activity, out);
  }

  /** Appends the callee's body, with fresh variables, to {@code out}; returns the variable holding its result. */
  private Expr splice(Function callee, Expr.Invoke call, Activity callerActivity, List<Stmt> out) {
    Map<Var, Var> fresh = new HashMap<>();
    List<Var> activeParams = new ArrayList<>();
    for (int i = 0; i < callee.params().size(); i++) {
      Var param = callee.params().get(i);
      Var copy = new Var(param.name(), param.type());
      fresh.put(param, copy);
      out.add(new Stmt.Assign(copy, call.args().get(i), call.origin()));
      if (callerActivity.isActive(call.args().get(i))) {
        activeParams.add(param);
      }
    }
    Var result = new Var(call.method().getSimpleName().toString(), call.type());
    stack.push(call.method());
    List<Stmt> body = inlineBody(callee, Activity.of(callee, activeParams));
    stack.pop();
    String calleeName = call.method().getSimpleName().toString();
    for (Stmt stmt : body) {
      Origin origin = stmt.origin().inlinedFrom(calleeName);
      if (stmt instanceof Stmt.Assign a) {
        Var target = fresh.computeIfAbsent(a.target(), v -> new Var(v.name(), v.type()));
        out.add(new Stmt.Assign(target, rename(a.value(), fresh), origin));
      } else {
        out.add(new Stmt.Assign(result, rename(((Stmt.Return) stmt).value(), fresh), origin));
      }
    }
    return new Expr.Ref(result);
  }

  private static Expr rename(Expr e, Map<Var, Var> fresh) {
    return Exprs.substitute(e, v -> new Expr.Ref(fresh.computeIfAbsent(v, old -> new Var(old.name(), old.type()))));
  }

  private void report(Origin origin, Message message, Object... args) {
    failed = true;
    context.diagnostics().error(origin.path(), message, args);
  }

  private String chain(ExecutableElement target) {
    List<String> names = new ArrayList<>();
    for (ExecutableElement m : stack) {
      names.add(0, m.getSimpleName().toString());
      if (m.equals(target)) {
        break;
      }
    }
    names.add(target.getSimpleName().toString());
    return String.join(" -> ", names);
  }

  private static String describe(ExecutableElement method) {
    String params = method.getParameters().stream().map(p -> p.asType().toString())
        .collect(Collectors.joining(", "));
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(" + params + ")";
  }
}
