/**
 * The front end: reads a method's body, the bodies of the helpers it calls and its custom derivative rules from
 * javac's trees into the IR, and rejects what it cannot differentiate with a positioned message. With the processor's
 * own package, the only code that touches javac ({@code com.sun.source}, {@code javax.lang.model}): what the later
 * stages need of a method, a field or a position it hands them as IR values and opaque handles ({@code MethodRefs},
 * {@code TreePosition}). May import {@code ir}, {@code model} and the processor's {@code Context} and {@code Message};
 * never a later stage.
 *
 * <p>One failure protocol: a construct that cannot be differentiated is given up on by throwing {@code Rejected},
 * carrying its typed {@code Message} and position (or nothing, for code javac reports itself). Its statement catches
 * it ({@code StatementParser}), has it printed ({@code MethodScope.failed}) and reads on, so that every independent
 * error of a method is reported in one compilation; the method then yields no function. Problems of a declaration (a
 * parameter's type, a {@code @DerivativeOf} rule's signature) have no statement to abort: they are reported at the
 * element, and reading goes on.
 */
package io.github.autodiff4j.processor.parse;
