package io.github.autodiff4j.processor.ir;

public enum UnaryOp {
    NEG("-"),
    NOT("!"),
    BIT_NOT("~");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
