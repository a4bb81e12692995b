package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.autodiff4j.RecursionTape;
import io.github.autodiff4j.Tape;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.CodeText;
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
    private CodeBlock.Builder code;
    /** The statements since the last control flow, written as text: see {@link CodeText}. */
    private CodeText text;

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
        code = CodeBlock.builder();
        text = new CodeText();
        boolean tape = usesTape(function.body());
        if (tape) {
            code.addStatement("$T $L = $T.local()", Tape.class, this.tape, Tape.class);
        }
        // A throw in the forward sweep would leave what the sweep saved on the thread's tape: take it back. So would
        // one anywhere below a recursion's record, what the records kept for their pullbacks.
        String entry = tape && throwsAnywhere(function.body()) ? namer.fresh("entry") : null;
        String recorded = records(function.body()) ? namer.fresh("recorded") : null;
        if (entry != null) {
            code.addStatement("$T $L = $L.mark()", Tape.Mark.class, entry, this.tape);
        }
        if (recorded != null) {
            code.addStatement("int $L = $T.mark()", recorded, RecursionTape.class);
        }
        if (entry != null || recorded != null) {
            code.beginControlFlow("try");
        }
        for (Var v : declarations.upfront()) {
            declaredType(v, text)
                    .add(' ')
                    .add(namer.name(v))
                    .add(" = ")
                    .add(v.type().defaultValue())
                    .add(";\n");
        }
        statements(function.body());
        if (entry != null || recorded != null) {
            String thrown = namer.fresh("thrown");
            code().nextControlFlow("catch ($T | $T $L)", RuntimeException.class, Error.class, thrown);
            if (entry != null) {
                code.addStatement("$L.resetTo($L)", this.tape, entry);
            }
            if (recorded != null) {
                code.addStatement("$T.resetTo($L)", RecursionTape.class, recorded);
            }
            code.addStatement("throw $L", thrown).endControlFlow();
        }
        return code().build();
    }

    /** Whether the body calls a recursion's record, which keeps values on the thread's RecursionTape. */
    private static boolean records(List<Stmt> body) {
        boolean[] found = {false};
        Stmts.walk(
                body,
                s -> Stmts.expressions(s)
                        .forEach(e -> found[0] |= Exprs.anyMatch(
                                e,
                                x -> x instanceof Expr.RecursiveCall r
                                        && (r.role() == Expr.RecursiveCall.Role.RECORD
                                                || r.role() == Expr.RecursiveCall.Role.RECORD_TANGENT))));
        return found[0];
    }

    private static boolean throwsAnywhere(List<Stmt> body) {
        boolean[] found = {false};
        Stmts.walk(body, s -> found[0] |= s instanceof Stmt.Effect e && e.kind() == Stmt.EffectKind.THROW);
        return found[0];
    }

    /** The block being written, with the text written since the last control flow added: for control flow. */
    private CodeBlock.Builder code() {
        code.add(text.build());
        text = new CodeText();
        return code;
    }

    CodeBlock expr(Expr e) {
        return printer.expr(e);
    }

    private void statements(List<Stmt> body) {
        for (Stmt stmt : body) {
            statement(stmt);
            if (stmt instanceof Stmt.Effect e && e.kind() == Stmt.EffectKind.THROW) {
                // What the transforms put after a throw (a branch's record for the backward sweep) never runs, and
                // javac rejects it as unreachable.
                return;
            }
        }
    }

    /** The type a variable is declared with: an object's own ({@code String}, an enum), or the IR type's. */
    private static CodeText declaredType(Var v, CodeText out) {
        return v.javaType() != null ? out.type(v.javaType()) : out.add(v.type().javaName());
    }

    private void effect(Stmt.Effect e) {
        switch (e.kind()) {
            case CALL -> printer.expr(e.values().get(0), text);
            case THROW -> {
                text.add("throw ");
                printer.expr(e.values().get(0), text);
            }
            case ASSERT -> {
                text.add("assert ");
                printer.expr(e.values().get(0), text);
                if (e.values().size() > 1) {
                    text.add(" : ");
                    printer.expr(e.values().get(1), text);
                }
            }
        }
        text.add(";\n");
    }

    private void statement(Stmt stmt) {
        if (stmt instanceof Stmt.Return && enclosing.isEmpty()) {
            text.add('\n');
        } else if (!(stmt instanceof Stmt.Return)) {
            comment(stmt.origin());
        }
        if (stmt instanceof Stmt.Assign || stmt instanceof Stmt.Store || stmt instanceof Stmt.Push) {
            expressionStatement(stmt, true, text);
            text.add(";\n");
        } else if (stmt instanceof Stmt.Return r) {
            text.add(returns.apply(r));
        } else if (stmt instanceof Stmt.Effect e) {
            effect(e);
        } else if (stmt instanceof Stmt.RequireSameLength r) {
            text.add(Members.requireSameLength(namer.name(r.array()), namer.name(r.like())));
        } else if (stmt instanceof Stmt.Break b) {
            jump("break", b.label());
        } else if (stmt instanceof Stmt.Continue c) {
            jump("continue", c.label());
        } else if (stmt instanceof Stmt.If i) {
            code().beginControlFlow("if ($L)", printer.expr(i.condition()));
            nested(stmt, i.then());
            if (!i.otherwise().isEmpty()) {
                code().nextControlFlow("else");
                nested(stmt, i.otherwise());
            }
            code().endControlFlow();
        } else if (stmt instanceof Stmt.Loop l) {
            loop(l);
        } else if (stmt instanceof Stmt.Block b && label(b.label()).isEmpty()) {
            nested(stmt, b.body());
        } else if (stmt instanceof Stmt.Block b) {
            code().beginControlFlow("$L:", b.label());
            nested(stmt, b.body());
            code().endControlFlow();
        } else if (stmt instanceof Stmt.Switch s) {
            code().beginControlFlow("$Lswitch ($L)", label(s.label()), printer.expr(s.selector()));
            for (Stmt.Case c : s.cases()) {
                String labels = c.labels().isEmpty()
                        ? "default"
                        : "case "
                                + String.join(
                                        ", ",
                                        c.labels().stream()
                                                .map(k -> s.selector().type() == Type.CHAR
                                                        ? IrPrinter.charLiteral((char) k.intValue())
                                                        : String.valueOf(k))
                                                .toList());
                code().beginControlFlow("$L ->", labels);
                nested(stmt, c.body());
                code().endControlFlow();
            }
            code().endControlFlow();
        }
    }

    private void loop(Stmt.Loop l) {
        CodeBlock condition = isTrue(l.condition()) ? CodeBlock.of("true") : printer.expr(l.condition());
        if (!l.testFirst()) {
            code().beginControlFlow("$Ldo", label(l.label()));
            nested(l, l.body());
            code().endControlFlow("while ($L)", condition);
        } else if (l.update().isEmpty()) {
            code().beginControlFlow("$Lwhile ($L)", label(l.label()), condition);
            nested(l, l.body());
            code().endControlFlow();
        } else {
            CodeText update = new CodeText();
            for (Stmt s : l.update()) {
                if (!update.isEmpty()) {
                    update.add(", ");
                }
                expressionStatement(s, false, update);
            }
            code().beginControlFlow(
                            "$Lfor (; $L; $L)",
                            label(l.label()),
                            isTrue(l.condition()) ? "" : condition,
                            update.build());
            nested(l, l.body());
            code().endControlFlow();
        }
    }

    private void nested(Stmt parent, List<Stmt> body) {
        enclosing.push(parent);
        Origin before = previous;
        statements(body);
        previous = before;
        enclosing.pop();
    }

    private void comment(Origin origin) {
        if (origin.equals(previous)) {
            return;
        }
        if (previous != null && origin.adjoint() && !previous.adjoint()) {
            text.add('\n');
        }
        text.add("// ").add(origin.comment()).add('\n');
        previous = origin;
    }

    /** An assignment, store or push, without its semicolon; only an assignment in a statement list may declare. */
    private void expressionStatement(Stmt stmt, boolean mayDeclare, CodeText out) {
        if (stmt instanceof Stmt.Assign a) {
            assignment(a, mayDeclare, out);
        } else if (stmt instanceof Stmt.Store s) {
            store(s, out);
        } else {
            Stmt.Push p = (Stmt.Push) stmt;
            out.add(tape)
                    .add(".push")
                    .add(IrPrinter.tapeSuffix(p.value().type()))
                    .add('(');
            printer.expr(p.value(), out);
            out.add(')');
        }
    }

    private void assignment(Stmt.Assign a, boolean mayDeclare, CodeText out) {
        Var target = a.target();
        String name = namer.name(target);
        if (mayDeclare && declarations.declares(a)) {
            declaredType(target, out).add(' ').add(name).add(" = ");
            printer.expr(a.value(), out);
        } else if (a.value() instanceof Expr.Binary b
                && b.left() instanceof Expr.Ref r
                && r.var() == target
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
            boolean unit = b.right() instanceof Expr.Literal l && target.type() != Type.DOUBLE && l.integral() == 1;
            if (unit) {
                out.add(name).add(b.op() == BinaryOp.ADD ? "++" : "--");
            } else {
                out.add(name).add(' ').add(b.op().symbol()).add("= ");
                printer.expr(b.right(), out);
            }
        } else {
            out.add(name).add(" = ");
            printer.expr(a.value(), out);
        }
    }

    private void store(Stmt.Store s, CodeText out) {
        printer.expr(s.array(), out);
        out.add('[');
        printer.expr(s.index(), out);
        out.add(']');
        Expr element = new Expr.ArrayRead(s.array(), s.index());
        if (s.value() instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && b.left().equals(element)) {
            out.add(' ').add(b.op().symbol()).add("= ");
            printer.expr(b.right(), out);
        } else {
            out.add(" = ");
            printer.expr(s.value(), out);
        }
    }

    /** {@code break;} when the target is the innermost loop or switch, {@code break label;} otherwise. */
    private void jump(String keyword, String target) {
        String innermost = innermost(keyword.equals("continue"));
        text.add(keyword);
        if (!target.equals(innermost)) {
            text.add(' ').add(target);
        }
        text.add(";\n");
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
        return Exprs.anyMatch(e, child -> child instanceof Expr.TapePop || child instanceof Expr.TapeSize);
    }

    private static boolean isTrue(Expr e) {
        return e instanceof Expr.Literal l && l.type() == Type.BOOLEAN && l.integral() == 1;
    }
}
