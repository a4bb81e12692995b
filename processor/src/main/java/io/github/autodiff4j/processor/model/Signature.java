package io.github.autodiff4j.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import io.github.autodiff4j.processor.ir.Type;
import java.util.List;

/**
 * A validated @Differentiable method: its class and name, its parameters (led by the receiver for an instance method),
 * each known to be active or constant, and what it returns: {@code double} for a scalar function, {@code double[]} for
 * a vector function.
 *
 * @param owner the class declaring the method
 * @param typeVariables the type variables of a generic receiver's type, with their bounds, outer classes' first: a
 *     member taking a {@code G<T>} (or an {@code Outer<T>.Inner<U>}) declares {@code <T extends Number>} itself, since
 *     a static member cannot see the class's (none for a static method)
 * @param varargs whether the method's last parameter is a {@code double...}: the members taking the method's own
 *     parameters are varargs too
 * @param result the shape of the record of doubles the method returns, computed with as its array; null for another
 *     result
 */
public record Signature(
        ClassName owner,
        String name,
        List<TypeVariableName> typeVariables,
        List<Param> params,
        Type returns,
        boolean varargs,
        RecordShape result) {

    public Signature {
        typeVariables = List.copyOf(typeVariables);
    }

    /** Whether a parameter or the result is a record of doubles: the public members take and return records. */
    public boolean hasRecords() {
        return result != null || params.stream().anyMatch(p -> p.record() != null);
    }

    public boolean isVector() {
        return returns == Type.DOUBLE_ARRAY;
    }

    /** The receiver of an instance method, its first parameter; null for a static method. */
    public Param receiver() {
        return params.isEmpty() || !params.get(0).receiver() ? null : params.get(0);
    }

    /** The method's own parameters, without the receiver. */
    public List<Param> declaredParams() {
        return params.stream().filter(p -> !p.receiver()).toList();
    }

    public List<Param> activeParams() {
        return params.stream().filter(Param::active).toList();
    }
}
