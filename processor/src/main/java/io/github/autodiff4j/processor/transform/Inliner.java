package io.github.autodiff4j.processor.transform;

import com.palantir.javapoet.ClassName;
import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Callee;
import io.github.autodiff4j.processor.ir.DerivativeRule;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.UnaryOp;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Replaces each call whose result needs a derivative (a call with active arguments, in a place where its value is
 * differentiated) by the callee's body, so that the user annotates only the entry point. Other calls stay calls: their
 * results are constants. Private callees are inlined either way, since the generated companion could not call them.
 * A callee's {@code return} becomes an assignment of its result and a {@code break} out of the inlined block. The
 * callees' bodies and rules come from the front end ({@link Callees}), which also reports the calls that cannot be
 * inlined.
 */
public final class Inliner {
    private final Callees callees;
    private final Deque<MethodRef> stack = new ArrayDeque<>();
    private int copies;
    private boolean failed;
    /** Whether what cannot be inlined only fails the inlining, unreported: for members a function may go without. */
    private boolean quiet;
    /** The variables that hold the differentiated method's own object: its receiver, and inlined own calls'. */
    private final Set<Var> selves = new HashSet<>();
    /**
     * The methods inlined from calls on the own object that a subclass could override, in the order first met, over
     * every {@link #inline} of one method (the Hessian inlines its gradient again).
     */
    private final Set<MethodRef> ownCalls = new LinkedHashSet<>();
    /** The recursive methods whose calls go through members generated for them ({@link #throughMembers}). */
    private final Map<MethodRef, String> recursions = new LinkedHashMap<>();
    /** The method whose companion is generated: the first one inlined. */
    private MethodRef differentiated;

    public Inliner(Callees callees) {
        this.callees = callees;
    }

    /** Whether the function's companion gets the members its recursive calls go through. */
    public boolean isRecursive(MethodRef method) {
        return callees.isRecursive(method);
    }

    /** The function with its calls inlined, or empty after reporting the calls that cannot be. */
    public Optional<Function> inline(Function function, MethodRef method, List<Var> activeParams) {
        InjectedFailure.at("inline");
        failed = false;
        selves.clear();
        if (differentiated == null) {
            differentiated = method;
        }
        if (!method.isStatic()) {
            selves.add(function.params().get(0));
        }
        stack.push(method);
        List<Stmt> body = statements(function.body(), Activity.of(function, activeParams, this::mayWriteArrays));
        stack.pop();
        return failed ? Optional.empty() : Optional.of(new Function(function.name(), function.params(), body));
    }

    /**
     * The bodies the method's derivatives differentiate that a subclass could override: the method itself, then the
     * methods inlined from calls on its own object (and from own calls inside those), or none when no subclass can
     * override any of them. Generated members refuse a receiver whose class overrides one: it runs another body.
     */
    public List<MethodRef> overridableBodies(MethodRef method) {
        if (!method.overridable() && ownCalls.isEmpty()) {
            return List.of();
        }
        List<MethodRef> bodies = new ArrayList<>(List.of(method));
        ownCalls.stream().filter(m -> !m.equals(method)).forEach(bodies::add);
        return bodies;
    }

