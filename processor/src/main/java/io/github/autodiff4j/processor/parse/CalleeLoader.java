package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Reads the methods that differentiable code calls, each once per round, so that a helper called from many places is
 * parsed (and its errors reported) only once.
 */
public final class CalleeLoader {
  private final Context context;
  private final MethodParser parser;
  private final Map<ExecutableElement, Optional<Function>> cache = new HashMap<>();

  public CalleeLoader(Context context) {
    this.context = context;
    this.parser = new MethodParser(context);
  }

  /** Whether the method's body can be differentiated through: a method whose source javac is compiling. */
  public boolean hasSource(ExecutableElement method) {
    return !method.getModifiers().contains(Modifier.ABSTRACT) && context.trees().getTree(method) != null;
  }

  /** The callee as an IR function, or empty after its errors were reported. */
  public Optional<Function> load(ExecutableElement method) {
    Optional<Function> cached = cache.get(method);
    if (cached == null) {
      cached = parse(method);
      cache.put(method, cached);
    }
    return cached;
  }

  private Optional<Function> parse(ExecutableElement method) {
    int errorsBefore = context.diagnostics().errorCount();
    List<Var> params = new ArrayList<>();
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      params.add(new Var("self", Type.OBJECT));
    }
    for (VariableElement p : method.getParameters()) {
      Optional<Type> type = TypeMapper.map(p.asType());
      if (TypeMapper.isFloatLike(p.asType())) {
        context.diagnostics().error(p, Message.FLOAT_PARAMETER, p.getSimpleName(), p.asType());
      } else if (type.isEmpty()) {
        context.diagnostics().error(p, Message.UNSUPPORTED_PARAMETER, p.getSimpleName(), p.asType());
      } else {
        params.add(new Var(p.getSimpleName().toString(), type.get()));
      }
    }
    if (context.diagnostics().errorCount() != errorsBefore) {
      return Optional.empty();
    }
    return parser.parse(method, context.trees().getPath(method), params);
  }
}
