package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Algebra;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Stream pipelines over numbers, lowered to the one loop a sequential stream runs: a source
 * ({@code IntStream.range/rangeClosed}, {@code Arrays.stream} of an array or of a matrix's rows,
 * {@code DoubleStream.of}), stages applied to
 * each element in turn ({@code map}, {@code mapToDouble}, {@code asDoubleStream}, {@code filter}), and a terminal
 * ({@code sum()}, {@code average()}, {@code max()}, {@code min()}, {@code reduce}). Every mode then differentiates the
 * loop as it does the user's own.
 *
 * <p>Values stay the stream's bit for bit: {@code DoubleStream.sum()} and {@code average()} are not a plain loop but
 * the JDK's compensated summation, which {@link CompensatedSum} lowers as written, with an exact derivative. The
 * {@code max} and {@code min} terminals are {@code reduce(Math::max)}: the first element, then {@code Math.max}.
 * An empty stream's {@code getAsDouble()} throws {@code NoSuchElementException} as {@code OptionalDouble}'s does.
 *
 * <p>Java evaluates the source's arguments, then the terminal's identity, runs the loop (each element through every
 * stage before the next element), and last evaluates {@code orElse}'s argument: the statements come in that order.
 */
final class StreamPipelines {
    /** Reads a lambda's block body: its returns assign {@code result} and leave the body. */
    interface LambdaBodies {
        void read(TreePath block, Var result, List<Stmt> out);
    }

    private static final String READ =
            "autodiff4j reads IntStream.range/rangeClosed, Arrays.stream(a) and DoubleStream.of(...), then map,"
                    + " mapToDouble, asDoubleStream and filter, ending in sum(), average(), max() or min() with"
                    + " getAsDouble() or orElse(c), or reduce(identity, (s, v) -> ...)";

    private final MethodScope scope;
    private final ExpressionParser expressions;
    private final LambdaBodies bodies;

    StreamPipelines(MethodScope scope, ExpressionParser expressions, LambdaBodies bodies) {
        this.scope = scope;
        this.expressions = expressions;
        this.bodies = bodies;
    }

    /** One call of the pipeline: its path, method and name. */
    private record Call(TreePath path, ExecutableElement method, String name) {
        MethodInvocationTree tree() {
            return (MethodInvocationTree) path.getLeaf();
        }

        TreePath argument(int i) {
            return child(path, tree().getArguments().get(i));
        }

        String owner() {
            return ((TypeElement) method.getEnclosingElement())
                    .getQualifiedName()
                    .toString();
        }
    }

    /** How the terminal combines the elements. */
    private enum Terminal {
        SUM,
        AVERAGE,
        /** {@code reduce(op)}, {@code max()}, {@code min()}: the first element, then op; empty without one. */
        REDUCE,
        /** {@code reduce(identity, op)}. */
        FOLD
    }

    /** Where the loop leaves what it computes, and the code that makes it the pipeline's value. */
    private static final class Accumulator {
        final Terminal terminal;
        final Call call;
        /** {@code orElse}'s call, or null for {@code getAsDouble()} (or a terminal without an optional result). */
        Call orElse;

        CompensatedSum sum;
        Var result;
        Var empty;
        Var count;

        Accumulator(Terminal terminal, Call call) {
            this.terminal = terminal;
            this.call = call;
        }
    }

    /**
     * The value of the pipeline ending at {@code path}, a call of {@code java.util.stream} or a call on what one
     * returned, its loop among the pending statements; rejected unless it is a pipeline this class reads.
     */
    Expr lower(TreePath path) {
        List<Call> calls = chain(path);
        List<Stmt> before = expressions.effects.suspend();
        List<Stmt> made = new ArrayList<>();
        try {
            return lower(path, calls, made);
        } finally {
            expressions.effects.resume(before, made);
        }
    }

