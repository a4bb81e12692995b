package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Var;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Which instance calls autodiff4j may differentiate through the body it sees. A call on the differentiated method's
 * own object runs the class as written, like the method itself; a call on another object runs whatever its runtime
 * class says, so it must name a method no subclass can override.
 */
final class VirtualCalls {
  private VirtualCalls() {}

  /** @param self the differentiated method's receiver, or null in a static method */
  static boolean mayRunAnotherBody(Expr.Invoke call, Var self) {
    if (call.receiver() == null || (call.receiver() instanceof Expr.Ref r && r.var() == self)) {
      return false;
    }
    ExecutableElement method = call.method();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    boolean sealedMethod = method.getModifiers().contains(Modifier.FINAL)
        || method.getModifiers().contains(Modifier.PRIVATE) || method.getModifiers().contains(Modifier.STATIC);
    boolean sealedClass = owner.getModifiers().contains(Modifier.FINAL) || owner.getKind() == ElementKind.RECORD
        || owner.getKind() == ElementKind.ENUM;
    return !sealedMethod && !sealedClass;
  }
}
