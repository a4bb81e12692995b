package io.github.autodiff4j.processor.fuzz;

/** A parameter of a generated method: its name and what kind of argument the checker passes for it. */
record Param(String name, Kind kind) {
    enum Kind {
        /** An active {@code double}. */
        DOUBLE,
        /** A {@code @NoDerivative double}. */
        CONSTANT,
        /** An active {@code double[]} of the program's array length. */
        ARRAY,
        /** An active {@code double[][]}, square, of the program's array length. */
        MATRIX,
        /** An {@code int}, a trip count from 0 to 4. */
        INT,
        /** A {@code char}, one of 'a', 'b', 'c': a switch selector and a constant. */
        CHAR,
        /** The program's enum {@code Mode} (A, B or C): compared and switched on. */
        MODE,
        /** A {@code String}, a constant object ("ab", "" or "xyz"): only helpers that recurse over it take one. */
        STRING
    }

    boolean active() {
        return kind == Kind.DOUBLE || kind == Kind.ARRAY || kind == Kind.MATRIX;
    }

    String declaration() {
        return switch (kind) {
            case DOUBLE -> "double " + name;
            case CONSTANT -> "@NoDerivative double " + name;
            case ARRAY -> "double[] " + name;
            case MATRIX -> "double[][] " + name;
            case INT -> "int " + name;
            case CHAR -> "char " + name;
            case MODE -> "Mode " + name;
            case STRING -> "String " + name;
        };
    }
}
