package io.github.autodiff4j.processor.ir;

/** A statement of the IR. Every statement remembers the user's source it was made from. */
public sealed interface Stmt {

  Origin origin();

  /** {@code target = value}. The emitter declares the target at its first assignment. */
  record Assign(Var target, Expr value, Origin origin) implements Stmt {}

  /** {@code return value}: only in parsed code; normalisation turns it into an assignment of the result. */
  record Return(Expr value, Origin origin) implements Stmt {}
}
