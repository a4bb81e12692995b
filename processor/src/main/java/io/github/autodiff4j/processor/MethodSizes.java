package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.emit.BytecodeSize;
import io.github.autodiff4j.processor.emit.MethodCode;
import io.github.autodiff4j.processor.emit.MethodCode.Form;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.model.Derivatives;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.RecursionMembers;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Decides which members fit the JVM's limits on one method, 64 KB of bytecode and 255 parameter slots, rather than
 * generating a companion javac cannot compile. The gradient ({@code fooGrad}, a vector function's {@code fooVjp}) is
 * required: a method whose gradient does not fit is rejected. {@code fooJvp} and the Hessian's sweep take a direction:
 * past 255 slots they take it flattened into one array; a member that still does not fit is left out, with a warning
 * at the method naming it, and the other members are generated. Code gets too large when helpers calling helpers are
 * inlined many times over, or when a long straight-line method's Hessian is written out statement by statement.
 */
final class MethodSizes {
    private MethodSizes() {}

    /** The method's members as they fit, or empty after reporting that its gradient does not. */
    static Optional<MethodCode> plan(
            Diagnostics diagnostics,
            ExecutableElement method,
            Signature signature,
            Function inlined,
            Derivatives code) {
        String name = signature.name();
        boolean vector = signature.isVector();
        Set<String> callees = callees(inlined);
        String why = callees.isEmpty()
                ? "its own body is that long"
                : "it inlines the bodies of " + String.join(", ", callees);
        String remedy = callees.isEmpty()
                ? "Write repeated statements as a loop over an array, whose derivative code is written once rather than once"
                        + " per statement, or differentiate a smaller method"
                : "Call the large helpers from fewer places (once in a loop rather than in several expressions), give one a"
                        + " @DerivativeOf rule so that its body is not copied in, or differentiate a smaller method";
        String gradient = name + (vector ? "Vjp" : "Grad");
        int own = ParameterSlots.own(signature);
        int tangents = ParameterSlots.tangents(signature);
        long gradientSize = BytecodeSize.of(code.gradient().body());
        if (gradientSize > BytecodeSize.LIMIT) {
            diagnostics.error(method, Message.TOO_LARGE, gradient, name, gradientSize / 1024, why, remedy + ".");
            return Optional.empty();
        }
        // The gradient's record has a component per active parameter after the value; its constructor has a this.
        int record = 1 + (vector ? 1 : 2) + tangents;
        if (record > ParameterSlots.LIMIT || (vector && own + 1 > ParameterSlots.LIMIT)) {
            diagnostics.error(
                    method,
                    Message.TOO_MANY_PARAMETERS,
                    record > ParameterSlots.LIMIT
                            ? "record " + io.github.autodiff4j.processor.model.CompanionNames.gradientRecord(name)
                            : gradient,
                    name,
                    Math.max(record, vector ? own + 1 : 0),
                    "the method is not differentiated");
            return Optional.empty();
        }
        if (code.partialsJvp() != null) {
            // A recursion's calls go through these members, which take a tangent after each active parameter.
            long size = BytecodeSize.of(code.partialsJvp().body());
            if (size > BytecodeSize.LIMIT) {
                diagnostics.error(
                        method, Message.TOO_LARGE, name + "ValueAndPartialsJvp", name, size / 1024, why, remedy + ".");
                return Optional.empty();
            }
            if (own + tangents > ParameterSlots.LIMIT) {
                diagnostics.error(
                        method,
                        Message.TOO_MANY_PARAMETERS,
                        name + "ValueAndPartialsJvp",
                        name,
                        own + tangents,
                        "the method is not differentiated");
                return Optional.empty();
            }
        }
        List<RecursionMembers> recursions = new ArrayList<>();
        for (RecursionMembers r : code.recursions()) {
            long size = r.functions().stream()
                    .mapToLong(f -> BytecodeSize.of(f.body()))
                    .max()
                    .orElse(0);
            if (size <= BytecodeSize.LIMIT) {
                recursions.add(r);
            } else if (!r.exported()) {
                // A recursion's calls need its members: without them the method cannot be differentiated.
                diagnostics.error(
                        method,
                        Message.TOO_LARGE,
                        r.method().name() + "Pullback",
                        name,
                        size / 1024,
                        why,
                        remedy + ".");
                return Optional.empty();
            }
            // An exported function too large for its members is left without them: callers get the opaque-call error.
        }
        Derivatives fitting = code.withRecursions(recursions);
        Limits limits = new Limits(diagnostics, method, name, own, tangents, why);
        Form jvp = limits.form(name + "Jvp", BytecodeSize.of(code.jvp().body()), remedy + ".");
        Form hvp = vector
                ? Form.OMITTED
                : limits.form(
                        name + "Hessian",
                        BytecodeSize.of(code.hvp().body()),
                        remedy + "; or estimate second derivatives numerically, with NumericDiff.jacobian of " + name
                                + "Grad.");
        boolean allArrays = !signature.activeParams().isEmpty()
                && signature.activeParams().stream()
                        .map(Param::var)
                        .allMatch(v -> v.type().isArray());
        boolean inPlace = !vector && allArrays && own + tangents <= ParameterSlots.LIMIT;
        if (!vector && allArrays && !inPlace) {
            diagnostics.warning(
                    method,
                    Message.TOO_MANY_PARAMETERS,
                    name + "Grad's allocation-free form",
                    name,
                    own + tangents,
                    "it is not generated, and the other members are");
        }
        return Optional.of(new MethodCode(signature, fitting, jvp, hvp, inPlace, List.of()));
    }

    /** The helpers a method inlines, as the sources its statements came from name them. */
    private static Set<String> callees(Function inlined) {
        Set<String> callees = new LinkedHashSet<>();
        Stmts.walk(inlined.body(), s -> {
            if (s.origin() != null && s.origin().method() != null) {
                callees.add(s.origin().method());
            }
        });
        return callees;
    }

    /** The checks of a member that takes a direction: its size, and its slots spread or packed. */
    private record Limits(
            Diagnostics diagnostics, ExecutableElement method, String name, int own, int tangents, String why) {
        Form form(String member, long size, String remedy) {
            if (size > BytecodeSize.LIMIT) {
                diagnostics.warning(method, Message.TOO_LARGE_MEMBER, member, name, size / 1024, why, remedy);
                return Form.OMITTED;
            }
            if (own + tangents <= ParameterSlots.LIMIT) {
                return Form.SPREAD;
            }
            if (own + 1 <= ParameterSlots.LIMIT) {
                return Form.PACKED;
            }
            diagnostics.warning(
                    method,
                    Message.TOO_MANY_PARAMETERS,
                    member,
                    name,
                    own + 1,
                    "it is not generated, and the other members are");
            return Form.OMITTED;
        }
    }
}
