package io.github.autodiff4j.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Reports errors at the exact source position of what caused them, and remembers whether any were reported so that
 * the pipeline never generates code for a method it has rejected.
 */
public final class Diagnostics {
    private final Messager messager;
    private final Trees trees;
    private int errors;
    private int warnings;
    private int leftToJavac;
    /** The errors printed at tree positions, each once. */
    private final Set<String> reported = new HashSet<>();

    public Diagnostics(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    public void error(TreePath where, Message message) {
        errors++;
        Tree at = leftmost(where.getLeaf());
        String text = message.render();
        // A helper inlined for the gradient and again for the Hessian meets the same problem twice: one report.
        long position = trees.getSourcePositions().getStartPosition(where.getCompilationUnit(), at);
        if (reported.add(where.getCompilationUnit().getSourceFile().toUri() + ":" + position + ":" + text)) {
            trees.printMessage(Kind.ERROR, text, at, where.getCompilationUnit());
        }
    }

    /** An error at an annotation of an element: a custom derivative's {@code @DerivativeOf}, say. */
    public void error(Element where, javax.lang.model.element.AnnotationMirror annotation, Message message) {
        errors++;
        messager.printMessage(Kind.ERROR, message.render(), where, annotation);
    }

    public void error(Element where, Message message) {
        errors++;
        messager.printMessage(Kind.ERROR, message.render(), where);
    }

    /**
     * javac reports a tree at its "preferred" position (the dot of {@code a.b()}, the operator of {@code a + b}); users
     * expect the start of the construct, which is the preferred position of its leftmost part.
     */
    private static Tree leftmost(Tree tree) {
        return switch (tree.getKind()) {
            case METHOD_INVOCATION -> leftmost(((MethodInvocationTree) tree).getMethodSelect());
            case MEMBER_SELECT -> leftmost(((MemberSelectTree) tree).getExpression());
            case ASSIGNMENT -> leftmost(((AssignmentTree) tree).getVariable());
            case ARRAY_ACCESS -> leftmost(((ArrayAccessTree) tree).getExpression());
            case CONDITIONAL_EXPRESSION -> leftmost(((ConditionalExpressionTree) tree).getCondition());
            case POSTFIX_INCREMENT, POSTFIX_DECREMENT -> leftmost(((UnaryTree) tree).getExpression());
            case INSTANCE_OF -> leftmost(((InstanceOfTree) tree).getExpression());
            default -> {
                if (tree instanceof CompoundAssignmentTree compound) {
                    yield leftmost(compound.getVariable());
                }
                yield tree instanceof BinaryTree binary ? leftmost(binary.getLeftOperand()) : tree;
            }
        };
    }

    /** A warning at a declaration (a method, a parameter): it does not stop generation. */
    public void warning(Element where, Message message) {
        warnings++;
        messager.printMessage(Kind.WARNING, message.render(), where);
    }

    /** Errors and warnings reported so far: a class whose methods reported none can be processed again unseen. */
    public int reportedCount() {
        return errors + warnings;
    }

    /**
     * The number of errors reported so far: compared around a method's signature and body, which report every problem
     * before giving up, to know whether the method failed at all.
     */
    public int errorCount() {
        return errors;
    }

    /** Counts code left to javac's own errors (an unresolved name): compare before and after, as with errors. */
    public void leftToJavac() {
        leftToJavac++;
    }

    /** How much code has been left to javac's own errors so far. */
    public int leftToJavacCount() {
        return leftToJavac;
    }
}
