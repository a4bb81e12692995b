package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.TypeName;

/**
 * A variable of the IR: a parameter, a user's local or a temporary the transforms introduce. Identity is the object
 * itself; the name is only a hint that the emitter turns into a unique Java name. A derivative variable names itself
 * after its base ({@code "d%s"} for the tangent of {@code x} prints as {@code dx}), so it follows its base's final name.
 */
public final class Var {
    /** A hint ending in this marker asks the emitter to number the variable: {@code t#} prints as t0, t1, ... */
    public static final String NUMBERED = "#";

    private final String name;
    private final Type type;
    private final Var base;
    private final TypeName javaType;

    public Var(String name, Type type) {
        this(name, type, null, null);
    }

    /**
     * A variable of an object type ({@code String}, an enum), which the emitter declares as {@code javaType}; null
     * declares it by its IR type.
     */
    public Var(String name, Type type, TypeName javaType) {
        this(name, type, null, javaType);
    }

    private Var(String name, Type type, Var base, TypeName javaType) {
        this.name = name;
        this.type = type;
        this.base = base;
        this.javaType = javaType;
    }

    /** A variable named by {@code pattern} (containing one %s) after {@code base}'s final name. */
    public static Var derived(Var base, String pattern) {
        return new Var(pattern, base.type, base, base.javaType);
    }

    /** A new variable named {@code name} of the same type as {@code like}, its Java type included. */
    public static Var like(String name, Var like) {
        return new Var(name, like.type, null, like.javaType);
    }

    /** The Java type the emitter declares an object variable with; null for the IR type's own. */
    public TypeName javaType() {
        return javaType;
    }

    /** The name hint; for a derived variable, its pattern. */
    public String name() {
        return base == null ? name : String.format(name, base.name());
    }

    public String pattern() {
        return name;
    }

    public Var base() {
        return base;
    }

    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return name();
    }
}
