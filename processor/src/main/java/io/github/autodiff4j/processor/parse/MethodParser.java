package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads a method body from javac's trees into the IR, reporting everything outside the supported subset at its exact
 * position. Types and symbols come from javac's attribution of the class, which the first symbol lookup triggers.
 */
public final class MethodParser {
    private final Context context;

    public MethodParser(Context context) {
        this.context = context;
    }

    /**
     * The method as an IR function over the given parameter variables (led by the receiver's, for an instance method),
     * or empty after reporting why not.
     */
    public Optional<Function> parse(ExecutableElement method, TreePath methodPath, List<Var> params) {
        InjectedFailure.at("parse");
        if (methodPath == null || !(methodPath.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
            context.diagnostics().error(method, new Message.NoSource(method.toString()));
            return Optional.empty();
        }
        if (context.companionVars().blockReading(method)) {
            return Optional.empty();
        }
        TreePath bodyPath = new TreePath(methodPath, tree.getBody());
        // Looking up the body's (absent) symbol makes javac attribute the class now: types read from trees, such as a
        // switch selector's, are there from the first statement on.
        context.trees().getElement(bodyPath);
        MethodScope scope = new MethodScope(context);
        TypeMapper.map(method.getReturnType()).ifPresent(scope::returns);
        boolean instance = !method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
        if (instance) {
            scope.receiver(params.get(0), (javax.lang.model.element.TypeElement) method.getEnclosingElement());
        }
        List<Var> declared = instance ? params.subList(1, params.size()) : params;
        for (int i = 0; i < declared.size(); i++) {
            javax.lang.model.element.VariableElement parameter =
                    method.getParameters().get(i);
            if (declared.get(i).type() == Type.OBJECT
                    && !TypeMapper.map(parameter.asType()).equals(Optional.of(Type.OBJECT))) {
                // The signature reported this parameter (a float, a String[], an active 'value'): its uses add no
                // error of their own.
                scope.rejectVariable(parameter);
            } else {
                scope.declare(parameter, declared.get(i));
            }
        }
        List<Stmt> body = new StatementParser(scope).block(bodyPath);
        if (scope.failed()) {
            return Optional.empty();
        }
        return Optional.of(new Function(method.getSimpleName().toString(), params, body));
    }
}
