package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A method the IR calls or inlines, as the front end found it: what the middle and back ends ask of it, read once. Two
 * references are equal when they name the same method (the front end's {@link Handle} tells them apart).
 *
 * @param owner the declaring class, or null for one JavaPoet cannot name (a local or anonymous class)
 * @param ownerName the declaring class's simple name, as messages show it
 * @param name the method's simple name
 * @param params the method's own parameters (not its receiver)
 * @param isStatic whether it is static: an instance method's first IR parameter is its receiver
 * @param isPrivate whether it is private: the generated companion cannot call it
 * @param lowered whether its parameters, result or receiver include records of doubles, which the IR computes with as
 *     arrays: the generated code cannot call it with them either
 * @param isApi whether code of another package can call it (public, in public classes): a library's function, whose
 *     companion then carries public members for callers compiled later
 * @param overridable whether a subclass could override it (neither the method nor its class is final, private or
 *     static; a record's methods cannot be overridden)
 * @param hasSource whether its body can be differentiated through: a concrete method whose source javac is compiling
 * @param readOnly whether a call is a constant that writes into nothing, whatever it is passed: a JDK method returning
 *     an {@code int}, {@code long} or {@code boolean} that only reads ({@code Arrays.binarySearch}, {@code
 *     Double.compare})
 * @param handle the front end's own handle on the method, opaque here
 */
public record MethodRef(
        ClassName owner,
        String ownerName,
        String name,
        List<Parameter> params,
        boolean isStatic,
        boolean isPrivate,
        boolean lowered,
        boolean isApi,
        boolean overridable,
        boolean hasSource,
        boolean readOnly,
        Handle handle) {

    public MethodRef {
        params = List.copyOf(params);
    }

    /** Whether generated code cannot call the method itself: it must inline it, or call a copy of its body. */
    public boolean hidden() {
        return isPrivate || lowered;
    }

    /**
     * A parameter of a method.
     *
     * @param isDouble whether its type is {@code double}
     * @param isArray whether its type is an array
     * @param noDerivative whether it is annotated {@code @NoDerivative}
     */
    public record Parameter(String name, boolean isDouble, boolean isArray, boolean noDerivative) {}

    /** What identifies the method to the front end that made the reference; the middle and back ends only compare it. */
    public interface Handle {}
}
