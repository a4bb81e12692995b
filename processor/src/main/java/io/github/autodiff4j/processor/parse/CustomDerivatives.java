package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ClassName;
import io.github.autodiff4j.DerivativeOf;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Callee;
import io.github.autodiff4j.processor.ir.DerivativeRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The user-supplied derivatives ({@code @DerivativeOf}) the differentiated code can call: those compiled in this round,
 * checked here with errors at their annotation, and those declared next to a function in a compiled library, found
 * when the function is called.
 */
public final class CustomDerivatives {
    private final Context context;
    private final Map<ExecutableElement, Callee> all = new HashMap<>();
    private final Map<ExecutableElement, Map<Integer, Callee>> perParameter = new HashMap<>();
    private final java.util.Set<ExecutableElement> searched = new java.util.HashSet<>();
    private final Map<TypeElement, Map<String, List<ExecutableElement>>> methodsByName = new HashMap<>();

    public CustomDerivatives(Context context, RoundEnvironment round) {
        this.context = context;
        for (Element element : round.getElementsAnnotatedWith(DerivativeOf.class)) {
            if (element instanceof ExecutableElement derivative) {
                register(derivative, true);
            }
        }
    }

    /** The derivative supplied for this function, if any. */
    public Optional<DerivativeRule> of(ExecutableElement function) {
        if (searched.add(function)) {
            // A library's own derivatives sit next to the function, or in the companion the processor generated for it
            // when the library was compiled: look for them once.
            TypeElement owner = (TypeElement) function.getEnclosingElement();
            TypeElement companion = context.elements()
                    .getTypeElement(io.github.autodiff4j.processor.model.CompanionNames.companion(ClassName.get(owner))
                            .canonicalName());
            for (TypeElement type : companion == null ? List.of(owner) : List.of(owner, companion)) {
                for (Element member : type.getEnclosedElements()) {
                    if (member instanceof ExecutableElement candidate && annotation(candidate) != null) {
                        register(candidate, false);
                    }
                }
            }
        }
        Map<Integer, Callee> partials = perParameter.getOrDefault(function, Map.of());
        if (!all.containsKey(function) && partials.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DerivativeRule(all.get(function), partials));
    }

    /** Whether this method is itself a supplied derivative. */
    public boolean isDerivative(ExecutableElement method) {
        return annotation(method) != null;
    }

    /** Matches a derivative with its function; in this round's sources, reports a mismatch at the annotation. */
    private void register(ExecutableElement derivative, boolean report) {
        AnnotationMirror annotation = annotation(derivative);
        String name = (String) value(annotation, "value");
        TypeMirror of = (TypeMirror) value(annotation, "of");
        TypeElement owner = of == null || of.getKind() == TypeKind.VOID
                ? (TypeElement) derivative.getEnclosingElement()
                : (TypeElement) ((DeclaredType) of).asElement();
        Optional<ExecutableElement> function = methods(owner).getOrDefault(name, List.of()).stream()
                .filter(f -> sameParameters(f, derivative))
                .findFirst();
        if (function.isEmpty()) {
            if (report) {
                context.diagnostics()
                        .error(
                                derivative,
                                annotation,
                                new Message.DerivativeTarget(
                                        owner.getSimpleName().toString(), name, parameters(derivative)));
            }
            return;
        }
        String wrt = (String) value(annotation, "wrt");
        int parameter = wrt == null || wrt.isEmpty() ? -1 : parameterIndex(function.get(), wrt);
        Message.SignatureProblem problem = wrt == null || wrt.isEmpty()
                ? problem(function.get(), derivative)
                : partialProblem(function.get(), derivative, wrt, parameter);
        if (problem != null) {
            if (report) {
                context.diagnostics()
                        .error(
                                derivative,
                                annotation,
                                new Message.DerivativeSignature(
                                        derivative.getSimpleName().toString(), name, problem));
            }
            return;
        }
        if (parameter < 0) {
            all.put(function.get(), Callee.of(MethodRefs.of(derivative, context.trees())));
        } else {
            perParameter
                    .computeIfAbsent(function.get(), f -> new HashMap<>())
                    .put(parameter, Callee.of(MethodRefs.of(derivative, context.trees())));
        }
    }

