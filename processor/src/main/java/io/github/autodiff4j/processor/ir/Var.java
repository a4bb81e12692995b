package io.github.autodiff4j.processor.ir;

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

    public Var(String name, Type type) {
        this(name, type, null);
    }

    private Var(String name, Type type, Var base) {
        this.name = name;
        this.type = type;
        this.base = base;
    }

    /** A variable named by {@code pattern} (containing one %s) after {@code base}'s final name. */
    public static Var derived(Var base, String pattern) {
        return new Var(pattern, base.type, base);
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
