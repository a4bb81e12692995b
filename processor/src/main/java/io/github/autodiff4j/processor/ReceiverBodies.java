package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.parse.MethodRefs;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The methods whose bodies an instance method's members differentiate, as the runtime's {@code ReceiverCheck} reads
 * them: {@code binary.Owner#name(erased parameter types)}, the names reflection gives ({@code demo.Outer$Inner},
 * {@code double[]}).
 */
final class ReceiverBodies {
    private ReceiverBodies() {}

    static List<String> describe(Context context, List<MethodRef> bodies) {
        return bodies.stream()
                .map(m -> describe(context, MethodRefs.element(m)))
                .toList();
    }

    private static String describe(Context context, ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        String params = method.getParameters().stream()
                .map(p -> erasedName(context, p.asType()))
                .collect(Collectors.joining(", "));
        return context.elements().getBinaryName(owner) + "#" + method.getSimpleName() + "(" + params + ")";
    }

    /** The name {@code Class.getTypeName()} gives for the erasure of the type. */
    private static String erasedName(Context context, TypeMirror type) {
        TypeMirror erased = context.types().erasure(type);
        if (erased instanceof ArrayType array) {
            return erasedName(context, array.getComponentType()) + "[]";
        }
        if (erased instanceof DeclaredType declared) {
            return context.elements()
                    .getBinaryName((TypeElement) declared.asElement())
                    .toString();
        }
        return erased.toString();
    }
}
