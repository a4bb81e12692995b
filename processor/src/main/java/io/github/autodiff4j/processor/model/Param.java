package io.github.autodiff4j.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import io.github.autodiff4j.processor.ir.Var;

/**
 * A parameter of a differentiable method, or its receiver: generated members take the receiver of an instance method
 * as their first parameter, a constant.
 *
 * @param type the parameter's Java type, as generated members declare it (null for one JavaPoet cannot name, a local
 *     class's)
 * @param var the parameter's IR variable, named as in the source
 * @param active whether derivatives are taken with respect to it
 * @param receiver whether this is the object an instance method is called on
 * @param record for a record of doubles (or an array of them), which the function's code computes with as its array
 *     (or matrix) and {@code type} declares so: its shape, from which the public members take and return records;
 *     null otherwise
 */
public record Param(TypeName type, Var var, boolean active, boolean receiver, RecordShape record) {

    public Param(TypeName type, Var var, boolean active, boolean receiver) {
        this(type, var, active, receiver, null);
    }

    public String name() {
        return var.name();
    }

    public boolean isDouble() {
        return TypeName.DOUBLE.equals(type);
    }

    public boolean isArray() {
        return type instanceof ArrayTypeName;
    }
}
