package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * The {@code @Differentiable} functions that can call themselves, directly or through other methods compiled with
 * them: their companions get the members a recursive call goes through ({@code fooValueAndPartials} and its JVP).
 * Read from the source's calls, active or not, so that every compilation that meets the recursion (the function's
 * own, or a caller's that inlines part of the cycle) agrees that the members exist.
 */
public final class RecursiveFunctions {
    private final Trees trees;
    private final CompanionVars companionVars;
    private final Map<ExecutableElement, List<ExecutableElement>> callees = new HashMap<>();

    public RecursiveFunctions(Trees trees, CompanionVars companionVars) {
        this.trees = trees;
        this.companionVars = companionVars;
    }

    /**
     * Whether a recursive call of the method can go through its companion: a static {@code @Differentiable} function of
     * doubles (and integers, booleans, objects: no arrays) returning a double, with an active double parameter.
     */
    public static boolean isEligible(ExecutableElement m) {
        boolean ofDoubles = m.getParameters().stream()
                .noneMatch(p -> p.asType().getKind() == TypeKind.ARRAY
                        || Records.shape(p.asType()).isPresent());
        boolean active = m.getParameters().stream()
                .anyMatch(p -> p.asType().getKind() == TypeKind.DOUBLE && p.getAnnotation(NoDerivative.class) == null);
        return m.getAnnotation(Differentiable.class) != null
                && m.getModifiers().contains(Modifier.STATIC)
                && m.getReturnType().getKind() == TypeKind.DOUBLE
                && ofDoubles
                && active;
    }

    /** Whether the method is eligible and some chain of calls in the sources leads back to it. */
    public boolean isRecursive(ExecutableElement method) {
        if (!isEligible(method)) {
            return false;
        }
        Set<ExecutableElement> seen = new HashSet<>();
        Deque<ExecutableElement> pending = new ArrayDeque<>(callees(method));
        while (!pending.isEmpty()) {
            ExecutableElement next = pending.pop();
            if (next.equals(method)) {
                return true;
            }
            if (seen.add(next)) {
                pending.addAll(callees(next));
            }
        }
        return false;
    }

    /** The methods with source that the method's body calls. */
    private List<ExecutableElement> callees(ExecutableElement method) {
        return callees.computeIfAbsent(method, m -> {
            TreePath path = trees.getPath(m);
            if (path == null
                    || !(path.getLeaf() instanceof MethodTree tree)
                    || tree.getBody() == null
                    || companionVars.blockReading(m)) {
                return List.of();
            }
            Set<ExecutableElement> found = new HashSet<>();
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    Element target = trees.getElement(getCurrentPath());
                    if (target instanceof ExecutableElement e) {
                        found.add(e);
                    }
                    return super.visitMethodInvocation(call, unused);
                }
            }.scan(new TreePath(path, tree.getBody()), null);
            return List.copyOf(found);
        });
    }
}
