package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.github.autodiff4j.processor.Diagnostics;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.model.CompanionNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Keeps javac from attributing a {@code var} initialised from a companion that this round has not written yet
 * ({@code var g = FooDiff.fooGrad(x)}). Reading a method's types makes javac attribute its whole class, with the
 * class's outer and super classes; a {@code var} attributed then keeps the error type javac gave it while
 * {@code FooDiff} did not exist, and javac crashes in a later phase (JDK 17 and 25 alike). So before the processor
 * reads any tree of a class, it looks at the source files javac would attribute with it; a {@code var} there that
 * names a companion of this round is an error at the declaration, asking for the explicit type, and the class is
 * left unread. Classes the processor never reads (a {@code Main} in a file of its own) keep their {@code var}s.
 */
public final class CompanionVars {
    private final Trees trees;
    private final Diagnostics diagnostics;
    /** The companions this round writes, by simple name, with the class each is generated from. */
    private final Map<String, String> companions;
    /** Whether each source file read so far holds such a {@code var}: each is scanned, and reported, once. */
    private final Map<CompilationUnitTree, Boolean> scanned = new HashMap<>();

    public CompanionVars(Trees trees, Diagnostics diagnostics, List<TypeElement> generatedFrom) {
        this.trees = trees;
        this.diagnostics = diagnostics;
        this.companions = new HashMap<>();
        for (TypeElement type : generatedFrom) {
            companions.put(
                    CompanionNames.companion(com.palantir.javapoet.ClassName.get(type))
                            .simpleName(),
                    type.getQualifiedName().toString());
        }
    }

    /**
     * Whether reading the types of trees inside {@code type} would attribute such a {@code var}; each is reported at
     * its declaration.
     */
    public boolean blockReading(TypeElement type) {
        boolean blocked = false;
        for (TypeElement attributed = type; attributed != null; attributed = superclass(attributed)) {
            TreePath path = trees.getPath(attributed);
            if (path != null) {
                blocked |= scanned.computeIfAbsent(path.getCompilationUnit(), this::report);
            }
            for (TypeMirror implemented : attributed.getInterfaces()) {
                TreePath interfacePath =
                        implemented instanceof DeclaredType declared ? trees.getPath(declared.asElement()) : null;
                if (interfacePath != null) {
                    blocked |= scanned.computeIfAbsent(interfacePath.getCompilationUnit(), this::report);
                }
            }
        }
        return blocked;
    }

    /** Whether reading the types inside the element's class would attribute such a {@code var}. */
    public boolean blockReading(Element member) {
        Element type = member;
        while (type != null && !(type instanceof TypeElement)) {
            type = type.getEnclosingElement();
        }
        return type instanceof TypeElement t && blockReading(t);
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }

    /** Reports each such declaration in the file; whether there was one. */
    private boolean report(CompilationUnitTree unit) {
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                String companion = variable.getType() == null && variable.getInitializer() != null
                        ? companionNamed(variable)
                        : null;
                if (companion != null) {
                    found[0] = true;
                    diagnostics.error(
                            getCurrentPath(),
                            new Message.VarOfCompanion(
                                    variable.getName().toString(),
                                    companion,
                                    companions.get(companion),
                                    suggestedType(variable, companion)));
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(new TreePath(unit), null);
        return found[0];
    }

    /** The companion of this round that the initializer names, if any. */
    private String companionNamed(VariableTree variable) {
        String[] found = {null};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                note(id.getName().toString());
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                note(select.getIdentifier().toString());
                return super.visitMemberSelect(select, unused);
            }

            private void note(String name) {
                if (found[0] == null && companions.containsKey(name)) {
                    found[0] = name;
                }
            }
        }.scan(variable.getInitializer(), null);
        return found[0];
    }

    /** The type a companion member returns, by the member's name; "its type" when the initializer is more. */
    private static String suggestedType(VariableTree variable, String companion) {
        if (!(variable.getInitializer() instanceof MethodInvocationTree call)
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
}
