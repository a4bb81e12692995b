package io.github.autodiff4j.processor.fuzz;

/** A parameter of a generated method: its name and what kind of argument the checker passes for it. */
record Param(String name, Kind kind, String type) {
    Param(String name, Kind kind) {
        this(name, kind, null);
    }

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
        STRING,
        /** An active record {@code Pt(double x, double y)}, nested in the program's class. */
        POINT,
        /** A {@code @NoDerivative Pt}. */
        CONSTANT_POINT,
        /** An active record of records {@code Seg(Pt a, Pt b)}. */
        SEGMENT,
        /**
         * An active top-level record of two doubles that declares a checking compact constructor; {@code type} is its
         * name.
         */
        BOX,
        /** An active {@code Pt[]} of the program's array length. */
        POINTS
    }

    boolean active() {
        return kind == Kind.DOUBLE
                || kind == Kind.ARRAY
                || kind == Kind.MATRIX
                || kind == Kind.POINT
                || kind == Kind.SEGMENT
                || kind == Kind.BOX
                || kind == Kind.POINTS;
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
            case POINT -> "Pt " + name;
            case CONSTANT_POINT -> "@NoDerivative Pt " + name;
            case SEGMENT -> "Seg " + name;
            case BOX -> type + " " + name;
            case POINTS -> "Pt[] " + name;
        };
    }
}
