package io.github.autodiff4j.processor.parse;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds types that javac could not resolve in a method's signature. javac reports each of them itself; the processor
 * leaves such a method alone rather than add its own errors about the same mistake.
 */
public final class ErroneousTypes {
    private ErroneousTypes() {}

    /** Whether the return type or a parameter's type names a type that does not exist. */
    public static boolean inSignature(ExecutableElement method) {
        if (erroneous(method.getReturnType())) {
            return true;
        }
        for (VariableElement p : method.getParameters()) {
            if (erroneous(p.asType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean erroneous(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return erroneous(array.getComponentType());
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(ErroneousTypes::erroneous);
    }
}
