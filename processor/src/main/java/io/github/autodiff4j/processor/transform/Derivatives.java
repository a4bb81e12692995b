package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.simplify.DeadCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The derivative code of one function, each a composition of the two transforms.
 *
 * @param jvp forward mode: a tangent parameter after each active one; returns (value, tangent)
 * @param gradient reverse mode: parameters, adjoint arrays of the array parameters, and for a vector function the
 *     seed; returns the value, then the adjoint of each active parameter
 * @param hvp forward over reverse, for scalar functions (null for vector functions): the gradient's parameters, each
 *     active one followed by its tangent ({@code x_dot}); returns the tangents of the adjoints, the Hessian times the
 *     tangent direction
 * @param partialsJvp for a recursive function of doubles only (null otherwise): the same sweep with every result
 *     kept, the value and the adjoints followed by their tangents, which a recursive call's Hessian goes through
 */
public record Derivatives(Function jvp, Function gradient, Function hvp, Function partialsJvp) {

  /**
   * Differentiates a parsed, inlined function with respect to {@code activeParams}; empty after reporting why the
   * Hessian cannot be built (a supplied derivative whose own derivative is unknown).
   *
   * @param inliner differentiates through the calls that the gradient itself makes (of supplied derivatives)
   */
  public static java.util.Optional<Derivatives> of(Function inlined, List<Var> activeParams, boolean vector,
      Inliner inliner, javax.lang.model.element.ExecutableElement method) {
    Set<Var> active = new LinkedHashSet<>(activeParams);
    Function primal = ThreeAddress.normalize(inlined, Activity.afterInlining(inlined, active), "value");
    Activity primalActivity = Activity.afterInlining(primal, active).usefulIn(primal);

    Function jvp = DeadCode.keepResults(Tangent.apply(primal, active, primalActivity, "d%s"), List.of(0, 1));
    Function gradient = Adjoint.apply(primal, activeParams, primalActivity);
    if (vector) {
      return java.util.Optional.of(new Derivatives(jvp, gradient, null, null));
    }
    Set<Var> secondActive = new LinkedHashSet<>(active);
    // The adjoint arrays of array parameters are inputs of the gradient whose tangents the Hessian needs too.
    secondActive.addAll(gradient.params().subList(primal.params().size(), gradient.params().size()));
    int n = active.size();
    return inliner.inline(gradient, method, new ArrayList<>(secondActive)).map(adjoint -> {
      Function secondOrder = secondOrder(adjoint, secondActive);
      // Returns (value, adjoints..., value tangent, adjoint tangents...): the Hessian keeps the adjoint tangents.
      Function hvp = DeadCode.keepResults(secondOrder, IntStream.range(n + 2, 2 * n + 2).boxed().toList());
      Function partialsJvp = inliner.isRecursive(method)
          ? DeadCode.keepResults(secondOrder, IntStream.range(0, 2 * n + 2).boxed().toList()) : null;
      return new Derivatives(jvp, gradient, hvp, partialsJvp);
    });
  }

  private static Function secondOrder(Function gradient, Set<Var> active) {
    Function adjoint = ThreeAddress.normalize(gradient, Activity.afterInlining(gradient, active), "value");
    return Tangent.apply(adjoint, active, Activity.afterInlining(adjoint, active), "%s_dot");
  }
}
