package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.autodiff4j.Tape;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.IrPrinter;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an IR body as Java: variables declared where {@link Declarations} says, {@code x = x + e} as
 * {@code x += e}, labels only where a jump needs one, and a comment tying each group of statements to the source line
 * it came from. How a {@code return} reads depends on the member being written, so the caller supplies it.
 */
final class BodyWriter {
  private final Namer namer;
  private final String tape;
  private final IrPrinter printer;
  private final java.util.function.Function<Stmt.Return, CodeBlock> returns;
  private final Set<String> labelsUsed = new HashSet<>();
  private final Deque<Stmt> enclosing = new ArrayDeque<>();
  private Declarations declarations;
  private Origin previous;

  /**
   * @param returns writes the statements that return a function's values from the generated member
   */
  BodyWriter(Namer namer, java.util.function.Function<Stmt.Return, CodeBlock> returns) {
    this.namer = namer;
    this.tape = namer.fresh("tape");
    this.printer = new IrPrinter(namer::name, tape);
    this.returns = returns;
  }

  CodeBlock body(io.github.autodiff4j.processor.ir.Function function) {
    declarations = new Declarations(function.body(), new HashSet<>(function.params()));
    // Names go to variables in the order they appear, so the user's own keep theirs.
    Stmts.walk(function.body(), s -> {
      Var target = Stmts.target(s);
      if (target != null) {
        namer.name(target);
      }
    });
    findLabelsUsed(function.body());
    CodeBlock.Builder code = CodeBlock.builder();
    if (usesTape(function.body())) {
      code.addStatement("$T $L = $T.local()", Tape.class, tape, Tape.class);
    }
    for (Var v : declarations.upfront()) {
      code.addStatement("$L $L = $L", v.type().javaName(), namer.name(v), v.type().defaultValue());
    }
    statements(function.body(), code);
    return code.build();
  }

  CodeBlock expr(Expr e) {
    return printer.expr(e);
  }

  private void statements(List<Stmt> body, CodeBlock.Builder code) {
    for (Stmt stmt : body) {
      statement(stmt, code);
    }
  }

  private void statement(Stmt stmt, CodeBlock.Builder code) {
    if (stmt instanceof Stmt.Return && enclosing.isEmpty()) {
      code.add("\n");
    } else if (!(stmt instanceof Stmt.Return)) {
      comment(stmt.origin(), code);
    }
    if (stmt instanceof Stmt.Assign a) {
      code.add("$L;\n", assignment(a, true));
    } else if (stmt instanceof Stmt.Store s) {
      code.add("$L;\n", store(s));
    } else if (stmt instanceof Stmt.Push p) {
      code.add("$L;\n", push(p));
    } else if (stmt instanceof Stmt.Return r) {
      code.add(returns.apply(r));
    } else if (stmt instanceof Stmt.RequireSameLength r) {
      code.add(Members.requireSameLength(namer.name(r.array()), namer.name(r.like())));
    } else if (stmt instanceof Stmt.Break b) {
      code.add(jump("break", b.label()));
    } else if (stmt instanceof Stmt.Continue c) {
      code.add(jump("continue", c.label()));
    } else if (stmt instanceof Stmt.If i) {
      code.beginControlFlow("if ($L)", printer.expr(i.condition()));
      nested(stmt, i.then(), code);
      if (!i.otherwise().isEmpty()) {
        code.nextControlFlow("else");
        nested(stmt, i.otherwise(), code);
      }
      code.endControlFlow();
    } else if (stmt instanceof Stmt.Loop l) {
      loop(l, code);
    } else if (stmt instanceof Stmt.Block b && label(b.label()).isEmpty()) {
      nested(stmt, b.body(), code);
    } else if (stmt instanceof Stmt.Block b) {
      code.beginControlFlow("$L:", b.label());
      nested(stmt, b.body(), code);
      code.endControlFlow();
    } else if (stmt instanceof Stmt.Switch s) {
      code.beginControlFlow("$Lswitch ($L)", label(s.label()), printer.expr(s.selector()));
      for (Stmt.Case c : s.cases()) {
        String labels = c.labels().isEmpty() ? "default" : "case " + String.join(", ",
            c.labels().stream().map(String::valueOf).toList());
        code.beginControlFlow("$L ->", labels);
        nested(stmt, c.body(), code);
        code.endControlFlow();
      }
      code.endControlFlow();
    }
  }

  private void loop(Stmt.Loop l, CodeBlock.Builder code) {
    CodeBlock condition = isTrue(l.condition()) ? CodeBlock.of("true") : printer.expr(l.condition());
    if (!l.testFirst()) {
      code.beginControlFlow("$Ldo", label(l.label()));
      nested(l, l.body(), code);
      code.endControlFlow("while ($L)", condition);
    } else if (l.update().isEmpty()) {
      code.beginControlFlow("$Lwhile ($L)", label(l.label()), condition);
      nested(l, l.body(), code);
      code.endControlFlow();
    } else {
      CodeBlock update = l.update().stream().map(this::expressionStatement).collect(CodeBlock.joining(", "));
      code.beginControlFlow("$Lfor (; $L; $L)", label(l.label()), isTrue(l.condition()) ? "" : condition, update);
      nested(l, l.body(), code);
      code.endControlFlow();
    }
  }