    /**
     * The methods of a type by name, listed once per type: a companion declares a derivative for each parameter of each
     * function, and searching its members for each would cost time quadratic in their number.
     */
    private Map<String, List<ExecutableElement>> methods(TypeElement owner) {
        return methodsByName.computeIfAbsent(owner, type -> {
            Map<String, List<ExecutableElement>> byName = new HashMap<>();
            for (Element e : type.getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD) {
                    byName.computeIfAbsent(e.getSimpleName().toString(), n -> new java.util.ArrayList<>())
                            .add((ExecutableElement) e);
                }
            }
            return byName;
        });
    }

    private static int parameterIndex(ExecutableElement function, String name) {
        List<? extends javax.lang.model.element.VariableElement> params = function.getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).getSimpleName().contentEquals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with a rule for one partial, or null. */
    private Message.SignatureProblem partialProblem(
            ExecutableElement function, ExecutableElement derivative, String wrt, int index) {
        if (index < 0 || function.getParameters().get(index).asType().getKind() != TypeKind.DOUBLE) {
            return new Message.SignatureProblem.WrtNotDouble(
                    wrt, function.getSimpleName().toString());
        }
        if (derivative.getReturnType().getKind() != TypeKind.DOUBLE) {
            return new Message.SignatureProblem.PartialNotDouble(wrt);
        }
        return modifiersProblem(function, derivative);
    }

    /** What is wrong with the derivative's signature, or null. */
    private Message.SignatureProblem problem(ExecutableElement function, ExecutableElement derivative) {
        long doubles = function.getParameters().stream()
                .filter(p -> p.asType().getKind() == TypeKind.DOUBLE)
                .count();
        TypeMirror returns = derivative.getReturnType();
        boolean scalar = returns.getKind() == TypeKind.DOUBLE;
        boolean array =
                returns.getKind() == TypeKind.ARRAY && returns.toString().equals("double[]");
        if (doubles == 0) {
            return new Message.SignatureProblem.NoDoubleParameter();
        }
        if (doubles == 1 && !scalar) {
            return new Message.SignatureProblem.NotDouble();
        }
        if (doubles > 1 && !array) {
            return new Message.SignatureProblem.NotDoubleArray(doubles);
        }
        return modifiersProblem(function, derivative);
    }

    private static Message.SignatureProblem modifiersProblem(ExecutableElement function, ExecutableElement derivative) {
        if (!derivative.getModifiers().contains(Modifier.STATIC)
                || !function.getModifiers().contains(Modifier.STATIC)) {
            return new Message.SignatureProblem.NotStatic();
        }
        if (derivative.getModifiers().contains(Modifier.PRIVATE)) {
            return new Message.SignatureProblem.Private();
        }
        return null;
    }

    private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
        List<? extends javax.lang.model.element.VariableElement> pa = a.getParameters();
        List<? extends javax.lang.model.element.VariableElement> pb = b.getParameters();
        if (pa.size() != pb.size()) {
            return false;
        }
        for (int i = 0; i < pa.size(); i++) {
            if (!context.types()
                    .isSameType(
                            context.types().erasure(pa.get(i).asType()),
                            context.types().erasure(pb.get(i).asType()))) {
                return false;
            }
        }
        return true;
    }

    private static String parameters(ExecutableElement method) {
        return method.getParameters().stream()
                .map(p -> p.asType().toString())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static AnnotationMirror annotation(ExecutableElement method) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(DerivativeOf.class.getCanonicalName())) {
                return mirror;
            }
        }
        return null;
    }

    private static Object value(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        return null;
    }
}
