package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.ir.Var;
import javax.lang.model.element.VariableElement;

/**
 * A parameter of a differentiable method.
 *
 * @param var the parameter's IR variable, named as in the source
 * @param active whether derivatives are taken with respect to it
 */
public record Param(VariableElement element, Var var, boolean active) {

  public String name() {
    return var.name();
  }
}
