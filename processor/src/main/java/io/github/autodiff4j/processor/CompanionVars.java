package io.github.autodiff4j.processor;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.github.autodiff4j.processor.model.CompanionNames;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Finds locals declared with {@code var} from the companion that this round generates from the same class
 * ({@code var g = FooDiff.fooGrad(x)} inside {@code Foo}). javac infers their type when the processor has it attribute
 * the class, before {@code FooDiff} exists, keeps the wrong type, and crashes in a later phase. A clear error at the
 * declaration, asking for the explicit type, replaces the crash.
 */
final class CompanionVars {
    private final Context context;
    private final TypeElement type;
    private final String companion;

    CompanionVars(Context context, TypeElement type) {
        this.context = context;
        this.type = type;
        this.companion = CompanionNames.companion(ClassName.get(type)).simpleName();
    }

    /** Reports each such declaration; whether there was one. */
    boolean report() {
        TreePath path = context.trees().getPath(type);
        if (path == null) {
            return false;
        }
        List<TreePath> declarations = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                if (variable.getType() == null && variable.getInitializer() != null && mentionsCompanion(variable)) {
                    declarations.add(getCurrentPath());
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(path, null);
        for (TreePath declaration : declarations) {
            VariableTree variable = (VariableTree) declaration.getLeaf();
            context.diagnostics()
                    .error(
                            declaration,
                            new Message.VarOfCompanion(
                                    variable.getName().toString(), companion, suggestedType(variable)));
        }
        return !declarations.isEmpty();
    }

    /** The type a companion member returns, by the member's name; "its type" when the initializer is more. */
    private String suggestedType(VariableTree variable) {
        if (!(variable.getInitializer() instanceof com.sun.source.tree.MethodInvocationTree call)
                || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
            return "<its type>";
        }
        String member = select.getIdentifier().toString();
        String[][] suffixes = {{"Grad", "Gradient"}, {"Vjp", "Gradient"}};
        for (String[] suffix : suffixes) {
            if (member.endsWith(suffix[0])) {
                String function = member.substring(0, member.length() - suffix[0].length());
                return companion + "." + CompanionNames.gradientRecord(function);
            }
        }
        if (member.endsWith("Jvp")) {
            return "Dual (or DualVector)";
        }
        if (member.endsWith("Hessian") || member.endsWith("Jacobian")) {
            return "double[][]";
        }
        return member.endsWith("Check") ? "GradientCheck.Report" : "<its type>";
    }

    private boolean mentionsCompanion(VariableTree variable) {
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                found[0] |= id.getName().contentEquals(companion);
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                found[0] |= select.getIdentifier().contentEquals(companion);
                return super.visitMemberSelect(select, unused);
            }
        }.scan(variable.getInitializer(), null);
        return found[0];
    }
}
