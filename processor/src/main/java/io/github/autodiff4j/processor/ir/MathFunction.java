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
    FMA("fma", 3),
    COPY_SIGN("copySign", 2),
    IEEE_REMAINDER("IEEEremainder", 2),
    ULP("ulp", 1),
    NEXT_UP("nextUp", 1),
    NEXT_DOWN("nextDown", 1),
    NEXT_AFTER("nextAfter", 2),
    /** {@code scalb(double d, int n)}: the one function here with an {@code int} parameter, the second. */
    SCALB("scalb", 2),
    /** {@code clamp(double value, double min, double max)}, from JDK 21: only where the compiling JDK has it. */
    CLAMP("clamp", 3);

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
        return this == SIGNUM || this == FLOOR || this == CEIL || this == RINT || this == ULP;
    }

    /** Whether the parameter at this position is an {@code int} (it carries no derivative), not a double. */
    public boolean takesInt(int position) {
        return this == SCALB && position == 1;
    }

    /** The function of this name taking {@code arity} doubles, if it is one we differentiate. */
    public static Optional<MathFunction> of(String javaName, int arity) {
        return Arrays.stream(values())
                .filter(f -> f.javaName.equals(javaName) && f.arity == arity)
                .findFirst();
    }
}