    private List<Stmt> statements(List<Stmt> body, Activity activity) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            if (stmt instanceof Stmt.Effect effect && helperCall(effect) != null) {
                inlineHelper(helperCall(effect), activity, out);
                continue;
            }
            Stmt inlined = statement(stmt, activity, out);
            if (!(inlined instanceof Stmt.Assign a && a.value() instanceof Expr.Ref r && r.var() == a.target())) {
                out.add(inlined); // v = v, left by an inlined call that returns its argument, is dropped
            }
        }
        return out;
    }

    /** The call of a void helper of the build that the statement is, or null: a call made for its effect on arrays. */
    private static Expr.Invoke helperCall(Stmt.Effect effect) {
        return effect.kind() == Stmt.EffectKind.CALL
                        && effect.values().get(0) instanceof Expr.Invoke call
                        && call.method().hasSource()
                ? call
                : null;
    }

    /**
     * A void helper's body in place of its call, whatever the activity of its arguments: it is called for what it
     * writes into the arrays it is passed, which the sweeps must see.
     */
    private void inlineHelper(Expr.Invoke call, Activity activity, List<Stmt> out) {
        List<Expr> args = inOrder(call.args(), a -> expr(a, true, activity, out), out);
        inlineCall(
                new Expr.Invoke(call.method(), call.receiver(), args, call.type(), call.origin()),
                activeArguments(call, activity),
                out);
    }

    /** The statement with its calls inlined; the inlined bodies are appended to {@code out} first. */
    private Stmt statement(Stmt stmt, Activity activity, List<Stmt> out) {
        if (stmt instanceof Stmt.Assign a) {
            // An object holding active values would hide them from the derivative: treat its value as differentiated,
            // so that the call computing it is reported.
            boolean differentiated =
                    a.target().type().isDifferentiable() || a.target().type() == Type.OBJECT;
            if (a.target().type() == Type.OBJECT
                    && Exprs.anyMatch(a.value(), e -> e instanceof Expr.Concat && activity.isActive(e))) {
                report(new InlineProblem.ActiveString(a.origin(), a.target().name()));
            }
            return new Stmt.Assign(a.target(), expr(a.value(), differentiated, activity, out), a.origin());
        }
        if (stmt instanceof Stmt.Store s) {
            return new Stmt.Store(
                    expr(s.array(), false, activity, out),
                    expr(s.index(), false, activity, out),
                    expr(s.value(), true, activity, out),
                    s.origin());
        }
        if (stmt instanceof Stmt.Return r) {
            return new Stmt.Return(
                    r.values().stream().map(v -> expr(v, true, activity, out)).toList(), r.origin());
        }
        if (stmt instanceof Stmt.If i) {
            return new Stmt.If(
                    expr(i.condition(), false, activity, out),
                    statements(i.then(), activity),
                    statements(i.otherwise(), activity),
                    i.origin());
        }
        if (stmt instanceof Stmt.Loop l) {
            List<Stmt> hoisted = new ArrayList<>();
            Expr condition = expr(l.condition(), false, activity, hoisted);
            if (!hoisted.isEmpty() && l.testFirst()) {
                // while (c(h(a))) body: the condition is evaluated before every iteration, so the inlined body of h
                // goes
                // first in the loop's body, which the loop leaves when the condition fails: for (;;) { h...; if (!c)
                // break;
                // body }. A continue still runs the update, then the inlined body again.
                List<Stmt> body = new ArrayList<>(hoisted);
                body.add(new Stmt.If(
                        new Expr.Unary(UnaryOp.NOT, condition),
                        List.of(new Stmt.Break(l.label(), l.origin())),
                        List.of(),
                        l.origin()));
                body.addAll(statements(l.body(), activity));
                return new Stmt.Loop(
                        l.label(),
                        Expr.Literal.ofBoolean(true),
                        body,
                        statements(l.update(), activity),
                        true,
                        l.origin());
            }
            if (!hoisted.isEmpty()) {
                // A do-while tests its condition after the body and after a continue: there is no place in the loop
                // where
                // the inlined body runs exactly when the condition would.
                Expr.Invoke call = firstInlinedCall(l.condition(), activity);
                report(new InlineProblem.LoopConditionCall(
                        call.origin(), call.method().name(), call.method().isPrivate()));
            }
            return new Stmt.Loop(
                    l.label(),
                    condition,
                    statements(l.body(), activity),
                    statements(l.update(), activity),
                    l.testFirst(),
                    l.origin());
        }
        if (stmt instanceof Stmt.Block b) {
            return new Stmt.Block(b.label(), statements(b.body(), activity), b.origin());
        }
        if (stmt instanceof Stmt.Effect effect) {
            // Not differentiated: a call in a print stays a call (but for a private one, which the companion cannot
            // name).
            return new Stmt.Effect(
                    effect.kind(),
                    effect.values().stream()
                            .map(v -> expr(v, false, activity, out))
                            .toList(),
                    effect.origin());
        }
        if (stmt instanceof Stmt.Switch s) {
            List<Stmt.Case> cases = s.cases().stream()
                    .map(c -> new Stmt.Case(c.labels(), statements(c.body(), activity)))
                    .toList();
            return new Stmt.Switch(s.label(), expr(s.selector(), false, activity, out), cases, s.origin());
        }
        return stmt;
    }

    /** The first call in a condition that {@link #expr} inlines although its value is not differentiated. */
    private static Expr.Invoke firstInlinedCall(Expr condition, Activity activity) {
        List<Expr.Invoke> found = new ArrayList<>();
        Exprs.anyMatch(
                condition,
                e -> e instanceof Expr.Invoke call
                        && (call.method().hidden()
                                || call.args().stream().anyMatch(a -> a.type().isArray() && activity.isActive(a)))
                        && found.add(call));
        return found.get(0);
    }

    /**
     * @param differentiated whether the derivative flows through this expression: false in conditions and indices, and
     *     below comparisons, integer casts and piecewise-constant functions
     */
    private Expr expr(Expr e, boolean differentiated, Activity activity, List<Stmt> out) {
        if (e instanceof Expr.Invoke call) {
            boolean hidden = call.method().hidden();
            // A call passed an active array may write into it: kept as a call, its stores would be hidden from the
            // sweeps,
            // which need the elements it overwrites back (even in a condition, where its value is not differentiated).
            // So
            // may a call that writes into a constant array, whose elements the derivatives may read as coefficients
            // (x *= tanh(x * a[1]) after h(a, q) rewrote a, in a loop: fuzz seed 9990001 program 2724).
            // A JDK method that only reads (Arrays.binarySearch, Double.compare) and returns an int, long or boolean
            // is a constant, whatever it is passed.
            boolean writes = !call.method().readOnly()
                    && (call.args().stream().anyMatch(a -> a.type().isArray() && activity.isActive(a))
                            || (call.args().stream().anyMatch(a -> a.type().isArray())
                                    && call.method().hasSource()
                                    && callees.writesArrayParameters(call.method())));
            boolean inline = hidden || writes || (differentiated && activity.isActive(call));
            // A record's array receiver first, as Java evaluates it (a record method called on a helper's result); an
            // object receiver is a constant, left as written.
            boolean arrayReceiver =
                    call.receiver() != null && call.receiver().type().isArray();
            List<Expr> operands = new ArrayList<>();
            if (arrayReceiver) {
                operands.add(call.receiver());
            }
            operands.addAll(call.args());
            List<Expr> done = inOrder(operands, a -> expr(a, inline && differentiated, activity, out), out);
            Expr receiver = arrayReceiver ? done.get(0) : call.receiver();
            List<Expr> args = done.subList(arrayReceiver ? 1 : 0, done.size());
            Expr.Invoke rebuilt = new Expr.Invoke(call.method(), receiver, args, call.type(), call.origin());
            Optional<DerivativeRule> supplied = inline ? callees.rule(call.method()) : Optional.empty();
            if (supplied.isPresent() && call.type() == Type.DOUBLE) {
                List<Boolean> active =
                        call.args().stream().map(activity::isActive).toList();
                List<String> arrays = activeArrays(call.method(), active);
                if (!arrays.isEmpty()) {
                    report(new InlineProblem.RuleArrayArgument(
                            call.origin(), call.method().name(), arrays));
                    return rebuilt;
                }
                List<String> missing = missing(call.method(), supplied.get(), active);
                if (!missing.isEmpty()) {
                    report(new InlineProblem.DerivativeIncomplete(
                            call.origin(), call.method().name(), missing));
                    return rebuilt;
                }
                // The user's rule replaces the function's body.
                return new Expr.CustomCall(Callee.of(call.method()), supplied.get(), args, call.origin());
            }
            // The activity of the arguments as written: an argument that was itself an inlined call is now a fresh
            // variable.
            return inline ? inlineCall(rebuilt, activeArguments(call, activity), out) : rebuilt;
        }
        if (e instanceof Expr.RuleCall call) {
            List<Expr> args = call.args().stream()
                    .map(a -> expr(a, differentiated, activity, out))
                    .toList();
            Expr.RuleCall rebuilt = new Expr.RuleCall(call.callee(), args, call.type(), call.origin());
            return differentiated && activity.isActive(call) ? differentiateRule(rebuilt, activity, out) : rebuilt;
        }
        if (e instanceof Expr.Recursion r) {
            // In the gradient, a recursive call whose partials the Hessian differentiates.
            Expr.Recursion rebuilt = r.withArgs(
                    r.args().stream().map(a -> expr(a, false, activity, out)).toList());
            boolean active = differentiated && r.args().stream().anyMatch(activity::isActive);
            return active
                    ? new Expr.Recursion(r.values(), r.tangents(), r.params(), rebuilt.args(), true, false, r.origin())
                    : rebuilt;
        }
        boolean flows = differentiated && flowsThrough(e);
        if (e instanceof Expr.Select s) {
            Expr condition = expr(s.condition(), false, activity, out);
            List<Stmt> thenOut = new ArrayList<>();
            List<Stmt> elseOut = new ArrayList<>();
            Expr ifTrue = expr(s.ifTrue(), flows, activity, thenOut);
            Expr ifFalse = expr(s.ifFalse(), flows, activity, elseOut);
            if (thenOut.isEmpty() && elseOut.isEmpty()) {
                return new Expr.Select(condition, ifTrue, ifFalse);
            }
            // An inlined call must run only on its own side, as Java evaluates c ? a : b (a recursion's base case!).
            Var chosen = new Var("chosen", s.type());
            Origin origin = lastOrigin(out, thenOut, elseOut);
            thenOut.add(new Stmt.Assign(chosen, ifTrue, origin));
            elseOut.add(new Stmt.Assign(chosen, ifFalse, origin));
            out.add(new Stmt.If(condition, thenOut, elseOut, origin));
            return new Expr.Ref(chosen);
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR)) {
            Expr left = expr(b.left(), false, activity, out);
            List<Stmt> rightOut = new ArrayList<>();
            Expr right = expr(b.right(), false, activity, rightOut);
            if (rightOut.isEmpty()) {
                return new Expr.Binary(b.op(), left, right);
            }
            // An inlined call on the right runs only when Java evaluates the right operand: a && b, a || b
            // short-circuit.
            Var chosen = new Var("chosen", Type.BOOLEAN);
            Origin origin = rightOut.get(rightOut.size() - 1).origin();
            rightOut.add(new Stmt.Assign(chosen, right, origin));
            List<Stmt> decided = new ArrayList<>(
                    List.of(new Stmt.Assign(chosen, Expr.Literal.ofBoolean(b.op() == BinaryOp.OR), origin)));
            out.add(
                    b.op() == BinaryOp.AND
                            ? new Stmt.If(left, rightOut, decided, origin)
                            : new Stmt.If(left, decided, rightOut, origin));
            return new Expr.Ref(chosen);
        }
        if (e instanceof Expr.ArrayRead r) {
            return new Expr.ArrayRead(expr(r.array(), flows, activity, out), expr(r.index(), false, activity, out));
        }
        List<Expr> children = new ArrayList<>();
        Exprs.mapChildren(e, child -> {
            children.add(child);
            return child;
        });
        Iterator<Expr> inlined = inOrder(children, child -> expr(child, flows, activity, out), out)
                .iterator();
        return Exprs.mapChildren(e, child -> inlined.next());
    }

    /**
     * The operands, each through {@code inline}, whose inlined bodies go to {@code out}. Java evaluates operands left to
     * right: an operand that reads an array keeps the value it had before a later operand's inlined body writes into
     * arrays ({@code a[1] * x + fill(a, x)}), in a variable of its own.
     */
    private static List<Expr> inOrder(List<Expr> operands, UnaryOperator<Expr> inline, List<Stmt> out) {
        List<Expr> done = new ArrayList<>();
        for (Expr operand : operands) {
            int start = out.size();
            Expr result = inline.apply(operand);
            if (writesArrays(out.subList(start, out.size()))) {
                List<Stmt> kept = new ArrayList<>();
                Origin origin = callerOrigin(operand, out.get(start).origin());
                for (int i = 0; i < done.size(); i++) {
                    done.set(i, keepReads(done.get(i), kept, origin));
                }
                out.addAll(start, kept);
            }
            done.add(result);
        }
        return done;
    }

    /**
     * The operand with the parts that read arrays kept in variables, assigned to {@code kept}: the reads themselves
     * where the operand evaluates all its parts, so that a call kept in it (not differentiated) stays where it is and
     * only its argument moves; the whole of a part that evaluates some parts only ({@code c ? a[i] : 0}, {@code &&}).
     */
    private static Expr keepReads(Expr operand, List<Stmt> kept, Origin origin) {
        if (!Exprs.readsElements(operand)) {
            return operand;
        }
        boolean evaluatesAll = operand instanceof Expr.Unary
                || operand instanceof Expr.MathCall
                || operand instanceof Expr.Cast
                || (operand instanceof Expr.Invoke i && !Exprs.passesArray(i))
                || (operand instanceof Expr.Binary b && b.op() != BinaryOp.AND && b.op() != BinaryOp.OR);
        if (evaluatesAll) {
            return Exprs.mapChildren(operand, part -> keepReads(part, kept, origin));
        }
        Var value = new Var("operand", operand.type());
        kept.add(new Stmt.Assign(value, operand, origin));
        return new Expr.Ref(value);
    }

    /** The line of the operand's call in the caller, for the comment above the operands kept. */
    private static Origin callerOrigin(Expr operand, Origin otherwise) {
        List<Origin> calls = new ArrayList<>();
        Exprs.any(operand, x -> x instanceof Expr.Invoke call && calls.add(call.origin()));
        return calls.isEmpty() ? otherwise : calls.get(0);
    }

    private static boolean writesArrays(List<Stmt> body) {
        boolean[] found = {false};
        Stmts.walk(
                body,
                s -> found[0] |= s instanceof Stmt.Store
                        || Stmts.expressions(s).stream().anyMatch(e -> Exprs.any(e, Exprs::passesArray)));
        return found[0];
    }

    private static boolean flowsThrough(Expr e) {
        if (e instanceof Expr.Binary b) {
            return b.op().isArithmetic();
        }
        if (e instanceof Expr.Cast c) {
            return c.type() == Type.DOUBLE;
        }
        if (e instanceof Expr.MathCall m) {
            return !m.function().isPiecewiseConstant();
        }
        return !(e instanceof Expr.Unary u && u.type() == Type.BOOLEAN) && !(e instanceof Expr.ArrayLength);
    }

    /**
     * A partial derivative the Hessian must differentiate in turn: through its own rule (known for members generated
     * now, looked up otherwise), or through its body.
     */
    private Expr differentiateRule(Expr.RuleCall call, Activity activity, List<Stmt> out) {
        Callee callee = call.callee();
        Optional<DerivativeRule> rule = callee.rule() != null
                ? Optional.of(callee.rule())
                : callee.method() != null ? callees.rule(callee.method()) : Optional.empty();
        if (rule.isPresent() && call.type() == Type.DOUBLE) {
            return new Expr.CustomCall(callee, rule.get(), call.args(), call.origin());
        }
        if (callee.method() != null) {
            Expr.Invoke invoke = new Expr.Invoke(callee.method(), null, call.args(), call.type(), call.origin());
            return inlineCall(invoke, activeArguments(invoke, activity), out);
        }
        report(new InlineProblem.SecondDerivative(call.origin(), callee.name(), null));
        return call;
    }

    /** A call with a rule is replaced by the rule, which writes into nothing; any other may write into its arrays. */
    private boolean mayWriteArrays(MethodRef method) {
        return callees.rule(method).isEmpty();
    }

    /**
     * The parameters a call of the function needs a partial for and the rule gives none: the double parameters passed
     * an active argument with no rule of their own. Empty for a rule complete at this call.
     *
     * @param active whether each argument of the call depends on an active parameter
     */
    private static List<String> missing(MethodRef function, DerivativeRule rule, List<Boolean> active) {
        List<String> missing = new ArrayList<>();
        List<MethodRef.Parameter> params = function.params();
        for (int i = 0; i < params.size(); i++) {
            if (active.get(i)
                    && params.get(i).isDouble()
                    && rule.all() == null
                    && !rule.perParameter().containsKey(i)) {
                missing.add(params.get(i).name());
            }
        }
        return missing;
    }

    /**
     * The array parameters passed an active argument: a rule gives partials with respect to doubles only, so through it
     * the derivative with respect to the array's elements would be lost.
     */
    private static List<String> activeArrays(MethodRef function, List<Boolean> active) {
        List<String> arrays = new ArrayList<>();
        List<MethodRef.Parameter> params = function.params();
        for (int i = 0; i < params.size(); i++) {
            if (active.get(i) && params.get(i).isArray()) {
                arrays.add(params.get(i).name());
            }
        }
        return arrays;
    }

    /**
     * A call of a {@code @Differentiable} function from within itself: one call of the member of its companion that
     * returns its value and all its partials at once (its gradient), so that each level of the recursion runs once, as
     * a loop's iteration does. The partials go into variables of their own: the reverse sweep reads them, and the tape
     * keeps them when a loop overwrites them.
     */
    private Optional<Expr> throughCompanion(Expr.Invoke call, List<Stmt> out) {
        MethodRef m = call.method();
        if (!callees.isRecursive(m)) {
            // Not eligible, or recursive only through a rule's body, which the companion's members do not cover.
            return Optional.empty();
        }
        ClassName companion = CompanionNames.companion(m.owner());
        String name = m.name();
        Callee values = new Callee(companion, CompanionNames.valueAndPartials(name), m.params(), null, null);
        Callee tangents = new Callee(companion, CompanionNames.valueAndPartialsJvp(name), m.params(), null, null);
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            Expr arg = call.args().get(i);
            if (arg.type() == Type.DOUBLE && !(arg instanceof Expr.Ref || arg instanceof Expr.Literal)) {
                // The call and the rule read the same argument, computed once.
                Var bound = new Var(m.params().get(i).name(), Type.DOUBLE);
                out.add(new Stmt.Assign(bound, arg, call.origin()));
                arg = new Expr.Ref(bound);
            }
            args.add(arg);
        }
        Expr.Recursion recursion = new Expr.Recursion(values, tangents, m.params(), args, false, false, call.origin());
        Var returned = new Var(values.name(), Type.DOUBLE_ARRAY);
        out.add(new Stmt.Assign(returned, recursion, call.origin()));
        List<Expr> wrt = new ArrayList<>();
        List<Expr> partials = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (recursion.isActive(i)) {
                Var partial =
                        new Var(CompanionNames.partial(name, m.params().get(i).name()), Type.DOUBLE);
                out.add(new Stmt.Assign(partial, element(returned, partials.size() + 1), call.origin()));
                wrt.add(args.get(i));
                partials.add(new Expr.Ref(partial));
            }
        }
        return Optional.of(new Expr.Linearized(element(returned, 0), wrt, partials));
    }

    /**
     * Any other recursive call: the call itself, for the forward sweep, whose derivatives the transforms send through
     * members generated for the method ({@link Expr.RecursiveCall}; {@link RecursionDerivatives} builds them). Reported,
     * and left a call, when the method is out of their reach.
     */
    private Expr throughMembers(Expr.Invoke call, List<Stmt> out) {
        MethodRef m = call.method();
        InlineProblem.Recursion unsupported =
                RecursionDerivatives.unsupported(call.origin(), m, chain(m), call.type(), callees);
        if (unsupported != null) {
            report(unsupported);
            return call;
        }
        String base = recursions.computeIfAbsent(m, this::baseName);
        String member = m.hidden() ? CompanionNames.recursionValue(base) : m.name();
        return throughMembers(call, base, member, null, out);
    }

    /**
     * What the names of a recursion's private members start with: its name, after its class's for a method of another
     * class than the companion's, where a method of the same name may be.
     */
    private String baseName(MethodRef m) {
        boolean own = m.owner() != null && differentiated != null
                ? m.owner().equals(differentiated.owner())
                : differentiated != null && m.ownerName().equals(differentiated.ownerName());
        return own ? m.name() : m.ownerName() + "_" + m.name();
    }

    /** The call as a {@link Expr.RecursiveCall}, whose members are {@code companion}'s (null: this companion's). */
    private static Expr throughMembers(
            Expr.Invoke call, String base, String member, ClassName companion, List<Stmt> out) {
        MethodRef m = call.method();
        List<Boolean> differentiable = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        if (call.receiver() != null) {
            // An instance method's members take its receiver first: a constant, as in its own companion.
            differentiable.add(false);
            args.add(call.receiver());
        }
        args.addAll(call.args());
        for (int i = 0; i < call.args().size(); i++) {
            Type type = call.args().get(i).type();
            // A @NoDerivative parameter is a constant, as in the function's own companion.
            MethodRef.Parameter p = m.params().get(i);
            differentiable.add(
                    !p.noDerivative() && (p.isDouble() || type == Type.DOUBLE_ARRAY || type == Type.DOUBLE_MATRIX));
        }
        Var result = new Var(m.name(), call.type());
        out.add(new Stmt.Assign(
                result,
                new Expr.RecursiveCall(
                        m,
                        differentiable,
                        call.type(),
                        Expr.RecursiveCall.Role.VALUE,
                        base,
                        member,
                        companion,
                        args,
                        call.origin()),
                call.origin()));
        return new Expr.Ref(result);
    }

    /** Reports why a recursion cannot go through generated members, at {@code where}. */
    void reportRecursion(Origin where, MethodRef method, InlineProblem.Recursion.Why why) {
        report(new InlineProblem.Recursion(where, method.name(), List.of(method.name(), method.name()), why, null));
    }

    /**
     * The recursive methods whose calls go through generated members, in the order first met, with what their
     * members' names start with.
     */
    public Map<MethodRef, String> recursions() {
        return recursions;
    }

    /** The body of a method with source, for the members of a recursion; empty after the front end reported why not. */
    Optional<Function> body(MethodRef method) {
        return callees.body(method);
    }

    private static Expr element(Var array, int index) {
        return new Expr.ArrayRead(new Expr.Ref(array), Expr.Literal.ofIntegral(Type.INT, index));
    }

    /** Whether each argument of {@code call} is active, the receiver first if there is one. */
    private static List<Boolean> activeArguments(Expr.Invoke call, Activity activity) {
        List<Boolean> active = new ArrayList<>();
        if (call.receiver() != null) {
            active.add(activity.isActive(call.receiver()));
        }
        call.args().forEach(a -> active.add(activity.isActive(a)));
        return active;
    }

    private Expr inlineCall(Expr.Invoke call, List<Boolean> activeArgs, List<Stmt> out) {
        if (!call.method().hasSource()) {
            boolean returnsDoubles = call.type() == Type.DOUBLE || call.type() == Type.DOUBLE_ARRAY;
            Optional<ClassName> library = returnsDoubles && call.receiver() == null
                    ? callees.exportedMembers(call.method())
                    : Optional.empty();
            if (library.isPresent()) {
                // A library's function over arrays, or returning one, through the public members of its companion.
                return throughMembers(call, call.method().name(), call.method().name(), library.get(), out);
            }
            if (callees.isDerivative(call.method())) {
                report(new InlineProblem.SecondDerivative(
                        call.origin(), call.method().name(), call.method()));
            } else {
                report(new InlineProblem.OpaqueCall(call.origin(), call.method()));
            }
            return call;
        }
        if (VirtualCalls.mayRunAnotherBody(call, selves)) {
            report(new InlineProblem.VirtualCall(call.origin(), call.method()));
            return call;
        }
        if (VirtualCalls.isOwnCall(call, selves) && call.method().overridable()) {
            ownCalls.add(call.method());
        }
        if (stack.contains(call.method())) {
            Optional<Expr> recursive = throughCompanion(call, out);
            return recursive.orElseGet(() -> throughMembers(call, out));
        }
        Optional<Function> callee = callees.body(call.method());
        if (callee.isEmpty()) {
            failed = true;
            return call;
        }
        return splice(callee.get(), call, activeArgs, out);
    }

    private static Origin lastOrigin(List<Stmt> out, List<Stmt> thenOut, List<Stmt> elseOut) {
        List<Stmt> some = !thenOut.isEmpty() ? thenOut : !elseOut.isEmpty() ? elseOut : out;
        return some.get(some.size() - 1).origin();
    }

    /** Appends a fresh copy of the callee's body to {@code out}; returns the variable holding its result. */
    private Expr splice(Function callee, Expr.Invoke call, List<Boolean> activeArgs, List<Stmt> out) {
        int copy = copies++;
        String calleeName = call.method().name();
        Map<Var, Var> fresh = new HashMap<>();
        Map<Var, Expr> values = new HashMap<>();
        List<Var> activeParams = new ArrayList<>();
        List<Stmt> bindings = new ArrayList<>();
        // An instance method's first parameter is its receiver.
        List<Expr> args = new ArrayList<>();
        if (call.receiver() != null) {
            args.add(call.receiver());
        }
        args.addAll(call.args());
        for (int i = 0; i < callee.params().size(); i++) {
            Var param = callee.params().get(i);
            if (param.type() == Type.OBJECT && args.get(i) instanceof Expr.Ref object) {
                // An object (the receiver, say) is a constant: the callee reads the caller's variable itself.
                fresh.put(param, object.var());
                continue;
            }
            if (args.get(i) instanceof Expr.Ref ref && ref.var().type() == param.type() && !assigns(callee, param)) {
                // A parameter the callee only reads can read the caller's variable itself, which the callee cannot
                // assign:
                // one variable less for the reverse sweep to save when the call sits in a loop.
                fresh.put(param, ref.var());
                if (activeArgs.get(i)) {
                    activeParams.add(param);
                }
                continue;
            }
            if (isIndexArithmetic(args.get(i)) && args.get(i).type() == param.type() && !assigns(callee, param)) {
                // squaredNorm(v, c * d, d): the callee reads c * d where it read from; the reverse sweep recomputes it
                // rather than saving a local, and loops from it can run back down without a trip count.
                values.put(param, args.get(i));
                continue;
            }
            Var local = Var.like(param.name(), param);
            fresh.put(param, local);
            bindings.add(new Stmt.Assign(local, args.get(i), call.origin()));
            if (activeArgs.get(i)) {
                activeParams.add(param);
            }
        }
        // In a call on the own object, the callee's receiver is the own object too: its own calls are checked the same
        // way.
        boolean own = VirtualCalls.isOwnCall(call, selves)
                && selves.add(callee.params().get(0));
        stack.push(call.method());
        List<Stmt> inlined = statements(callee.body(), Activity.of(callee, activeParams, this::mayWriteArrays));
        stack.pop();
        if (own) {
            selves.remove(callee.params().get(0));
        }
        Var result = new Var(calleeName, call.type());
        String exit = "inline_" + calleeName + copy;
        List<Stmt> body = new ArrayList<>(bindings);
        body.addAll(Stmts.rename(
                returnsToBreaks(inlined, result, exit),
                new Stmts.Renaming(
                        v -> v == result ? v : fresh.computeIfAbsent(v, old -> Var.like(old.name(), old)),
                        values,
                        label -> label.equals(exit) ? label : label + "_" + copy,
                        origin -> origin.inlinedFrom(calleeName))));
        boolean exits = body.stream().anyMatch(s -> breaksTo(s, exit));
        if (exits) {
            out.add(new Stmt.Block(exit, body, call.origin()));
            return new Expr.Ref(result);
        }
        if (!body.isEmpty()
                && body.get(body.size() - 1) instanceof Stmt.Assign last
                && last.target() == result
                && last.value() instanceof Expr.Ref returned
                && returned.var().type() == result.type()) {
            // return v: the caller reads v itself (out = helper(..., out) then copies nothing).
            out.addAll(body.subList(0, body.size() - 1));
            return returned;
        }
        out.addAll(body);
        return new Expr.Ref(result);
    }

    /**
     * Integer arithmetic on variables, literals and array lengths: the callee cannot assign the caller's variables, so
     * reading the expression anywhere in the callee gives the argument's value.
     */
    private static boolean isIndexArithmetic(Expr e) {
        if (e instanceof Expr.Literal || e instanceof Expr.Ref) {
            return e.type() == Type.INT || e.type() == Type.LONG;
        }
        if (e instanceof Expr.ArrayLength length) {
            return length.array() instanceof Expr.Ref;
        }
        return e instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)
                && isIndexArithmetic(b.left())
                && isIndexArithmetic(b.right());
    }

    private static boolean assigns(Function callee, Var param) {
        boolean[] found = {false};
        Stmts.walk(callee.body(), s -> found[0] |= s instanceof Stmt.Assign a && a.target() == param);
        return found[0];
    }

    /** The callee's returns as assignments of its result followed by a jump out; the final return needs no jump. */
    private static List<Stmt> returnsToBreaks(List<Stmt> body, Var result, String exit) {
        List<Stmt> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt stmt = body.get(i);
            if (stmt instanceof Stmt.Return r) {
                if (!r.values().isEmpty()) {
                    out.add(new Stmt.Assign(result, r.values().get(0), r.origin()));
                }
                if (i < body.size() - 1) {
                    out.add(new Stmt.Break(exit, r.origin()));
                }
            } else {
                out.add(Stmts.mapChildren(stmt, nested -> jumpOut(nested, result, exit)));
            }
        }
        return out;
    }

    /** Nested returns always jump out: something may follow the statement they are in. */
    private static List<Stmt> jumpOut(List<Stmt> body, Var result, String exit) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : body) {
            if (stmt instanceof Stmt.Return r) {
                if (!r.values().isEmpty()) {
                    out.add(new Stmt.Assign(result, r.values().get(0), r.origin()));
                }
                out.add(new Stmt.Break(exit, r.origin()));
            } else {
                out.add(Stmts.mapChildren(stmt, nested -> jumpOut(nested, result, exit)));
            }
        }
        return out;
    }

    private static boolean breaksTo(Stmt stmt, String label) {
        boolean[] found = {false};
        Stmts.walk(
                List.of(stmt),
                s -> found[0] |= s instanceof Stmt.Break b && b.label().equals(label));
        return found[0];
    }

    private void report(InlineProblem problem) {
        failed = true;
        if (!quiet) {
            callees.report(problem);
        }
    }

    /**
     * What {@code inlining} returns, with what cannot be inlined on the way left unreported: it fails only what it
     * builds. For a function's public members for code compiled later, which it can go without (its callers then get
     * the opaque-call error), where the function itself compiles.
     */
    <T> T quietly(Supplier<T> inlining) {
        boolean was = quiet;
        quiet = true;
        try {
            return inlining.get();
        } finally {
            quiet = was;
        }
    }

    /** The methods on the inlining stack from {@code target} on, then {@code target} again. */
    private List<String> chain(MethodRef target) {
        List<String> names = new ArrayList<>();
        for (MethodRef m : stack) {
            names.add(0, m.name());
            if (m.equals(target)) {
                break;
            }
        }
        names.add(target.name());
        return names;
    }
}
