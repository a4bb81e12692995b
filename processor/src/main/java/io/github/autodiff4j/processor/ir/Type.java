package io.github.autodiff4j.processor.ir;

/** The value types a differentiable method computes with. Only {@link #DOUBLE} values can carry a derivative. */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  /** A reference to an object parameter: a constant the code may call methods on, never differentiated. */
  OBJECT("Object");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  public String javaName() {
    return javaName;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  /** Java's binary numeric promotion, restricted to our types. */
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
