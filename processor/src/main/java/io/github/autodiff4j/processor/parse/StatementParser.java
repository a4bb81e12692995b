package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;
import static io.github.autodiff4j.processor.parse.MethodScope.describe;

import com.sun.source.tree.AssertTree;
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
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** Reads statements into the IR: assignments, branches, loops, switches and jumps, with explicit jump targets. */
final class StatementParser {
    private static final Expr TRUE = Expr.Literal.ofBoolean(true);

    private final MethodScope scope;
    private final ExpressionParser expressions;

    StatementParser(MethodScope scope) {
        this.scope = scope;
        this.expressions = new ExpressionParser(scope, this::switchValue, this::lambdaBody);
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
        } catch (Rejected rejected) {
            // The statement's one report; the assignments of the rejected expression go with it.
            scope.failed(rejected);
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
            case EXPRESSION_STATEMENT -> {
                TreePath expression = child(path, ((ExpressionStatementTree) tree).getExpression());
                if (!effectCall(expression, scope.originOf(path), out)) {
                    expressionStatement(expression, scope.originOf(path), out);
                }
            }
            case RETURN -> {
                ReturnTree ret = (ReturnTree) tree;
                YieldTarget lambda = lambdas.peek();
                if (lambda != null) {
                    // A return of the lambda whose body is being read: its value, and out of its block.
                    Expr value = expressions.expression(child(path, ret.getExpression()));
                    expressions.effects.drainInto(out);
                    out.add(new Stmt.Assign(
                            lambda.var(),
                            expressions.convert(value, lambda.var().type()),
                            scope.originOf(path)));
                    out.add(new Stmt.Break(lambda.label(), scope.originOf(path)));
                    return;
                }
                if (ret.getExpression() == null) {
                    // return; in a void helper.
                    out.add(new Stmt.Return(List.of(), scope.originOf(path)));
                    return;
                }
                Expr value = expressions.expression(child(path, ret.getExpression()));
                // return 0; in a double method returns 0.0.
                Expr converted = scope.returns() == null ? value : expressions.convert(value, scope.returns());
                // A record returned is a new one, as a record is a value: never the array of a parameter.
                converted = expressions.freshRecord(child(path, ret.getExpression()), converted);
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
            case SWITCH -> {
                SwitchTree sw = (SwitchTree) tree;
                switchInto(path, userLabel, sw.getExpression(), sw.getCases(), null, out);
            }
            case YIELD -> {
                YieldTarget target = yields.peek();
                if (target == null) {
                    throw scope.reject(path, new Message.UnsupportedStatement(describe(tree)));
                }
                Expr value = expressions.expression(child(path, ((YieldTree) tree).getValue()));
                expressions.effects.drainInto(out);
                out.add(new Stmt.Assign(
                        target.var(), expressions.convert(value, target.var().type()), scope.originOf(path)));
                out.add(new Stmt.Break(target.label(), scope.originOf(path)));
            }
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
            case TRY -> throw scope.reject(path, new Message.Try());
            case THROW -> {
                // Input validation: the generated members throw as the function does, where it does.
                Expr thrown = expressions.effect(child(path, ((ThrowTree) tree).getExpression()));
                // What the message needs first (a record computed by a call, held in a local).
                expressions.effects.drainInto(out);
                out.add(new Stmt.Effect(Stmt.EffectKind.THROW, List.of(thrown), scope.originOf(path)));
            }
            case SYNCHRONIZED -> throw scope.reject(path, new Message.Synchronized());
            case ASSERT -> {
                AssertTree check = (AssertTree) tree;
                List<Expr> values = new ArrayList<>();
                values.add(expressions.effect(child(path, check.getCondition())));
                if (check.getDetail() != null) {
                    values.add(expressions.effect(child(path, check.getDetail())));
                }
                // As a call's inlined body, what the check reads is computed before it, assertions enabled or not.
                expressions.effects.drainInto(out);
                out.add(new Stmt.Effect(Stmt.EffectKind.ASSERT, values, scope.originOf(path)));
            }
            case CLASS, RECORD, INTERFACE, ENUM, ANNOTATION_TYPE ->
                throw scope.reject(
                        path,
                        new Message.LocalClass(tree.getKind()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', ' ')));
            case EMPTY_STATEMENT -> {}
            default -> throw scope.reject(path, new Message.UnsupportedStatement(describe(tree)));
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
            throw scope.reject(
                    path, new Message.ForEach(tree.getExpression().toString(), MethodScope.simpleName(type)));
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

    /** A switch expression's result variable, and the label a {@code yield} leaves by. */
    private record YieldTarget(Var var, String label) {}

    private final Deque<YieldTarget> yields = new ArrayDeque<>();

    /** The lambdas whose block bodies are being read, innermost first: where their returns go. */
    private final Deque<YieldTarget> lambdas = new ArrayDeque<>();

    /**
     * A stream stage's lambda body {@code { ...; return v; }}, read into {@code out}: each return assigns
     * {@code result} and leaves a block around the body, which is left out when only the last statement returns.
     */
    private void lambdaBody(TreePath block, Var result, List<Stmt> out) {
        String label = scope.freshLabel("lambda");
        lambdas.push(new YieldTarget(result, label));
        List<Stmt> body;
        try {
            body = new ArrayList<>(block(block));
        } finally {
            lambdas.pop();
        }
        if (!body.isEmpty()
                && body.get(body.size() - 1) instanceof Stmt.Break b
                && b.label().equals(label)) {
            body.remove(body.size() - 1);
        }
        boolean[] left = {false};
        Stmts.walk(body, s -> left[0] |= s instanceof Stmt.Break b && b.label().equals(label));
        if (left[0]) {
            out.add(new Stmt.Block(label, body, scope.originOf(block)));
        } else {
            out.addAll(body);
        }
    }

    /** What a switch can select by: an int or a char (an IR switch), a String or an enum (an if-chain). */
    private enum SelectorKind {
        INT,
        CHAR,
        STRING,
        ENUM
    }

    /** A switch expression: its cases go to {@code out} as a switch statement assigning a fresh local, the value. */
    private Expr switchValue(TreePath bare, List<Stmt> out) {
        SwitchExpressionTree sw = (SwitchExpressionTree) bare.getLeaf();
        TypeMirror mirror = scope.context.trees().getTypeMirror(bare);
        Type type = scope.type(bare, mirror, "the switch expression");
        Var result = new Var("switched#", type, TypeMapper.javaType(type, mirror));
        switchInto(bare, null, sw.getExpression(), sw.getCases(), result, out);
        return new Expr.Ref(result);
    }

    /**
     * A call of the JDK that returns nothing or whose result is unused (a print, a log), read into {@code out}; false
     * for any other expression statement.
     */
    private boolean effectCall(TreePath path, Origin origin, List<Stmt> out) {
        if (!(path.getLeaf() instanceof com.sun.source.tree.MethodInvocationTree)) {
            return false;
        }
        Optional<Expr> call = expressions.effectCall(path).or(() -> expressions.helperCall(path));
        expressions.effects.drainInto(out);
        call.ifPresent(c -> out.add(new Stmt.Effect(Stmt.EffectKind.CALL, List.of(c), origin)));
        return call.isPresent();
    }

    /**
     * A switch statement, or with {@code result} a switch expression whose cases assign it. Statement-form cases that
     * fall through into the next get the next case's statements too, so every case runs alone. On an int or a char it
     * is an IR switch; on a String or an enum, an if-chain in a block that {@code break} leaves, comparing with
     * {@code equals} and {@code ==} (and throwing NullPointerException for a null selector, as Java's switch does).
     */
    private void switchInto(
            TreePath path,
            String userLabel,
            ExpressionTree selectorTree,
            List<? extends CaseTree> caseTrees,
            Var result,
            List<Stmt> out) {
        Origin origin = scope.headerOf(path, selectorTree);
        TreePath selectorPath = child(path, selectorTree);
        if (selectorPath.getLeaf() instanceof com.sun.source.tree.ParenthesizedTree parens) {
            selectorPath = child(selectorPath, parens.getExpression());
        }
        TypeMirror selectorType = scope.context.trees().getTypeMirror(selectorPath);
        SelectorKind kind = selectorKind(selectorType);
        if (kind == null) {
            throw scope.reject(selectorPath, new Message.SwitchType(MethodScope.simpleName(selectorType)));
        }
        Expr selector = expressions.expression(selectorPath);
        expressions.effects.drainInto(out);
        String label = scope.freshLabel(userLabel == null ? "switch" : userLabel);
        scope.enter(new MethodScope.Target(label, userLabel, false, result == null));
        if (result != null) {
            yields.push(new YieldTarget(result, label));
        }
        List<List<Expr>> labels = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Boolean> fallsThrough = new ArrayList<>();
        try {
            for (CaseTree c : caseTrees) {
                TreePath casePath = child(path, c);
                labels.add(caseLabels(casePath, c, kind));
                List<Stmt> body = new ArrayList<>();
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    Tree rule = c.getBody();
                    if (rule instanceof ExpressionTree value && result != null) {
                        // case 1 -> x * x: the value of the switch expression.
                        try {
                            Expr v = expressions.expression(child(casePath, value));
                            expressions.effects.drainInto(body);
                            body.add(new Stmt.Assign(
                                    result, expressions.convert(v, result.type()), scope.originOf(casePath)));
                        } catch (Rejected rejected) {
                            // A case's value stands for its statement: the other cases are read on.
                            scope.failed(rejected);
                        }
                    } else if (rule instanceof StatementTree st) {
                        body.addAll(body(child(casePath, st)));
                    } else {
                        throw scope.reject(child(casePath, rule), new Message.UnsupportedStatement(describe(rule)));
                    }
                    fallsThrough.add(false);
                } else {
                    for (StatementTree st : c.getStatements()) {
                        statementInto(child(casePath, st), body);
                    }
                    fallsThrough.add(body.isEmpty() || !endsWithJump(body));
                }
                bodies.add(body);
            }
        } finally {
            scope.exit();
            if (result != null) {
                yields.pop();
            }
        }
        List<List<Stmt>> merged = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            List<Stmt> body = new ArrayList<>(bodies.get(i));
            for (int j = i; j < bodies.size() - 1 && fallsThrough.get(j); j++) {
                body.addAll(bodies.get(j + 1));
            }
            // Leaving the end of a case leaves the switch: a last break to it says nothing more.
            if (!body.isEmpty()
                    && body.get(body.size() - 1) instanceof Stmt.Break b
                    && b.label().equals(label)) {
                body.remove(body.size() - 1);
            }
            merged.add(body);
        }
        if (kind == SelectorKind.INT || kind == SelectorKind.CHAR) {
            List<Stmt.Case> cases = new ArrayList<>();
            for (int i = 0; i < merged.size(); i++) {
                cases.add(new Stmt.Case(
                        labels.get(i).stream()
                                .map(l -> (int) ((Expr.Literal) l).integral())
                                .toList(),
                        merged.get(i)));
            }
            out.add(new Stmt.Switch(label, selector, cases, origin));
            return;
        }
        out.add(ifChain(label, selector, selectorType, kind, labels, merged, origin));
    }

    private static SelectorKind selectorKind(TypeMirror type) {
        if (type == null) {
            return null;
        }
        if (type.getKind() == javax.lang.model.type.TypeKind.INT) {
            return SelectorKind.INT;
        }
        if (type.getKind() == javax.lang.model.type.TypeKind.CHAR) {
            return SelectorKind.CHAR;
        }
        if (type instanceof javax.lang.model.type.DeclaredType declared) {
            if (declared.asElement().getKind() == ElementKind.ENUM) {
                return SelectorKind.ENUM;
            }
            if (declared.asElement().toString().equals("java.lang.String")) {
                return SelectorKind.STRING;
            }
        }
        return null;
    }

    /** A switch on a String or an enum: its selector once, then the cases as if and else, in a block break leaves. */
    private Stmt ifChain(
            String label,
            Expr selector,
            TypeMirror selectorType,
            SelectorKind kind,
            List<List<Expr>> labels,
            List<List<Stmt>> bodies,
            Origin origin) {
        List<Stmt> block = new ArrayList<>();
        Expr value = selector;
        if (!(selector instanceof Expr.Ref || selector instanceof Expr.StaticField)) {
            Var held = new Var("selector#", Type.OBJECT, TypeMapper.javaType(Type.OBJECT, selectorType));
            block.add(new Stmt.Assign(held, selector, origin));
            value = new Expr.Ref(held);
        }
        Expr isNull = new Expr.Binary(BinaryOp.EQ, value, new Expr.ObjectLiteral(null));
        Expr npe = new Expr.New(com.palantir.javapoet.ClassName.get(NullPointerException.class), List.of());
        block.add(new Stmt.If(
                isNull, List.of(new Stmt.Effect(Stmt.EffectKind.THROW, List.of(npe), origin)), List.of(), origin));
        List<Stmt> chain = List.of();
        for (int i = 0; i < bodies.size(); i++) {
            if (labels.get(i).isEmpty()) {
                chain = bodies.get(i);
            }
        }
        for (int i = bodies.size() - 1; i >= 0; i--) {
            Expr condition = null;
            for (Expr l : labels.get(i)) {
                Expr test = kind == SelectorKind.ENUM
                        ? new Expr.Binary(BinaryOp.EQ, value, l)
                        : new Expr.Invoke(
                                MethodRefs.of(stringEquals(), scope.context.trees()),
                                value,
                                List.of(l),
                                Type.BOOLEAN,
                                origin);
                condition = condition == null ? test : new Expr.Binary(BinaryOp.OR, condition, test);
            }
            if (condition != null) {
                chain = List.of(new Stmt.If(condition, bodies.get(i), chain, origin));
            }
        }
        block.addAll(chain);
        return new Stmt.Block(label, block, origin);
    }

    private javax.lang.model.element.ExecutableElement stringEquals() {
        return javax.lang.model.util.ElementFilter.methodsIn(scope.context
                        .elements()
                        .getTypeElement("java.lang.String")
                        .getEnclosedElements())
                .stream()
                .filter(m -> m.getSimpleName().contentEquals("equals"))
                .findFirst()
                .orElseThrow();
    }

    /** The constants of a case, each an int literal (for an int or char switch), a string literal or an enum constant. */
    private List<Expr> caseLabels(TreePath casePath, CaseTree c, SelectorKind kind) {
        List<Expr> labels = new ArrayList<>();
        if (c.getExpressions().isEmpty() && !c.toString().trim().startsWith("default")) {
            throw scope.reject(casePath, new Message.UnsupportedStatement("the case " + c));
        }
        for (ExpressionTree e : c.getExpressions()) {
            TreePath labelPath = child(casePath, e);
            Element element = scope.context.trees().getElement(labelPath);
            if (kind == SelectorKind.ENUM) {
                if (element == null || element.getKind() != ElementKind.ENUM_CONSTANT) {
                    throw scope.reject(labelPath, new Message.UnsupportedStatement("the case label " + e));
                }
                labels.add(new Expr.StaticField(
                        com.palantir.javapoet.ClassName.get(
                                (javax.lang.model.element.TypeElement) element.getEnclosingElement()),
                        element.getSimpleName().toString(),
                        Type.OBJECT));
                continue;
            }
            Object value = e instanceof com.sun.source.tree.LiteralTree literal
                    ? literal.getValue()
                    : constantValue(labelPath);
            if (kind == SelectorKind.STRING && value instanceof String string) {
                labels.add(new Expr.ObjectLiteral(string));
            } else if (kind != SelectorKind.STRING && value instanceof Integer i) {
                labels.add(Expr.Literal.ofIntegral(Type.INT, i));
            } else if (kind != SelectorKind.STRING && value instanceof Character ch) {
                labels.add(Expr.Literal.ofIntegral(Type.CHAR, ch));
            } else {
                throw scope.reject(labelPath, new Message.UnsupportedStatement("the case label " + e));
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
        if (tree instanceof com.sun.source.tree.ParenthesizedTree parens) {
            return constantValue(child(path, parens.getExpression()));
        }
        Element element = scope.context.trees().getElement(path);
        return element instanceof VariableElement v ? v.getConstantValue() : null;
    }

    private static boolean endsWithJump(List<Stmt> body) {
        Stmt last = body.get(body.size() - 1);
        return last instanceof Stmt.Break
                || last instanceof Stmt.Continue
                || last instanceof Stmt.Return
                || (last instanceof Stmt.Effect e && e.kind() == Stmt.EffectKind.THROW);
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
        if (var.type() == Type.OBJECT && TypeMapper.isNumericBox(element.asType())) {
            // An Integer would be unboxed into the arithmetic: it is a number, which should be one.
            scope.rejectVariable(element);
            throw scope.reject(
                    path,
                    new Message.UnsupportedType(
                            "local variable " + tree.getName(), MethodScope.simpleName(element.asType())));
        }
        if (var.type() == Type.OBJECT) {
            // A String, an enum or another object: a constant, declared with its own type.
            var = new Var(var.name(), Type.OBJECT, TypeMapper.javaType(Type.OBJECT, element.asType()));
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
                        ? scope.reject(path, new Message.VoidCall(tree.toString()))
                        : scope.reject(path, new Message.UnusedResult(tree.toString()));
            }
            case NEW_CLASS -> throw scope.reject(path, new Message.NewObject(tree.toString()));
            default -> throw scope.reject(path, new Message.UnsupportedStatement(describe(tree)));
        }
    }
}