    private Expr lower(TreePath path, List<Call> calls, List<Stmt> out) {
        Origin origin = scope.originOf(path);
        int last = calls.size() - 1;
        Accumulator acc = terminal(path, calls);
        int terminalIndex = acc.orElse != null || isOptionalRead(calls.get(last)) ? last - 1 : last;
        List<Call> stages = calls.subList(1, terminalIndex);
        Call source = calls.get(0);
        Source loop = source(path, source, origin, out);
        Type type = loop.type;
        for (Call stage : stages) {
            type = stageType(path, stage, type);
        }
        if (type != Type.DOUBLE) {
            throw reject(path, "a stream of " + type.javaName() + "s ending in " + acc.call.name() + "()");
        }
        start(acc, origin, out);
        Var counter = loop.counter;
        List<Stmt> body = new ArrayList<>();
        if (loop.element != null) {
            body.add(new Stmt.Assign(loop.element, loop.value, origin));
        }
        body.addAll(
                stages(path, stages, 0, loop.element != null ? new Expr.Ref(loop.element) : loop.value, acc, origin));
        Stmt update = new Stmt.Assign(
                counter,
                new Expr.Binary(BinaryOp.ADD, new Expr.Ref(counter), Expr.Literal.ofIntegral(counter.type(), 1)),
                origin);
        out.add(new Stmt.Loop(scope.freshLabel("loop"), loop.condition, body, List.of(update), true, origin));
        return finish(acc, origin, out);
    }

    /** The calls from the source (first) to the terminal (last), or a rejection naming the first that is none. */
    private List<Call> chain(TreePath path) {
        List<Call> calls = new ArrayList<>();
        TreePath p = unparenthesized(path);
        while (p.getLeaf() instanceof MethodInvocationTree tree) {
            Element element = scope.context.trees().getElement(p);
            if (!(element instanceof ExecutableElement method)) {
                throw scope.silently();
            }
            calls.add(0, new Call(p, method, method.getSimpleName().toString()));
            if (!(tree.getMethodSelect() instanceof MemberSelectTree select) || isStatic(method)) {
                break;
            }
            p = unparenthesized(child(child(p, select), select.getExpression()));
        }
        if (!isStatic(calls.get(0).method())) {
            // list.stream(), a stream held in a variable or returned by a helper: not a source this class knows.
            throw reject(path, "its source " + calls.get(0).tree().getMethodSelect() + "()");
        }
        return calls;
    }

    private Accumulator terminal(TreePath path, List<Call> calls) {
        Call last = calls.get(calls.size() - 1);
        if (calls.size() < 2) {
            throw reject(path, "a stream left unused");
        }
        if (isOptionalRead(last)) {
            Call reducing = calls.get(calls.size() - 2);
            Terminal t = switch (reducing.name()) {
                case "max", "min", "reduce" -> Terminal.REDUCE;
                case "average" -> Terminal.AVERAGE;
                default -> throw reject(path, "its call " + reducing.name() + "()." + last.name() + "()");
            };
            if (!reducing.owner().equals("java.util.stream.DoubleStream")) {
                throw reject(path, "its call " + reducing.name() + "() on an " + simpleOwner(reducing));
            }
            Accumulator acc = new Accumulator(t, reducing);
            acc.orElse = last.name().equals("orElse") ? last : null;
            return acc;
        }
        if (!last.owner().equals("java.util.stream.DoubleStream")) {
            throw reject(path, "its last call " + last.name() + "()");
        }
        return switch (last.name()) {
            case "sum" -> new Accumulator(Terminal.SUM, last);
            case "reduce" -> {
                if (last.tree().getArguments().size() != 2) {
                    throw reject(path, "its call reduce(...) whose result is an OptionalDouble left unread");
                }
                yield new Accumulator(Terminal.FOLD, last);
            }
            default -> throw reject(path, "its last call " + last.name() + "()");
        };
    }

    /** {@code getAsDouble()} or {@code orElse(c)} of an {@code OptionalDouble}. */
    private static boolean isOptionalRead(Call call) {
        return call.owner().equals("java.util.OptionalDouble")
                && (call.name().equals("getAsDouble") || call.name().equals("orElse"));
    }

