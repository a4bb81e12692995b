package io.github.autodiff4j.processor.model;

import io.github.autodiff4j.processor.ir.Function;
import java.util.List;

/**
 * The derivative code of one function, each a composition of the two transforms (built by
 * {@code transform.Differentiation}).
 *
 * @param jvp forward mode: a tangent parameter after each active one; returns (value, tangent)
 * @param gradient reverse mode: parameters, adjoint arrays of the array parameters, and for a vector function the
 *     seed; returns the value, then the adjoint of each active parameter
 * @param hvp forward over reverse, for scalar functions (null for vector functions): the gradient's parameters, each
 *     active one followed by its tangent ({@code x_dot}); returns the tangents of the adjoints, the Hessian times the
 *     tangent direction
 * @param partialsJvp for a recursive function of doubles only (null otherwise): the same sweep with every result
 *     kept, the value and the adjoints followed by their tangents, which a recursive call's Hessian goes through
 * @param recursions the members of the other recursive methods the derivatives call, private to the companion
 */
public record Derivatives(
        Function jvp, Function gradient, Function hvp, Function partialsJvp, List<RecursionMembers> recursions) {

    public Derivatives {
        recursions = List.copyOf(recursions);
    }

    public Derivatives(Function jvp, Function gradient, Function hvp, Function partialsJvp) {
        this(jvp, gradient, hvp, partialsJvp, List.of());
    }

    public Derivatives withRecursions(List<RecursionMembers> members) {
        return new Derivatives(jvp, gradient, hvp, partialsJvp, members);
    }
}
