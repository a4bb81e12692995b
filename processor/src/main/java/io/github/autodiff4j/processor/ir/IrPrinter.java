package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.Locale;
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
        StringBuilder out =
                new StringBuilder(function.name()).append(function.params()).append(" {\n");
        printer.statements(function.body(), "  ", out);
        return out.append("}").toString();
    }

    private void statements(java.util.List<Stmt> body, String indent, StringBuilder out) {
        for (Stmt stmt : body) {
            out.append(indent);
            if (stmt instanceof Stmt.Assign a) {
                out.append(names.apply(a.target()))
                        .append(" = ")
                        .append(expr(a.value()))
                        .append(";\n");
            } else if (stmt instanceof Stmt.Store s) {
                out.append(expr(s.array()))
                        .append('[')
                        .append(expr(s.index()))
                        .append("] = ")
                        .append(expr(s.value()))
                        .append(";\n");
            } else if (stmt instanceof Stmt.If i) {
                out.append("if (").append(expr(i.condition())).append(") {\n");
                statements(i.then(), indent + "  ", out);
                out.append(indent).append("} else {\n");
                statements(i.otherwise(), indent + "  ", out);
                out.append(indent).append("}\n");
            } else if (stmt instanceof Stmt.Loop l) {
                out.append(l.label())
                        .append(": loop")
                        .append(l.testFirst() ? " while " : " do-while ")
                        .append(expr(l.condition()))
                        .append(" {\n");
                statements(l.body(), indent + "  ", out);
                out.append(indent).append("} update {\n");
                statements(l.update(), indent + "  ", out);
                out.append(indent).append("}\n");
            } else if (stmt instanceof Stmt.Block b) {
                out.append(b.label()).append(": {\n");
                statements(b.body(), indent + "  ", out);
                out.append(indent).append("}\n");
            } else if (stmt instanceof Stmt.Switch s) {
                out.append(s.label())
                        .append(": switch (")
                        .append(expr(s.selector()))
                        .append(") {\n");
                for (Stmt.Case c : s.cases()) {
                    out.append(indent)
                            .append("  case ")
                            .append(c.labels().isEmpty() ? "default" : c.labels())
                            .append(":\n");
                    statements(c.body(), indent + "    ", out);
                }
                out.append(indent).append("}\n");
            } else if (stmt instanceof Stmt.Break b) {
                out.append("break ").append(b.label()).append(";\n");
            } else if (stmt instanceof Stmt.Continue c) {
                out.append("continue ").append(c.label()).append(";\n");
            } else if (stmt instanceof Stmt.Return r) {
                out.append("return ")
                        .append(r.values().stream().map(e -> expr(e).toString()).toList())
                        .append(";\n");
            } else if (stmt instanceof Stmt.RequireSameLength r) {
                out.append("require ")
                        .append(names.apply(r.array()))
                        .append(".length == ")
                        .append(names.apply(r.like()))
                        .append(".length;\n");
            } else if (stmt instanceof Stmt.Effect effect) {
                out.append(effect.kind().name().toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(effect.values().stream()
                                .map(e -> expr(e).toString())
                                .toList())
                        .append(";\n");
            } else {
                out.append("push ").append(expr(((Stmt.Push) stmt).value())).append(";\n");
            }
        }
    }

    public CodeBlock expr(Expr e) {
        CodeText out = new CodeText();
        print(e, 0, out);
        return out.build();
    }

    /** Prints into {@code out}, which collects the text of a whole statement or body in as few parts as possible. */
    public void expr(Expr e, CodeText out) {
        print(e, 0, out);
    }

    private void print(Expr e, int minPrecedence, CodeText out) {
        if (precedence(e) < minPrecedence) {
            out.add('(');
            printBare(e, out);
            out.add(')');
        } else {
            printBare(e, out);
        }
    }

    private void printBare(Expr e, CodeText out) {
        if (e instanceof Expr.Literal l) {
            out.add(literal(l));
        } else if (e instanceof Expr.Ref r) {
            out.add(names.apply(r.var()));
        } else if (e instanceof Expr.StaticField f) {
            out.type(f.owner()).add('.').add(f.name());
        } else if (e instanceof Expr.ObjectLiteral o) {
            out.add(CodeBlock.of("$S", o.value()));
        } else if (e instanceof Expr.Concat c) {
            int p = BinaryOp.ADD.precedence();
            print(c.left(), p, out);
            out.add(" + ");
            print(c.right(), p + 1, out);
        } else if (e instanceof Expr.New n) {
            out.add("new ").type(n.javaType());
            arguments(n.args(), out);
        } else if (e instanceof Expr.Unary u) {
            // "- -x" must not print as the decrement "--x".
            boolean clash = u.op() == UnaryOp.NEG && leadingMinus(u.operand());
            out.add(u.op().symbol());
            print(u.operand(), clash ? PRIMARY + 1 : UNARY, out);
        } else if (e instanceof Expr.Binary b) {
            int p = b.op().precedence();
            print(b.left(), p, out);
            out.add(' ').add(b.op().symbol()).add(' ');
            print(b.right(), p + 1, out);
        } else if (e instanceof Expr.Cast c) {
            out.add('(').add(c.type().javaName()).add(") ");
            print(c.operand(), CAST, out);
        } else if (e instanceof Expr.MathCall m) {
            out.type(ClassName.get(m.strict() ? StrictMath.class : Math.class))
                    .add('.')
                    .add(m.function().javaName());
            arguments(m.args(), out);
        } else if (isMax(e)) {
            Expr.Select s = (Expr.Select) e;
            out.type(ClassName.get(Math.class)).add(".max");
            arguments(java.util.List.of(s.ifTrue(), s.ifFalse()), out);
        } else if (e instanceof Expr.Select s) {
            print(s.condition(), CONDITIONAL + 1, out);
            out.add(" ? ");
            print(s.ifTrue(), CONDITIONAL + 1, out);
            out.add(" : ");
            print(s.ifFalse(), CONDITIONAL, out);
        } else if (e instanceof Expr.ArrayRead r) {
            print(r.array(), PRIMARY, out);
            out.add('[');
            print(r.index(), 0, out);
            out.add(']');
        } else if (e instanceof Expr.CustomCall c) {
            out.type(c.function().owner()).add('.').add(c.function().name());
            arguments(c.args(), out);
        } else if (e instanceof Expr.RuleCall r) {
            out.type(r.callee().owner()).add('.').add(r.callee().name());
            arguments(r.args(), out);
        } else if (e instanceof Expr.Recursion r) {
            Callee member = r.withTangents() ? r.tangents() : r.values();
            out.type(member.owner()).add('.').add(member.name());
            arguments(r.args(), out);
        } else if (e instanceof Expr.RecursiveCall r) {
            recursiveCall(r, out);
        } else if (e instanceof Expr.Linearized l) {
            printBare(l.value(), out);
        } else if (e instanceof Expr.FieldRead r) {
            if (!r.field().isPrivate()) {
                print(r.object(), PRIMARY, out);
                out.add('.').add(r.field().name());
            } else {
                // The companion cannot name a private field: it reads it through a VarHandle it declares.
                out.add('(')
                        .type(r.field().type())
                        .add(") ")
                        .add(fieldHandle(r.field()))
                        .add(".get(");
                print(r.object(), 0, out);
                out.add(')');
            }
        } else if (e instanceof Expr.ArrayLength l) {
            print(l.array(), PRIMARY, out);
            out.add(".length");
        } else if (e instanceof Expr.NewArray n) {
            Type element = n.type();
            while (element.isArray()) {
                element = element.element();
            }
            out.add("new ").add(element.javaName());
            for (Expr length : n.lengths()) {
                out.add('[');
                print(length, 0, out);
                out.add(']');
            }
        } else if (e instanceof Expr.ZerosLike z) {
            if (z.type() == Type.DOUBLE_MATRIX) {
                out.add("zerosLike(");
                print(z.array(), 0, out);
                out.add(')');
            } else {
                out.add("new double[");
                print(z.array(), PRIMARY, out);
                out.add(".length]");
            }
        } else if (e instanceof Expr.ArrayLiteral l) {
            out.add("new ").add(l.type().javaName()).add(' ');
            list(l.elements(), '{', '}', out);
        } else if (e instanceof Expr.ArrayCopy c) {
            print(c.array(), PRIMARY, out);
            out.add(".clone()");
        } else if (e instanceof Expr.TapePop p) {
            // A char goes on the tape as an int.
            out.add(p.type() == Type.CHAR ? "(char) " : "")
                    .add(tape)
                    .add(".pop")
                    .add(tapeSuffix(p.type()))
                    .add("()");
        } else if (e instanceof Expr.TapeSize) {
            out.add(tape).add(".intCount()");
        } else {
            Expr.Invoke i = (Expr.Invoke) e;
            if (i.receiver() != null) {
                print(i.receiver(), PRIMARY, out);
            } else {
                out.type(i.method().owner());
            }
            out.add('.').add(i.method().name());
            arguments(i.args(), out);
        }
    }

    /** A recursive call through the member of its role; a recorded value is kept, a replayed one taken back. */
    private void recursiveCall(Expr.RecursiveCall r, CodeText out) {
        ClassName tape = ClassName.get("io.github.autodiff4j", "RecursionTape");
        switch (r.role()) {
            case REPLAY -> out.type(tape).add(r.isVector() ? ".nextArray()" : ".next()");
            case REPLAY_TANGENT -> out.type(tape).add(r.isVector() ? ".nextArrays()" : ".nextBoth()");
            case RECORD_KEPT, RECORD_KEPT_TANGENT -> {
                out.type(tape).add(r.role() == Expr.RecursiveCall.Role.RECORD_KEPT ? ".keep(" : ".keepBoth(");
                if (r.companion() != null) {
                    out.type(r.companion()).add('.');
                }
                out.add(r.member());
                arguments(r.args(), out);
                out.add(')');
            }
            default -> {
                if (r.role() == Expr.RecursiveCall.Role.VALUE
                        && !r.method().hidden()
                        && !r.method().isStatic()) {
                    // An instance method, on the receiver its members take first.
                    print(r.args().get(0), PRIMARY, out);
                    out.add('.').add(r.member());
                    arguments(r.args().subList(1, r.args().size()), out);
                    return;
                }
                if (r.role() == Expr.RecursiveCall.Role.VALUE && !r.method().hidden()) {
                    // The function itself, which the forward sweep calls as the function does (a private one's copy
                    // is a member of the companion).
                    out.type(r.method().owner()).add('.');
                } else if (r.companion() != null && r.role() != Expr.RecursiveCall.Role.VALUE) {
                    // A library's function: the public members of its own companion.
                    out.type(r.companion()).add('.');
                }
                out.add(r.member());
                arguments(r.args(), out);
            }
        }
    }

    /**
     * Whether the operand of a negation would print with a leading minus: one that is not parenthesized at unary
     * precedence and starts with a minus, a negation or a negative literal.
     */
    private static boolean leadingMinus(Expr operand) {
        if (precedence(operand) < UNARY) {
            return false;
        }
        return operand instanceof Expr.Unary u
                ? u.op() == UnaryOp.NEG
                : operand instanceof Expr.Literal l && literal(l).startsWith("-");
    }

    /** The name of the VarHandle through which a companion reads a private field: {@code MODEL_WEIGHTS}. */
    public static String fieldHandle(FieldRef field) {
        String owner = field.ownerName();
        return (owner + "_" + field.name())
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                // The handle's name is part of the generated code: the same on every machine, whatever its locale.
                .toUpperCase(Locale.ROOT);
    }

    /** The tape method suffix for values of this type: pushDouble, popInt, ... */
    public static String tapeSuffix(Type type) {
        return switch (type) {
            case DOUBLE -> "Double";
            case INT, CHAR -> "Int";
            case LONG -> "Long";
            case BOOLEAN -> "Boolean";
            case DOUBLE_ARRAY -> "Array";
            case DOUBLE_MATRIX -> "Matrix";
            case INT_ARRAY -> "IntArray";
            case LONG_ARRAY -> "LongArray";
            case BOOLEAN_ARRAY -> "BooleanArray";
            // An object a loop assigns (a String, an enum constant) is saved by reference, not computed again: its
            // expression may call methods. popObject() is generic, so it assigns to the variable's own Java type.
            case OBJECT -> "Object";
            default -> throw new IllegalArgumentException("the tape holds no " + type);
        };
    }

    private void arguments(java.util.List<Expr> args, CodeText out) {
        list(args, '(', ')', out);
    }

    private void list(java.util.List<Expr> items, char open, char close, CodeText out) {
        out.add(open);
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                out.add(", ");
            }
            print(items.get(k), 0, out);
        }
        out.add(close);
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Literal l) {
            boolean negative =
                    l.type() == Type.DOUBLE ? l.value() < 0 || (l.value() == 0 && 1 / l.value() < 0) : l.integral() < 0;
            return negative ? UNARY : PRIMARY;
        }
        if (e instanceof Expr.Unary) {
            return UNARY;
        }
        if (e instanceof Expr.Binary b) {
            return b.op().precedence();
        }
        if (e instanceof Expr.Concat) {
            return BinaryOp.ADD.precedence();
        }
        if (e instanceof Expr.Cast || e instanceof Expr.TapePop p && p.type() == Type.CHAR) {
            return CAST;
        }
        if (e instanceof Expr.FieldRead r && r.field().isPrivate()) {
            return CAST;
        }
        if (e instanceof Expr.Select && !isMax(e)) {
            return CONDITIONAL;
        }
        return PRIMARY;
    }

    /** {@code a > b ? a : b} on integers, which reads better as {@code Math.max(a, b)}. */
    private static boolean isMax(Expr e) {
        return e instanceof Expr.Select s
                && s.condition() instanceof Expr.Binary b
                && b.op() == BinaryOp.GT
                && b.left().equals(s.ifTrue())
                && b.right().equals(s.ifFalse())
                && s.ifTrue().type() == Type.INT
                && s.ifFalse().type() == Type.INT;
    }

    /** {@code 'a'}, or {@code '\\n'}; other characters by their code, which the context converts to a char. */
    public static String charLiteral(char c) {
        if (c == '\'' || c == '\\') {
            return "'\\" + c + "'";
        }
        if (c >= ' ' && c < 0x7f) {
            return "'" + c + "'";
        }
        return switch (c) {
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            default -> String.format(Locale.ROOT, "'\\u%04x'", (int) c);
        };
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
            case CHAR:
                return charLiteral((char) l.integral());
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