    /** The loop over the source: the counter, the condition, and the element it reads. */
    private record Source(Var counter, Expr condition, Expr value, Var element, Type type) {}

    private Source source(TreePath path, Call source, Origin origin, List<Stmt> out) {
        String owner = source.owner();
        List<Expr> args = arguments(source);
        expressions.effects.drainInto(out);
        Var i = new Var("i", Type.INT);
        if (owner.equals("java.util.stream.IntStream")
                && (source.name().equals("range") || source.name().equals("rangeClosed"))) {
            Expr from = once(args.get(0), "from", origin, out);
            Expr to = once(args.get(1), "to", origin, out);
            if (source.name().equals("range")) {
                out.add(new Stmt.Assign(i, from, origin));
                return new Source(
                        i, new Expr.Binary(BinaryOp.LT, new Expr.Ref(i), to), new Expr.Ref(i), null, Type.INT);
            }
            // A long counter: rangeClosed(n, Integer.MAX_VALUE) ends, where an int would wrap around.
            Var k = new Var("k", Type.LONG);
            out.add(new Stmt.Assign(k, expressions.convert(from, Type.LONG), origin));
            Expr condition = new Expr.Binary(BinaryOp.LE, new Expr.Ref(k), expressions.convert(to, Type.LONG));
            return new Source(k, condition, new Expr.Cast(Type.INT, new Expr.Ref(k)), i, Type.INT);
        }
        Expr array;
        if (owner.equals("java.util.Arrays") && source.name().equals("stream") && args.size() == 1) {
            array = args.get(0);
        } else if (owner.equals("java.util.stream.DoubleStream")
                && source.name().equals("of")) {
            array = args.size() == 1 && args.get(0).type() == Type.DOUBLE_ARRAY
                    ? args.get(0)
                    : new Expr.ArrayLiteral(
                            Type.DOUBLE_ARRAY,
                            args.stream()
                                    .map(a -> expressions.convert(a, Type.DOUBLE))
                                    .toList());
        } else {
            throw reject(path, "its source " + simpleOwner(source) + "." + source.name() + "(...)");
        }
        if (!array.type().isArray()) {
            throw reject(path, "its source, a stream of " + array.type().javaName());
        }
        Expr values = once(array, "values", origin, out);
        out.add(new Stmt.Assign(i, Expr.Literal.ofIntegral(Type.INT, 0), origin));
        Expr condition = new Expr.Binary(BinaryOp.LT, new Expr.Ref(i), new Expr.ArrayLength(values));
        return new Source(
                i,
                condition,
                new Expr.ArrayRead(values, new Expr.Ref(i)),
                null,
                array.type().element());
    }

    /** The element type after {@code stage}, or a rejection naming a stage this class does not read. */
    private Type stageType(TreePath path, Call stage, Type in) {
        String owner = stage.owner();
        boolean numbers = owner.equals("java.util.stream.DoubleStream")
                || owner.equals("java.util.stream.IntStream")
                || owner.equals("java.util.stream.LongStream");
        if (numbers) {
            switch (stage.name()) {
                case "map", "filter" -> {
                    return in;
                }
                case "mapToDouble", "asDoubleStream" -> {
                    return Type.DOUBLE;
                }
                default -> {}
            }
        }
        if (owner.equals("java.util.stream.Stream") && stage.name().equals("mapToDouble") && in.isArray()) {
            // Arrays.stream(m).mapToDouble(row -> ...): each row of a matrix, by reference, as m[i] is.
            return Type.DOUBLE;
        }
        throw reject(path, "its call " + stage.name() + "(...)");
    }

