package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.IrPrinter;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import com.palantir.javapoet.CodeBlock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an IR body as Java statements: each variable declared at its first assignment, {@code x = x + e} written as
 * {@code x += e}, and a comment tying each group of statements to the source line it came from.
 */
final class BodyWriter {
  private final Namer namer;
  private final IrPrinter printer;
  private final Set<Var> declared = new HashSet<>();

  BodyWriter(Namer namer, List<Var> params) {
    this.namer = namer;
    this.printer = new IrPrinter(namer::name);
    declared.addAll(params);
  }

  CodeBlock body(Function function) {
    CodeBlock.Builder code = CodeBlock.builder();
    Origin previous = null;
    for (Stmt stmt : function.body()) {
      Stmt.Assign a = (Stmt.Assign) stmt;
      if (!a.origin().equals(previous)) {
        if (previous != null && a.origin().adjoint() != previous.adjoint()) {
          code.add("\n");
        }
        code.add("// $L\n", a.origin().comment());
        previous = a.origin();
      }
      code.add(assignment(a));
    }
    return code.build();
  }

  CodeBlock expr(Expr e) {
    return printer.expr(e);
  }

  private CodeBlock assignment(Stmt.Assign a) {
    Var target = a.target();
    String name = namer.name(target);
    if (declared.add(target)) {
      return CodeBlock.of("$L $L = $L;\n", target.type().javaName(), name, printer.expr(a.value()));
    }
    if (a.value() instanceof Expr.Binary b && b.op() == BinaryOp.ADD && b.left() instanceof Expr.Ref r
        && r.var() == target) {
      return CodeBlock.of("$L += $L;\n", name, printer.expr(b.right()));
    }
    return CodeBlock.of("$L = $L;\n", name, printer.expr(a.value()));
  }
}
