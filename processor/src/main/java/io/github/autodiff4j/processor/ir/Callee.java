package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A static method that generated code calls by name: a function with a derivative rule, or a rule itself.
 *
 * @param params the method's parameters (a rule's are its function's), to tell the double ones
 * @param method the method, or null for a member the processor generates in this same compilation
 * @param rule this method's own derivative when known up front (for generated members); null to look it up
 */
public record Callee(
        ClassName owner, String name, List<MethodRef.Parameter> params, MethodRef method, DerivativeRule rule) {

    public static Callee of(MethodRef method) {
        return new Callee(method.owner(), method.name(), method.params(), method, null);
    }
}
