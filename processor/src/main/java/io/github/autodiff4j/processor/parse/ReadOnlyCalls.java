package io.github.autodiff4j.processor.parse;

import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * JDK methods whose result is an {@code int}, {@code long} or {@code boolean} and which only read what they are
 * passed ({@code Arrays.binarySearch(w, x)}, {@code Double.compare(x, y)}, {@code Math.getExponent(x)}): their results
 * carry no derivative, and since they write into none of the arrays they are passed, such a call is a constant even
 * with active arguments. Any other call passed an active array may write into it, and must be inlined or rejected.
 */
final class ReadOnlyCalls {
    /** Classes none of whose static methods writes into an argument. */
    private static final Set<String> READERS = Set.of(
            "java.lang.Math",
            "java.lang.StrictMath",
            "java.lang.Double",
            "java.lang.Float",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Boolean");

    /** The methods of {@code java.util.Arrays} that only read their arrays (fill, sort, setAll... write). */
    private static final Set<String> ARRAYS_READERS =
            Set.of("binarySearch", "equals", "deepEquals", "hashCode", "deepHashCode", "mismatch", "compare");

    private ReadOnlyCalls() {}

    /** Whether a call of {@code method} is a constant that writes into nothing, whatever it is passed. */
    static boolean isConstant(ExecutableElement method) {
        TypeKind result = method.getReturnType().getKind();
        if (result != TypeKind.INT && result != TypeKind.LONG && result != TypeKind.BOOLEAN) {
            return false;
        }
        if (!(method.getEnclosingElement() instanceof TypeElement owner)) {
            return false;
        }
        if (owner.getKind() == ElementKind.RECORD
                && (method.getSimpleName().contentEquals("equals")
                        || method.getSimpleName().contentEquals("hashCode"))) {
            // A record's equality, on records the code builds for it: they hold no array.
            return true;
        }
        String name = owner.getQualifiedName().toString();
        boolean isStatic = method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
        return isStatic
                && (READERS.contains(name)
                        || (name.equals("java.util.Arrays")
                                && ARRAYS_READERS.contains(
                                        method.getSimpleName().toString())));
    }
}
