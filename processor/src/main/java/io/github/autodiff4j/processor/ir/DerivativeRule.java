package io.github.autodiff4j.processor.ir;

import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * A user-supplied derivative of a function: one method returning all the partials, or one method per double
 * parameter (keyed by the parameter's position).
 */
public record DerivativeRule(ExecutableElement all, Map<Integer, ExecutableElement> perParameter) {

  public DerivativeRule {
    perParameter = Map.copyOf(perParameter);
  }
}
