package io.github.autodiff4j.processor;

import com.palantir.javapoet.TypeName;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.Signature;

/**
 * The JVM's limit on parameters: a method takes at most 255 slots, a {@code double} or {@code long} taking two. A
 * forward-mode member passes a tangent after each active parameter, so 64 doubles (legal in the user's method) make a
 * {@code fooJvp} of 256 slots. Companion members are static: no slot for {@code this}.
 */
final class ParameterSlots {
    static final int LIMIT = 255;

    private ParameterSlots() {}

    /** The slots of the function's own parameters (with the receiver of an instance method). */
    static int own(Signature signature) {
        return signature.params().stream().mapToInt(ParameterSlots::of).sum();
    }

    /** The slots of one tangent (or adjoint) per active parameter: a double's is a double, an array's an array. */
    static int tangents(Signature signature) {
        return signature.activeParams().stream().mapToInt(ParameterSlots::of).sum();
    }

    /**
     * Whether the user's method itself is over the limit (its {@code this} takes the slot the receiver takes here):
     * javac reports that, and nothing is generated for it.
     */
    static boolean userMethodOverLimit(Signature signature) {
        return own(signature) > LIMIT;
    }

    private static int of(Param p) {
        return TypeName.DOUBLE.equals(p.type()) || TypeName.LONG.equals(p.type()) ? 2 : 1;
    }
}
