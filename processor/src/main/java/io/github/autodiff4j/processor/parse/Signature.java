package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A validated @Differentiable method: its element, its parameters, each known to be active or constant, and what it
 * returns: {@code double} for a scalar function, {@code double[]} for a vector function.
 */
public record Signature(ExecutableElement method, List<Param> params, Type returns) {

  public boolean isVector() {
    return returns == Type.DOUBLE_ARRAY;
  }

  public String name() {
    return method.getSimpleName().toString();
  }

  public List<Param> activeParams() {
    return params.stream().filter(Param::active).toList();
  }
}
