package io.github.autodiff4j.processor.transform;

import com.palantir.javapoet.ClassName;
import io.github.autodiff4j.processor.ir.DerivativeRule;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import java.util.Optional;

/**
 * What the {@link Inliner} asks of the methods that differentiated code calls, and where it sends what it cannot
 * inline: implemented by the front end, which reads the callees' sources on demand.
 */
public interface Callees {

    /**
     * The callee's body as an IR function (an instance method's receiver is its first parameter), or empty after the
     * front end reported what it cannot read. Asked only for a callee that is inlined: a callee's unsupported
     * constructs are reported when it is, and only then.
     */
    Optional<Function> body(MethodRef method);

    /** Whether a method with source may write into an array it is passed, read without reading its body. */
    boolean writesArrayParameters(MethodRef method);

    /** The derivative the user supplied for the function ({@code @DerivativeOf}), if any. */
    Optional<DerivativeRule> rule(MethodRef function);

    /** Whether the method is itself a supplied derivative. */
    boolean isDerivative(MethodRef method);

    /**
     * Whether the function's recursive calls can go through its companion's members ({@code fooValueAndPartials}): an
     * eligible function that some chain of calls in the sources leads back to.
     */
    boolean isRecursive(MethodRef function);

    /**
     * For a {@code @Differentiable} function of a library compiled earlier whose companion has the public members a
     * call with arrays goes through ({@code fooRecord}, {@code fooPullback}, ...), that companion.
     */
    Optional<ClassName> exportedMembers(MethodRef function);

    /** Reports a call that cannot be inlined, at once: in order with what reading the bodies reports. */
    void report(InlineProblem problem);
}
