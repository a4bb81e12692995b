package io.github.autodiff4j.processor.ir;

/** Binary operators, with Java's precedence so that printed expressions need no redundant parentheses. */
public enum BinaryOp {
    MUL("*", 12),
    DIV("/", 12),
    REM("%", 12),
    ADD("+", 11),
    SUB("-", 11),
    SHL("<<", 10),
    SHR(">>", 10),
    USHR(">>>", 10),
    LT("<", 9),
    LE("<=", 9),
    GT(">", 9),
    GE(">=", 9),
    EQ("==", 8),
    NE("!=", 8),
    BIT_AND("&", 7),
    XOR("^", 6),
    BIT_OR("|", 5),
    AND("&&", 4),
    OR("||", 3);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isArithmetic() {
        return precedence >= 11;
    }

    public boolean isShift() {
        return precedence == 10;
    }

    /** The integer operators: shifts and bitwise and, or and xor (logical ones, on booleans). */
    public boolean isBitwise() {
        return precedence >= 5 && precedence <= 10 && precedence != 8 && precedence != 9;
    }
}
