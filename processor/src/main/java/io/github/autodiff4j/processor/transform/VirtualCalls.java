package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Which instance calls autodiff4j may differentiate through the body it sees. A call on another object runs whatever
 * its runtime class says, so it must name a method no subclass can override. A call on the differentiated method's own
 * object is differentiated through the declaring class's body: the generated members check, once per receiver class,
 * that the class does not override it (see {@code ReceiverCheck} in the runtime).
 */
final class VirtualCalls {
    private VirtualCalls() {}

    /** @param selves the variables holding the differentiated method's own object (none in a static method) */
    static boolean mayRunAnotherBody(Expr.Invoke call, Set<Var> selves) {
        return call.receiver() != null && !isOwnCall(call, selves) && overridable(call.method());
    }

    /** A call on the differentiated method's own object ({@code predict(x)}, {@code this.predict(x)}). */
    static boolean isOwnCall(Expr.Invoke call, Set<Var> selves) {
        return call.receiver() instanceof Expr.Ref r && selves.contains(r.var());
    }

    /** Whether a subclass could override the method. */
    static boolean overridable(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        boolean sealedMethod = method.getModifiers().contains(Modifier.FINAL)
                || method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC);
        // An enum is final unless a constant has a body of its own, which may override the method (javac then marks
        // the enum sealed, not final).
        boolean sealedClass = owner.getModifiers().contains(Modifier.FINAL) || owner.getKind() == ElementKind.RECORD;
        return !sealedMethod && !sealedClass;
    }
}
