package io.github.autodiff4j.processor.ir;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Structural helpers over expressions. */
public final class Exprs {
    private Exprs() {}

    /** The expression with each direct child replaced by {@code f(child)}; leaves are returned unchanged. */
    public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), f.apply(u.operand()));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), f.apply(b.left()), f.apply(b.right()));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), f.apply(c.operand()));
        }
        if (e instanceof Expr.MathCall m) {
            return new Expr.MathCall(m.function(), m.strict(), map(m.args(), f));
        }
        if (e instanceof Expr.Select s) {
            return new Expr.Select(f.apply(s.condition()), f.apply(s.ifTrue()), f.apply(s.ifFalse()));
        }
        if (e instanceof Expr.CustomCall c) {
            return new Expr.CustomCall(c.function(), c.rule(), map(c.args(), f), c.origin());
        }
        if (e instanceof Expr.RuleCall r) {
            return new Expr.RuleCall(r.callee(), map(r.args(), f), r.type(), r.origin());
        }
        if (e instanceof Expr.Recursion r) {
            return r.withArgs(map(r.args(), f));
        }
        if (e instanceof Expr.RecursiveCall r) {
            return r.with(r.role(), r.member(), map(r.args(), f));
        }
        if (e instanceof Expr.Linearized l) {
            return new Expr.Linearized(f.apply(l.value()), map(l.args(), f), map(l.partials(), f));
        }
        if (e instanceof Expr.FieldRead r) {
            return new Expr.FieldRead(f.apply(r.object()), r.field(), r.type());
        }
        if (e instanceof Expr.ArrayRead r) {
            return new Expr.ArrayRead(f.apply(r.array()), f.apply(r.index()));
        }
        if (e instanceof Expr.ArrayLength l) {
            return new Expr.ArrayLength(f.apply(l.array()));
        }
        if (e instanceof Expr.NewArray n) {
            return new Expr.NewArray(n.type(), map(n.lengths(), f));
        }
        if (e instanceof Expr.ZerosLike z) {
            return new Expr.ZerosLike(f.apply(z.array()));
        }
        if (e instanceof Expr.ArrayCopy c) {
            return new Expr.ArrayCopy(f.apply(c.array()));
        }
        if (e instanceof Expr.ArrayLiteral l) {
            return new Expr.ArrayLiteral(l.type(), map(l.elements(), f));
        }
        if (e instanceof Expr.Concat c) {
            return new Expr.Concat(f.apply(c.left()), f.apply(c.right()));
        }
        if (e instanceof Expr.New n) {
            return new Expr.New(n.javaType(), map(n.args(), f));
        }
        if (e instanceof Expr.Invoke i) {
            return new Expr.Invoke(
                    i.method(),
                    i.receiver() == null ? null : f.apply(i.receiver()),
                    map(i.args(), f),
                    i.type(),
                    i.origin());
        }
        return e;
    }

    /**
     * Visits each direct child of the expression. Unlike {@link #mapChildren} it builds nothing, which matters to the
     * analyses that walk every expression of every generated member.
     */
    public static void forEachChild(Expr e, Consumer<Expr> f) {
        if (e instanceof Expr.Unary u) {
            f.accept(u.operand());
        } else if (e instanceof Expr.Binary b) {
            f.accept(b.left());
            f.accept(b.right());
        } else if (e instanceof Expr.Cast c) {
            f.accept(c.operand());
        } else if (e instanceof Expr.MathCall m) {
            m.args().forEach(f);
        } else if (e instanceof Expr.Select s) {
            f.accept(s.condition());
            f.accept(s.ifTrue());
            f.accept(s.ifFalse());
        } else if (e instanceof Expr.CustomCall c) {
            c.args().forEach(f);
        } else if (e instanceof Expr.RuleCall r) {
            r.args().forEach(f);
        } else if (e instanceof Expr.Recursion r) {
            r.args().forEach(f);
        } else if (e instanceof Expr.RecursiveCall r) {
            r.args().forEach(f);
        } else if (e instanceof Expr.Linearized l) {
            f.accept(l.value());
            l.args().forEach(f);
            l.partials().forEach(f);
        } else if (e instanceof Expr.FieldRead r) {
            f.accept(r.object());
        } else if (e instanceof Expr.ArrayRead r) {
            f.accept(r.array());
            f.accept(r.index());
        } else if (e instanceof Expr.ArrayLength l) {
            f.accept(l.array());
        } else if (e instanceof Expr.NewArray n) {
            n.lengths().forEach(f);
        } else if (e instanceof Expr.ZerosLike z) {
            f.accept(z.array());
        } else if (e instanceof Expr.ArrayCopy c) {
            f.accept(c.array());
        } else if (e instanceof Expr.ArrayLiteral l) {
            l.elements().forEach(f);
        } else if (e instanceof Expr.Concat c) {
            f.accept(c.left());
            f.accept(c.right());
        } else if (e instanceof Expr.New n) {
            n.args().forEach(f);
        } else if (e instanceof Expr.Invoke i) {
            if (i.receiver() != null) {
                f.accept(i.receiver());
            }
            i.args().forEach(f);
        }
    }

    /** Whether the expression or one of its subexpressions satisfies the test. */
    public static boolean anyMatch(Expr e, java.util.function.Predicate<Expr> test) {
        if (test.test(e)) {
            return true;
        }
        boolean[] found = {false};
        forEachChild(e, child -> found[0] = found[0] || anyMatch(child, test));
        return found[0];
    }

    /** The expression with every variable reference replaced by {@code f(var)}. */
    public static Expr substitute(Expr e, java.util.function.Function<Var, Expr> f) {
        if (e instanceof Expr.Ref r) {
            return f.apply(r.var());
        }
        return mapChildren(e, child -> substitute(child, f));
    }

    /**
     * The expression with integer {@code +}, {@code -} and {@code *} of literals folded and {@code + 0}, {@code * 1}
     * dropped: what substituting a literal argument into a callee leaves ({@code from + 1} with from = 0).
     */
    public static Expr foldIntegers(Expr e) {
        Expr folded = mapChildren(e, Exprs::foldIntegers);
        if (!(folded instanceof Expr.Binary b) || !isIntegral(b.left()) || !isIntegral(b.right())) {
            return folded;
        }
        if (b.left() instanceof Expr.Literal x
                && b.right() instanceof Expr.Literal y
                && b.type() == x.type()
                && x.type() == y.type()) {
            long value = switch (b.op()) {
                case ADD -> x.integral() + y.integral();
                case SUB -> x.integral() - y.integral();
                case MUL -> x.integral() * y.integral();
                default -> Long.MIN_VALUE;
            };
            if (value != Long.MIN_VALUE) {
                return Expr.Literal.ofIntegral(x.type(), x.type() == Type.INT ? (int) value : value);
            }
        }
        boolean addsZero = b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB;
        if (addsZero && isLiteral(b.right(), 0) && b.left().type() == b.type()) {
            return b.left();
        }
        if (b.op() == BinaryOp.ADD && isLiteral(b.left(), 0) && b.right().type() == b.type()) {
            return b.right();
        }
        return folded;
    }

    private static boolean isIntegral(Expr e) {
        return e.type() == Type.INT || e.type() == Type.LONG;
    }

    private static boolean isLiteral(Expr e, long value) {
        return e instanceof Expr.Literal l && l.integral() == value;
    }

    /** Whether the expression reads the variable. */
    public static boolean reads(Expr e, Var v) {
        return anyMatch(e, child -> child instanceof Expr.Ref r && r.var() == v);
    }

    /** Whether {@code e} or any expression inside it satisfies {@code test}. */
    public static boolean any(Expr e, java.util.function.Predicate<Expr> test) {
        boolean[] found = {test.test(e)};
        mapChildren(e, child -> {
            found[0] |= !found[0] && any(child, test);
            return child;
        });
        return found[0];
    }

    /** Whether {@code e} is a call (kept as a call) that is passed an array, which it may write into. */
    public static boolean passesArray(Expr e) {
        return e instanceof Expr.Invoke i
                && i.args().stream().anyMatch(a -> a.type().isArray());
    }

    /** Whether evaluating {@code e} reads elements of arrays, itself or through a call it passes an array to. */
    public static boolean readsElements(Expr e) {
        return any(e, x -> x instanceof Expr.ArrayRead || passesArray(x));
    }

    /** The variable an array expression ({@code a} or {@code m[i]}) starts from, or null. */
    public static Var base(Expr array) {
        if (array instanceof Expr.Ref r) {
            return r.var();
        }
        return array instanceof Expr.ArrayRead r ? base(r.array()) : null;
    }

    /** The same element path ({@code m[i][j]}) starting from another variable ({@code dm[i][j]}). */
    public static Expr rebase(Expr path, Var base) {
        if (path instanceof Expr.ArrayRead r) {
            return new Expr.ArrayRead(rebase(r.array(), base), r.index());
        }
        return new Expr.Ref(base);
    }

    /** The variables read by the indices along an element path, not the array itself. */
    public static void collectIndexReads(Expr path, java.util.Collection<Var> into) {
        if (path instanceof Expr.ArrayRead r) {
            collectReads(r.index(), into);
            collectIndexReads(r.array(), into);
        }
    }

    /** Every variable the expression reads, in order of appearance. */
    public static void collectReads(Expr e, java.util.Collection<Var> into) {
        if (e instanceof Expr.Ref r) {
            into.add(r.var());
            return;
        }
        forEachChild(e, child -> collectReads(child, into));
    }

    private static List<Expr> map(List<Expr> args, UnaryOperator<Expr> f) {
        return args.stream().map(f).toList();
    }
}
