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
  private final String tape;

  /** @param tape the name of the generated method's tape variable */
  public IrPrinter(Function<Var, String> names, String tape) {
    this.names = names;
    this.tape = tape;
  }

  /** The whole function, with name hints: for tests and debugging. */
  public static String print(io.github.autodiff4j.processor.ir.Function function) {
    IrPrinter printer = new IrPrinter(Var::name, "tape");
    StringBuilder out = new StringBuilder(function.name()).append(function.params()).append(" {\n");
    printer.statements(function.body(), "  ", out);
    return out.append("}").toString();
  }

  private void statements(java.util.List<Stmt> body, String indent, StringBuilder out) {
    for (Stmt stmt : body) {
      out.append(indent);
      if (stmt instanceof Stmt.Assign a) {
        out.append(names.apply(a.target())).append(" = ").append(expr(a.value())).append(";\n");
      } else if (stmt instanceof Stmt.Store s) {
        out.append(expr(s.array())).append('[').append(expr(s.index())).append("] = ")
            .append(expr(s.value())).append(";\n");
      } else if (stmt instanceof Stmt.If i) {
        out.append("if (").append(expr(i.condition())).append(") {\n");
        statements(i.then(), indent + "  ", out);
        out.append(indent).append("} else {\n");
        statements(i.otherwise(), indent + "  ", out);
        out.append(indent).append("}\n");
      } else if (stmt instanceof Stmt.Loop l) {
        out.append(l.label()).append(": loop").append(l.testFirst() ? " while " : " do-while ")
            .append(expr(l.condition())).append(" {\n");
        statements(l.body(), indent + "  ", out);
        out.append(indent).append("} update {\n");
        statements(l.update(), indent + "  ", out);
        out.append(indent).append("}\n");
      } else if (stmt instanceof Stmt.Block b) {
        out.append(b.label()).append(": {\n");
        statements(b.body(), indent + "  ", out);
        out.append(indent).append("}\n");
      } else if (stmt instanceof Stmt.Switch s) {
        out.append(s.label()).append(": switch (").append(expr(s.selector())).append(") {\n");
        for (Stmt.Case c : s.cases()) {
          out.append(indent).append("  case ").append(c.labels().isEmpty() ? "default" : c.labels()).append(":\n");
          statements(c.body(), indent + "    ", out);
        }
        out.append(indent).append("}\n");
      } else if (stmt instanceof Stmt.Break b) {
        out.append("break ").append(b.label()).append(";\n");
      } else if (stmt instanceof Stmt.Continue c) {
        out.append("continue ").append(c.label()).append(";\n");
      } else if (stmt instanceof Stmt.Return r) {
        out.append("return ").append(r.values().stream().map(e -> expr(e).toString()).toList()).append(";\n");
      } else if (stmt instanceof Stmt.RequireSameLength r) {
        out.append("require ").append(names.apply(r.array())).append(".length == ")
            .append(names.apply(r.like())).append(".length;\n");
      } else {
        out.append("push ").append(expr(((Stmt.Push) stmt).value())).append(";\n");
      }
    }
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
    if (isMax(e)) {
      Expr.Select s = (Expr.Select) e;
      return CodeBlock.of("$T.max($L, $L)", Math.class, expr(s.ifTrue()), expr(s.ifFalse()));
    }
    if (e instanceof Expr.Select s) {
      return CodeBlock.of("$L ? $L : $L", print(s.condition(), CONDITIONAL + 1), print(s.ifTrue(), CONDITIONAL + 1),
          print(s.ifFalse(), CONDITIONAL));
    }
    if (e instanceof Expr.ArrayRead r) {
      return CodeBlock.of("$L[$L]", print(r.array(), PRIMARY), expr(r.index()));
    }
    if (e instanceof Expr.CustomCall c) {
      return CodeBlock.of("$T.$L($L)", c.function().owner(), c.function().name(), arguments(c.args()));
    }
    if (e instanceof Expr.RuleCall r) {
      return CodeBlock.of("$T.$L($L)", r.callee().owner(), r.callee().name(), arguments(r.args()));
    }
    if (e instanceof Expr.FieldRead r) {
      if (!r.field().getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
        return CodeBlock.of("$L.$L", print(r.object(), PRIMARY), r.field().getSimpleName());
      }
      // The companion cannot name a private field: it reads it through a VarHandle it declares.
      return CodeBlock.of("($T) $L.get($L)", com.palantir.javapoet.TypeName.get(r.field().asType()),
          fieldHandle(r.field()), expr(r.object()));
    }
    if (e instanceof Expr.ArrayLength l) {
      return CodeBlock.of("$L.length", print(l.array(), PRIMARY));
    }
    if (e instanceof Expr.NewArray n) {
      CodeBlock dims = n.lengths().stream().map(l -> CodeBlock.of("[$L]", expr(l))).collect(CodeBlock.joining(""));
      Type element = n.type();
      while (element.isArray()) {
        element = element.element();
      }
      return CodeBlock.of("new $L$L", element.javaName(), dims);
    }
    if (e instanceof Expr.ZerosLike z) {
      return z.type() == Type.DOUBLE_MATRIX
          ? CodeBlock.of("zerosLike($L)", expr(z.array()))
          : CodeBlock.of("new double[$L.length]", print(z.array(), PRIMARY));
    }
    if (e instanceof Expr.ArrayLiteral l) {
      return CodeBlock.of("new $L {$L}", l.type().javaName(), arguments(l.elements()));
    }
    if (e instanceof Expr.ArrayCopy c) {
      return CodeBlock.of("$L.clone()", print(c.array(), PRIMARY));
    }
    if (e instanceof Expr.TapePop p) {
      return CodeBlock.of("$L.pop$L()", tape, tapeSuffix(p.type()));
    }
    if (e instanceof Expr.TapeSize) {
      return CodeBlock.of("$L.intCount()", tape);
    }
    Expr.Invoke i = (Expr.Invoke) e;
    CodeBlock target = i.receiver() != null
        ? print(i.receiver(), PRIMARY)
        : CodeBlock.of("$T", ClassName.get((javax.lang.model.element.TypeElement) i.method().getEnclosingElement()));
    return CodeBlock.of("$L.$L($L)", target, i.method().getSimpleName(), arguments(i.args()));
  }

  /** The name of the VarHandle through which a companion reads a private field: {@code MODEL_WEIGHTS}. */
  public static String fieldHandle(javax.lang.model.element.VariableElement field) {
    String owner = field.getEnclosingElement().getSimpleName().toString();
    return (owner + "_" + field.getSimpleName()).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  /** The tape method suffix for values of this type: pushDouble, popInt, ... */
  public static String tapeSuffix(Type type) {
    return switch (type) {
      case DOUBLE -> "Double";
      case INT -> "Int";
      case LONG -> "Long";
      case BOOLEAN -> "Boolean";
      case DOUBLE_ARRAY -> "Array";
      case DOUBLE_MATRIX -> "Matrix";
      default -> throw new IllegalArgumentException("the tape holds no " + type);
    };
  }

  private CodeBlock arguments(java.util.List<Expr> args) {
    return args.stream().map(this::expr).collect(CodeBlock.joining(", "));
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Literal l) {
      boolean negative = l.type() == Type.DOUBLE ? l.value() < 0 || (l.value() == 0 && 1 / l.value() < 0)
          : l.integral() < 0;
      return negative ? UNARY : PRIMARY;
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
    if (e instanceof Expr.FieldRead r && r.field().getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
      return CAST;
    }
    if (e instanceof Expr.Select && !isMax(e)) {
      return CONDITIONAL;
    }
    return PRIMARY;
  }

  /** {@code a > b ? a : b} on integers, which reads better as {@code Math.max(a, b)}. */
  private static boolean isMax(Expr e) {
    return e instanceof Expr.Select s && s.condition() instanceof Expr.Binary b && b.op() == BinaryOp.GT
        && b.left().equals(s.ifTrue()) && b.right().equals(s.ifFalse()) && s.ifTrue().type() == Type.INT
        && s.ifFalse().type() == Type.INT;
  }

  private static String literal(Expr.Literal l) {
    double v = l.value();
    switch (l.type()) {
      case BOOLEAN:
        return l.integral() != 0 ? "true" : "false";
      case INT:
        return Long.toString(l.integral());
      case LONG:
        return l.integral() + "L";
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