  private void nested(Stmt parent, List<Stmt> body, CodeBlock.Builder code) {
    enclosing.push(parent);
    Origin before = previous;
    statements(body, code);
    previous = before;
    enclosing.pop();
  }

  private void comment(Origin origin, CodeBlock.Builder code) {
    if (origin.equals(previous)) {
      return;
    }
    if (previous != null && origin.adjoint() && !previous.adjoint()) {
      code.add("\n");
    }
    code.add("// $L\n", origin.comment());
    previous = origin;
  }

  private CodeBlock expressionStatement(Stmt stmt) {
    if (stmt instanceof Stmt.Assign a) {
      return assignment(a, false);
    }
    if (stmt instanceof Stmt.Store s) {
      return store(s);
    }
    return push((Stmt.Push) stmt);
  }

  private CodeBlock assignment(Stmt.Assign a, boolean mayDeclare) {
    Var target = a.target();
    String name = namer.name(target);
    if (mayDeclare && declarations.declares(a)) {
      return CodeBlock.of("$L $L = $L", target.type().javaName(), name, printer.expr(a.value()));
    }
    if (a.value() instanceof Expr.Binary b && b.left() instanceof Expr.Ref r && r.var() == target
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      boolean unit = b.right() instanceof Expr.Literal l && target.type() != Type.DOUBLE && l.integral() == 1;
      if (unit) {
        return CodeBlock.of("$L$L", name, b.op() == BinaryOp.ADD ? "++" : "--");
      }
      return CodeBlock.of("$L $L= $L", name, b.op().symbol(), printer.expr(b.right()));
    }
    return CodeBlock.of("$L = $L", name, printer.expr(a.value()));
  }

  private CodeBlock store(Stmt.Store s) {
    CodeBlock array = printer.expr(s.array());
    CodeBlock index = printer.expr(s.index());
    Expr element = new Expr.ArrayRead(s.array(), s.index());
    if (s.value() instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left().equals(element)) {
      return CodeBlock.of("$L[$L] $L= $L", array, index, b.op().symbol(), printer.expr(b.right()));
    }
    return CodeBlock.of("$L[$L] = $L", array, index, printer.expr(s.value()));
  }

  private CodeBlock push(Stmt.Push p) {
    return CodeBlock.of("$L.push$L($L)", tape, IrPrinter.tapeSuffix(p.value().type()), printer.expr(p.value()));
  }

  /** {@code break;} when the target is the innermost loop or switch, {@code break label;} otherwise. */
  private CodeBlock jump(String keyword, String target) {
    String innermost = innermost(keyword.equals("continue"));
    return target.equals(innermost) ? CodeBlock.of("$L;\n", keyword) : CodeBlock.of("$L $L;\n", keyword, target);
  }

  private String innermost(boolean loopsOnly) {
    for (Stmt s : enclosing) {
      if (s instanceof Stmt.Loop l) {
        return l.label();
      }
      if (s instanceof Stmt.Switch sw && !loopsOnly) {
        return sw.label();
      }
    }
    return null;
  }

  /** "label: " if a jump names this label, "" otherwise. */
  private String label(String label) {
    return label != null && labelsUsed.contains(label) ? label + ": " : "";
  }

  /** The labels some jump must name: those whose target is not the jump's innermost loop or switch. */
  private void findLabelsUsed(List<Stmt> body) {
    for (Stmt stmt : body) {
      if (stmt instanceof Stmt.Break b && !b.label().equals(innermost(false))) {
        labelsUsed.add(b.label());
      } else if (stmt instanceof Stmt.Continue c && !c.label().equals(innermost(true))) {
        labelsUsed.add(c.label());
      }
      enclosing.push(stmt);
      Stmts.children(stmt).forEach(this::findLabelsUsed);
      enclosing.pop();
    }
  }

  private static boolean usesTape(List<Stmt> body) {
    boolean[] found = {false};
    Stmts.walk(body, s -> {
      found[0] |= s instanceof Stmt.Push;
      Stmts.expressions(s).forEach(e -> found[0] |= mentionsTape(e));
    });
    return found[0];
  }

  private static boolean mentionsTape(Expr e) {
    boolean[] found = {e instanceof Expr.TapePop || e instanceof Expr.TapeSize};
    Exprs.mapChildren(e, child -> {
      found[0] |= mentionsTape(child);
      return child;
    });
    return found[0];
  }

  private static boolean isTrue(Expr e) {
    return e instanceof Expr.Literal l && l.type() == Type.BOOLEAN && l.integral() == 1;
  }
}
