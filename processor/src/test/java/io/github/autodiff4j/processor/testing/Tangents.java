package io.github.autodiff4j.processor.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** The arguments of a {@code fooJvp}: each active argument followed by its tangent, of the member's parameter type. */
final class Tangents {
    private Tangents() {}

    static Object[] interleave(Method jvp, Object[] args, boolean[] active, double[] direction) {
        Class<?>[] types = jvp.getParameterTypes();
        List<Object> all = new ArrayList<>();
        int[] at = {0};
        for (int i = 0; i < args.length; i++) {
            all.add(args[i]);
            if (active[i]) {
                // A record's tangent may be a tangent record of its own (MarketTangent): built as the member takes it.
                all.add(Flat.rebuild(args[i], types[all.size()], direction, at));
            }
        }
        return all.toArray();
    }
}
