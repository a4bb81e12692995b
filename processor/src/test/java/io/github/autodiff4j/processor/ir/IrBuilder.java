package io.github.autodiff4j.processor.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hand-written IR for unit tests of the analyses and the rule table, with no javac in the loop. A function reads like
 * the Java it stands for:
 * <pre>
 *   Function f = function("sum", List.of(x), b -&gt; {
 *     b.assign(s, 0.0);
 *     b.forLoop(i, 0, length(x), body -&gt; body.assign(s, add(s, read(x, i))));
 *     b.ret(s);
 *   });
 * </pre>
 * Operands of the expression helpers may be an {@link Expr}, a {@link Var} (its value), an {@link Integer} (an int
 * literal) or a {@link Double} (a double literal). The operators build the IR node as written, without
 * {@link Algebra}'s folding, so the analyses see exactly the operation the test wrote. No node carries javac elements
 * (no {@code Invoke}), and every statement has the same {@link #ORIGIN}, which nothing in the analyses reads.
 *
 * <p>The builder methods return the statement they add; to ask an analysis about a statement afterwards, find it with
 * {@link #assignments} or {@link #stores}, or {@link #loopOver} for a counted loop.
 */
public final class IrBuilder {
    /** Where every hand-written statement "comes from": no line of a source file, and no javac tree. */
    public static final Origin ORIGIN = new Origin(0, "hand-written IR", null);

    private final List<Stmt> out = new ArrayList<>();
    /** The label of the innermost loop around this builder's statements, or null. */
    private final String loop;
    /** Shared by the builders of one function, so that every loop has its own label. */
    private final int[] labels;

    private IrBuilder(String loop, int[] labels) {
        this.loop = loop;
        this.labels = labels;
    }

    /** A function whose body {@code body} writes. */
    public static Function function(String name, List<Var> params, Consumer<IrBuilder> body) {
        return new Function(name, params, statements(body, null, new int[1]));
    }

    private static List<Stmt> statements(Consumer<IrBuilder> body, String loop, int[] labels) {
        IrBuilder b = new IrBuilder(loop, labels);
        body.accept(b);
        return b.out;
    }

    // ---- Variables ----

    public static Var dbl(String name) {
        return new Var(name, Type.DOUBLE);
    }

    public static Var integer(String name) {
        return new Var(name, Type.INT);
    }

    public static Var bool(String name) {
        return new Var(name, Type.BOOLEAN);
    }

    /** A {@code double[]}. */
    public static Var doubles(String name) {
        return new Var(name, Type.DOUBLE_ARRAY);
    }

    /** A {@code double[][]}. */
    public static Var matrix(String name) {
        return new Var(name, Type.DOUBLE_MATRIX);
    }

    /** An {@code int[]}. */
    public static Var ints(String name) {
        return new Var(name, Type.INT_ARRAY);
    }

    // ---- Expressions ----

    /** An operand: an expression, a variable's value, an int literal or a double literal. */
    public static Expr e(Object operand) {
        if (operand instanceof Expr x) {
            return x;
        }
        if (operand instanceof Var v) {
            return new Expr.Ref(v);
        }
        if (operand instanceof Integer i) {
            return Expr.Literal.ofIntegral(Type.INT, i);
        }
        if (operand instanceof Double d) {
            return Expr.Literal.of(d);
        }
        throw new IllegalArgumentException("not an operand: " + operand);
    }

    public static Expr add(Object a, Object b) {
        return binary(BinaryOp.ADD, a, b);
    }

    public static Expr sub(Object a, Object b) {
        return binary(BinaryOp.SUB, a, b);
    }

    public static Expr mul(Object a, Object b) {
        return binary(BinaryOp.MUL, a, b);
    }

    public static Expr div(Object a, Object b) {
        return binary(BinaryOp.DIV, a, b);
    }

    public static Expr lt(Object a, Object b) {
        return binary(BinaryOp.LT, a, b);
    }

    public static Expr gt(Object a, Object b) {
        return binary(BinaryOp.GT, a, b);
    }

    public static Expr eq(Object a, Object b) {
        return binary(BinaryOp.EQ, a, b);
    }

    public static Expr binary(BinaryOp op, Object a, Object b) {
        return new Expr.Binary(op, e(a), e(b));
    }

    public static Expr neg(Object a) {
        return new Expr.Unary(UnaryOp.NEG, e(a));
    }

    public static Expr cast(Type type, Object a) {
        return new Expr.Cast(type, e(a));
    }

    /** {@code Math.f(args)}. */
    public static Expr math(MathFunction f, Object... args) {
        return new Expr.MathCall(f, false, Arrays.stream(args).map(IrBuilder::e).toList());
    }

    /** {@code condition ? ifTrue : ifFalse}. */
    public static Expr select(Object condition, Object ifTrue, Object ifFalse) {
        return new Expr.Select(e(condition), e(ifTrue), e(ifFalse));
    }

    /** {@code array[index]}; {@code read(read(m, i), j)} is {@code m[i][j]}. */
    public static Expr read(Object array, Object index) {
        return new Expr.ArrayRead(e(array), e(index));
    }

    public static Expr length(Object array) {
        return new Expr.ArrayLength(e(array));
    }

    /** {@code new double[n]}, {@code new double[n][m]}, ... */
    public static Expr newArray(Type type, Object... lengths) {
        return new Expr.NewArray(type, Arrays.stream(lengths).map(IrBuilder::e).toList());
    }

    /** {@code new double[][] {a, b}}, ... */
    public static Expr arrayOf(Type type, Object... elements) {
        return new Expr.ArrayLiteral(
                type, Arrays.stream(elements).map(IrBuilder::e).toList());
    }

    // ---- Statements ----

    /** {@code target = value}. */
    public Stmt.Assign assign(Var target, Object value) {
        return add(new Stmt.Assign(target, e(value), ORIGIN));
    }

    /** {@code array[index] = value}; the array may be a row, {@code read(m, i)}. */
    public Stmt.Store store(Object array, Object index, Object value) {
        return add(new Stmt.Store(e(array), e(index), e(value), ORIGIN));
    }

    /**
     * {@code for (counter = from; counter < limit; counter++) body}, as the parser writes it: the assignment of the
     * start, then a loop whose update is {@code counter = counter + 1}.
     */
    public Stmt.Loop forLoop(Var counter, Object from, Object limit, Consumer<IrBuilder> body) {
        assign(counter, from);
        String label = "loop" + labels[0]++;
        List<Stmt> update = List.of(new Stmt.Assign(counter, add(counter, 1), ORIGIN));
        return add(new Stmt.Loop(label, lt(counter, limit), statements(body, label, labels), update, true, ORIGIN));
    }

    /** {@code while (condition) body}: a loop with no update, which nothing counts. */
    public Stmt.Loop whileLoop(Object condition, Consumer<IrBuilder> body) {
        String label = "loop" + labels[0]++;
        return add(new Stmt.Loop(label, e(condition), statements(body, label, labels), List.of(), true, ORIGIN));
    }

    public Stmt.If ifThen(Object condition, Consumer<IrBuilder> then) {
        return ifElse(condition, then, b -> {});
    }

    public Stmt.If ifElse(Object condition, Consumer<IrBuilder> then, Consumer<IrBuilder> otherwise) {
        return add(
                new Stmt.If(e(condition), statements(then, loop, labels), statements(otherwise, loop, labels), ORIGIN));
    }

    /** {@code break} out of the innermost loop. */
    public Stmt.Break breakLoop() {
        if (loop == null) {
            throw new IllegalStateException("break outside a loop");
        }
        return add(new Stmt.Break(loop, ORIGIN));
    }

    public Stmt.Return ret(Object value) {
        return add(new Stmt.Return(List.of(e(value)), ORIGIN));
    }

    private <S extends Stmt> S add(S stmt) {
        out.add(stmt);
        return stmt;
    }

    // ---- Finding statements again ----

    /** The assignments of {@code target} in the function, nested ones included, in source order (updates too). */
    public static List<Stmt.Assign> assignments(Function f, Var target) {
        List<Stmt.Assign> found = new ArrayList<>();
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target() == target) {
                found.add(a);
            }
        });
        return found;
    }

    /** The stores into {@code array} (or into its rows), nested ones included, in source order. */
    public static List<Stmt.Store> stores(Function f, Var array) {
        List<Stmt.Store> found = new ArrayList<>();
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Store store && store.base() == array) {
                found.add(store);
            }
        });
        return found;
    }

    /** The loop counted by {@code counter} (the first, if several are). */
    public static Stmt.Loop loopOver(Function f, Var counter) {
        List<Stmt.Loop> found = new ArrayList<>();
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Loop l && Stmts.countedBy(l) == counter) {
                found.add(l);
            }
        });
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no loop counted by " + counter + " in\n" + f);
        }
        return found.get(0);
    }
}
