package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.RecursionMembers;
import io.github.autodiff4j.processor.simplify.DeadCode;
import io.github.autodiff4j.processor.transform.InlineProblem.Recursion.Why;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The members a recursion of the build goes through (any static method returning a double or a double[], annotated or
 * not, whose parameters are doubles, arrays of doubles or integers): its pushforward, its pullback and the pullback's forward
 * mode, each a transform of the method's own body in which the recursive calls call the same members again, one call
 * per level.
 *
 * <p>The caller's forward sweep calls the record member, which runs the recursion once and keeps on the thread's
 * {@code RecursionTape} the values each level's recursive calls returned. The pullback, called in the caller's
 * backward sweep with the seed, runs the method's forward sweep taking those values back instead of calling again,
 * then its backward sweep, which calls the pullbacks of its own recursive calls in reverse. Every level thus runs once
 * forward and once backward: O(n) for a recursion of n levels in all, whatever its shape, as a loop.
 */
public final class RecursionDerivatives {
    /** The JVM's limit on a static method's parameter slots. */
    private static final int MAX_SLOTS = 255;

    private RecursionDerivatives() {}

    /**
     * Why the recursion of {@code method} (whose call has the result type {@code result}) cannot go through generated
     * members, with what to write instead; null when it can.
     */
    static InlineProblem.Recursion unsupported(
            Origin where, MethodRef method, List<String> chain, Type result, Callees callees) {

        if (result != Type.DOUBLE && result != Type.DOUBLE_ARRAY) {
            return new InlineProblem.Recursion(where, method.name(), chain, Why.RESULT, result.javaName());
        }
        Optional<Function> body = callees.body(method);
        if (body.isEmpty()) {
            return new InlineProblem.Recursion(where, method.name(), chain, Why.NO_BODY, null);
        }
        return null;
    }

