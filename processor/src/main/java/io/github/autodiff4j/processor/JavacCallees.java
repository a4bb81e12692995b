package io.github.autodiff4j.processor;

import com.palantir.javapoet.ClassName;
import io.github.autodiff4j.DerivativeOf;
import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.processor.ir.DerivativeRule;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.parse.CalleeLoader;
import io.github.autodiff4j.processor.parse.CustomDerivatives;
import io.github.autodiff4j.processor.parse.MethodRefs;
import io.github.autodiff4j.processor.parse.Records;
import io.github.autodiff4j.processor.parse.RecursiveFunctions;
import io.github.autodiff4j.processor.parse.TreePosition;
import io.github.autodiff4j.processor.transform.Callees;
import io.github.autodiff4j.processor.transform.InlineProblem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

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
        this.recursive = new RecursiveFunctions(context.trees(), context.companionVars());
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
        if (element.getAnnotation(Differentiable.class) == null
                || function.owner() == null
                || Records.inSignature(element)) {
            // A library function over records is called with record objects: its members over arrays do not fit.
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
        context.diagnostics().error(TreePosition.of(problem.origin()), message(problem));
    }

    /** The message of a problem: the middle end says what went wrong, in its own terms; the text lives in Message. */
    private static Message message(InlineProblem problem) {
        if (problem instanceof InlineProblem.LoopConditionCall p) {
            return new Message.LoopConditionCall(p.method(), p.isPrivate());
        } else if (problem instanceof InlineProblem.RuleArrayArgument p) {
            return new Message.RuleArrayArgument(p.function(), p.arrays());
        } else if (problem instanceof InlineProblem.DerivativeIncomplete p) {
            return new Message.DerivativeIncomplete(p.function(), p.missing());
        } else if (problem instanceof InlineProblem.SecondDerivative p) {
            String function = p.derivative() == null ? "a function" : functionOf(MethodRefs.element(p.derivative()));
            return new Message.SecondDerivative(p.name(), function);
        } else if (problem instanceof InlineProblem.ActiveString p) {
            return new Message.ActiveString(p.variable());
        } else if (problem instanceof InlineProblem.OpaqueCall p) {
            ExecutableElement method = MethodRefs.element(p.method());
            return new Message.OpaqueCall(describe(method), ruleSketch(method));
        } else if (problem instanceof InlineProblem.VirtualCall p) {
            return new Message.VirtualCall(describe(MethodRefs.element(p.method())));
        } else if (problem instanceof InlineProblem.Recursion p) {
            return new Message.Recursion(p.method(), p.chain(), p.why(), p.detail());
        }
        throw new IllegalArgumentException("unknown problem " + problem);
    }

    /** The rule a user can write for a static function of doubles returning a double; empty for any other method. */
    private static Optional<Message.OpaqueCall.RuleSketch> ruleSketch(ExecutableElement method) {
        List<String> doubles = method.getParameters().stream()
                .filter(p -> p.asType().getKind() == TypeKind.DOUBLE)
                .map(p -> p.getSimpleName().toString())
                .toList();
        if (!method.getModifiers().contains(Modifier.STATIC)
                || doubles.isEmpty()
                || method.getReturnType().getKind() != TypeKind.DOUBLE) {
            return Optional.empty();
        }
        List<String> parameters = method.getParameters().stream()
                .map(p -> p.asType() + " " + p.getSimpleName())
                .toList();
        return Optional.of(new Message.OpaqueCall.RuleSketch(
                method.getEnclosingElement().getSimpleName().toString(),
                method.getSimpleName().toString(),
                parameters,
                doubles));
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
