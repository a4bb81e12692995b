package io.github.autodiff4j.processor.model;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The private members of a companion through which the derivatives of a recursive method of the build go, one call per
 * level of the recursion (built by {@code transform.RecursionDerivatives}; named by {@link CompanionNames}).
 *
 * @param method the recursive method
 * @param base what the members' names start with ({@code Expr.RecursiveCall#base})
 * @param result the method's result: {@code DOUBLE}, or {@code DOUBLE_ARRAY} (a vector function, or a recursion), whose
 *     value and record members return the array, whose pushforward and record JVP return {@code {value, tangent}} as
 *     two arrays, and whose pullback takes the result's adjoint array as its seed and returns only the doubles'
 *     adjoints
 * @param value for a private method, which the companion cannot call, its body (null otherwise): returns the value
 * @param record what a gradient's forward sweep calls: runs the recursion and keeps the values its recursive calls
 *     returned, for the pullback to replay; returns the value
 * @param recordJvp the record's forward mode, for Hessians: keeps the values and their tangents; returns (value,
 *     tangent)
 * @param pushforward forward mode: a tangent after each double or array parameter; returns (value, tangent)
 * @param pullback reverse mode: the parameters, an adjoint array per array parameter (added into), then the seed;
 *     returns the value, then the adjoint of each double parameter (the arrays' are in their adjoint arrays)
 * @param pullbackJvp the pullback's forward mode, for Hessians: a tangent after each of its parameters that carries
 *     a derivative (doubles, arrays, adjoint arrays, seed); returns the pullback's results, then their tangents
 * @param exported whether the members are public, for code compiled later: those of a {@code @Differentiable}
 *     function over arrays, in its own companion
 */
public record RecursionMembers(
        MethodRef method,
        String base,
        Type result,
        Function value,
        Function record,
        Function recordJvp,
        Function pushforward,
        Function pullback,
        Function pullbackJvp,
        boolean exported) {

    /** The functions written as members: the value's copy, if any, first. */
    public List<Function> functions() {
        List<Function> out = new ArrayList<>();
        if (value != null) {
            out.add(value);
        }
        out.addAll(List.of(record, recordJvp, pushforward, pullback, pullbackJvp));
        return out;
    }
}
