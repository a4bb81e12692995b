package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;
import static io.github.autodiff4j.processor.parse.MethodScope.describe;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Algebra;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.UnaryOp;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads expressions into the IR, with Java's implicit conversions made explicit, and the assignments inside them
 * hoisted out into {@link #effects}.
 */
final class ExpressionParser {
    /** The statements the assignments inside the expressions read so far run; the statement parser places them. */
    final Effects effects = new Effects();

    private final MethodScope scope;
    /**
     * How deeply the expression being read is inside a print, a throw or an assert, whose values the generated code
     * computes as the function does and never differentiates: there {@code new} and varargs calls are read too.
     */
    private int effectDepth;

    /** The call {@link #helperCall} reads: the one call of a void method an expression may be. */
    private Tree helperStatement;

    private final SwitchReader switches;

    /** Reads a switch expression's cases as statements: the statement parser, which reads their bodies. */
    interface SwitchReader {
        /** The switch's value, after its cases went to {@code out} as a switch assigning it. */
        Expr read(TreePath switchExpression, List<Stmt> out);
    }

    /** Array copies and writes of the JDK ({@code a.clone()}, {@code Arrays.fill}), read as the loops they run. */
    final ArrayUtilities arrays;

    /** Stream pipelines over numbers, read as the loops they run. */
    private final StreamPipelines streams;

    /** Records of doubles, read as the arrays of their components. */
    private final RecordValues records;

    ExpressionParser(MethodScope scope, SwitchReader switches, StreamPipelines.LambdaBodies lambdas) {
        this.scope = scope;
        this.switches = switches;
        this.arrays = new ArrayUtilities(scope, this);
        this.streams = new StreamPipelines(scope, this, lambdas);
        this.records = new RecordValues(effects, scope.context.trees(), scope.context.elements());
    }

    /**
     * A switch expression anywhere in an expression: its cases run as a statement at this point of Java's order of
     * evaluation, after the assignments of the operands before it. The statements of its cases' bodies are read on
     * their own, so the pending assignments wait aside meanwhile.
     */
    private Expr switchExpression(TreePath path) {
        List<Stmt> before = effects.suspend();
        List<Stmt> cases = new ArrayList<>();
        try {
            return switches.read(path, cases);
        } finally {
            effects.resume(before, cases);
        }
    }

    /** Reads an expression of a print, a throw or an assert statement. */
    Expr effect(TreePath path) {
        effectDepth++;
        try {
            return expression(path);
        } finally {
            effectDepth--;
        }
    }

    /**
     * A call of a JDK method that returns nothing (or of {@code java.util.Objects}, whose result is unused), as a
     * statement of its own: the call, or empty when it may write {@code double} data (a {@code double[]} passed to it)
     * or is not the JDK's.
     */
    Optional<Expr> effectCall(TreePath path) {
        MethodInvocationTree tree = (MethodInvocationTree) path.getLeaf();
        Element element = scope.context.trees().getElement(path);
        if (!(element instanceof ExecutableElement callee) || !isJdk(callee)) {
            return Optional.empty();
        }
        // A result left unused is likely a mistake (Math.sin(x);), but for printf (which returns its stream) and
        // Objects.requireNonNull(s).
        String owner =
                ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
        boolean printOrCheck = owner.equals("java.io.PrintStream")
                || owner.equals("java.io.PrintWriter")
                || owner.equals("java.util.Objects");
        if (callee.getReturnType().getKind() != TypeKind.VOID && !printOrCheck) {
            return Optional.empty();
        }
        if (tree.getMethodSelect() instanceof MemberSelectTree select
                && passesDoubles(child(child(path, select), select.getExpression()))) {
            return Optional.empty();
        }
        for (ExpressionTree arg : tree.getArguments()) {
            if (passesDoubles(child(path, arg))) {
                return Optional.empty();
            }
        }
        return Optional.of(effect(path));
    }

    /** Whether an expression's value is an array of doubles (or of their rows), which a call could write. */
    private boolean passesDoubles(TreePath path) {
        TypeMirror type = scope.context.trees().getTypeMirror(path);
        while (type instanceof ArrayType array) {
            type = array.getComponentType();
            if (type.getKind() == TypeKind.DOUBLE) {
                return true;
            }
        }
        return false;
    }

    /** A method of the JDK ({@code java.*}, {@code javax.*}): it cannot reach the function's arrays unless passed them. */
    private boolean isJdk(ExecutableElement callee) {
        String owner =
                scope.context.elements().getPackageOf(callee).getQualifiedName().toString();
        return owner.startsWith("java.") || owner.startsWith("javax.");
    }

    /** {@code new Point(a, b)}: the array of its doubles, or the inlined body of a constructor the record declares. */
    private Expr newRecord(TreePath path, com.sun.source.tree.NewClassTree tree) {
        if (tree.getClassBody() != null || tree.getEnclosingExpression() != null) {
            throw scope.reject(path, new Message.NewObject(scope.originOf(path).source()));
        }
        TypeMirror type = scope.context.trees().getTypeMirror(path);
        RecordShape shape = Records.shape(type).orElseThrow();
        scope.requireNameable(path, type, "the record");
        ExecutableElement constructor =
                (ExecutableElement) scope.context.trees().getElement(path);
        List<Supplier<Expr>> operands = new ArrayList<>();
        for (int i = 0; i < tree.getArguments().size(); i++) {
            TreePath arg = child(path, tree.getArguments().get(i));
            Type expected = shape.components().size() == tree.getArguments().size()
                            && shape.components().get(i).nested() == null
                    ? Type.DOUBLE
                    : null;
            operands.add(() -> expected == null ? expression(arg) : convert(expression(arg), expected));
        }
        boolean unread = scope.context.trees().getTree(constructor) == null;
        boolean declared = !unread
                && scope.context.elements().getOrigin(constructor) == javax.lang.model.util.Elements.Origin.EXPLICIT;
        if (declared && !Records.checksOnly(constructor, scope.context.trees())) {
            throw scope.reject(
                    path,
                    new Message.RecordConstructor(
                            scope.originOf(path).source(), shape.type().simpleName()));
        }
        List<Expr> args = inOrder(operands, path);
        if (declared) {
            // A constructor that checks its arguments runs as the function runs it, on the same values, for its
            // exceptions; the record is their doubles all the same.
            args = records.held(args, scope.originOf(path));
            List<Expr> objects = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                RecordShape.Component c = shape.components().get(i);
                objects.add(
                        c.nested() == null
                                ? args.get(i)
                                : records.toObject(args.get(i), c.nested(), scope.originOf(path)));
            }
            effects.add(new Stmt.Effect(
                    Stmt.EffectKind.CALL, List.of(new Expr.New(shape.type(), objects)), scope.originOf(path)));
        }
        if (unread) {
            // A library's record, compiled apart: its constructor may check, or change, its arguments.
            args = records.held(args, scope.originOf(path));
            List<Expr> objects = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                RecordShape.Component c = shape.components().get(i);
                objects.add(
                        c.nested() == null
                                ? args.get(i)
                                : records.toObject(args.get(i), c.nested(), scope.originOf(path)));
            }
            records.checkKept(shape, args, objects, scope.originOf(path));
        }
        return records.construct(shape, args, scope.originOf(path));
    }

    /** {@code new IllegalArgumentException("...")}, in a throw statement. */
    private Expr newObject(TreePath path, com.sun.source.tree.NewClassTree tree) {
        if (tree.getClassBody() != null || tree.getEnclosingExpression() != null) {
            throw scope.reject(path, new Message.NewObject(scope.originOf(path).source()));
        }
        TypeMirror type = scope.context.trees().getTypeMirror(path);
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            throw scope.silently();
        }
        List<Expr> args = new ArrayList<>();
        for (ExpressionTree arg : tree.getArguments()) {
            args.add(expression(child(path, arg)));
        }
        return new Expr.New(com.palantir.javapoet.TypeName.get(type), args);
    }

    /**
     * Whether {@code null} may stand here: compared with {@code ==} or {@code !=}, or as an object (never an array, which
     * the derivative code would read).
     */
    private boolean nullAllowed(TreePath path) {
        TreePath parent = path.getParentPath();
        while (parent != null && parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
            parent = parent.getParentPath();
        }
        if (parent == null) {
            return false;
        }
        Tree.Kind kind = parent.getLeaf().getKind();
        if (kind == Tree.Kind.EQUAL_TO || kind == Tree.Kind.NOT_EQUAL_TO || effectDepth > 0) {
            return true;
        }
        if (kind == Tree.Kind.METHOD_INVOCATION
                && scope.context.trees().getElement(parent) instanceof ExecutableElement callee
                && (callee.getModifiers().contains(Modifier.ABSTRACT)
                        || scope.context.trees().getTree(callee) == null)) {
            // A method autodiff4j does not read takes objects, records included, as they are.
            return true;
        }
        TypeMirror expected = kind == Tree.Kind.VARIABLE || kind == Tree.Kind.ASSIGNMENT
                ? scope.context.trees().getTypeMirror(parent)
                : null;
        return expected != null && expected.getKind() == TypeKind.DECLARED;
    }

    Expr expression(TreePath path) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case PARENTHESIZED:
                return expression(child(path, ((ParenthesizedTree) tree).getExpression()));
            case INT_LITERAL:
            case LONG_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
                return literal((LiteralTree) tree);
            case FLOAT_LITERAL:
                throw scope.reject(path, new Message.FloatType("literal " + tree, "float"));
            case IDENTIFIER:
                return name(path);
            case MEMBER_SELECT:
                return memberSelect(path, (MemberSelectTree) tree);
            case UNARY_MINUS: {
                // -c of a char is an int, as Java promotes it.
                Expr operand = expression(child(path, ((UnaryTree) tree).getExpression()));
                return new Expr.Unary(UnaryOp.NEG, operand.type() == Type.CHAR ? convert(operand, Type.INT) : operand);
            }
            case UNARY_PLUS:
                return expression(child(path, ((UnaryTree) tree).getExpression()));
            case LOGICAL_COMPLEMENT:
                return new Expr.Unary(UnaryOp.NOT, expression(child(path, ((UnaryTree) tree).getExpression())));
            case BITWISE_COMPLEMENT: {
                Expr operand = expression(child(path, ((UnaryTree) tree).getExpression()));
                return new Expr.Unary(UnaryOp.BIT_NOT, convert(operand, Type.promote(operand.type(), Type.INT)));
            }
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case REMAINDER:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case EQUAL_TO:
            case NOT_EQUAL_TO:
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
            case LEFT_SHIFT:
            case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT:
            case AND:
            case OR:
            case XOR:
                return binary(path, (BinaryTree) tree);
            case STRING_LITERAL:
                return new Expr.ObjectLiteral((String) ((LiteralTree) tree).getValue());
            case NULL_LITERAL:
                if (!nullAllowed(path)) {
                    throw scope.reject(path, new Message.Null());
                }
                return new Expr.ObjectLiteral(null);
            case CHAR_LITERAL:
                return Expr.Literal.ofIntegral(Type.CHAR, (Character) ((LiteralTree) tree).getValue());
            case LAMBDA_EXPRESSION:
                throw scope.reject(
                        path, new Message.Lambda(scope.originOf(path).source(), Message.Lambda.FunctionKind.LAMBDA));
            case MEMBER_REFERENCE:
                throw scope.reject(
                        path,
                        new Message.Lambda(
                                scope.originOf(path).source(), Message.Lambda.FunctionKind.METHOD_REFERENCE));
            case NEW_CLASS:
                if (Records.shape(scope.context.trees().getTypeMirror(path)).isPresent()) {
                    return newRecord(path, (com.sun.source.tree.NewClassTree) tree);
                }
                if (effectDepth > 0) {
                    return newObject(path, (com.sun.source.tree.NewClassTree) tree);
                }
                throw scope.reject(
                        path, new Message.NewObject(scope.originOf(path).source()));
            case INSTANCE_OF:
                throw scope.reject(
                        path, new Message.InstanceOf(scope.originOf(path).source()));
            case SWITCH_EXPRESSION:
                return switchExpression(path);
            case CONDITIONAL_EXPRESSION:
                return conditional(path, (ConditionalExpressionTree) tree);
            case TYPE_CAST: {
                TypeCastTree cast = (TypeCastTree) tree;
                Type type = scope.type(path, castType(child(path, cast.getType())), "the cast");
                Expr operand = expression(child(path, cast.getExpression()));
                return operand.type() == type ? operand : new Expr.Cast(type, operand);
            }
            case METHOD_INVOCATION:
                return arrays.isCopy(path) ? copy(path) : invocation(path, (MethodInvocationTree) tree);
            case ARRAY_ACCESS: {
                ArrayAccessTree access = (ArrayAccessTree) tree;
                Expr array = expression(child(path, access.getExpression()));
                if (!array.type().isArray()) {
                    throw scope.reject(path, new Message.UnsupportedExpression(describe(tree)));
                }
                Effects.Point afterArray = effects.point();
                Expr index = convert(expression(child(path, access.getIndex())), Type.INT);
                Expr element = new Expr.ArrayRead(held(afterArray, array, path), index);
                Optional<RecordShape> record =
                        Records.shape(scope.context.trees().getTypeMirror(path));
                if (record.isPresent() && !isComponentRead(path)) {
                    // A record taken from an array of records is a copy: a later write into the array must not reach
                    // it.
                    return records.copy(element, record.get(), scope.originOf(path));
                }
                return element;
            }
            case NEW_ARRAY:
                return newArray(path, (NewArrayTree) tree, null);
            case ASSIGNMENT:
            case PLUS_ASSIGNMENT:
            case MINUS_ASSIGNMENT:
            case MULTIPLY_ASSIGNMENT:
            case DIVIDE_ASSIGNMENT:
            case PREFIX_INCREMENT:
            case POSTFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_DECREMENT:
            case REMAINDER_ASSIGNMENT:
            case LEFT_SHIFT_ASSIGNMENT:
            case RIGHT_SHIFT_ASSIGNMENT:
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
            case AND_ASSIGNMENT:
            case OR_ASSIGNMENT:
            case XOR_ASSIGNMENT:
                return assignment(path, scope.originOf(path), true);
            default:
                throw scope.reject(path, new Message.UnsupportedExpression(describe(tree)));
        }
    }

    /**
     * An assignment, compound assignment, increment or decrement. Its store joins {@link #effects}; the result is the
     * expression's value: the target after the store, or before it for {@code i++}.
     *
     * @param valueUsed false for an expression statement, whose value nobody reads
     */
    Expr assignment(TreePath path, Origin origin, boolean valueUsed) {
        Tree tree = path.getLeaf();
        if (tree instanceof AssignmentTree assignment && isRecordElement(child(path, assignment.getVariable()))) {
            return recordStore(path, assignment, origin);
        }
        if (tree instanceof AssignmentTree assignment) {
            Place place = place(child(path, assignment.getVariable()));
            Effects.Point afterTarget = effects.point();
            Expr value = expression(child(path, assignment.getExpression()));
            place = heldAt(afterTarget, place, path);
            effects.add(place.store(value, origin));
            return place.read();
        }
        if (tree instanceof CompoundAssignmentTree assignment) {
            Place place = place(child(path, assignment.getVariable()));
            Effects.Point afterTarget = effects.point();
            Expr value = expression(child(path, assignment.getExpression()));
            place = heldAt(afterTarget, place, path);
            Expr current = held(afterTarget, place.read(), path);
            // Java's compound assignment casts back to the target's type: n += 0.5 stays an int.
            effects.add(place.store(binary(path, compoundOp(tree.getKind()), current, value), origin));
            return place.read();
        }
        Place place = place(child(path, ((UnaryTree) tree).getExpression()));
        Expr current = place.read();
        Tree.Kind kind = tree.getKind();
        boolean up = kind == Tree.Kind.PREFIX_INCREMENT || kind == Tree.Kind.POSTFIX_INCREMENT;
        Expr result = place.read();
        if (valueUsed && (kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.POSTFIX_DECREMENT)) {
            Var before = new Var("before", current.type());
            effects.add(new Stmt.Assign(before, current, origin));
            result = new Expr.Ref(before);
        }
        Expr one = convert(Expr.Literal.ofIntegral(Type.INT, 1), current.type());
        effects.add(place.store(new Expr.Binary(up ? BinaryOp.ADD : BinaryOp.SUB, current, one), origin));
        return result;
    }

    /** Whether the target is an element of an array of records ({@code ps[i]}). */
    private boolean isRecordElement(TreePath target) {
        while (target.getLeaf() instanceof ParenthesizedTree parens) {
            target = child(target, parens.getExpression());
        }
        return target.getLeaf() instanceof ArrayAccessTree
                && Records.shape(scope.context.trees().getTypeMirror(target)).isPresent();
    }

    /**
     * {@code ps[i] = q}: the record's doubles stored into the row one by one, from a record of their own (the value may
     * read the row it replaces).
     */
    private Expr recordStore(TreePath path, AssignmentTree assignment, Origin origin) {
        TreePath target = child(path, assignment.getVariable());
        while (target.getLeaf() instanceof ParenthesizedTree parens) {
            target = child(target, parens.getExpression());
        }
        ArrayAccessTree access = (ArrayAccessTree) target.getLeaf();
        RecordShape shape =
                Records.shape(scope.context.trees().getTypeMirror(target)).orElseThrow();
        Place rows = place(target, true);
        Effects.Point afterTarget = effects.point();
        Expr value = expression(child(path, assignment.getExpression()));
        rows = heldAt(afterTarget, rows, path);
        Var record = value instanceof Expr.Ref ref ? ref.var() : new Var("record#", Type.DOUBLE_ARRAY);
        if (!(value instanceof Expr.Ref)) {
            effects.add(new Stmt.Assign(record, value, origin));
        }
        Expr row = new Expr.ArrayRead(rows.array(), rows.index());
        for (int k = 0; k < shape.size(); k++) {
            Expr.Literal at = Expr.Literal.ofIntegral(Type.INT, k);
            effects.add(new Stmt.Store(row, at, new Expr.ArrayRead(new Expr.Ref(record), at), origin));
        }
        return new Expr.Ref(record);
    }

    /** The place, named by values taken at {@code point}: the element an assignment chose before its value. */
    private Place heldAt(Effects.Point point, Place place, TreePath path) {
        return place.var() != null
                ? place
                : new Place(null, held(point, place.array(), path), held(point, place.index(), path));
    }

    /**
     * {@code value}, evaluated at {@code point}, as the code after later assignments may read it. An array is never
     * copied into a temporary, which would alias it: an assignment that makes its variable name another array is
     * rejected instead.
     */
    private Expr held(Effects.Point point, Expr value, TreePath path) {
        if (!value.type().isArray()) {
            return point.hold(value, scope.originOf(path));
        }
        if (point.reassigns(value)) {
            throw scope.reject(
                    path, new Message.AssignmentInExpression(path.getLeaf().toString()));
        }
        return value;
    }

    /** What an assignment writes: a local variable, or an element of a local array ({@code m[i][j]} included). */
    private record Place(Var var, Expr array, Expr index) {
        Expr read() {
            return var != null ? new Expr.Ref(var) : new Expr.ArrayRead(array, index);
        }

        Stmt store(Expr value, Origin origin) {
            return var != null
                    ? new Stmt.Assign(var, convertTo(value, var.type()), origin)
                    : new Stmt.Store(array, index, convertTo(value, array.type().element()), origin);
        }
    }

    /** A record value as a new array of its doubles (itself if it is one); any other value as it is. */
    Expr freshRecord(TreePath path, Expr value) {
        Optional<RecordShape> shape = Records.shape(scope.context.trees().getTypeMirror(path));
        return shape.isPresent() && value.type() == Type.DOUBLE_ARRAY && !(value instanceof Expr.ArrayLiteral)
                ? records.copy(value, shape.get(), scope.originOf(path))
                : value;
    }

    /** Whether the expression is the record whose component an accessor or a field read reads: {@code ps[i].x()}. */
    private boolean isComponentRead(TreePath path) {
        TreePath parent = path.getParentPath();
        while (parent.getLeaf() instanceof ParenthesizedTree) {
            parent = parent.getParentPath();
        }
        if (!(parent.getLeaf() instanceof MemberSelectTree)) {
            return false;
        }
        Element member = scope.context.trees().getElement(parent);
        return member != null
                && (member.getKind() == ElementKind.FIELD
                        || (member instanceof ExecutableElement m
                                && Records.accessorOf(m).isPresent()));
    }

    private Place place(TreePath target) {
        return place(target, false);
    }

    /** @param rows whether the place may be a row of a matrix: the row of a record, which its store writes in turn */
    private Place place(TreePath target, boolean rows) {
        if (target.getLeaf() instanceof ParenthesizedTree parens) {
            return place(child(target, parens.getExpression()), rows);
        }
        if (target.getLeaf() instanceof ArrayAccessTree access) {
            TreePath arrayPath = child(target, access.getExpression());
            Expr array = arrayPath.getLeaf() instanceof ArrayAccessTree
                    ? expression(arrayPath)
                    : new Expr.Ref(variable(arrayPath));
            if (Exprs.base(array) == null) {
                throw scope.reject(
                        target, new Message.FieldWrite(access.getExpression().toString()));
            }
            if (!array.type().isArray()) {
                throw scope.reject(target, new Message.UnsupportedExpression(describe(access)));
            }
            if (array.type().element().isArray() && !rows) {
                throw scope.reject(target, new Message.RowAssignment(access.toString()));
            }
            Effects.Point afterArray = effects.point();
            Expr index = convert(expression(child(target, access.getIndex())), Type.INT);
            return new Place(null, held(afterArray, array, target), index);
        }
        return new Place(variable(target), null, null);
    }

    /** A local variable assigned to; fields are rejected. */
    private Var variable(TreePath path) {
        Element element = scope.context.trees().getElement(path);
        if (element != null && element.getKind() == ElementKind.FIELD) {
            throw scope.reject(
                    path, new Message.FieldWrite(element.getSimpleName().toString()));
        }
        Var var = scope.lookup(element);
        if (var != null) {
            return var;
        }
        throw scope.reject(path, new Message.UnsupportedExpression("assignment to " + path.getLeaf()));
    }

    private static BinaryOp compoundOp(Tree.Kind kind) {
        return switch (kind) {
            case PLUS_ASSIGNMENT -> BinaryOp.ADD;
            case MINUS_ASSIGNMENT -> BinaryOp.SUB;
            case MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
            case DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
            case LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
            case RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.USHR;
            case AND_ASSIGNMENT -> BinaryOp.BIT_AND;
            case OR_ASSIGNMENT -> BinaryOp.BIT_OR;
            case XOR_ASSIGNMENT -> BinaryOp.XOR;
            default -> BinaryOp.REM;
        };
    }

    /**
     * {@code c ? a : b}. Assignments inside {@code a} or {@code b} run only on their side, so the choice becomes a branch
     * assigning a temporary.
     */
    private Expr conditional(TreePath path, ConditionalExpressionTree c) {
        Expr condition = condition(child(path, c.getCondition()));
        Effects.Point afterCondition = effects.point();
        Expr ifTrue = expression(child(path, c.getTrueExpression()));
        List<Stmt> trueEffects = afterCondition.take();
        Expr ifFalse = expression(child(path, c.getFalseExpression()));
        List<Stmt> falseEffects = afterCondition.take();
        Type type = ifTrue.type() == ifFalse.type() ? ifTrue.type() : Type.promote(ifTrue.type(), ifFalse.type());
        // A record is chosen by a branch assigning it: its components then become scalars as any record local's.
        boolean record =
                Records.shape(scope.context.trees().getTypeMirror(path)).isPresent();
        if (trueEffects.isEmpty() && falseEffects.isEmpty() && !record) {
            return new Expr.Select(condition, convert(ifTrue, type), convert(ifFalse, type));
        }
        Origin origin = scope.originOf(path);
        Var chosen = new Var("chosen", type);
        trueEffects.add(new Stmt.Assign(chosen, convert(ifTrue, type), origin));
        falseEffects.add(new Stmt.Assign(chosen, convert(ifFalse, type), origin));
        effects.add(new Stmt.If(condition, trueEffects, falseEffects, origin));
        return new Expr.Ref(chosen);
    }

    /** {@code a && b} or {@code a || b} whose right operand assigns: the assignments run only when it is evaluated. */
    private Expr shortCircuit(TreePath path, boolean and, Expr left, List<Stmt> rightEffects, Expr right) {
        Origin origin = scope.originOf(path);
        Var result = new Var(and ? "both" : "either", Type.BOOLEAN);
        effects.add(new Stmt.Assign(result, left, origin));
        List<Stmt> evaluated = new ArrayList<>(rightEffects);
        evaluated.add(new Stmt.Assign(result, right, origin));
        Expr evaluate = and ? new Expr.Ref(result) : Algebra.not(new Expr.Ref(result));
        effects.add(new Stmt.If(evaluate, evaluated, List.of(), origin));
        return new Expr.Ref(result);
    }

    /**
     * Operands that Java evaluates left to right (a call's arguments, an array's elements): each is held in a temporary
     * when an assignment in a later one changes what it reads.
     */
    List<Expr> inOrder(List<Supplier<Expr>> operands, TreePath path) {
        List<Expr> values = new ArrayList<>();
        List<Effects.Point> after = new ArrayList<>();
        for (Supplier<Expr> operand : operands) {
            values.add(operand.get());
            after.add(effects.point());
        }
        // From the last to the first, so that a temporary inserted at one point does not move the points before it.
        for (int k = values.size() - 2; k >= 0; k--) {
            values.set(k, held(after.get(k), values.get(k), path));
        }
        return values;
    }

    /** {@code a.clone()}, {@code Arrays.copyOf(a, n)} inside an expression: a new array, filled before it is used. */
    private Expr copy(TreePath path) {
        Var copy = new Var("copy", scope.type(path, scope.context.trees().getTypeMirror(path), "the copy"));
        arrays.copyInto(copy, path, scope.originOf(path), effects.sink());
        return new Expr.Ref(copy);
    }

    /** A boolean expression: the condition of a branch or loop. */
    Expr condition(TreePath path) {
        Expr condition = expression(path);
        if (condition.type() != Type.BOOLEAN) {
            throw scope.reject(path, new Message.UnsupportedExpression(describe(path.getLeaf())));
        }
        return condition;
    }

    /**
     * {@code new double[n]}, {@code new double[r][c]}, {@code new double[] {a, b}}, or the bare initializer
     * {@code {a, b}} (rows {@code {{a, b}, {c, d}}} for a matrix) of a declaration.
     *
     * @param declared the array type the context expects, for a bare initializer; null otherwise
     */
    Expr newArray(TreePath path, NewArrayTree tree, Type declared) {
        TypeMirror mirror = scope.context.trees().getTypeMirror(path);
        Type type =
                mirror != null && mirror.getKind() == TypeKind.ARRAY ? scope.type(path, mirror, "the array") : declared;
        if (type == null || !type.isArray()) {
            throw scope.reject(path, new Message.UnsupportedExpression(describe(tree)));
        }
        if (tree.getInitializers() != null) {
            List<Supplier<Expr>> elements = new ArrayList<>();
            for (ExpressionTree e : tree.getInitializers()) {
                TreePath elementPath = child(path, e);
                Optional<RecordShape> record =
                        Records.shape(scope.context.trees().getTypeMirror(elementPath));
                elements.add(() -> e instanceof NewArrayTree row
                        ? newArray(elementPath, row, type.element())
                        : record.isPresent()
                                // A record in an array of records is a copy, which a write into the array replaces.
                                ? records.copy(expression(elementPath), record.get(), scope.originOf(elementPath))
                                : convert(expression(elementPath), type.element()));
            }
            return new Expr.ArrayLiteral(type, inOrder(elements, path));
        }
        Optional<RecordShape> record =
                mirror instanceof ArrayType array ? Records.shape(array.getComponentType()) : Optional.empty();
        if (record.isPresent() && tree.getDimensions().size() == 1) {
            // new Vec3[n]: n rows of the record's doubles, zeros where Java has nulls, which no read may meet.
            Expr rows = convert(expression(child(path, tree.getDimensions().get(0))), Type.INT);
            return new Expr.NewArray(
                    Type.DOUBLE_MATRIX,
                    List.of(rows, Expr.Literal.ofIntegral(Type.INT, record.get().size())));
        }
        int depth = type == Type.DOUBLE_MATRIX ? 2 : 1;
        if (tree.getDimensions().size() != depth) {
            throw scope.reject(
                    path, new Message.RaggedArray(scope.originOf(path).source()));
        }
        List<Supplier<Expr>> lengths = new ArrayList<>();
        for (ExpressionTree length : tree.getDimensions()) {
            lengths.add(() -> convert(expression(child(path, length)), Type.INT));
        }
        return new Expr.NewArray(type, inOrder(lengths, path));
    }

    /** Java's implicit widening, made explicit so every IR expression has the type its context expects. */
    Expr convert(Expr e, Type to) {
        return convertTo(e, to);
    }

    private static Expr convertTo(Expr e, Type to) {
        if (e.type() == to || !to.isNumeric() || !e.type().isNumeric()) {
            return e;
        }
        if (e instanceof Expr.Literal l) {
            return l.as(to);
        }
        return new Expr.Cast(to, e);
    }

    private Expr literal(LiteralTree tree) {
        Object value = tree.getValue();
        return switch (tree.getKind()) {
            case BOOLEAN_LITERAL -> Expr.Literal.ofBoolean((Boolean) value);
            case INT_LITERAL -> Expr.Literal.ofIntegral(Type.INT, ((Number) value).longValue());
            case LONG_LITERAL -> Expr.Literal.ofIntegral(Type.LONG, ((Number) value).longValue());
            default -> Expr.Literal.of(((Number) value).doubleValue());
        };
    }

    /** A local, a parameter, or a static field such as Math.PI. */
    private Expr name(TreePath path) {
        if (path.getLeaf() instanceof com.sun.source.tree.IdentifierTree id
                && id.getName().contentEquals("this")) {
            return self(path);
        }
        Element element = scope.context.trees().getElement(path);
        if (element instanceof VariableElement field && field.getKind() == ElementKind.FIELD) {
            scope.requireNameable(path, field.getEnclosingElement().asType(), "field " + field.getSimpleName());
            if (field.getModifiers().contains(Modifier.STATIC)) {
                return staticField(path, field);
            }
            // A field of this object, read without "this.": a constant (a component, in a record's own method).
            return fieldRead(path, self(path, field), field);
        }
        if (element != null && element.asType().getKind() == TypeKind.ERROR) {
            throw scope.silently();
        }
        if (element != null && element.getKind() == ElementKind.ENUM_CONSTANT) {
            // Kind.QUADRATIC: a constant object, compared with == or switched on.
            return new Expr.StaticField(
                    ClassName.get((TypeElement) element.getEnclosingElement()),
                    element.getSimpleName().toString(),
                    Type.OBJECT);
        }
        Var var = scope.lookup(element);
        if (var != null) {
            return new Expr.Ref(var);
        }
        throw scope.reject(path, new Message.UnsupportedExpression("'" + path.getLeaf() + "'"));
    }

    private Expr memberSelect(TreePath path, MemberSelectTree tree) {
        if (tree.getIdentifier().contentEquals("length")) {
            TypeMirror owner = scope.context.trees().getTypeMirror(child(path, tree.getExpression()));
            if (owner instanceof ArrayType) {
                return new Expr.ArrayLength(expression(child(path, tree.getExpression())));
            }
        }
        Element element = scope.context.trees().getElement(path);
        if (element instanceof VariableElement field
                && field.getKind() == ElementKind.FIELD
                && !field.getModifiers().contains(Modifier.STATIC)) {
            scope.requireNameable(path, field.getEnclosingElement().asType(), "field " + field.getSimpleName());
            return fieldRead(path, expression(child(path, tree.getExpression())), field);
        }
        return name(path);
    }

    /**
     * A field of an object: a constant, whose record of doubles is read through its accessors; a component of a record
     * computed as its array (in the record's own methods).
     */
    private Expr fieldRead(TreePath path, Expr object, VariableElement field) {
        Optional<RecordShape> owner = Records.shape(field.getEnclosingElement().asType());
        if (owner.isPresent() && object.type() == Type.DOUBLE_ARRAY) {
            return records.component(
                    object,
                    owner.get(),
                    owner.get().indexOf(field.getSimpleName().toString()),
                    scope.originOf(path));
        }
        Optional<RecordShape> record = Records.shape(field.asType());
        if (record.isPresent()) {
            scope.requireNameable(path, field.asType(), "field " + field.getSimpleName());
            return records.fromObject(
                    new Expr.FieldRead(object, MethodRefs.field(field), Type.OBJECT),
                    record.get(),
                    (TypeElement) scope.context.types().asElement(field.asType()),
                    scope.originOf(path));
        }
        return new Expr.FieldRead(
                object, MethodRefs.field(field), scope.type(path, field.asType(), "field " + field.getSimpleName()));
    }

    /** {@code this}, in an instance method. */
    private Expr self(TreePath path) {
        if (scope.receiver() == null) {
            throw scope.silently();
        }
        return new Expr.Ref(scope.receiver());
    }

    /**
     * {@code this}, for a member named without a receiver; a member of an inner class's enclosing instance is out of
     * the companion's reach.
     */
    private Expr self(TreePath path, Element member) {
        TypeElement owner = (TypeElement) member.getEnclosingElement();
        if (scope.receiver() != null && !scope.receiverHas(owner)) {
            throw scope.reject(
                    path,
                    new Message.UnsupportedExpression(
                            "the member " + member.getSimpleName() + " of the enclosing " + owner.getSimpleName()
                                    + " object (" + owner.getSimpleName() + ".this." + member.getSimpleName() + ")"));
        }
        return self(path);
    }

    private Expr staticField(TreePath path, VariableElement field) {
        Type type = scope.type(path, field.asType(), "field " + field.getSimpleName());
        Optional<RecordShape> record = Records.shape(field.asType());
        if (record.isPresent() && !field.getModifiers().contains(Modifier.PRIVATE)) {
            // A record constant (Vec3 GRAVITY = new Vec3(0, 0, -9.81)): its doubles, read through its accessors.
            return records.fromObject(
                    new Expr.StaticField(
                            ClassName.get((TypeElement) field.getEnclosingElement()),
                            field.getSimpleName().toString(),
                            Type.OBJECT),
                    record.get(),
                    (TypeElement) scope.context.types().asElement(field.asType()),
                    scope.originOf(path));
        }
        Object constant = field.getConstantValue();
        boolean hidden = field.getModifiers().contains(Modifier.PRIVATE);
        if (hidden && constant instanceof Number n) {
            // A private compile-time constant is folded in: the companion could not read the field.
            return type == Type.DOUBLE
                    ? Expr.Literal.of(n.doubleValue())
                    : Expr.Literal.ofIntegral(type, n.longValue());
        }
        if (hidden) {
            throw scope.reject(
                    path, new Message.Inaccessible(field.getSimpleName().toString()));
        }
        return new Expr.StaticField(
                ClassName.get((TypeElement) field.getEnclosingElement()),
                field.getSimpleName().toString(),
                type);
    }

    private Expr binary(TreePath path, BinaryTree tree) {
        boolean identity = tree.getKind() == Tree.Kind.EQUAL_TO || tree.getKind() == Tree.Kind.NOT_EQUAL_TO;
        if (identity
                && Records.shape(scope.context.trees().getTypeMirror(child(path, tree.getLeftOperand())))
                        .isPresent()
                && Records.shape(scope.context.trees().getTypeMirror(child(path, tree.getRightOperand())))
                        .isPresent()) {
            // Computed as their components, records keep no identity for == to compare.
            throw scope.reject(
                    path, new Message.RecordIdentity(scope.originOf(path).source()));
        }
        Expr left = expression(child(path, tree.getLeftOperand()));
        Effects.Point afterLeft = effects.point();
        Expr right = expression(child(path, tree.getRightOperand()));
        boolean shortCircuit =
                tree.getKind() == Tree.Kind.CONDITIONAL_AND || tree.getKind() == Tree.Kind.CONDITIONAL_OR;
        if (shortCircuit && afterLeft.passed()) {
            return shortCircuit(path, tree.getKind() == Tree.Kind.CONDITIONAL_AND, left, afterLeft.take(), right);
        }
        left = held(afterLeft, left, path);
        if (tree.getKind() == Tree.Kind.PLUS && isString(path)) {
            return new Expr.Concat(
                    asObject(left, scope.context.trees().getTypeMirror(child(path, tree.getLeftOperand())), path),
                    asObject(right, scope.context.trees().getTypeMirror(child(path, tree.getRightOperand())), path));
        }
        return binary(
                path,
                switch (tree.getKind()) {
                    case PLUS -> BinaryOp.ADD;
                    case MINUS -> BinaryOp.SUB;
                    case MULTIPLY -> BinaryOp.MUL;
                    case DIVIDE -> BinaryOp.DIV;
                    case REMAINDER -> BinaryOp.REM;
                    case LESS_THAN -> BinaryOp.LT;
                    case LESS_THAN_EQUAL -> BinaryOp.LE;
                    case GREATER_THAN -> BinaryOp.GT;
                    case GREATER_THAN_EQUAL -> BinaryOp.GE;
                    case EQUAL_TO -> BinaryOp.EQ;
                    case NOT_EQUAL_TO -> BinaryOp.NE;
                    case CONDITIONAL_AND -> BinaryOp.AND;
                    case CONDITIONAL_OR -> BinaryOp.OR;
                    case LEFT_SHIFT -> BinaryOp.SHL;
                    case RIGHT_SHIFT -> BinaryOp.SHR;
                    case UNSIGNED_RIGHT_SHIFT -> BinaryOp.USHR;
                    case AND -> BinaryOp.BIT_AND;
                    case OR -> BinaryOp.BIT_OR;
                    default -> BinaryOp.XOR;
                },
                left,
                right);
    }

    /**
     * {@code left op right} with Java's conversions made explicit, for an operator or a compound assignment at
     * {@code where}.
     */
    Expr binary(TreePath where, BinaryOp op, Expr left, Expr right) {
        boolean numeric = left.type().isNumeric() && right.type().isNumeric();
        if (!numeric || op == BinaryOp.AND || op == BinaryOp.OR) {
            return new Expr.Binary(op, left, right);
        }
        if (op.isShift()) {
            // A shift's type is its left operand's (promoted to int at least); the distance is any integer.
            return new Expr.Binary(op, convert(left, Type.promote(left.type(), Type.INT)), right);
        }
        // Java widens the narrower operand; making that explicit lets folding see 2 * x as 2.0 * x.
        Type operands = Type.promote(left.type(), right.type());
        return new Expr.Binary(op, convert(left, operands), convert(right, operands));
    }

    private boolean isString(TreePath path) {
        BinaryTree tree = (BinaryTree) path.getLeaf();
        if (tree.getLeftOperand().getKind() == Tree.Kind.STRING_LITERAL
                || tree.getRightOperand().getKind() == Tree.Kind.STRING_LITERAL) {
            return true;
        }
        TypeMirror type = scope.context.trees().getTypeMirror(path);
        return type != null && type.toString().equals("java.lang.String");
    }

    /**
     * {@code p.x()} on a record of doubles: the component itself, from the record's array; on a record object (the
     * receiver of a {@code @Differentiable} method declared in the record, a constant), the call.
     */
    private Expr accessor(TreePath path, MethodInvocationTree tree, ExecutableElement callee, int component) {
        Expr receiver = tree.getMethodSelect() instanceof MemberSelectTree select
                ? expression(child(child(path, select), select.getExpression()))
                : self(path, callee);
        RecordShape shape = Records.shape(callee.getEnclosingElement().asType()).orElseThrow();
        if (receiver.type() == Type.DOUBLE_ARRAY) {
            return records.component(receiver, shape, component, scope.originOf(path));
        }
        RecordShape.Component c = shape.components().get(component);
        Expr read = new Expr.Invoke(
                MethodRefs.onObject(callee, scope.context.trees()),
                receiver,
                List.of(),
                c.nested() == null ? Type.DOUBLE : Type.OBJECT,
                scope.originOf(path));
        return c.nested() == null
                ? read
                : records.fromObject(
                        read,
                        c.nested(),
                        (TypeElement) scope.context.types().asElement(callee.getReturnType()),
                        scope.originOf(path));
    }

    /** A record of doubles as the object Java passes ({@code println(p)}, {@code "at " + p}); any other value as it is. */
    private Expr asObject(Expr value, TypeMirror type, TreePath path) {
        Optional<RecordShape> shape = Records.shape(type);
        return shape.isPresent() && value.type() == Type.DOUBLE_ARRAY
                ? records.toObject(value, shape.get(), scope.originOf(path))
                : value;
    }

    private Expr invocation(TreePath path, MethodInvocationTree tree) {
        Element element = scope.context.trees().getElement(path);
        if (!(element instanceof ExecutableElement callee)) {
            // javac could not resolve the method: its own error says why.
            throw scope.silently();
        }
        if (isStream(callee) || isStreamResult(path, tree)) {
            // Read from its last call, for the whole pipeline; one it does not read is rejected once, as a whole.
            return streams.lower(path);
        }
        Optional<Integer> component = Records.accessorOf(callee);
        if (component.isPresent()) {
            return accessor(path, tree, callee, component.get());
        }
        List<Supplier<Expr>> operands = new ArrayList<>();
        for (ExpressionTree arg : tree.getArguments()) {
            operands.add(() -> expression(child(path, arg)));
        }
        List<Expr> args = new ArrayList<>(inOrder(operands, path));
        Optional<Expr> math = mathCall(callee, args);
        if (math.isPresent()) {
            return math.get();
        }
        scope.requireNameable(path, callee.getEnclosingElement().asType(), "the call of " + callee.getSimpleName());
        TypeElement checked = Records.withDeclaredConstructor(callee.getEnclosingElement(), scope.context.elements());
        if (checked != null && scope.context.trees().getTree(callee) != null) {
            // Reading the method would make javac attribute the record, and then reject its constructor.
            throw scope.reject(
                    path,
                    new Message.JavacRecordConstructor(checked.getSimpleName().toString()));
        }
        boolean effectCall = effectDepth > 0 && isJdk(callee);
        if (callee.isVarArgs() && !effectCall) {
            args = varargs(path, callee, args);
        }
        TypeMirror returnType = callee.getReturnType();
        if (returnType.getKind() == TypeKind.VOID && !effectCall && tree != helperStatement) {
            throw scope.reject(
                    path, new Message.UnsupportedExpression("a call of the void method " + callee.getSimpleName()));
        }
        Expr receiver = null;
        if (!callee.getModifiers().contains(Modifier.STATIC)) {
            receiver = tree.getMethodSelect() instanceof MemberSelectTree select
                    ? expression(child(child(path, select), select.getExpression()))
                    : self(path, callee);
        }
        boolean inlinable = !callee.getModifiers().contains(Modifier.ABSTRACT)
                && scope.context.trees().getTree(callee) != null;
        if (!inlinable) {
            // A library's method (or a record's own equals, hashCode, toString) takes and returns record objects.
            receiver = receiver == null
                    ? null
                    : asObject(receiver, callee.getEnclosingElement().asType(), path);
            for (int i = 0; i < args.size(); i++) {
                args.set(
                        i,
                        asObject(
                                args.get(i),
                                scope.context
                                        .trees()
                                        .getTypeMirror(
                                                child(path, tree.getArguments().get(i))),
                                path));
            }
        }
        // A print's or a message's arguments stay as written, which Java converts (and packs into a varargs array).
        for (int i = 0; i < args.size() && !effectCall; i++) {
            VariableElement parameter = callee.getParameters().get(i);
            if (isTypeVariable(parameter.asType())) {
                // <T> double f(T data, double x): T stands for objects, constants to the derivative. Where the body is
                // read, only an object variable may stand for T: another value would be boxed, a double's derivative
                // lost.
                if (inlinable && !(args.get(i) instanceof Expr.Ref ref && ref.type() == Type.OBJECT)) {
                    throw scope.reject(
                            path,
                            new Message.GenericMethod(
                                    callee.getSimpleName().toString(),
                                    parameter.getSimpleName().toString(),
                                    parameter.asType().toString(),
                                    args.get(i).type().javaName(),
                                    args.get(i).type().isDifferentiable()));
                }
                continue;
            }
            args.set(
                    i,
                    convert(
                            args.get(i),
                            scope.type(path, parameter.asType(), "a parameter of " + callee.getSimpleName())));
        }
        // A type variable's result has the type it takes at this call: Double for list.get(0) on a List<Double>.
        TypeMirror result = isTypeVariable(returnType) ? scope.context.trees().getTypeMirror(path) : returnType;
        Optional<RecordShape> record = Records.shape(result);
        if (!inlinable && record.isPresent()) {
            // A record object a library returns: its doubles, constants.
            Expr object = new Expr.Invoke(
                    MethodRefs.onObject(callee, scope.context.trees()),
                    receiver,
                    args,
                    Type.OBJECT,
                    scope.originOf(path));
            scope.requireNameable(path, result, "the result of " + callee.getSimpleName());
            return records.fromObject(
                    object, record.get(), (TypeElement) scope.context.types().asElement(result), scope.originOf(path));
        }
        return new Expr.Invoke(
                inlinable
                        ? MethodRefs.of(callee, scope.context.trees())
                        : MethodRefs.onObject(callee, scope.context.trees()),
                receiver,
                args,
                result.getKind() == TypeKind.VOID
                        ? Type.OBJECT
                        : unboxed(result)
                                .orElseGet(() -> scope.type(path, result, "the result of " + callee.getSimpleName())),
                scope.originOf(path));
    }

    /**
     * A call, as a statement of its own, of a method of this build: a helper that writes its results into the arrays
     * it is passed, BLAS style ({@code matVec(a, x, out)}), or one whose result is left unused (the arrays it writes,
     * or the assignments in its arguments, are what the caller wants). The inliner puts the helper's body in its
     * place. Empty for any other call.
     */
    Optional<Expr> helperCall(TreePath path) {
        Element element = scope.context.trees().getElement(path);
        if (!(element instanceof ExecutableElement callee)
                || callee.getModifiers().contains(Modifier.ABSTRACT)
                || scope.context.trees().getTree(callee) == null) {
            return Optional.empty();
        }
        helperStatement = path.getLeaf();
        try {
            return Optional.of(expression(path));
        } finally {
            helperStatement = null;
        }
    }

    private boolean isStream(ExecutableElement method) {
        return scope.context.elements().getPackageOf(method).getQualifiedName().contentEquals("java.util.stream");
    }

    /** {@code ....max().getAsDouble()}: a call on what a stream pipeline returned. */
    private boolean isStreamResult(TreePath path, MethodInvocationTree tree) {
        return tree.getMethodSelect() instanceof MemberSelectTree select
                && select.getExpression() instanceof MethodInvocationTree
                && scope.context.trees().getElement(child(child(path, select), select.getExpression()))
                        instanceof ExecutableElement inner
                && isStream(inner);
    }

    /** The primitive type of a box ({@code Double} is {@code double}); empty for other types. */
    private Optional<Type> unboxed(TypeMirror type) {
        try {
            return TypeMapper.map(scope.context.types().unboxedType(type));
        } catch (IllegalArgumentException notABox) {
            return Optional.empty();
        }
    }

    /**
     * The arguments of a varargs call as the method receives them: those in the varargs position gathered into an array
     * literal ({@code sum(x, y)} is {@code sum(new double[] {x, y})}), unless the call passes the array itself.
     */
    private List<Expr> varargs(TreePath path, ExecutableElement callee, List<Expr> args) {
        List<? extends VariableElement> params = callee.getParameters();
        int last = params.size() - 1;
        Optional<Type> mapped = TypeMapper.map(params.get(last).asType()).filter(Type::isArray);
        if (mapped.isEmpty()) {
            // String.format("%f", x): a call autodiff4j never inlines (it has no body here) stays as it is written.
            if (scope.context.trees().getTree(callee) != null) {
                throw scope.reject(
                        path, new Message.Varargs(callee.getSimpleName().toString()));
            }
            return args;
        }
        Type array = mapped.get();
        if (args.size() == params.size() && args.get(last).type() == array) {
            return args;
        }
        List<Expr> gathered = new ArrayList<>(args.subList(0, last));
        gathered.add(new Expr.ArrayLiteral(
                array,
                args.subList(last, args.size()).stream()
                        .map(a -> convert(a, array.element()))
                        .toList()));
        return gathered;
    }

    /** A type variable ({@code T}, {@code T[]}) of a generic method: it stands for objects. */
    private static boolean isTypeVariable(TypeMirror type) {
        TypeMirror element = type instanceof ArrayType array ? array.getComponentType() : type;
        return element.getKind() == TypeKind.TYPEVAR;
    }

    /** Math.sin(x) and friends; Math.abs(int) and other non-double overloads are plain calls. */
    private static Optional<Expr> mathCall(ExecutableElement callee, List<Expr> args) {
        String owner =
                ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
        boolean strict = owner.equals("java.lang.StrictMath");
        if (!strict && !owner.equals("java.lang.Math")) {
            return Optional.empty();
        }
        Optional<MathFunction> function = MathFunction.of(callee.getSimpleName().toString(), args.size());
        if (function.isEmpty() || callee.getReturnType().getKind() != TypeKind.DOUBLE) {
            return Optional.empty();
        }
        MathFunction f = function.get();
        List<Expr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            // Each parameter a double, but scalb's int exponent (scalb(float, int) is another overload).
            TypeKind expected = f.takesInt(i) ? TypeKind.INT : TypeKind.DOUBLE;
            if (callee.getParameters().get(i).asType().getKind() != expected) {
                return Optional.empty();
            }
            converted.add(f.takesInt(i) ? args.get(i) : widen(args.get(i)));
        }
        return Optional.of(new Expr.MathCall(f, strict, converted));
    }

    private static Expr widen(Expr e) {
        if (e.type() == Type.DOUBLE) {
            return e;
        }
        return e instanceof Expr.Literal l ? l.as(Type.DOUBLE) : new Expr.Cast(Type.DOUBLE, e);
    }

    /** The type a cast names; attribution may not have reached it yet, so read a primitive from the tree. */
    private TypeMirror castType(TreePath typePath) {
        if (typePath.getLeaf() instanceof PrimitiveTypeTree primitive) {
            return scope.context.types().getPrimitiveType(primitive.getPrimitiveTypeKind());
        }
        TypeMirror mirror = scope.context.trees().getTypeMirror(typePath);
        if (mirror == null) {
            throw scope.reject(typePath, new Message.UnsupportedExpression("a cast to " + typePath.getLeaf()));
        }
        return mirror;
    }
}
