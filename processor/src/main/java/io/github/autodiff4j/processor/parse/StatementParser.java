package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;
import static io.github.autodiff4j.processor.parse.MethodScope.describe;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Algebra;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** Reads statements into the IR: assignments, branches, loops, switches and jumps, with explicit jump targets. */
final class StatementParser {
    private static final Expr TRUE = Expr.Literal.ofBoolean(true);

    private final MethodScope scope;
    private final ExpressionParser expressions;

    StatementParser(MethodScope scope) {
        this.scope = scope;
        this.expressions = new ExpressionParser(scope);
    }

    /** Reads the statements of a block, reporting each bad one and going on to find the others. */
    List<Stmt> block(TreePath path) {
        List<Stmt> out = new ArrayList<>();
        for (StatementTree statement : ((BlockTree) path.getLeaf()).getStatements()) {
            statementInto(child(path, statement), out);
        }
        return out;
    }

    private void statementInto(TreePath path, List<Stmt> out) {
        try {
            statement(path, null, out);
            if (!expressions.effects.isEmpty()) {
                throw new IllegalStateException("the assignments inside an expression were left unplaced");
            }
        } catch (Rejected reported) {
            // Already reported; the assignments of the rejected expression go with it.
            expressions.effects.clear();
        }
    }

    private List<Stmt> body(TreePath path) {
        List<Stmt> out = new ArrayList<>();
        if (path.getLeaf() instanceof BlockTree) {
            out.addAll(block(path));
        } else {
            statementInto(path, out);
        }
        return out;
    }

    /** A block named {@code userLabel}, which a {@code break userLabel} inside {@code body} leaves. */
    private Stmt.Block labelled(TreePath path, String userLabel, Supplier<List<Stmt>> body) {
        String label = scope.freshLabel(userLabel);
        scope.enter(new MethodScope.Target(label, userLabel, false, false));
        List<Stmt> parsed = body.get();
        scope.exit();
        return new Stmt.Block(label, parsed, scope.originOf(path));
    }

    /** The if statement, after the assignments inside its condition. */
    private List<Stmt> branch(TreePath path) {
        IfTree branch = (IfTree) path.getLeaf();
        Expr condition = expressions.condition(child(path, branch.getCondition()));
        List<Stmt> out = new ArrayList<>();
        expressions.effects.drainInto(out);
        List<Stmt> then = body(child(path, branch.getThenStatement()));
        List<Stmt> otherwise =
                branch.getElseStatement() == null ? List.of() : body(child(path, branch.getElseStatement()));
        out.add(new Stmt.If(condition, then, otherwise, scope.headerOf(path, branch.getCondition())));
        return out;
    }

