package io.github.autodiff4j.processor.ir;

/** The value types a differentiable method computes with. Only doubles, and arrays of them, carry derivatives. */
public enum Type {
    DOUBLE("double"),
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    /** A {@code char}: an integral constant, which arithmetic promotes to {@code int} as Java does. */
    CHAR("char"),
    /** A reference to an object parameter: a constant the code may call methods on, never differentiated. */
    OBJECT("Object"),
    DOUBLE_ARRAY("double[]"),
    /** A matrix as Java has them: an array of rows, possibly ragged. */
    DOUBLE_MATRIX("double[][]"),
    INT_ARRAY("int[]"),
    LONG_ARRAY("long[]"),
    BOOLEAN_ARRAY("boolean[]");

    private final String javaName;

    Type(String javaName) {
        this.javaName = javaName;
    }

    public String javaName() {
        return javaName;
    }

    public boolean isNumeric() {
        return this == DOUBLE || this == INT || this == LONG || this == CHAR;
    }

    public boolean isArray() {
        return javaName.endsWith("[]");
    }

    /** Whether values of this type can carry a derivative. */
    public boolean isDifferentiable() {
        return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
    }

    public Type element() {
        return switch (this) {
            case DOUBLE_ARRAY -> DOUBLE;
            case DOUBLE_MATRIX -> DOUBLE_ARRAY;
            case INT_ARRAY -> INT;
            case LONG_ARRAY -> LONG;
            case BOOLEAN_ARRAY -> BOOLEAN;
            default -> throw new IllegalStateException(this + " is not an array type");
        };
    }

    /** The zero a variable of this type starts from when it must be declared before its first assignment. */
    public String defaultValue() {
        return switch (this) {
            case DOUBLE -> "0.0";
            case INT, LONG, CHAR -> "0";
            case BOOLEAN -> "false";
            default -> "null";
        };
    }

    /** Java's binary numeric promotion, restricted to our types ({@code char} promotes to {@code int}). */
    public static Type promote(Type a, Type b) {
        if (a == DOUBLE || b == DOUBLE) {
            return DOUBLE;
        }
        if (a == LONG || b == LONG) {
            return LONG;
        }
        return INT;
    }
}
