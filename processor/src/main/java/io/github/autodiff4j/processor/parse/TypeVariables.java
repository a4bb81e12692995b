package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The type variables of a generic receiver type, with their bounds: a member taking a {@code G<T>} (or an
 * {@code Outer<T>.Inner<U>}) declares {@code <T extends Number>} itself, since a static member cannot see the class's. Read here for
 * {@code model.Signature}.
 */
final class TypeVariables {
    private TypeVariables() {}

    static List<TypeVariableName> of(TypeMirror receiver) {
        Map<String, TypeVariableName> found = new LinkedHashMap<>();
        collect(receiver, found);
        return new ArrayList<>(found.values());
    }

    /** Outer classes' variables first, as they are declared. */
    private static void collect(TypeMirror type, Map<String, TypeVariableName> found) {
        if (!(type instanceof DeclaredType declared)) {
            return;
        }
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED) {
            collect(declared.getEnclosingType(), found);
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
            if (argument instanceof TypeVariable variable) {
                found.putIfAbsent(variable.toString(), TypeVariableName.get(variable));
            }
        }
    }
}
