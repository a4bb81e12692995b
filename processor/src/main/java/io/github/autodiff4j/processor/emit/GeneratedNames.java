package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.FieldRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

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

    private final String companion;
    /** Each record name claimed, and the method that generates it. */
    private final Map<String, String> types = new HashMap<>();
    /** Each member name claimed, and the method that generates it. */
    private final Map<String, String> methods = new HashMap<>();

    private final Map<String, FieldRef> handles = new HashMap<>();

    /** The text of the helpers and records methods share (those of records of doubles): the same again is no clash. */
    private final Set<String> shared = new HashSet<>();

    public GeneratedNames(ClassName companion) {
        this.companion = companion.simpleName();
    }

    /** A name a method would generate that is taken, and by whom: the front end reports it. */
    public sealed interface Clash {
        /** A record named as the companion class itself. */
        record CompanionName(String record) implements Clash {}

        /** A member named as one of the companion's own helpers. */
        record HelperName(String member) implements Clash {}

        /**
         * A name an earlier method generates.
         *
         * @param kind {@code record} or {@code member}
         */
        record Generated(String kind, String name, String method) implements Clash {}

        /** A private field's handle named as an earlier field's. */
        record Handle(String handle, String field, String earlierField, String earlierOwner) implements Clash {}
    }

    /** What clashes first, if anything. */
    public Optional<Clash> clash(TypeSpec members, Map<FieldRef, String> fieldHandles) {
        for (TypeSpec type : members.typeSpecs()) {
            if (type.name().equals(companion)) {
                return Optional.of(new Clash.CompanionName(type.name()));
            }
            if (types.containsKey(type.name()) && !shared.contains(type.toString())) {
                return Optional.of(new Clash.Generated("record", type.name(), types.get(type.name())));
            }
        }
        for (MethodSpec method : members.methodSpecs()) {
            if (RecordConversions.isHelper(method)) {
                // components(Point), toPoint(double[], int): overloads by the record's type, shared between methods.
                continue;
            }
            if (HELPERS.contains(method.name())) {
                return Optional.of(new Clash.HelperName(method.name()));
            }
            if (methods.containsKey(method.name()) && !shared.contains(method.toString())) {
                return Optional.of(new Clash.Generated("member", method.name(), methods.get(method.name())));
            }
        }
        Map<String, FieldRef> own = new HashMap<>(handles);
        for (Map.Entry<FieldRef, String> handle : fieldHandles.entrySet()) {
            FieldRef earlier = own.putIfAbsent(handle.getValue(), handle.getKey());
            if (earlier != null && !earlier.equals(handle.getKey())) {
                return Optional.of(new Clash.Handle(
                        handle.getValue(), handle.getKey().name(), earlier.name(), earlier.ownerName()));
            }
        }
        return Optional.empty();
    }

    /** Claims the names of a method's members, which {@link #clash} found free. */
    public void claim(String method, TypeSpec members, Map<FieldRef, String> fieldHandles) {
        members.typeSpecs().forEach(t -> types.putIfAbsent(t.name(), method));
        members.methodSpecs().forEach(m -> methods.putIfAbsent(m.name(), method));
        members.typeSpecs().forEach(t -> shared.add(t.toString()));
        members.methodSpecs().stream()
                .filter(m -> m.modifiers().contains(Modifier.PRIVATE))
                .forEach(m -> shared.add(m.toString()));
        fieldHandles.forEach((field, name) -> handles.put(name, field));
    }
}