    /**
     * The members of every recursion the inliner sent through them, and of those their bodies reach in turn; empty
     * after the inliner reported why a body cannot be differentiated.
     */
    public static Optional<List<RecursionMembers>> of(Inliner inliner) {
        List<RecursionMembers> out = new ArrayList<>();
        Set<MethodRef> done = new HashSet<>();
        while (true) {
            MethodRef next = inliner.recursions().keySet().stream()
                    .filter(m -> !done.contains(m))
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return Optional.of(out);
            }
            done.add(next);
            Optional<RecursionMembers> members =
                    members(inliner, next, inliner.recursions().get(next), false);
            if (members.isEmpty()) {
                return Optional.empty();
            }
            out.add(members.get());
        }
    }

    /** The parameter slots of a static method: two for a double or a long, one for anything else. */
    private static int slots(Function f) {
        return f.params().stream()
                .mapToInt(p -> p.type() == Type.DOUBLE || p.type() == Type.LONG ? 2 : 1)
                .sum();
    }

    /**
     * The first store into an array parameter of the inlined body, or into an alias or a row of one, or null: the
     * recursive calls are calls, which would hide such writes from the caller's sweeps.
     */
    private static Stmt.Store parameterWrite(Function inlined) {
        Set<Var> callers = parameterAliases(inlined, a -> Exprs.base(a.value()) != null);
        Stmt.Store[] first = {null};
        Stmts.walk(inlined.body(), s -> {
            if (first[0] == null && s instanceof Stmt.Store store && callers.contains(store.base())) {
                first[0] = store;
            }
        });
        return first[0];
    }

    /**
     * The array parameters of {@code f} and the arrays that may be them, or rows of them: those assigned from one, when
     * {@code aliasing} says the assignment's value may be the array it reads.
     */
    private static Set<Var> parameterAliases(Function f, Predicate<Stmt.Assign> aliasing) {
        Set<Var> aliases = new HashSet<>();
        f.params().stream().filter(p -> p.type().isArray()).forEach(aliases::add);
        boolean[] grew = {true};
        while (grew[0]) {
            grew[0] = false;
            Stmts.walk(f.body(), s -> {
                if (s instanceof Stmt.Assign a
                        && a.target().type().isArray()
                        && aliasing.test(a)
                        && aliases.stream().anyMatch(p -> Exprs.reads(a.value(), p))) {
                    grew[0] |= aliases.add(a.target());
                }
            });
        }
        return aliases;
    }

    /**
     * Where a function returning a {@code double[]} may return an array it is passed (or a row of one), or null: its
     * caller would take the result for a new array, with an adjoint of its own, and lose what flows through the alias.
     * Any value read from a parameter that is not a fresh array counts.
     */
    private static Stmt.Return returnedParameter(Function f) {
        Set<Var> aliases = parameterAliases(f, a -> !isFresh(a.value()));
        Stmt.Return[] found = {null};
        Stmts.walk(f.body(), s -> {
            if (found[0] == null
                    && s instanceof Stmt.Return r
                    && !isFresh(r.values().get(0))
                    && aliases.stream().anyMatch(p -> Exprs.reads(r.values().get(0), p))) {
                found[0] = r;
            }
        });
        return found[0];
    }

    /**
     * Whether an array expression is a new array whatever it reads: a copy, a new one, or what a recursive call
     * returns (its method may not return a parameter either).
     */
    private static boolean isFresh(Expr array) {
        return array instanceof Expr.ArrayCopy
                || array instanceof Expr.NewArray
                || array instanceof Expr.ZerosLike
                || (array instanceof Expr.ArrayLiteral l && l.type() == Type.DOUBLE_ARRAY)
                || array instanceof Expr.RecursiveCall;
    }

    /** The type of what {@code f} returns. */
    private static Type result(Function f) {
        Type[] type = {Type.DOUBLE};
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Return r) {
                type[0] = r.values().get(0).type();
            }
        });
        return type[0];
    }

    /**
     * The public members of a public {@code @Differentiable} static function of public classes, over a {@code double[]}
     * or {@code double[][]} (or returning a {@code double[]}), for code compiled later, which calls them as it calls a
     * recursion's; empty for other functions, and for one that writes into an array it is passed (its callers then
     * get the opaque-call error).
     */
    public static Optional<RecursionMembers> exported(Inliner inliner, MethodRef method, Function body) {
        boolean overArrays =
                body.params().stream().anyMatch(p -> p.type() == Type.DOUBLE_ARRAY || p.type() == Type.DOUBLE_MATRIX);
        boolean vector = result(body) == Type.DOUBLE_ARRAY;
        boolean constants = body.params().stream().anyMatch(p -> p.type() == Type.OBJECT);
        // Only a function other packages can call may be called from code compiled later.
        if (!method.isApi()
                || !method.isStatic()
                || !(overArrays || vector)
                || constants
                || parameterWrite(body) != null) {
            return Optional.empty();
        }
        if (vector && returnedParameter(body) != null) {
            return Optional.empty();
        }
        // A vector function has no Hessian of its own: what its pullback's JVP cannot inline drops only these members.
        return inliner.quietly(() -> members(inliner, method, method.name(), true));
    }

    /** @param base what the members' names start with */
    private static Optional<RecursionMembers> members(
            Inliner inliner, MethodRef method, String base, boolean exported) {
        Optional<Function> body = inliner.body(method);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        // A @NoDerivative parameter is a constant for every caller, as in the function's own companion.
        List<Var> params = body.get().params();
        // An instance method's receiver leads its parameters.
        int receivers = params.size() - method.params().size();
        List<Var> active = IntStream.range(receivers, params.size())
                .filter(i -> params.get(i).type().isDifferentiable()
                        && !method.params().get(i - receivers).noDerivative())
                .mapToObj(params::get)
                .toList();
        Set<Var> activeSet = new LinkedHashSet<>(active);
        Optional<Function> inlined = inliner.inline(body.get(), method, active);
        if (inlined.isEmpty()) {
            return Optional.empty();
        }
        Stmt.Store write = parameterWrite(inlined.get());
        if (write != null && exported) {
            return Optional.empty();
        }
        if (write != null) {
            inliner.reportRecursion(write.origin(), method, Why.WRITES_PARAMETER);
            return Optional.empty();
        }
        Stmt.Return alias = result(inlined.get()) == Type.DOUBLE_ARRAY ? returnedParameter(inlined.get()) : null;
        if (alias != null && !exported) {
            inliner.reportRecursion(alias.origin(), method, Why.RETURNS_PARAMETER);
            return Optional.empty();
        }
        Function primal =
                ThreeAddress.normalize(inlined.get(), Activity.afterInlining(inlined.get(), activeSet), "value");
        Activity activity = Activity.afterInlining(primal, activeSet).usefulIn(primal);
        Function pushforward = DeadCode.keepResults(Tangent.apply(primal, activeSet, activity, "d%s"), List.of(0, 1));
        Function pullback = Adjoint.apply(primal, active, activity, true);
        // The Hessian differentiates the pullback along its adjoint arrays and seed too.
        Set<Var> second = new LinkedHashSet<>(active);
        second.addAll(pullback.params()
                .subList(primal.params().size(), pullback.params().size()));
        Optional<Function> again = inliner.inline(pullback, method, new ArrayList<>(second));
        if (again.isEmpty()) {
            return Optional.empty();
        }
        Function adjoint = ThreeAddress.normalize(again.get(), Activity.afterInlining(again.get(), second), "value");
        Function tangent = Tangent.apply(
                adjoint, second, Activity.afterInlining(adjoint, second).usefulIn(adjoint), "%s_dot");
        int results = 2 * (1 + active.size());
        Function pullbackJvp = DeadCode.keepResults(
                tangent, IntStream.range(0, results).boxed().toList());
        Function record = recording(primal, activity);
        Function recordJvp = DeadCode.keepResults(Tangent.apply(record, activeSet, activity, "d%s"), List.of(0, 1));
        Function value = method.hidden() ? primal : null;
        if (slots(pullbackJvp) > MAX_SLOTS) {
            // The pullback's JVP takes the most: each parameter with its tangent, the adjoint arrays with theirs.
            if (!exported) {
                inliner.reportRecursion(body.get().body().get(0).origin(), method, Why.TOO_MANY_SLOTS);
            }
            return Optional.empty();
        }
        return Optional.of(new RecursionMembers(
                method, base, result(primal), value, record, recordJvp, pushforward, pullback, pullbackJvp, exported));
    }

    /**
     * The record member: the method's body, whose recursive calls that the pullback will replay record in turn and
     * keep their values ({@code RecursionTape.keep(hornerRecord(...))}).
     */
    private static Function recording(Function primal, Activity activity) {
        return new Function(primal.name(), primal.params(), recording(primal.body(), activity));
    }

    private static List<Stmt> recording(List<Stmt> body, Activity activity) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a
                    && a.value() instanceof Expr.RecursiveCall call
                    && RunReversal.pullsBack(a, activity)) {
                String record = CompanionNames.recursionRecord(call.base());
                out.add(new Stmt.Assign(
                        a.target(), call.with(Expr.RecursiveCall.Role.RECORD_KEPT, record, call.args()), a.origin()));
            } else {
                out.add(Stmts.mapChildren(s, nested -> recording(nested, activity)));
            }
        }
        return out;
    }
}
