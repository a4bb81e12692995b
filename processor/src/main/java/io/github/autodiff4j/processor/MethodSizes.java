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
        List<String> callees = callees(inlined);
        String gradient = name + (vector ? "Vjp" : "Grad");
        int own = ParameterSlots.own(signature);
        int tangents = ParameterSlots.tangents(signature);
        long gradientSize = BytecodeSize.of(code.gradient().body());
        if (gradientSize > BytecodeSize.LIMIT) {
            diagnostics.error(method, new Message.TooLarge(gradient, name, gradientSize / 1024, callees));
            return Optional.empty();
        }
        // The gradient's record has a component per active parameter after the value; its constructor has a this.
        int record = 1 + (vector ? 1 : 2) + tangents;
        if (record > ParameterSlots.LIMIT || (vector && own + 1 > ParameterSlots.LIMIT)) {
            diagnostics.error(
                    method,
                    new Message.TooManyParameters(
                            record > ParameterSlots.LIMIT
                                    ? "record "
                                            + io.github.autodiff4j.processor.model.CompanionNames.gradientRecord(name)
                                    : gradient,
                            name,
                            Math.max(record, vector ? own + 1 : 0),
                            true));
            return Optional.empty();
        }
        if (code.partialsJvp() != null) {
            // A recursion's calls go through these members, which take a tangent after each active parameter.
            long size = BytecodeSize.of(code.partialsJvp().body());
            if (size > BytecodeSize.LIMIT) {
                diagnostics.error(
                        method, new Message.TooLarge(name + "ValueAndPartialsJvp", name, size / 1024, callees));
                return Optional.empty();
            }
            if (own + tangents > ParameterSlots.LIMIT) {
                diagnostics.error(
                        method,
                        new Message.TooManyParameters(name + "ValueAndPartialsJvp", name, own + tangents, true));
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
                        method, new Message.TooLarge(r.method().name() + "Pullback", name, size / 1024, callees));
                return Optional.empty();
            }
            // An exported function too large for its members is left without them: callers get the opaque-call error.
        }
        Derivatives fitting = code.withRecursions(recursions);
        Limits limits = new Limits(diagnostics, method, name, own, tangents, callees);
        Form jvp = limits.form(name + "Jvp", BytecodeSize.of(code.jvp().body()), false);
        Form hvp = vector
                ? Form.OMITTED
                : limits.form(name + "Hessian", BytecodeSize.of(code.hvp().body()), true);
        boolean allArrays = !signature.activeParams().isEmpty()
                && signature.activeParams().stream()
                        .map(Param::var)
                        .allMatch(v -> v.type().isArray());
        boolean inPlace = !vector && allArrays && own + tangents <= ParameterSlots.LIMIT;
        if (!vector && allArrays && !inPlace) {
            diagnostics.warning(
                    method,
                    new Message.TooManyParameters(name + "Grad's allocation-free form", name, own + tangents, false));
        }
        return Optional.of(new MethodCode(signature, fitting, jvp, hvp, inPlace, List.of()));
    }

    /** The helpers a method inlines, as the sources its statements came from name them. */
    private static List<String> callees(Function inlined) {
        Set<String> callees = new LinkedHashSet<>();
        Stmts.walk(inlined.body(), s -> {
            if (s.origin() != null && s.origin().method() != null) {
                callees.add(s.origin().method());
            }
        });
        return List.copyOf(callees);
    }

    /** The checks of a member that takes a direction: its size, and its slots spread or packed. */
    private record Limits(
            Diagnostics diagnostics,
            ExecutableElement method,
            String name,
            int own,
            int tangents,
            List<String> callees) {
        /** @param hessian whether the member is the Hessian's sweep, which a numerical estimate can stand in for */
        Form form(String member, long size, boolean hessian) {
            if (size > BytecodeSize.LIMIT) {
                diagnostics.warning(method, new Message.TooLargeMember(member, name, size / 1024, callees, hessian));
                return Form.OMITTED;
            }
            if (own + tangents <= ParameterSlots.LIMIT) {
                return Form.SPREAD;
            }
            if (own + 1 <= ParameterSlots.LIMIT) {
                return Form.PACKED;
            }
            diagnostics.warning(method, new Message.TooManyParameters(member, name, own + 1, false));
            return Form.OMITTED;
        }
    }
}
