package io.github.autodiff4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A record of doubles ({@code record Point(double x, double y)}, or of such records): autodiff4j computes with it as the
 * {@code double[]} of its components, flattened in declaration order, nested records component by component. A {@code
 * Particle(Vec3 position, Vec3 velocity, double mass)} is 7 doubles: the position's x, y, z, the velocity's, the mass.
 *
 * @param type the record class
 * @param components its components in declaration order
 * @param declaredConstructor whether the record declares its canonical constructor (a compact one checking or adjusting
 *     its arguments), which must not run on derivatives: they get a record of their own ({@code MarketTangent})
 */
public record RecordShape(ClassName type, List<Component> components, boolean declaredConstructor) {
    public RecordShape {
        components = List.copyOf(components);
    }

    /**
     * A component of a record of doubles.
     *
     * @param name its name, which is its accessor's
     * @param nested the record it holds, or null for a {@code double}
     */
    public record Component(String name, RecordShape nested) {
        /** How many doubles it flattens to. */
        public int size() {
            return nested == null ? 1 : nested.size();
        }
    }

    /** How many doubles the record flattens to. */
    public int size() {
        return components.stream().mapToInt(Component::size).sum();
    }

    /** Where the component's doubles start in the flattened record. */
    public int offset(int component) {
        return components.subList(0, component).stream()
                .mapToInt(Component::size)
                .sum();
    }

    /** The index of the component of that name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
