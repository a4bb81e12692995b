package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Set;

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
        return call.receiver() != null
                && !isOwnCall(call, selves)
                && call.method().overridable();
    }

    /** A call on the differentiated method's own object ({@code predict(x)}, {@code this.predict(x)}). */
    static boolean isOwnCall(Expr.Invoke call, Set<Var> selves) {
        return call.receiver() instanceof Expr.Ref r && selves.contains(r.var());
    }
}
