package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.parse.Signature;
import io.github.autodiff4j.processor.transform.Derivatives;
import java.util.List;

/**
 * A differentiated method, ready to be written into its companion class.
 *
 * @param receiverBodies for an instance method, the bodies differentiated that a receiver's class could override, as
 *     {@code binary.Owner#name(erased parameter types)}, the method first; empty when there are none
 */
public record MethodCode(Signature signature, Derivatives derivatives, List<String> receiverBodies) {}
