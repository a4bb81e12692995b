package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.model.Derivatives;
import io.github.autodiff4j.processor.model.Signature;
import java.util.List;

/**
 * A differentiated method, ready to be written into its companion class, with the form of the members that may not
 * fit the JVM's limits (255 parameter slots, 64 KB of code per method).
 *
 * @param jvp the form of {@code fooJvp}
 * @param hvp the form of the Hessian's sweep {@code fooHvp}, on which {@code fooHessian} and the partials'
 *     derivatives depend
 * @param gradInPlace whether the allocation-free {@code fooGrad} (every active parameter an array) is generated
 * @param receiverBodies for an instance method, the bodies differentiated that a receiver's class could override, as
 *     {@code binary.Owner#name(erased parameter types)}, the method first; empty when there are none
 */
public record MethodCode(
        Signature signature,
        Derivatives derivatives,
        Form jvp,
        Form hvp,
        boolean gradInPlace,
        List<String> receiverBodies) {

    /** How a member that takes a direction gets it. */
    public enum Form {
        /** One tangent parameter after each active parameter, as the README's API tables show. */
        SPREAD,
        /** The direction flattened into one {@code double[]} after the function's own parameters: spread would pass 255
         * parameter slots. */
        PACKED,
        /** Not generated, after a warning saying why. */
        OMITTED
    }

    public MethodCode(Signature signature, Derivatives derivatives) {
        this(signature, derivatives, Form.SPREAD, signature.isVector() ? Form.OMITTED : Form.SPREAD, true, List.of());
    }

    public MethodCode withReceiverBodies(List<String> bodies) {
        return new MethodCode(signature, derivatives, jvp, hvp, gradInPlace, List.copyOf(bodies));
    }
}