    /** @param userLabel the label the user put on this statement, or null */
    private void statement(TreePath path, String userLabel, List<Stmt> out) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case BLOCK -> {
                if (userLabel == null) {
                    out.addAll(block(path));
                } else {
                    out.add(labelled(path, userLabel, () -> block(path)));
                }
            }
            case LABELED_STATEMENT -> {
                LabeledStatementTree labelled = (LabeledStatementTree) tree;
                statement(
                        child(path, labelled.getStatement()),
                        labelled.getLabel().toString(),
                        out);
            }
            case VARIABLE -> declaration(path, (VariableTree) tree, out);
            case EXPRESSION_STATEMENT ->
                expressionStatement(
                        child(path, ((ExpressionStatementTree) tree).getExpression()), scope.originOf(path), out);
            case RETURN -> {
                ReturnTree ret = (ReturnTree) tree;
                Expr value = expressions.expression(child(path, ret.getExpression()));
                // return 0; in a double method returns 0.0.
                Expr converted = scope.returns() == null ? value : expressions.convert(value, scope.returns());
                expressions.effects.drainInto(out);
                out.add(new Stmt.Return(List.of(converted), scope.originOf(path)));
            }
            case IF -> {
                if (userLabel == null) {
                    out.addAll(branch(path));
                } else {
                    // check: if (...) { ... break check; ... }: a labelled block around the if, which the break leaves.
                    out.add(labelled(path, userLabel, () -> branch(path)));
                }
            }
            case WHILE_LOOP -> {
                WhileLoopTree loop = (WhileLoopTree) tree;
                Effects.Point start = expressions.effects.point();
                Expr condition = expressions.condition(child(path, loop.getCondition()));
                List<Stmt> check = start.take();
                Stmt.Loop parsed = loop(
                        path,
                        userLabel,
                        condition,
                        loop.getStatement(),
                        List.of(),
                        true,
                        scope.headerOf(path, loop.getCondition()));
                out.add(check.isEmpty() ? parsed : checkedInBody(parsed, check));
            }
            case DO_WHILE_LOOP -> {
                DoWhileLoopTree loop = (DoWhileLoopTree) tree;
                Origin origin = scope.headerOf(path, loop.getCondition());
                Stmt.Loop parsed = loop(path, userLabel, TRUE, loop.getStatement(), List.of(), false, origin);
                Effects.Point start = expressions.effects.point();
                Expr condition = expressions.condition(child(path, loop.getCondition()));
                List<Stmt> check = start.take();
                out.add(
                        check.isEmpty()
                                ? new Stmt.Loop(parsed.label(), condition, parsed.body(), List.of(), false, origin)
                                : checkedAtEnd(parsed, check, condition));
            }
            case FOR_LOOP -> forLoop(path, userLabel, (ForLoopTree) tree, out);
            case ENHANCED_FOR_LOOP -> enhancedFor(path, userLabel, (EnhancedForLoopTree) tree, out);
            case SWITCH -> out.addAll(switchStatement(path, userLabel, (SwitchTree) tree));
            case BREAK -> {
                BreakTree jump = (BreakTree) tree;
                String label = jump.getLabel() == null ? null : jump.getLabel().toString();
                out.add(new Stmt.Break(scope.breakTarget(path, label), scope.originOf(path)));
            }
            case CONTINUE -> {
                ContinueTree jump = (ContinueTree) tree;
                String label = jump.getLabel() == null ? null : jump.getLabel().toString();
                out.add(new Stmt.Continue(scope.continueTarget(path, label), scope.originOf(path)));
            }
            case TRY -> throw scope.reject(path, Message.TRY);
            case THROW -> throw scope.reject(path, Message.THROW);
            case SYNCHRONIZED -> throw scope.reject(path, Message.SYNCHRONIZED);
            case ASSERT -> throw scope.reject(path, Message.ASSERT);
            case CLASS, RECORD, INTERFACE, ENUM, ANNOTATION_TYPE ->
                throw scope.reject(
                        path,
                        Message.LOCAL_CLASS,
                        tree.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
            case EMPTY_STATEMENT -> {}
            default -> throw scope.reject(path, Message.UNSUPPORTED_STATEMENT, describe(tree));
        }
    }

    private Stmt.Loop loop(
            TreePath path,
            String userLabel,
            Expr condition,
            StatementTree body,
            List<Stmt> update,
            boolean testFirst,
            Origin origin) {
        String label = scope.freshLabel(userLabel == null ? "loop" : userLabel);
        scope.enter(new MethodScope.Target(label, userLabel, true, false));
        List<Stmt> parsed = body(child(path, body));
        scope.exit();
        return new Stmt.Loop(label, condition, parsed, update, testFirst, origin);
    }

    /**
     * A loop whose condition assigns ({@code while (n-- != 0)}): the assignments and the test move to the top of the
     * body, which a {@code continue} also reaches after the update.
     */
    private static Stmt.Loop checkedInBody(Stmt.Loop loop, List<Stmt> check) {
        List<Stmt> body = new ArrayList<>(check);
        body.add(exitUnless(loop.condition(), loop.label(), loop.origin()));
        body.addAll(loop.body());
        return new Stmt.Loop(loop.label(), TRUE, body, loop.update(), true, loop.origin());
    }

    /**
     * A do-while loop whose condition assigns: the assignments and the test close the body, and a {@code continue},
     * which must reach them, leaves a block around the rest of the body instead.
     */
    private Stmt.Loop checkedAtEnd(Stmt.Loop loop, List<Stmt> check, Expr condition) {
        String rest = scope.freshLabel("iteration");
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Block(rest, continuesToBreaks(loop.body(), loop.label(), rest), loop.origin()));
        body.addAll(check);
        body.add(exitUnless(condition, loop.label(), loop.origin()));
        return new Stmt.Loop(loop.label(), TRUE, body, List.of(), false, loop.origin());
    }

    private static Stmt exitUnless(Expr condition, String loop, Origin origin) {
        return new Stmt.If(Algebra.not(condition), List.of(new Stmt.Break(loop, origin)), List.of(), origin);
    }

    private static List<Stmt> continuesToBreaks(List<Stmt> body, String loop, String block) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(
                    s instanceof Stmt.Continue c && c.label().equals(loop)
                            ? new Stmt.Break(block, c.origin())
                            : Stmts.mapChildren(s, nested -> continuesToBreaks(nested, loop, block)));
        }
        return out;
    }

    private void forLoop(TreePath path, String userLabel, ForLoopTree tree, List<Stmt> out) {
        for (StatementTree init : tree.getInitializer()) {
            statement(child(path, init), null, out);
        }
        Effects.Point start = expressions.effects.point();
        Expr condition = tree.getCondition() == null ? TRUE : expressions.condition(child(path, tree.getCondition()));
        List<Stmt> check = start.take();
        Tree last = !tree.getUpdate().isEmpty()
                ? tree.getUpdate().get(tree.getUpdate().size() - 1)
                : tree.getCondition() != null ? tree.getCondition() : tree;
        Origin header = scope.headerOf(path, last);
        List<Stmt> update = new ArrayList<>();
        for (ExpressionStatementTree u : tree.getUpdate()) {
            expressionStatement(child(child(path, u), u.getExpression()), header, update);
        }
        Stmt.Loop loop = loop(path, userLabel, condition, tree.getStatement(), update, true, header);
        out.add(check.isEmpty() ? loop : checkedInBody(loop, check));
    }

    /** {@code for (double v : a)} reads as an indexed loop over {@code a}. */
    private void enhancedFor(TreePath path, String userLabel, EnhancedForLoopTree tree, List<Stmt> out) {
        Origin origin = scope.headerOf(path, tree.getExpression());
        Expr array = expressions.expression(child(path, tree.getExpression()));
        if (!array.type().isArray()) {
            TypeMirror type = scope.context.trees().getTypeMirror(child(path, tree.getExpression()));
            throw scope.reject(path, Message.FOR_EACH, tree.getExpression(), MethodScope.simpleName(type));
        }
        Var arrayVar = new Var("array", array.type());
        expressions.effects.drainInto(out);
        out.add(new Stmt.Assign(arrayVar, array, origin));
        Var index = new Var("i", Type.INT);
        out.add(new Stmt.Assign(index, Expr.Literal.ofIntegral(Type.INT, 0), origin));
        TreePath variablePath = child(path, tree.getVariable());
        VariableElement element = (VariableElement) scope.context.trees().getElement(variablePath);
        Var element0 = new Var(
                tree.getVariable().getName().toString(),
                scope.type(
                        variablePath,
                        element.asType(),
                        "loop variable " + tree.getVariable().getName()));
        scope.declare(element, element0);
        Stmt.Loop loop = loop(
                path,
                userLabel,
                new Expr.Binary(BinaryOp.LT, new Expr.Ref(index), new Expr.ArrayLength(new Expr.Ref(arrayVar))),
                tree.getStatement(),
                List.of(),
                true,
                origin);
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Assign(
                element0,
                expressions.convert(new Expr.ArrayRead(new Expr.Ref(arrayVar), new Expr.Ref(index)), element0.type()),
                origin));
        body.addAll(loop.body());
        List<Stmt> update = List.of(new Stmt.Assign(
                index,
                new Expr.Binary(BinaryOp.ADD, new Expr.Ref(index), Expr.Literal.ofIntegral(Type.INT, 1)),
                origin));
        out.add(new Stmt.Loop(loop.label(), loop.condition(), body, update, true, origin));
    }

    /**
     * A switch on an int. Statement-form cases that fall through into the next get the next case's statements too, so
     * every IR case runs alone.
     */
    private List<Stmt> switchStatement(TreePath path, String userLabel, SwitchTree tree) {
        Origin origin = scope.headerOf(path, tree.getExpression());
        TreePath selectorPath = child(path, tree.getExpression());
        if (selectorPath.getLeaf() instanceof com.sun.source.tree.ParenthesizedTree parens) {
            selectorPath = child(selectorPath, parens.getExpression());
        }
        TypeMirror selectorType = scope.context.trees().getTypeMirror(selectorPath);
        if (selectorType == null || selectorType.getKind() != javax.lang.model.type.TypeKind.INT) {
            throw scope.reject(selectorPath, Message.SWITCH_TYPE, MethodScope.simpleName(selectorType));
        }
        Expr selector = expressions.expression(selectorPath);
        List<Stmt> out = new ArrayList<>();
        expressions.effects.drainInto(out);
        String label = scope.freshLabel(userLabel == null ? "switch" : userLabel);
        scope.enter(new MethodScope.Target(label, userLabel, false, true));
        List<List<Integer>> labels = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Boolean> fallsThrough = new ArrayList<>();
        for (CaseTree c : tree.getCases()) {
            TreePath casePath = child(path, c);
            labels.add(caseLabels(casePath, c));
            List<Stmt> body = new ArrayList<>();
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree rule = c.getBody();
                if (rule instanceof StatementTree s) {
                    body.addAll(body(child(casePath, s)));
                } else {
                    throw scope.reject(child(casePath, rule), Message.UNSUPPORTED_STATEMENT, describe(rule));
                }
                fallsThrough.add(false);
            } else {
                for (StatementTree s : c.getStatements()) {
                    statementInto(child(casePath, s), body);
                }
                fallsThrough.add(body.isEmpty() || !endsWithJump(body));
            }
            bodies.add(body);
        }
        scope.exit();
        List<Stmt.Case> cases = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            List<Stmt> body = new ArrayList<>(bodies.get(i));
            for (int j = i; j < bodies.size() - 1 && fallsThrough.get(j); j++) {
                body.addAll(bodies.get(j + 1));
            }
            cases.add(new Stmt.Case(labels.get(i), body));
        }
        out.add(new Stmt.Switch(label, selector, cases, origin));
        return out;
    }

    private List<Integer> caseLabels(TreePath casePath, CaseTree c) {
        List<Integer> labels = new ArrayList<>();
        for (ExpressionTree e : c.getExpressions()) {
            Expr constant = expressions.expression(child(casePath, e));
            if (!(constant instanceof Expr.Literal l) || l.type() != Type.INT) {
                Object value = constantValue(child(casePath, e));
                if (!(value instanceof Integer i)) {
                    throw scope.reject(child(casePath, e), Message.UNSUPPORTED_STATEMENT, "the case label " + e);
                }
                labels.add(i);
            } else {
                labels.add((int) l.value());
            }
        }
        return labels;
    }

    private Object constantValue(TreePath path) {
        Tree tree = path.getLeaf();
        if (tree.getKind() == Tree.Kind.UNARY_MINUS
                && ((UnaryTree) tree).getExpression().getKind() == Tree.Kind.INT_LITERAL) {
            return -((Number) ((com.sun.source.tree.LiteralTree) ((UnaryTree) tree).getExpression()).getValue())
                    .intValue();
        }
        Element element = scope.context.trees().getElement(path);
        return element instanceof VariableElement v ? v.getConstantValue() : null;
    }

    private static boolean endsWithJump(List<Stmt> body) {
        Stmt last = body.get(body.size() - 1);
        return last instanceof Stmt.Break || last instanceof Stmt.Continue || last instanceof Stmt.Return;
    }

    private void declaration(TreePath path, VariableTree tree, List<Stmt> out) {
        VariableElement element = (VariableElement) scope.context.trees().getElement(path);
        Var var;
        try {
            var = new Var(
                    tree.getName().toString(), scope.type(path, element.asType(), "local variable " + tree.getName()));
        } catch (Rejected rejected) {
            scope.rejectVariable(element);
            throw rejected;
        }
        if (var.type() == Type.OBJECT) {
            // A lambda or a new object in the initializer has its own, more precise, message.
            scope.rejectVariable(element);
            if (tree.getInitializer() != null) {
                expressions.expression(child(path, tree.getInitializer()));
            }
            String what = "local variable " + tree.getName();
            throw element.asType().toString().equals("java.lang.String")
                    ? scope.reject(path, Message.STRING, what + " of type String")
                    : scope.reject(path, Message.UNSUPPORTED_TYPE, what, MethodScope.simpleName(element.asType()));
        }
        scope.declare(element, var);
        if (tree.getInitializer() != null) {
            TreePath init = child(path, tree.getInitializer());
            TypeMirror initType = scope.context.trees().getTypeMirror(init);
            boolean erroneous = initType != null
                    && (initType.getKind() == javax.lang.model.type.TypeKind.ERROR
                            || !scope.context.types().isAssignable(initType, element.asType()));
            if (erroneous && !(tree.getInitializer() instanceof NewArrayTree)) {
                // javac reports the type error itself.
                throw scope.silently();
            }
            if (expressions.arrays.isCopy(init)) {
                // double[] b = a.clone(): b is the new array, filled by a loop.
                expressions.arrays.copyInto(var, init, scope.originOf(path), expressions.effects.sink());
                expressions.effects.drainInto(out);
                return;
            }
            Expr value = tree.getInitializer() instanceof NewArrayTree array
                    ? expressions.newArray(init, array, var.type())
                    : expressions.expression(init);
            expressions.effects.drainInto(out);
            out.add(new Stmt.Assign(var, expressions.convert(value, var.type()), scope.originOf(path)));
        }
    }

    private void expressionStatement(TreePath path, Origin origin, List<Stmt> out) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case ASSIGNMENT,
                    PLUS_ASSIGNMENT,
                    MINUS_ASSIGNMENT,
                    MULTIPLY_ASSIGNMENT,
                    DIVIDE_ASSIGNMENT,
                    REMAINDER_ASSIGNMENT,
                    LEFT_SHIFT_ASSIGNMENT,
                    RIGHT_SHIFT_ASSIGNMENT,
                    UNSIGNED_RIGHT_SHIFT_ASSIGNMENT,
                    AND_ASSIGNMENT,
                    OR_ASSIGNMENT,
                    XOR_ASSIGNMENT,
                    PREFIX_INCREMENT,
                    POSTFIX_INCREMENT,
                    PREFIX_DECREMENT,
                    POSTFIX_DECREMENT -> {
                expressions.assignment(path, origin, false);
                expressions.effects.drainInto(out);
            }
            case METHOD_INVOCATION -> {
                if (expressions.arrays.isWrite(path)) {
                    expressions.arrays.write(path, origin, expressions.effects.sink());
                    expressions.effects.drainInto(out);
                    return;
                }
                javax.lang.model.element.Element callee = scope.context.trees().getElement(path);
                if (!(callee instanceof javax.lang.model.element.ExecutableElement method)) {
                    throw scope.silently();
                }
                boolean isVoid = method.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
                throw isVoid
                        ? scope.reject(path, Message.VOID_CALL, tree)
                        : scope.reject(path, Message.UNUSED_RESULT, tree);
            }
            case NEW_CLASS -> throw scope.reject(path, Message.NEW_OBJECT, tree);
            default -> throw scope.reject(path, Message.UNSUPPORTED_STATEMENT, describe(tree));
        }
    }
}
