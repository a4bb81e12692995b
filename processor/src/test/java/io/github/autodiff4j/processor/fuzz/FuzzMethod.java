package io.github.autodiff4j.processor.fuzz;

import java.util.List;

/**
 * A generated {@code @Differentiable} method: scalar ({@code double}) or vector ({@code double[]}), static or an
 * instance method; {@code reachesOverride} when it calls, directly or through other calls on its own object, the
 * helper that the program's subclass {@code Over} overrides (then every generated member must throw for such a
 * receiver).
 */
record FuzzMethod(String name, boolean vector, List<Param> params, boolean instance, boolean reachesOverride) {
    FuzzMethod(String name, boolean vector, List<Param> params) {
        this(name, vector, params, false, false);
    }
}
