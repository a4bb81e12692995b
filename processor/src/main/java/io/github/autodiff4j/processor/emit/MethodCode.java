package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.parse.Signature;
import io.github.autodiff4j.processor.transform.Derivatives;

/** A differentiated method, ready to be written into its companion class. */
public record MethodCode(Signature signature, Derivatives derivatives) {}
