package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.FieldRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a companion has given out, so that two methods never generate one name: {@code f} and {@code F} would
 * both generate a record {@code FGradient}, {@code f(double grad)} and {@code fPartial(double x)} a member
 * {@code fPartialGrad}. Methods claim their names in source order; a later method whose names clash with an earlier
 * one's, or with the companion's own helpers, is reported and left out. Names are compared whatever the parameter
 * types, so that no call can become ambiguous.
 */
public final class GeneratedNames {
    /** The companion's own private helpers, whatever the methods. */
    private static final List<String> HELPERS =
            List.of("lookUp", "zerosLike", "size", "pack", "unpack", "labels", "requireSameShape", "fillZeros");

    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();
    private final Map<String, FieldRef> handles = new HashMap<>();

    public GeneratedNames(ClassName companion) {
        types.put(companion.simpleName(), "is the companion's own name");
        for (String helper : HELPERS) {
            methods.put(helper, "the companion has as a helper");
        }
    }

    /**
     * What clashes, if anything: the generated name, who has it already, and what to rename (arguments of the
     * name-clash message).
     */
    public Optional<String[]> clash(TypeSpec members, Map<FieldRef, String> fieldHandles) {
        for (TypeSpec type : members.typeSpecs()) {
            if (types.containsKey(type.name())) {
                return Optional.of(new String[] {"record " + type.name(), types.get(type.name()), "one of them"});
            }
        }
        for (MethodSpec method : members.methodSpecs()) {
            if (methods.containsKey(method.name())) {
                return Optional.of(new String[] {"member " + method.name(), methods.get(method.name()), "one of them"});
            }
        }
        Map<String, FieldRef> own = new HashMap<>(handles);
        for (Map.Entry<FieldRef, String> handle : fieldHandles.entrySet()) {
            FieldRef earlier = own.putIfAbsent(handle.getValue(), handle.getKey());
            if (earlier != null && !earlier.equals(handle.getKey())) {
                return Optional.of(new String[] {
                    "the handle " + handle.getValue() + " for private field "
                            + handle.getKey().name(),
                    "the companion already has for field " + earlier.name() + " of " + earlier.ownerName(),
                    "one of the two fields"
                });
            }
        }
        return Optional.empty();
    }

    /** Claims the names of a method's members, which {@link #clash} found free. */
    public void claim(String method, TypeSpec members, Map<FieldRef, String> fieldHandles) {
        String owner = "@Differentiable method " + method + " generates too";
        members.typeSpecs().forEach(t -> types.put(t.name(), owner));
        members.methodSpecs().forEach(m -> methods.putIfAbsent(m.name(), owner));
        fieldHandles.forEach((field, name) -> handles.put(name, field));
    }
}
