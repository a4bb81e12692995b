package io.github.autodiff4j.processor.parse;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/** A validated @Differentiable method: its element and its parameters, each known to be active or constant. */
public record Signature(ExecutableElement method, List<Param> params) {

  public String name() {
    return method.getSimpleName().toString();
  }

  public List<Param> activeParams() {
    return params.stream().filter(Param::active).toList();
  }
}
