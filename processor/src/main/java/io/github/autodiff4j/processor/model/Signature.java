package io.github.autodiff4j.processor.model;

import io.github.autodiff4j.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A validated @Differentiable method: its element, its parameters (led by the receiver for an instance method), each
 * known to be active or constant, and what it returns: {@code double} for a scalar function, {@code double[]} for a
 * vector function.
 */
public record Signature(ExecutableElement method, List<Param> params, Type returns) {

    public boolean isVector() {
        return returns == Type.DOUBLE_ARRAY;
    }

    public String name() {
        return method.getSimpleName().toString();
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
