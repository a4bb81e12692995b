package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.analysis.Activity;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Warns, as Swift does, when a derivative the companion generates is zero whatever the inputs: the result depends on
 * no differentiable parameter at all, or not on one of them. Usually a typo or a forgotten {@code @NoDerivative};
 * {@code @SuppressWarnings("autodiff4j:zero-derivative")} on the method, a parameter or the class says it is meant.
 */
final class ZeroDerivatives {
    static final String SUPPRESSION = "autodiff4j:zero-derivative";

    private ZeroDerivatives() {}

    /** @param inlined the method with its calls inlined, so that dependence through helpers counts */
    static void check(Diagnostics diagnostics, ExecutableElement method, Signature signature, Function inlined) {
        List<Param> active = signature.activeParams();
        if (suppressed(method)) {
            return;
        }
        if (active.isEmpty()) {
            diagnostics.warning(
                    method,
                    new Message.NoActiveParameter(method.getSimpleName().toString(), whyConstant(method, signature)));
            return;
        }
        if (!dependsOn(inlined, active.stream().map(Param::var).toList())) {
            diagnostics.warning(
                    method, new Message.ZeroDerivative(method.getSimpleName().toString()));
            return;
        }
        for (Param p : active) {
            Element parameter = method.getParameters().stream()
                    .map(Element.class::cast)
                    .filter(e -> e.getSimpleName().contentEquals(p.var().name()))
                    .findFirst()
                    .orElse(method);
            if (!suppressed(parameter) && !dependsOn(inlined, List.of(p.var()))) {
                diagnostics.warning(
                        parameter,
                        new Message.ZeroPartial(
                                method.getSimpleName().toString(), p.var().name()));
            }
        }
    }

    /** Why each parameter is a constant. */
    private static List<Message.NoActiveParameter.Constant> whyConstant(ExecutableElement method, Signature signature) {
        List<Message.NoActiveParameter.Constant> constants = new ArrayList<>();
        for (Param p : signature.params()) {
            if (p.receiver()) {
                constants.add(new Message.NoActiveParameter.Constant.Receiver());
            } else if (p.var().type().isDifferentiable()) {
                constants.add(new Message.NoActiveParameter.Constant.NoDerivative(p.name()));
            } else {
                TypeMirror type = method.getParameters().stream()
                        .filter(v -> v.getSimpleName().contentEquals(p.name()))
                        .findFirst()
                        .orElseThrow()
                        .asType();
                constants.add(new Message.NoActiveParameter.Constant.OfType(p.name(), type.toString()));
            }
        }
        return constants;
    }

    private static boolean dependsOn(Function function, List<Var> params) {
        Activity activity = Activity.of(function, params);
        List<Stmt.Return> returns = new ArrayList<>();
        Stmts.walk(function.body(), s -> {
            if (s instanceof Stmt.Return r) {
                returns.add(r);
            }
        });
        return returns.stream().flatMap(r -> r.values().stream()).anyMatch(activity::isActive);
    }

    /** Whether the element or one that encloses it suppresses the warning. */
    private static boolean suppressed(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && Arrays.asList(suppress.value()).contains(SUPPRESSION)) {
                return true;
            }
        }
        return false;
    }
}
