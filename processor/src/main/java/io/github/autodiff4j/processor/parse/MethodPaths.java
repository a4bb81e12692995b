package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Context;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The tree paths of a class's methods, found in one pass over the class. javac's {@code Trees.getPath(Element)}
 * searches the compilation unit from its start for each method, which made a class of many annotated methods cost
 * time quadratic in its size.
 */
public final class MethodPaths {
    private final Context context;
    private final Map<Element, TreePath> paths = new HashMap<>();

    public MethodPaths(Context context, TypeElement type) {
        this.context = context;
        TreePath typePath = context.trees().getPath(type);
        if (typePath != null && typePath.getLeaf() instanceof ClassTree tree) {
            for (Tree member : tree.getMembers()) {
                if (member instanceof MethodTree) {
                    TreePath path = new TreePath(typePath, member);
                    Element method = context.trees().getElement(path);
                    if (method != null) {
                        paths.put(method, path);
                    }
                }
            }
        }
    }

    /** The method's path, or null where javac has no tree for it. */
    public TreePath of(ExecutableElement method) {
        TreePath path = paths.get(method);
        return path != null ? path : context.trees().getPath(method);
    }
}
