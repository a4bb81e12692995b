package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.simplify.DeadCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The derivative code of one scalar function, each a composition of the two transforms.
 *
 * @param jvp forward mode: tangent parameters after the active ones; results (value, tangent)
 * @param gradient reverse mode: results (value, adjoint of each active parameter)
 * @param hvp forward over reverse: tangent parameters named {@code x_dot}; results the tangents of the adjoints, i.e.
 *     the Hessian times the tangent direction
 */
public record Derivatives(Function jvp, Function gradient, Function hvp) {

  /** Differentiates a parsed, inlined function with respect to {@code activeParams}. */
  public static Derivatives of(Function inlined, List<Var> activeParams) {
    Set<Var> active = new LinkedHashSet<>(activeParams);
    Function primal = ThreeAddress.normalize(inlined, Activity.of(inlined, active), "value");
    Activity primalActivity = Activity.of(primal, active);

    Function tangent = Tangent.apply(primal, active, primalActivity, "d%s");
    Function jvp = DeadCode.keepResults(tangent, tangent.results());

    Function gradient = Adjoint.apply(primal, activeParams, primalActivity);

    Function adjoint = ThreeAddress.normalize(gradient, Activity.of(gradient, active), "value");
    Function secondOrder = Tangent.apply(adjoint, active, Activity.of(adjoint, active), "%s_dot");
    List<Expr> gradientTangents = secondOrder.results().subList(adjoint.results().size() + 1,
        secondOrder.results().size());
    Function hvp = DeadCode.keepResults(secondOrder, gradientTangents);
    return new Derivatives(jvp, gradient, hvp);
  }
}
