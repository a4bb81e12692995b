package io.github.autodiff4j.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/** The {@code Math}/{@code StrictMath} functions of doubles that can be differentiated. */
public enum MathFunction {
    SIN("sin", 1),
    COS("cos", 1),
    TAN("tan", 1),
    ASIN("asin", 1),
    ACOS("acos", 1),
    ATAN("atan", 1),
    ATAN2("atan2", 2),
    SINH("sinh", 1),
    COSH("cosh", 1),
    TANH("tanh", 1),
    EXP("exp", 1),
    EXPM1("expm1", 1),
    LOG("log", 1),
    LOG10("log10", 1),
    LOG1P("log1p", 1),
    SQRT("sqrt", 1),
    CBRT("cbrt", 1),
    POW("pow", 2),
    HYPOT("hypot", 2),
    ABS("abs", 1),
    MAX("max", 2),
    MIN("min", 2),
    SIGNUM("signum", 1),
    FLOOR("floor", 1),
    CEIL("ceil", 1),
    RINT("rint", 1),
    TO_RADIANS("toRadians", 1),
    TO_DEGREES("toDegrees", 1),
    FMA("fma", 3);

    private final String javaName;
    private final int arity;

    MathFunction(String javaName, int arity) {
        this.javaName = javaName;
        this.arity = arity;
    }

    public String javaName() {
        return javaName;
    }

    public int arity() {
        return arity;
    }

    /** Functions whose derivative is zero wherever it exists: their results carry no derivative. */
    public boolean isPiecewiseConstant() {
        return this == SIGNUM || this == FLOOR || this == CEIL || this == RINT;
    }

    /** The function of this name taking {@code arity} doubles, if it is one we differentiate. */
    public static Optional<MathFunction> of(String javaName, int arity) {
        return Arrays.stream(values())
                .filter(f -> f.javaName.equals(javaName) && f.arity == arity)
                .findFirst();
    }
}