    /** The body of the loop for one element: the stages from {@code k} on, then the terminal's accumulation. */
    private List<Stmt> stages(TreePath path, List<Call> stages, int k, Expr value, Accumulator acc, Origin origin) {
        List<Stmt> out = new ArrayList<>();
        if (k == stages.size()) {
            accumulate(acc, value, origin, out);
            return out;
        }
        Call stage = stages.get(k);
        switch (stage.name()) {
            case "asDoubleStream" -> {
                return stages(path, stages, k + 1, expressions.convert(value, Type.DOUBLE), acc, origin);
            }
            case "filter" -> {
                Expr keep = apply(stage.argument(0), List.of(value), Type.BOOLEAN, out);
                out.add(new Stmt.If(keep, stages(path, stages, k + 1, value, acc, origin), List.of(), origin));
                return out;
            }
            default -> {
                Type to = stage.name().equals("mapToDouble") ? Type.DOUBLE : value.type();
                Expr mapped = apply(stage.argument(0), List.of(value), to, out);
                if (!(mapped instanceof Expr.Ref || mapped instanceof Expr.Literal)) {
                    // Read by the next stage or twice by a sum: computed once.
                    Var v = new Var("mapped", to);
                    out.add(new Stmt.Assign(v, mapped, origin));
                    mapped = new Expr.Ref(v);
                }
                out.addAll(stages(path, stages, k + 1, mapped, acc, origin));
                return out;
            }
        }
    }

    /**
     * The function's value at {@code values}: a lambda's parameters assigned them and its body read into {@code out}, or
     * a method of {@code Math} ({@code Math::exp}, {@code Math::max}) or {@code Double::sum} called on them.
     */
    private Expr apply(TreePath function, List<Expr> values, Type result, List<Stmt> out) {
        TreePath fn = unparenthesized(function);
        Origin origin = scope.originOf(fn);
        if (fn.getLeaf() instanceof MemberReferenceTree) {
            return expressions.convert(reference(fn, values), result);
        }
        if (!(fn.getLeaf() instanceof LambdaExpressionTree lambda)) {
            throw reject(
                    fn,
                    "the function " + fn.getLeaf() + ", which is not a lambda or a method reference of Math, whose body"
                            + " could be read");
        }
        for (int i = 0; i < values.size(); i++) {
            VariableTree parameter = lambda.getParameters().get(i);
            TreePath parameterPath = child(fn, parameter);
            VariableElement element = (VariableElement) scope.context.trees().getElement(parameterPath);
            Var var = new Var(
                    parameter.getName().toString(),
                    scope.type(parameterPath, element.asType(), "lambda parameter " + parameter.getName()));
            scope.declare(element, var);
            out.add(new Stmt.Assign(var, expressions.convert(values.get(i), var.type()), origin));
        }
        TreePath bodyPath = child(fn, lambda.getBody());
        if (lambda.getBodyKind() == LambdaExpressionTree.BodyKind.EXPRESSION) {
            Expr value = expressions.expression(bodyPath);
            expressions.effects.drainInto(out);
            return expressions.convert(value, result);
        }
        Var value = new Var(result == Type.BOOLEAN ? "kept" : "mapped", result);
        bodies.read(bodyPath, value, out);
        return new Expr.Ref(value);
    }

