package io.github.autodiff4j.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * What the statement and expression readers share while reading one method: the variables in scope, the enclosing
 * loops and switches that break and continue can target, fresh labels, and error reporting.
 */
final class MethodScope {
    /** A loop, switch or labelled block that {@code break} (and, for loops, {@code continue}) can target. */
    record Target(String label, String userLabel, boolean loop, boolean switchStatement) {}

    final Context context;
    private final Map<Element, Var> variables = new HashMap<>();
    private final java.util.Set<Element> rejectedVariables = new java.util.HashSet<>();
    private boolean failed;
    private Var receiver;
    private TypeElement receiverType;
    private Type returns;
    private final Deque<Target> targets = new ArrayDeque<>();
    private int labels;

    MethodScope(Context context) {
        this.context = context;
    }

    void returns(Type type) {
        returns = type;
    }

    /** The method's return type: what every return statement converts its value to. */
    Type returns() {
        return returns;
    }

    void receiver(Var self, TypeElement type) {
        receiver = self;
        receiverType = type;
    }

    /**
     * Whether {@code this} has the member declared in {@code owner}: not so for an inner class's reads of its enclosing
     * instance ({@code Outer.this.a}), which the companion cannot reach.
     */
    boolean receiverHas(TypeElement owner) {
        javax.lang.model.util.Types types = context.types();
        return receiverType != null
                && types.isSubtype(types.erasure(receiverType.asType()), types.erasure(owner.asType()));
    }

    /** The variable holding {@code this}, or null in a static method. */
    Var receiver() {
        return receiver;
    }

    void declare(Element element, Var var) {
        variables.put(element, var);
    }

    /**
     * The variable an element names. A variable whose declaration was rejected, or a name javac could not resolve,
     * ends the statement silently: its error has been (or will be, by javac) reported once already.
     */
    Var lookup(Element element) {
        if (element == null || rejectedVariables.contains(element)) {
            throw silently();
        }
        return variables.get(element);
    }

    /** Remembers a local whose declaration was rejected, so that its uses add no further errors. */
    void rejectVariable(Element element) {
        rejectedVariables.add(element);
    }

    /**
     * Gives up on the statement without a diagnostic of ours: for code javac itself rejects (an undefined name, a type
     * error), whose error javac reports once processing ends.
     */
    Rejected silently() {
        return Rejected.leftToJavac();
    }

    /** Gives up on the statement: {@code message} is printed at {@code path} where the statement catches it. */
    Rejected reject(TreePath path, Message message) {
        return Rejected.at(path, message);
    }

    /**
     * Records that a statement was given up on, and prints its message: the one place the front end's aborts are
     * reported, in the order the statements come.
     */
    void failed(Rejected rejected) {
        failed = true;
        if (rejected.message() == null) {
            context.diagnostics().leftToJavac();
        } else {
            context.diagnostics().error(rejected.where(), rejected.message());
        }
    }

    /** Whether a statement of the method was given up on, reported or left to javac. */
    boolean failed() {
        return failed;
    }

    String freshLabel(String hint) {
        return hint + labels++;
    }

    void enter(Target target) {
        targets.push(target);
    }

    void exit() {
        targets.pop();
    }

    /** The target of {@code break} (label null: the innermost loop or switch). */
    String breakTarget(TreePath where, String userLabel) {
        for (Target t : targets) {
            if (userLabel == null ? t.loop() || t.switchStatement() : userLabel.equals(t.userLabel())) {
                return t.label();
            }
        }
        throw reject(where, new Message.UnsupportedStatement("this break"));
    }

    /** The target of {@code continue} (label null: the innermost loop). */
    String continueTarget(TreePath where, String userLabel) {
        for (Target t : targets) {
            if (t.loop() && (userLabel == null || userLabel.equals(t.userLabel()))) {
                return t.label();
            }
        }
        throw reject(where, new Message.UnsupportedStatement("this continue"));
    }

    Type type(TreePath where, TypeMirror mirror, String what) {
        if (mirror == null || mirror.getKind() == javax.lang.model.type.TypeKind.ERROR) {
            throw silently();
        }
        if (TypeMapper.isFloatLike(mirror)) {
            throw reject(where, new Message.FloatType(what, simpleName(mirror)));
        }
        Type type = TypeMapper.map(mirror)
                .orElseThrow(() -> reject(where, new Message.UnsupportedType(what, simpleName(mirror))));
        requireNameable(where, mirror, what);
        return type;
    }

    /** Rejects a type that names a private class: the companion, another class, cannot name it. */
    void requireNameable(TreePath where, TypeMirror mirror, String what) {
        TypeElement hidden = TypeMapper.privateClass(mirror);
        if (hidden != null) {
            throw reject(
                    where, new Message.PrivateClass(what, hidden.getSimpleName().toString()));
        }
    }

    Origin originOf(TreePath path) {
        CompilationUnitTree unit = path.getCompilationUnit();
        long start = context.trees().getSourcePositions().getStartPosition(unit, path.getLeaf());
        long end = context.trees().getSourcePositions().getEndPosition(unit, path.getLeaf());
        long line = unit.getLineMap().getLineNumber(start);
        return new Origin(line, sourceText(unit, start, end, path.getLeaf()), new TreePosition(path));
    }

    /** The origin of a compound statement, shown by its header: {@code for (int i = 0; i < n; i++)}. */
    Origin headerOf(TreePath path, Tree last) {
        CompilationUnitTree unit = path.getCompilationUnit();
        long start = context.trees().getSourcePositions().getStartPosition(unit, path.getLeaf());
        long end = context.trees().getSourcePositions().getEndPosition(unit, last);
        try {
            CharSequence content = unit.getSourceFile().getCharContent(true);
            while (end < content.length() && Character.isWhitespace(content.charAt((int) end))) {
                end++;
            }
            if (end < content.length() && content.charAt((int) end) == ')') {
                end++;
            }
        } catch (IOException | RuntimeException unreadable) {
            // The header without its closing parenthesis.
        }
        long line = unit.getLineMap().getLineNumber(start);
        return new Origin(line, sourceText(unit, start, end, path.getLeaf()), new TreePosition(path));
    }

    /** The construct as the user wrote it, on one line; javac's own rendering if the file cannot be read. */
    private static String sourceText(CompilationUnitTree unit, long start, long end, Tree tree) {
        String text = tree.toString();
        try {
            CharSequence content = unit.getSourceFile().getCharContent(true);
            if (start >= 0 && end > start && end <= content.length()) {
                text = content.subSequence((int) start, (int) end).toString();
            }
        } catch (IOException | RuntimeException unreadable) {
            // Fall back to javac's rendering of the tree.
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    /** A type as users write it: {@code String}, {@code List<Double>}, {@code DayOfWeek}. */
    static String simpleName(TypeMirror type) {
        return String.valueOf(type).replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
    }

    static TreePath child(TreePath parent, Tree tree) {
        return new TreePath(parent, tree);
    }

    static String describe(Tree tree) {
        String kind = tree.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
        return "'" + tree.toString().replaceAll("\\s+", " ").trim() + "' (" + kind + ")";
    }
}
