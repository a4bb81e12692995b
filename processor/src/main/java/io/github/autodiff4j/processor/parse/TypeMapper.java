package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.github.autodiff4j.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

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
                if (Records.shape(type).isPresent()) {
                    // A record of doubles is computed with as the array of its components.
                    return Optional.of(Type.DOUBLE_ARRAY);
                }
                return isFloatingBox(type) ? Optional.empty() : Optional.of(Type.OBJECT);
            case TYPEVAR:
                // A generic helper's T: an object, which callers pass as an object variable.
                return Optional.of(Type.OBJECT);
            case ARRAY:
                return array(((ArrayType) type).getComponentType());
            default:
                return Optional.empty();
        }
    }

    private static Optional<Type> array(TypeMirror element) {
        if (Records.shape(element).isPresent()) {
            // An array of records of doubles: one row per record.
            return Optional.of(Type.DOUBLE_MATRIX);
        }
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

    /**
     * The Java type an object variable is declared with, as the generated code writes it. The companion's members
     * are not generic: a helper's type variable becomes its bound ({@code T extends Number}: {@code Number}), and
     * {@code List<T>} becomes {@code List<? extends Number>}, so that the calls the helper makes on it still compile.
     */
    static TypeName javaType(Type type, TypeMirror mirror) {
        return type == Type.OBJECT ? withoutTypeVariables(mirror) : null;
    }

    /**
     * The private class that the type names (itself, an enclosing class, an element or a type argument), which the
     * companion, another class of the package, cannot name; null for none.
     */
    static TypeElement privateClass(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return privateClass(array.getComponentType());
        }
        if (!(type instanceof DeclaredType declared)) {
            return null;
        }
        for (Element e = declared.asElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return t;
            }
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
            TypeElement hidden = privateClass(argument);
            if (hidden != null) {
                return hidden;
            }
        }
        return null;
    }

    private static TypeName withoutTypeVariables(TypeMirror mirror) {
        if (mirror instanceof TypeVariable variable) {
            return bound(variable);
        }
        if (mirror instanceof ArrayType array) {
            return ArrayTypeName.of(withoutTypeVariables(array.getComponentType()));
        }
        if (mirror instanceof DeclaredType declared
                && !declared.getTypeArguments().isEmpty()) {
            TypeName[] arguments = declared.getTypeArguments().stream()
                    .map(a -> a instanceof TypeVariable v ? wildcard(v) : withoutTypeVariables(a))
                    .toArray(TypeName[]::new);
            ClassName owner = ClassName.get((TypeElement) declared.asElement());
            return ParameterizedTypeName.get(owner, arguments);
        }
        return TypeName.get(mirror);
    }

    /** The class a type variable stands for at least: the erasure of its (first) bound. */
    private static TypeName bound(TypeVariable variable) {
        TypeMirror bound = variable.getUpperBound();
        if (bound instanceof IntersectionType intersection) {
            bound = intersection.getBounds().get(0);
        }
        return bound instanceof DeclaredType declared
                ? ClassName.get((TypeElement) declared.asElement())
                : ClassName.OBJECT;
    }

    private static TypeName wildcard(TypeVariable variable) {
        TypeName bound = bound(variable);
        return bound.equals(ClassName.OBJECT)
                ? WildcardTypeName.subtypeOf(Object.class)
                : WildcardTypeName.subtypeOf(bound);
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
