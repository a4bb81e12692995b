package io.github.autodiff4j.processor.ir;

/** Binary operators, with Java's precedence so that printed expressions need no redundant parentheses. */
public enum BinaryOp {
  MUL("*", 12),
  DIV("/", 12),
  REM("%", 12),
  ADD("+", 11),
  SUB("-", 11),
  LT("<", 9),
  LE("<=", 9),
  GT(">", 9),
  GE(">=", 9),
  EQ("==", 8),
  NE("!=", 8),
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
}