    /** {@code Math::exp} on one value, {@code Math::max} or {@code Double::sum} on two. */
    private Expr reference(TreePath ref, List<Expr> values) {
        Element element = scope.context.trees().getElement(ref);
        if (element instanceof ExecutableElement method && method.getEnclosingElement() instanceof TypeElement type) {
            String owner = type.getQualifiedName().toString();
            String name = method.getSimpleName().toString();
            boolean doubles =
                    method.getParameters().stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE);
            List<Expr> args = values.stream()
                    .map(v -> expressions.convert(v, Type.DOUBLE))
                    .toList();
            if (owner.equals("java.lang.Double") && name.equals("sum") && values.size() == 2) {
                return new Expr.Binary(BinaryOp.ADD, args.get(0), args.get(1));
            }
            boolean math = owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath");
            if (owner.equals("java.lang.Double") && (name.equals("max") || name.equals("min"))) {
                math = true;
            }
            var function = MathFunction.of(name, values.size());
            if (math
                    && doubles
                    && function.isPresent()
                    && method.getParameters().size() == values.size()) {
                return new Expr.MathCall(function.get(), owner.equals("java.lang.StrictMath"), args);
            }
        }
        throw reject(
                ref,
                "the method reference " + ref.getLeaf() + " (write the lambda v -> f(v), whose body autodiff4j reads)");
    }

    private void start(Accumulator acc, Origin origin, List<Stmt> out) {
        switch (acc.terminal) {
            case SUM, AVERAGE -> {
                acc.sum = CompensatedSum.start(origin, out);
                if (acc.terminal == Terminal.AVERAGE) {
                    // Counted in a double, as DoublePipeline.average() counts.
                    acc.count = declare("count", Expr.Literal.of(0.0), origin, out);
                }
            }
            case REDUCE -> {
                acc.empty = new Var("empty", Type.BOOLEAN);
                out.add(new Stmt.Assign(acc.empty, Expr.Literal.ofBoolean(true), origin));
                acc.result = declare(
                        acc.call.name().equals("reduce") ? "reduced" : acc.call.name(),
                        Expr.Literal.of(0.0),
                        origin,
                        out);
            }
            case FOLD -> {
                Expr identity = expressions.convert(expressions.expression(acc.call.argument(0)), Type.DOUBLE);
                expressions.effects.drainInto(out);
                acc.result = declare("reduced", identity, origin, out);
            }
        }
    }

    private void accumulate(Accumulator acc, Expr value, Origin origin, List<Stmt> out) {
        switch (acc.terminal) {
            case SUM, AVERAGE -> {
                if (acc.count != null) {
                    out.add(new Stmt.Assign(acc.count, plus(new Expr.Ref(acc.count), Expr.Literal.of(1.0)), origin));
                }
                acc.sum.add(expressions.convert(value, Type.DOUBLE), out);
            }
            case REDUCE -> {
                List<Stmt> first = List.of(
                        new Stmt.Assign(acc.empty, Expr.Literal.ofBoolean(false), origin),
                        new Stmt.Assign(acc.result, expressions.convert(value, Type.DOUBLE), origin));
                // Each element but the first: the operator, whose lambda's statements run only then.
                List<Stmt> next = new ArrayList<>();
                next.add(new Stmt.Assign(acc.result, combine(acc, value, next), origin));
                out.add(new Stmt.If(new Expr.Ref(acc.empty), first, next, origin));
            }
            case FOLD -> out.add(new Stmt.Assign(acc.result, combine(acc, value, out), origin));
        }
    }

    /** The terminal's operator on the result so far and {@code value}: max, min, or reduce's lambda. */
    private Expr combine(Accumulator acc, Expr value, List<Stmt> out) {
        Expr so = new Expr.Ref(acc.result);
        Expr v = expressions.convert(value, Type.DOUBLE);
        return switch (acc.call.name()) {
            case "max" -> new Expr.MathCall(MathFunction.MAX, false, List.of(so, v));
            case "min" -> new Expr.MathCall(MathFunction.MIN, false, List.of(so, v));
            default ->
                apply(acc.call.argument(acc.terminal == Terminal.FOLD ? 1 : 0), List.of(so, v), Type.DOUBLE, out);
        };
    }

    private Expr finish(Accumulator acc, Origin origin, List<Stmt> out) {
        Var result = acc.result;
        Expr empty = acc.empty == null ? null : new Expr.Ref(acc.empty);
        if (acc.terminal == Terminal.SUM || acc.terminal == Terminal.AVERAGE) {
            result = acc.sum.total(
                    acc.terminal == Terminal.SUM ? "total" : "average",
                    v -> test("isNaN", v, origin),
                    v -> test("isInfinite", v, origin),
                    out);
            if (acc.terminal == Terminal.AVERAGE) {
                Expr counted = new Expr.Binary(BinaryOp.GT, new Expr.Ref(acc.count), Expr.Literal.of(0.0));
                out.add(new Stmt.If(
                        counted,
                        List.of(new Stmt.Assign(
                                result,
                                new Expr.Binary(BinaryOp.DIV, new Expr.Ref(result), new Expr.Ref(acc.count)),
                                origin)),
                        List.of(),
                        origin));
                empty = Algebra.not(counted);
            }
        }
        if (empty == null) {
            return new Expr.Ref(result);
        }
        List<Stmt> otherwise = new ArrayList<>();
        if (acc.orElse != null) {
            // orElse's argument is evaluated after the pipeline ran, whether or not it is used.
            Expr fallback = expressions.convert(expressions.expression(acc.orElse.argument(0)), Type.DOUBLE);
            expressions.effects.drainInto(out);
            Var chosen = declare("orElse", fallback, origin, out);
            otherwise.add(new Stmt.Assign(result, new Expr.Ref(chosen), origin));
        } else {
            Expr thrown = new Expr.New(
                    ClassName.get(NoSuchElementException.class), List.of(new Expr.ObjectLiteral("No value present")));
            otherwise.add(new Stmt.Effect(Stmt.EffectKind.THROW, List.of(thrown), origin));
        }
        out.add(new Stmt.If(empty, otherwise, List.of(), origin));
        return new Expr.Ref(result);
    }

    /** {@code Double.isNaN(value)} or {@code Double.isInfinite(value)}: a call whose boolean result is a constant. */
    private Expr test(String name, Expr value, Origin origin) {
        ExecutableElement method =
                ElementFilter.methodsIn(scope.context
                                .elements()
                                .getTypeElement("java.lang.Double")
                                .getEnclosedElements())
                        .stream()
                        .filter(m -> m.getSimpleName().contentEquals(name) && isStatic(m))
                        .findFirst()
                        .orElseThrow();
        return new Expr.Invoke(
                MethodRefs.of(method, scope.context.trees()), null, List.of(value), Type.BOOLEAN, origin);
    }

    /** The call's arguments, read in Java's order, ints as ints. */
    private List<Expr> arguments(Call call) {
        List<Supplier<Expr>> operands = new ArrayList<>();
        for (int i = 0; i < call.tree().getArguments().size(); i++) {
            ExpressionTree arg = call.tree().getArguments().get(i);
            TypeMirror parameter = call.method()
                    .getParameters()
                    .get(Math.min(i, call.method().getParameters().size() - 1))
                    .asType();
            operands.add(() -> {
                Expr e = expressions.expression(child(call.path(), arg));
                return parameter.getKind() == TypeKind.INT ? expressions.convert(e, Type.INT) : e;
            });
        }
        return expressions.inOrder(operands, call.path());
    }

    /**
     * The value, in a variable of its own unless it is a literal, a variable or a row of one: evaluated once, before
     * the loop, as the stream's source is.
     */
    private static Expr once(Expr e, String name, Origin origin, List<Stmt> out) {
        if (e instanceof Expr.Literal || e instanceof Expr.Ref) {
            return e;
        }
        if (e.type().isArray() && Exprs.base(e) != null && !Exprs.anyMatch(e, x -> x instanceof Expr.Invoke)) {
            return e;
        }
        return new Expr.Ref(declare(name, e, origin, out));
    }

    private static Var declare(String name, Expr value, Origin origin, List<Stmt> out) {
        Var v = new Var(name, value.type());
        out.add(new Stmt.Assign(v, value, origin));
        return v;
    }

    private static Expr plus(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.ADD, a, b);
    }

    private Rejected reject(TreePath path, String what) {
        return scope.reject(path, new Message.Stream(scope.originOf(path).source(), what, READ));
    }

    private static boolean isStatic(ExecutableElement method) {
        return method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    }

    private static String simpleOwner(Call call) {
        return call.method().getEnclosingElement().getSimpleName().toString();
    }

    private static TreePath unparenthesized(TreePath path) {
        TreePath p = path;
        while (p.getLeaf() instanceof ParenthesizedTree parens) {
            p = child(p, parens.getExpression());
        }
        return p;
    }
}
