package io.github.autodiff4j.processor.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * The derivative of a function, supplied rather than derived: one method returning all the partials, or one method
 * per double parameter (keyed by the parameter's position).
 */
public record DerivativeRule(Callee all, Map<Integer, Callee> perParameter) {

    public DerivativeRule {
        perParameter = java.util.Collections.unmodifiableMap(new HashMap<>(perParameter));
    }
}
