package io.github.autodiff4j.processor;

import com.palantir.javapoet.ClassName;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.DerivativeOf;
import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.processor.ir.DerivativeRule;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.parse.CalleeLoader;
import io.github.autodiff4j.processor.parse.CustomDerivatives;
import io.github.autodiff4j.processor.parse.MethodRefs;
import io.github.autodiff4j.processor.parse.RecursiveFunctions;
import io.github.autodiff4j.processor.parse.TreePosition;
import io.github.autodiff4j.processor.transform.Callees;
import io.github.autodiff4j.processor.transform.InlineProblem;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The callees of one differentiated method, as the inliner sees them: read from javac's trees and elements on demand,
 * and the inliner's problems reported as errors at the calls.
 */
final class JavacCallees implements Callees {
    private final Context context;
    private final CalleeLoader loader;
    private final CustomDerivatives derivatives;
    private final RecursiveFunctions recursive;

    JavacCallees(Context context, CalleeLoader loader, CustomDerivatives derivatives) {
        this.context = context;
        this.loader = loader;
        this.derivatives = derivatives;
        this.recursive = new RecursiveFunctions(context.trees());
    }

    @Override
    public Optional<Function> body(MethodRef method) {
        return loader.load(MethodRefs.element(method));
    }

    @Override
    public boolean writesArrayParameters(MethodRef method) {
        return loader.writesArrayParameters(MethodRefs.element(method));
    }

    @Override
    public Optional<DerivativeRule> rule(MethodRef function) {
        return derivatives.of(MethodRefs.element(function));
    }

    @Override
    public boolean isDerivative(MethodRef method) {
        return derivatives.isDerivative(MethodRefs.element(method));
    }

    @Override
    public Optional<ClassName> exportedMembers(MethodRef function) {
        ExecutableElement element = MethodRefs.element(function);
        if (element.getAnnotation(Differentiable.class) == null || function.owner() == null) {
            return Optional.empty();
        }
        ClassName companion = CompanionNames.companion(function.owner());
        TypeElement type = context.elements().getTypeElement(companion.canonicalName());
        String pullback = CompanionNames.recursionPullback(function.name());
        boolean exported = type != null
                && type.getEnclosedElements().stream()
                        .anyMatch(e -> e.getKind() == ElementKind.METHOD
                                && e.getSimpleName().contentEquals(pullback)
                                && e.getModifiers().contains(Modifier.PUBLIC));
        return exported ? Optional.of(companion) : Optional.empty();
    }

    @Override
    public boolean isRecursive(MethodRef function) {
        return recursive.isRecursive(MethodRefs.element(function));
    }

    @Override
    public void report(InlineProblem problem) {
        TreePath where = TreePosition.of(problem.origin());
        Diagnostics diagnostics = context.diagnostics();
        if (problem instanceof InlineProblem.LoopConditionCall p) {
            diagnostics.error(
                    where,
                    Message.LOOP_CONDITION_CALL,
                    p.method(),
                    p.isPrivate()
                            ? "it is private, so the generated companion class cannot call it"
                            : "it is passed an array it may write into, whose old elements the derivative needs back");
        } else if (problem instanceof InlineProblem.RuleArrayArgument p) {
            diagnostics.error(where, Message.RULE_ARRAY_ARGUMENT, p.function(), String.join(", ", p.arrays()));
        } else if (problem instanceof InlineProblem.DerivativeIncomplete p) {
            diagnostics.error(where, Message.DERIVATIVE_INCOMPLETE, p.function(), String.join(", ", p.missing()));
        } else if (problem instanceof InlineProblem.SecondDerivative p) {
            String function = p.derivative() == null ? "a function" : functionOf(MethodRefs.element(p.derivative()));
            diagnostics.error(where, Message.SECOND_DERIVATIVE, p.name(), function, p.name());
        } else if (problem instanceof InlineProblem.ActiveString p) {
            diagnostics.error(where, Message.ACTIVE_STRING, p.variable());
        } else if (problem instanceof InlineProblem.OpaqueCall p) {
            ExecutableElement method = MethodRefs.element(p.method());
            diagnostics.error(where, Message.OPAQUE_CALL, describe(method), Message.opaqueCallRemedy(method));
        } else if (problem instanceof InlineProblem.VirtualCall p) {
            diagnostics.error(where, Message.VIRTUAL_CALL, describe(MethodRefs.element(p.method())));
        } else if (problem instanceof InlineProblem.Recursion p) {
            diagnostics.error(where, Message.RECURSION, p.method(), String.join(" -> ", p.chain()), p.why());
        } else {
            throw new IllegalArgumentException("unknown problem " + problem);
        }
    }

    /** The function a supplied derivative belongs to, by its annotation. */
    private static String functionOf(ExecutableElement derivative) {
        DerivativeOf of = derivative.getAnnotation(DerivativeOf.class);
        return of == null ? "a function" : of.value();
    }

    private static String describe(ExecutableElement method) {
        String params =
                method.getParameters().stream().map(p -> p.asType().toString()).collect(Collectors.joining(", "));
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(" + params + ")";
    }
}
