/**
 * The front end: reads a method's body, the bodies of the helpers it calls and its custom derivative rules from
 * javac's trees into the IR, and rejects what it cannot differentiate with a positioned message. With the processor's
 * own package, the only code that touches javac ({@code com.sun.source}, {@code javax.lang.model}): what the later
 * stages need of a method, a field or a position it hands them as IR values and opaque handles ({@code MethodRefs},
 * {@code TreePosition}). May import {@code ir}, {@code model} and the processor's {@code Context} and {@code Message};
 * never a later stage.
 */
package io.github.autodiff4j.processor.parse;
