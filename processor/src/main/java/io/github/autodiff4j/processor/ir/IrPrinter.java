package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.function.Function;

/**
 * Prints IR as Java source. The emitter prints generated code with it (passing the unique names it chose); tests and
 * debugging print IR with the variables' name hints.
 */
public final class IrPrinter {
  private static final int UNARY = 14;
  private static final int CAST = 13;
  private static final int CONDITIONAL = 2;
  private static final int PRIMARY = 16;

  private final Function<Var, String> names;

  public IrPrinter(Function<Var, String> names) {
    this.names = names;
  }

  /** The whole function, with name hints: for tests and debugging. */
  public static String print(io.github.autodiff4j.processor.ir.Function function) {
    IrPrinter printer = new IrPrinter(Var::name);
    StringBuilder out = new StringBuilder(function.name()).append(function.params()).append(" {\n");
    for (Stmt stmt : function.body()) {
      out.append("  ").append(printer.stmt(stmt)).append('\n');
    }
    return out.append("  -> ").append(function.results().stream().map(e -> printer.expr(e).toString()).toList())
        .append("\n}").toString();
  }

  public CodeBlock stmt(Stmt stmt) {
    if (stmt instanceof Stmt.Assign a) {
      return CodeBlock.of("$L = $L;", names.apply(a.target()), expr(a.value()));
    }
    Stmt.Return r = (Stmt.Return) stmt;
    return CodeBlock.of("return $L;", expr(r.value()));
  }

  public CodeBlock expr(Expr e) {
    return print(e, 0);
  }

  private CodeBlock print(Expr e, int minPrecedence) {
    int precedence = precedence(e);
    CodeBlock code = printBare(e);
    return precedence < minPrecedence ? CodeBlock.of("($L)", code) : code;
  }

  private CodeBlock printBare(Expr e) {
    if (e instanceof Expr.Literal l) {
      return CodeBlock.of("$L", literal(l));
    }
    if (e instanceof Expr.Ref r) {
      return CodeBlock.of("$L", names.apply(r.var()));
    }
    if (e instanceof Expr.StaticField f) {
      return CodeBlock.of("$T.$L", f.owner(), f.name());
    }
    if (e instanceof Expr.Unary u) {
      CodeBlock operand = print(u.operand(), UNARY);
      // "- -x" must not print as the decrement "--x".
      boolean clash = u.op() == UnaryOp.NEG && operand.toString().startsWith("-");
      return clash ? CodeBlock.of("-($L)", operand) : CodeBlock.of("$L$L", u.op().symbol(), operand);
    }
    if (e instanceof Expr.Binary b) {
      int p = b.op().precedence();
      return CodeBlock.of("$L $L $L", print(b.left(), p), b.op().symbol(), print(b.right(), p + 1));
    }
    if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($L) $L", c.type().javaName(), print(c.operand(), CAST));
    }
    if (e instanceof Expr.MathCall m) {
      return CodeBlock.of("$T.$L($L)", m.strict() ? StrictMath.class : Math.class, m.function().javaName(),
          arguments(m.args()));
    }
    if (e instanceof Expr.Select s) {
      return CodeBlock.of("$L ? $L : $L", print(s.condition(), CONDITIONAL + 1), print(s.ifTrue(), CONDITIONAL + 1),
          print(s.ifFalse(), CONDITIONAL));
    }
    Expr.Invoke i = (Expr.Invoke) e;
    CodeBlock target = i.receiver() != null
        ? print(i.receiver(), PRIMARY)
        : CodeBlock.of("$T", ClassName.get((javax.lang.model.element.TypeElement) i.method().getEnclosingElement()));
    return CodeBlock.of("$L.$L($L)", target, i.method().getSimpleName(), arguments(i.args()));
  }

  private CodeBlock arguments(java.util.List<Expr> args) {
    return args.stream().map(this::expr).collect(CodeBlock.joining(", "));
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.value() < 0 || (l.value() == 0 && 1 / l.value() < 0) ? UNARY : PRIMARY;
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    }
    if (e instanceof Expr.Cast) {
      return CAST;
    }
    if (e instanceof Expr.Select) {
      return CONDITIONAL;
    }
    return PRIMARY;
  }

  private static String literal(Expr.Literal l) {
    double v = l.value();
    switch (l.type()) {
      case BOOLEAN:
        return v != 0 ? "true" : "false";
      case INT:
        return Long.toString((long) v);
      case LONG:
        return (long) v + "L";
      default:
        if (Double.isNaN(v)) {
          return "Double.NaN";
        }
        if (Double.isInfinite(v)) {
          return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(v);
    }
  }
}
