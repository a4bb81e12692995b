package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The JDK's array utilities, lowered to the loops they run: {@code a.clone()}, {@code Arrays.copyOf},
 * {@code Arrays.copyOfRange} (as the value of a local's declaration or assignment, or returned),
 * {@code Arrays.fill} and {@code System.arraycopy} (as statements). Every mode differentiates loops of element
 * stores already, and the backward sweep restores what they overwrite as it does for the user's own loops, so a copy
 * is a new array with an adjoint of its own, and a fill or an arraycopy writes exactly the elements Java writes.
 *
 * <p>A {@code double[][]}'s {@code clone()} copies the references to its rows, not the rows: the copy and the
 * original share every element, which is what an alias ({@code double[][] b = a}) is to the IR (which has no store of
 * a whole row). Arguments are evaluated once, in Java's order, before the copying starts. Arguments Java would reject
 * before copying anything (a negative length, a range outside the array) make the lowered loops throw an
 * {@code ArrayIndexOutOfBoundsException} or {@code NegativeArraySizeException} instead, possibly after writing some
 * elements.
 */
final class ArrayUtilities {
    private final MethodScope scope;
    private final ExpressionParser expressions;

    ArrayUtilities(MethodScope scope, ExpressionParser expressions) {
        this.scope = scope;
        this.expressions = expressions;
    }

    /** Whether the expression is a copy this class lowers: {@code a.clone()}, {@code Arrays.copyOf(Range)}. */
    boolean isCopy(TreePath path) {
        TreePath call = unparenthesized(path);
        if (!(call.getLeaf() instanceof MethodInvocationTree tree)) {
            return false;
        }
        if (isClone(call, tree)) {
            return true;
        }
        ExecutableElement method = method(call);
        return method != null
                && isArrays(method)
                && (name(method).equals("copyOf") || name(method).equals("copyOfRange"))
                && lowerable(method.getParameters().get(0).asType());
    }

    /** Whether the expression statement is {@code Arrays.fill} or {@code System.arraycopy} of arrays of numbers. */
    boolean isWrite(TreePath path) {
        if (!(path.getLeaf() instanceof MethodInvocationTree)) {
            return false;
        }
        ExecutableElement method = method(path);
        if (method == null) {
            return false;
        }
        if (isArrays(method) && name(method).equals("fill")) {
            return lowerable(method.getParameters().get(0).asType());
        }
        return owner(method).equals("java.lang.System") && name(method).equals("arraycopy");
    }

    /** {@code target = copy}: a new array, filled by a loop (a matrix's clone shares its rows: an alias). */
    void copyInto(Var target, TreePath path, Origin origin, List<Stmt> out) {
        TreePath call = unparenthesized(path);
        MethodInvocationTree tree = (MethodInvocationTree) call.getLeaf();
        if (isClone(call, tree)) {
            MemberSelectTree select = (MemberSelectTree) tree.getMethodSelect();
            Expr source = expressions.expression(child(child(call, select), select.getExpression()));
            if (source.type() == Type.DOUBLE_MATRIX) {
                out.add(new Stmt.Assign(target, source, origin));
                return;
            }
            Expr array = once(source, target, "source", origin, out);
            out.add(new Stmt.Assign(target, new Expr.NewArray(target.type(), List.of(length(array))), origin));
            copyLoop(new Expr.Ref(target), zero(), array, zero(), length(array), origin, out);
            return;
        }
        List<Expr> args = arguments(call, tree);
        Expr array = once(args.get(0), target, "source", origin, out);
        if (name(method(call)).equals("copyOf")) {
            // Arrays.copyOf(a, n): n elements, those past a.length zero.
            Expr n = once(args.get(1), target, "length", origin, out);
            out.add(new Stmt.Assign(target, new Expr.NewArray(target.type(), List.of(n)), origin));
            copyLoop(new Expr.Ref(target), zero(), array, zero(), smaller(n, length(array), origin, out), origin, out);
            return;
        }
        // Arrays.copyOfRange(a, from, to): to - from elements, a[from] first, those past a.length zero.
        Expr from = once(args.get(1), target, "from", origin, out);
        Expr to = once(args.get(2), target, "to", origin, out);
        out.add(new Stmt.Assign(target, new Expr.NewArray(target.type(), List.of(minus(to, from))), origin));
        Expr count = smaller(minus(to, from), minus(length(array), from), origin, out);
        copyLoop(new Expr.Ref(target), zero(), array, from, count, origin, out);
    }

    /** {@code Arrays.fill(a, [from, to,] v)} or {@code System.arraycopy(src, sp, dst, dp, n)}, as loops of stores. */
    void write(TreePath path, Origin origin, List<Stmt> out) {
        MethodInvocationTree tree = (MethodInvocationTree) path.getLeaf();
        List<Expr> args = arguments(path, tree);
        if (name(method(path)).equals("fill")) {
            Expr array = once(args.get(0), null, "array", origin, out);
            Expr from = args.size() == 4 ? once(args.get(1), null, "from", origin, out) : zero();
            Expr to = args.size() == 4 ? once(args.get(2), null, "to", origin, out) : length(array);
            Expr value =
                    expressions.convert(args.get(args.size() - 1), array.type().element());
            value = once(value, null, "value", origin, out);
            Var i = new Var("i", Type.INT);
            out.add(new Stmt.Assign(i, from, origin));
            List<Stmt> body = List.of(new Stmt.Store(array, new Expr.Ref(i), value, origin));
            out.add(countedLoop(i, lessThan(new Expr.Ref(i), to), body, BinaryOp.ADD, origin));
            return;
        }
        Expr source = args.get(0);
        Expr destination = args.get(2);
        if (!source.type().isArray()
                || source.type() != destination.type()
                || source.type().element().isArray()) {
            throw scope.reject(
                    path,
                    new Message.ArraycopyTypes(
                            source.type().javaName(), destination.type().javaName()));
        }
        source = once(source, null, "source", origin, out);
        Expr sourceStart = once(args.get(1), null, "sourceStart", origin, out);
        destination = once(destination, null, "destination", origin, out);
        Expr destinationStart = once(args.get(3), null, "destinationStart", origin, out);
        Expr n = once(args.get(4), null, "count", origin, out);
        // As if through a temporary array: when the two may be one array and the copy moves elements up, copying from
        // the last element down reads each before it is overwritten.
        List<Stmt> down = new ArrayList<>();
        Var i = new Var("i", Type.INT);
        down.add(new Stmt.Assign(i, minus(n, one()), origin));
        down.add(countedLoop(
                i,
                new Expr.Binary(BinaryOp.GE, new Expr.Ref(i), zero()),
                List.of(store(destination, destinationStart, source, sourceStart, i, origin)),
                BinaryOp.SUB,
                origin));
        List<Stmt> up = new ArrayList<>();
        copyLoop(destination, destinationStart, source, sourceStart, n, origin, up);
        if (sourceStart instanceof Expr.Literal from && destinationStart instanceof Expr.Literal to) {
            // Constant positions decide the direction here.
            out.addAll(from.integral() < to.integral() ? down : up);
        } else {
            out.add(new Stmt.If(new Expr.Binary(BinaryOp.LT, sourceStart, destinationStart), down, up, origin));
        }
    }

    /** {@code for (i = 0; i < count; i++) to[toStart + i] = from[fromStart + i];} */
    private void copyLoop(Expr to, Expr toStart, Expr from, Expr fromStart, Expr count, Origin origin, List<Stmt> out) {
        Var i = new Var("i", Type.INT);
        out.add(new Stmt.Assign(i, zero(), origin));
        out.add(countedLoop(
                i,
                lessThan(new Expr.Ref(i), count),
                List.of(store(to, toStart, from, fromStart, i, origin)),
                BinaryOp.ADD,
                origin));
    }

    private static Stmt store(Expr to, Expr toStart, Expr from, Expr fromStart, Var i, Origin origin) {
        return new Stmt.Store(
                to, plus(toStart, new Expr.Ref(i)), new Expr.ArrayRead(from, plus(fromStart, new Expr.Ref(i))), origin);
    }

    private Stmt.Loop countedLoop(Var i, Expr condition, List<Stmt> body, BinaryOp step, Origin origin) {
        Stmt update = new Stmt.Assign(i, new Expr.Binary(step, new Expr.Ref(i), one()), origin);
        return new Stmt.Loop(scope.freshLabel("loop"), condition, body, List.of(update), true, origin);
    }

    /**
     * The argument, in a variable of its own unless it is a literal or a variable other than {@code target}: Java
     * evaluates it once, before the copying (and before the target is assigned) starts.
     */
    private static Expr once(Expr e, Var target, String name, Origin origin, List<Stmt> out) {
        if (e instanceof Expr.Literal || (e instanceof Expr.Ref r && r.var() != target)) {
            return e;
        }
        if (e.type().isArray() && Exprs.base(e) != null && (target == null || !Exprs.reads(e, target))) {
            // A row m[k]: an alias of it reads as the row itself, and k is not assigned by the loops.
            if (!Exprs.anyMatch(e, x -> x instanceof Expr.Invoke)) {
                return e;
            }
        }
        Var v = new Var(name, e.type());
        out.add(new Stmt.Assign(v, e, origin));
        return new Expr.Ref(v);
    }

    /** The smaller of two ints, in a variable: {@code Math.min(a, b)}. */
    private static Expr smaller(Expr a, Expr b, Origin origin, List<Stmt> out) {
        Var v = new Var("end", Type.INT);
        out.add(new Stmt.Assign(v, new Expr.Select(lessThan(a, b), a, b), origin));
        return new Expr.Ref(v);
    }

    private List<Expr> arguments(TreePath call, MethodInvocationTree tree) {
        ExecutableElement method = method(call);
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < tree.getArguments().size(); i++) {
            ExpressionTree arg = tree.getArguments().get(i);
            Expr e = expressions.expression(child(call, arg));
            TypeMirror parameter = method.getParameters().get(i).asType();
            if (parameter.getKind() == TypeKind.INT) {
                e = expressions.convert(e, Type.INT);
            }
            args.add(e);
        }
        return args;
    }

    private boolean isClone(TreePath call, MethodInvocationTree tree) {
        if (!(tree.getMethodSelect() instanceof MemberSelectTree select)
                || !select.getIdentifier().contentEquals("clone")
                || !tree.getArguments().isEmpty()) {
            return false;
        }
        TypeMirror receiver = scope.context.trees().getTypeMirror(child(child(call, select), select.getExpression()));
        return receiver instanceof ArrayType array
                && (lowerable(array) || (array.getComponentType() instanceof ArrayType row && lowerable(row)));
    }

    /** An array of doubles, ints, longs or booleans: the element types of the IR's arrays. */
    private static boolean lowerable(TypeMirror type) {
        if (!(type instanceof ArrayType array)) {
            return false;
        }
        TypeKind element = array.getComponentType().getKind();
        return element == TypeKind.DOUBLE
                || element == TypeKind.INT
                || element == TypeKind.LONG
                || element == TypeKind.BOOLEAN;
    }

    private ExecutableElement method(TreePath call) {
        Element element = scope.context.trees().getElement(call);
        return element instanceof ExecutableElement method ? method : null;
    }

    private static boolean isArrays(ExecutableElement method) {
        return owner(method).equals("java.util.Arrays");
    }

    private static String owner(ExecutableElement method) {
        return method.getEnclosingElement() instanceof TypeElement type
                ? type.getQualifiedName().toString()
                : "";
    }

    private static String name(ExecutableElement method) {
        return method.getSimpleName().toString();
    }

    private static TreePath unparenthesized(TreePath path) {
        TreePath p = path;
        while (p.getLeaf() instanceof ParenthesizedTree parens) {
            p = child(p, parens.getExpression());
        }
        return p;
    }

    private static Expr length(Expr array) {
        return new Expr.ArrayLength(array);
    }

    private static Expr zero() {
        return Expr.Literal.ofIntegral(Type.INT, 0);
    }

    private static Expr one() {
        return Expr.Literal.ofIntegral(Type.INT, 1);
    }

    private static Expr lessThan(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.LT, a, b);
    }

    private static Expr plus(Expr a, Expr b) {
        if (a instanceof Expr.Literal l && l.integral() == 0) {
            return b;
        }
        return new Expr.Binary(BinaryOp.ADD, a, b);
    }

    private static Expr minus(Expr a, Expr b) {
        if (b instanceof Expr.Literal l && l.integral() == 0) {
            return a;
        }
        return new Expr.Binary(BinaryOp.SUB, a, b);
    }
}
