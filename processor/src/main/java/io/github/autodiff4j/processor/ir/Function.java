package io.github.autodiff4j.processor.ir;

import java.util.List;

/**
 * A straight-line function of the IR: parameters, a body, and the expressions it returns. Parsed methods return through
 * {@link Stmt.Return}; transformed functions have an empty-return body and name their outputs in {@code results}, so
 * that one function can return a value and all its derivatives.
 */
public record Function(String name, List<Var> params, List<Stmt> body, List<Expr> results) {

  public Function {
    params = List.copyOf(params);
    body = List.copyOf(body);
    results = List.copyOf(results);
  }

  @Override
  public String toString() {
    return IrPrinter.print(this);
  }
}
