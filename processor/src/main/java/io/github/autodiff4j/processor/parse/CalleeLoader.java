package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the methods that differentiable code calls, each once per round, so that a helper called from many places is
 * parsed (and its errors reported) only once.
 */
public final class CalleeLoader {
    private final Context context;
    private final MethodParser parser;
    private final Map<ExecutableElement, Optional<Function>> cache = new HashMap<>();

    public CalleeLoader(Context context) {
        this.context = context;
        this.parser = new MethodParser(context);
    }

    /**
     * Whether the method may write into an array it is passed: it stores into an element of an array parameter
     * ({@code out[i] = ...}, {@code out[i] += ...}, {@code out[i]++}), or passes one on to a call. Read from its tree,
     * without parsing it into the IR (which would report what it cannot differentiate). Aliases through locals are not
     * followed: {@code double[] a = out; a[0] = 1;} counts as no write, so keep writes on the parameter itself.
     */
    public boolean writesArrayParameters(ExecutableElement method) {
        MethodTree tree = context.trees().getTree(method);
        if (tree == null || tree.getBody() == null) {
            return false;
        }
        Set<Name> arrays = new HashSet<>();
        for (VariableElement p : method.getParameters()) {
            if (p.asType().getKind() == TypeKind.ARRAY) {
                arrays.add(p.getSimpleName());
            }
        }
        if (arrays.isEmpty()) {
            return false;
        }
        boolean[] writes = {false};
        new TreeScanner<Void, Void>() {
            private boolean element(ExpressionTree target) {
                ExpressionTree base = target;
                while (base instanceof ArrayAccessTree access) {
                    base = access.getExpression();
                }
                return target instanceof ArrayAccessTree
                        && base instanceof IdentifierTree id
                        && arrays.contains(id.getName());
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                writes[0] |= element(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                writes[0] |= element(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                writes[0] |= element(node.getExpression());
                return super.visitUnary(node, unused);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                // Arrays.fill(w, x), Arrays.fill(m[i], x), System.arraycopy(v, 0, w, 0, n) write into w and m.
                writes[0] |= node.getArguments().stream().anyMatch(a -> {
                    ExpressionTree base = a;
                    while (base instanceof ArrayAccessTree access) {
                        base = access.getExpression();
                    }
                    return base instanceof IdentifierTree id && arrays.contains(id.getName());
                });
                return super.visitMethodInvocation(node, unused);
            }
        }.scan(tree.getBody(), null);
        return writes[0];
    }

    /** The callee as an IR function, or empty after its errors were reported. */
    public Optional<Function> load(ExecutableElement method) {
        Optional<Function> cached = cache.get(method);
        if (cached == null) {
            cached = parse(method);
            cache.put(method, cached);
        }
        return cached;
    }

    private Optional<Function> parse(ExecutableElement method) {
        List<Var> params = new ArrayList<>();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            // Typed, for the members a recursion goes through, which take the receiver as a parameter; a record of
            // doubles is the array of its components.
            TypeMirror owner = method.getEnclosingElement().asType();
            Type type =
                    TypeMapper.map(owner).filter(t -> t == Type.DOUBLE_ARRAY).orElse(Type.OBJECT);
            params.add(new Var("self", type, TypeMapper.javaType(type, owner)));
        }
        boolean unsupported = false;
        for (VariableElement p : method.getParameters()) {
            String name = p.getSimpleName().toString();
            Optional<Type> type = TypeMapper.map(p.asType());
            if (TypeMapper.isFloatLike(p.asType())) {
                context.diagnostics()
                        .error(p, new Message.FloatParameter(name, p.asType().toString()));
                unsupported = true;
            } else if (type.isPresent() && TypeMapper.privateClass(p.asType()) != null) {
                context.diagnostics()
                        .error(
                                p,
                                new Message.PrivateClass(
                                        "parameter " + name,
                                        TypeMapper.privateClass(p.asType())
                                                .getSimpleName()
                                                .toString()));
                unsupported = true;
            } else if (type.isEmpty()) {
                context.diagnostics()
                        .error(
                                p,
                                new Message.UnsupportedParameter(
                                        name, p.asType().toString()));
                unsupported = true;
            } else {
                // An object parameter bound to a copy of its argument (pick(x, "aa")) is declared with its own type,
                // so that the inlined body's calls on it compile.
                params.add(new Var(name, type.get(), TypeMapper.javaType(type.get(), p.asType())));
            }
        }
        if (unsupported) {
            // Every parameter is reported before giving up, so that one compilation shows them all.
            return Optional.empty();
        }
        return parser.parse(method, context.trees().getPath(method), params);
    }
}
