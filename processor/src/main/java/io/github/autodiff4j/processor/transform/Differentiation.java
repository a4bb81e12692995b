package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.Derivatives;
import io.github.autodiff4j.processor.model.RecursionMembers;
import io.github.autodiff4j.processor.simplify.DeadCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Composes the two transforms into the derivative code of one function: forward, reverse, forward over reverse. */
public final class Differentiation {
    private Differentiation() {}

    /**
     * Differentiates a parsed, inlined function with respect to {@code activeParams}; empty after reporting why the
     * Hessian cannot be built (a supplied derivative whose own derivative is unknown).
     *
     * @param inliner differentiates through the calls that the gradient itself makes (of supplied derivatives)
     */
    public static java.util.Optional<Derivatives> of(
            Function inlined, List<Var> activeParams, boolean vector, Inliner inliner, MethodRef method) {
        Set<Var> active = new LinkedHashSet<>(activeParams);
        Function primal = ThreeAddress.normalize(inlined, Activity.afterInlining(inlined, active), "value");
        Activity primalActivity = Activity.afterInlining(primal, active).usefulIn(primal);

        Function jvp = DeadCode.keepResults(Tangent.apply(primal, active, primalActivity, "d%s"), List.of(0, 1));
        Function gradient = Adjoint.apply(primal, activeParams, primalActivity);
        if (vector) {
            return withRecursions(new Derivatives(jvp, gradient, null, null), inliner, method, inlined);
        }
        Set<Var> secondActive = new LinkedHashSet<>(active);
        // The adjoint arrays of array parameters are inputs of the gradient whose tangents the Hessian needs too.
        secondActive.addAll(gradient.params()
                .subList(primal.params().size(), gradient.params().size()));
        int n = active.size();
        return inliner.inline(gradient, method, new ArrayList<>(secondActive))
                .map(adjoint -> {
                    Function secondOrder = secondOrder(adjoint, secondActive);
                    // Returns (value, adjoints..., value tangent, adjoint tangents...): the Hessian keeps the adjoint
                    // tangents.
                    Function hvp = DeadCode.keepResults(
                            secondOrder,
                            IntStream.range(n + 2, 2 * n + 2).boxed().toList());
                    Function partialsJvp = inliner.isRecursive(method)
                            ? DeadCode.keepResults(
                                    secondOrder,
                                    IntStream.range(0, 2 * n + 2).boxed().toList())
                            : null;
                    return new Derivatives(jvp, gradient, hvp, partialsJvp);
                })
                .flatMap(code -> withRecursions(code, inliner, method, inlined));
    }

    /**
     * With the members of the recursions the code calls through them ({@link RecursionDerivatives}), and, for a
     * function over arrays or returning one, its own public ones for code compiled later.
     */
    private static java.util.Optional<Derivatives> withRecursions(
            Derivatives code, Inliner inliner, MethodRef method, Function inlined) {
        java.util.Optional<RecursionMembers> exported = RecursionDerivatives.exported(inliner, method, inlined);
        return RecursionDerivatives.of(inliner).map(members -> {
            List<RecursionMembers> all = new ArrayList<>(members);
            exported.ifPresent(all::add);
            return code.withRecursions(all);
        });
    }

    private static Function secondOrder(Function gradient, Set<Var> active) {
        Function adjoint = ThreeAddress.normalize(gradient, Activity.afterInlining(gradient, active), "value");
        // Only what reaches a result gets a tangent: an intermediate that reaches none (a loop whose values the
        // function
        // drops) must not turn the Hessian into NaN where its own tangent overflows.
        return Tangent.apply(
                adjoint, active, Activity.afterInlining(adjoint, active).usefulIn(adjoint), "%s_dot");
    }
}
