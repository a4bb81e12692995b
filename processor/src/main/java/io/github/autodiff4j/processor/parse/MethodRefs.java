package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.util.Trees;
import io.github.autodiff4j.NoDerivative;
import io.github.autodiff4j.processor.ir.FieldRef;
import io.github.autodiff4j.processor.ir.MethodRef;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The IR's references to methods and fields, read from javac's elements: what the later stages ask of them, and a
 * handle through which the front end finds the element again.
 */
public final class MethodRefs {
    private MethodRefs() {}

    /** The front end's handle on a method: equal for the same method, as the element is. */
    private record Javac(ExecutableElement element) implements MethodRef.Handle {}

    public static MethodRef of(ExecutableElement method, Trees trees) {
        return of(method, trees, lowered(method));
    }

    /**
     * A method called on objects as they are, records of doubles included (an accessor of a field's record, a record's
     * own {@code equals}, a library's method passed records): the generated code calls it as written.
     */
    static MethodRef onObject(ExecutableElement accessor, Trees trees) {
        return of(accessor, trees, false);
    }

    private static MethodRef of(ExecutableElement method, Trees trees, boolean lowered) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return new MethodRef(
                nameable(() -> ClassName.get(owner)),
                owner.getSimpleName().toString(),
                method.getSimpleName().toString(),
                method.getParameters().stream()
                        .map(p -> new MethodRef.Parameter(
                                p.getSimpleName().toString(),
                                p.asType().getKind() == TypeKind.DOUBLE,
                                p.asType().getKind() == TypeKind.ARRAY,
                                p.getAnnotation(NoDerivative.class) != null))
                        .toList(),
                method.getModifiers().contains(Modifier.STATIC),
                method.getModifiers().contains(Modifier.PRIVATE),
                lowered,
                isApi(method),
                overridable(method),
                !method.getModifiers().contains(Modifier.ABSTRACT) && trees.getTree(method) != null,
                ReadOnlyCalls.isConstant(method),
                new Javac(method));
    }

    /** Whether a record of doubles is among the method's parameters, its result or its receiver. */
    private static boolean lowered(ExecutableElement method) {
        boolean receiver = !method.getModifiers().contains(Modifier.STATIC)
                && Records.shape(method.getEnclosingElement().asType()).isPresent();
        return receiver || Records.inSignature(method);
    }

    /** Public, in classes that are all public: callable from any package. */
    private static boolean isApi(ExecutableElement method) {
        for (javax.lang.model.element.Element e = method;
                e instanceof ExecutableElement || e instanceof TypeElement;
                e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** The method a reference made by {@link #of} names. */
    public static ExecutableElement element(MethodRef method) {
        return ((Javac) method.handle()).element();
    }

    public static FieldRef field(VariableElement field) {
        TypeElement owner = (TypeElement) field.getEnclosingElement();
        return new FieldRef(
                nameable(() -> ClassName.get(owner)),
                owner.getSimpleName().toString(),
                field.getSimpleName().toString(),
                nameable(() -> TypeName.get(field.asType())),
                field.getModifiers().contains(Modifier.PRIVATE));
    }

    /** Whether a subclass could override the method. */
    private static boolean overridable(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        boolean sealedMethod = method.getModifiers().contains(Modifier.FINAL)
                || method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC);
        // An enum is final unless a constant has a body of its own, which may override the method (javac then marks
        // the enum sealed, not final).
        boolean sealedClass = owner.getModifiers().contains(Modifier.FINAL) || owner.getKind() == ElementKind.RECORD;
        return !sealedMethod && !sealedClass;
    }

    /**
     * The name JavaPoet gives, or null for a type it cannot name (a local or anonymous class), which no generated code
     * can name either.
     */
    private static <T> T nameable(Supplier<T> name) {
        try {
            return name.get();
        } catch (IllegalArgumentException unnameable) {
            return null;
        }
    }
}
