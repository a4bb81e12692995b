package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps Java types to IR types. */
final class TypeMapper {
    private TypeMapper() {}

    /** The IR type of a Java type, or empty if autodiff4j cannot compute with it. */
    static Optional<Type> map(TypeMirror type) {
        switch (type.getKind()) {
            case DOUBLE:
                return Optional.of(Type.DOUBLE);
            case INT:
                return Optional.of(Type.INT);
            case LONG:
                return Optional.of(Type.LONG);
            case BOOLEAN:
                return Optional.of(Type.BOOLEAN);
            case CHAR:
                return Optional.of(Type.CHAR);
            case DECLARED:
                return isFloatingBox(type) ? Optional.empty() : Optional.of(Type.OBJECT);
            case ARRAY:
                return array(((ArrayType) type).getComponentType());
            default:
                return Optional.empty();
        }
    }

    private static Optional<Type> array(TypeMirror element) {
        if (element instanceof ArrayType row
                && row.getComponentType().getKind() == javax.lang.model.type.TypeKind.DOUBLE) {
            return Optional.of(Type.DOUBLE_MATRIX);
        }
        return switch (element.getKind()) {
            case DOUBLE -> Optional.of(Type.DOUBLE_ARRAY);
            case INT -> Optional.of(Type.INT_ARRAY);
            case LONG -> Optional.of(Type.LONG_ARRAY);
            case BOOLEAN -> Optional.of(Type.BOOLEAN_ARRAY);
            default -> Optional.empty();
        };
    }

    /** The Java type an object variable is declared with, as the generated code writes it. */
    static com.palantir.javapoet.TypeName javaType(Type type, TypeMirror mirror) {
        return type == Type.OBJECT ? com.palantir.javapoet.TypeName.get(mirror) : null;
    }

    /** Integer, Long, Short, Byte, Character and Boolean: numbers and flags in a box. */
    static boolean isNumericBox(TypeMirror type) {
        if (!(type instanceof DeclaredType declared)) {
            return false;
        }
        return switch (declared.asElement().toString()) {
            case "java.lang.Integer",
                    "java.lang.Long",
                    "java.lang.Short",
                    "java.lang.Byte",
                    "java.lang.Character",
                    "java.lang.Boolean" -> true;
            default -> false;
        };
    }

    /** float, Float and Double: close enough to double that the error should suggest double. */
    static boolean isFloatLike(TypeMirror type) {
        return type.getKind() == TypeKind.FLOAT || isFloatingBox(type);
    }

    private static boolean isFloatingBox(TypeMirror type) {
        if (!(type instanceof DeclaredType declared)) {
            return false;
        }
        String name = declared.asElement().toString();
        return name.equals("java.lang.Double") || name.equals("java.lang.Float");
    }
}
