package io.github.autodiff4j.processor.parse;

import static io.github.autodiff4j.processor.parse.MethodScope.child;
import static io.github.autodiff4j.processor.parse.MethodScope.describe;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
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
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.UnaryOp;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads expressions into the IR, with Java's implicit conversions made explicit. */
final class ExpressionParser {
    private final MethodScope scope;
    /**
     * How deeply the expression being read is inside a print, a throw or an assert, whose values the generated code
     * computes as the function does and never differentiates: there {@code new} and varargs calls are read too.
     */
    private int effects;

    ExpressionParser(MethodScope scope) {
        this.scope = scope;
    }

    /** Reads an expression of a print, a throw or an assert statement. */
    Expr effect(TreePath path) {
        effects++;
        try {
            return expression(path);
        } finally {
            effects--;
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

    /** {@code new IllegalArgumentException("...")}, in a throw statement. */
    private Expr newObject(TreePath path, com.sun.source.tree.NewClassTree tree) {
        if (tree.getClassBody() != null || tree.getEnclosingExpression() != null) {
            throw scope.reject(path, Message.NEW_OBJECT, scope.originOf(path).source());
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
        if (kind == Tree.Kind.EQUAL_TO || kind == Tree.Kind.NOT_EQUAL_TO || effects > 0) {
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
                throw scope.reject(path, Message.FLOAT_TYPE, "literal " + tree, "float");
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
                    throw scope.reject(path, Message.NULL);
                }
                return new Expr.ObjectLiteral(null);
            case CHAR_LITERAL:
                return Expr.Literal.ofIntegral(Type.CHAR, (Character) ((LiteralTree) tree).getValue());
            case LAMBDA_EXPRESSION:
                throw scope.reject(path, Message.LAMBDA, scope.originOf(path).source(), "lambda");
            case MEMBER_REFERENCE:
                throw scope.reject(path, Message.LAMBDA, scope.originOf(path).source(), "method reference");
            case NEW_CLASS:
                if (effects > 0) {
                    return newObject(path, (com.sun.source.tree.NewClassTree) tree);
                }
                throw scope.reject(
                        path, Message.NEW_OBJECT, scope.originOf(path).source());
            case INSTANCE_OF:
                throw scope.reject(
                        path, Message.INSTANCEOF, scope.originOf(path).source());
            case SWITCH_EXPRESSION:
                // The statement reader takes a switch expression that is the whole value of a declaration, an
                // assignment, a return or a yield; anywhere else its cases could not run as Java runs them.
                throw scope.reject(path, Message.SWITCH_EXPRESSION_PLACE);
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
                Expr ifTrue = expression(child(path, c.getTrueExpression()));
                Expr ifFalse = expression(child(path, c.getFalseExpression()));
                Type type =
                        ifTrue.type() == ifFalse.type() ? ifTrue.type() : Type.promote(ifTrue.type(), ifFalse.type());
                return new Expr.Select(
                        condition(child(path, c.getCondition())), convert(ifTrue, type), convert(ifFalse, type));
            }
            case TYPE_CAST: {
                TypeCastTree cast = (TypeCastTree) tree;
                Type type = scope.type(path, castType(child(path, cast.getType())), "the cast");
                Expr operand = expression(child(path, cast.getExpression()));
                return operand.type() == type ? operand : new Expr.Cast(type, operand);
            }
            case METHOD_INVOCATION:
                return invocation(path, (MethodInvocationTree) tree);
            case ARRAY_ACCESS: {
                ArrayAccessTree access = (ArrayAccessTree) tree;
                Expr array = expression(child(path, access.getExpression()));
                if (!array.type().isArray()) {
                    throw scope.reject(path, Message.UNSUPPORTED_EXPRESSION, describe(tree));
                }
                return new Expr.ArrayRead(array, convert(expression(child(path, access.getIndex())), Type.INT));
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
                throw scope.reject(path, Message.ASSIGNMENT_IN_EXPRESSION, tree);
            default:
                throw scope.reject(path, Message.UNSUPPORTED_EXPRESSION, describe(tree));
        }
    }

    /** A boolean expression: the condition of a branch or loop. */
    Expr condition(TreePath path) {
        Expr condition = expression(path);
        if (condition.type() != Type.BOOLEAN) {
            throw scope.reject(path, Message.UNSUPPORTED_EXPRESSION, describe(path.getLeaf()));
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
            throw scope.reject(path, Message.UNSUPPORTED_EXPRESSION, describe(tree));
        }
        if (tree.getInitializers() != null) {
            List<Expr> elements = new ArrayList<>();
            for (ExpressionTree e : tree.getInitializers()) {
                TreePath elementPath = child(path, e);
                elements.add(
                        e instanceof NewArrayTree row
                                ? newArray(elementPath, row, type.element())
                                : convert(expression(elementPath), type.element()));
            }
            return new Expr.ArrayLiteral(type, elements);
        }
        int depth = type == Type.DOUBLE_MATRIX ? 2 : 1;
        if (tree.getDimensions().size() != depth) {
            throw scope.reject(path, Message.RAGGED_ARRAY, scope.originOf(path).source());
        }
        List<Expr> lengths = new ArrayList<>();
        for (ExpressionTree length : tree.getDimensions()) {
            lengths.add(convert(expression(child(path, length)), Type.INT));
        }
        return new Expr.NewArray(type, lengths);
    }

    /** Java's implicit widening, made explicit so every IR expression has the type its context expects. */
    Expr convert(Expr e, Type to) {
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
            if (field.getModifiers().contains(Modifier.STATIC)) {
                return staticField(path, field);
            }
            // A field of this object, read without "this.": a constant.
            return new Expr.FieldRead(
                    self(path, field), field, scope.type(path, field.asType(), "field " + field.getSimpleName()));
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
        throw scope.reject(path, Message.UNSUPPORTED_EXPRESSION, "'" + path.getLeaf() + "'");
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
            return new Expr.FieldRead(
                    expression(child(path, tree.getExpression())),
                    field,
                    scope.type(path, field.asType(), "field " + field.getSimpleName()));
        }
        return name(path);
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
                    Message.UNSUPPORTED_EXPRESSION,
                    "the member " + member.getSimpleName()
                            + " of the enclosing " + owner.getSimpleName() + " object (" + owner.getSimpleName()
                            + ".this."
                            + member.getSimpleName() + ")");
        }
        return self(path);
    }

    private Expr staticField(TreePath path, VariableElement field) {
        Type type = scope.type(path, field.asType(), "field " + field.getSimpleName());
        Object constant = field.getConstantValue();
        boolean hidden = field.getModifiers().contains(Modifier.PRIVATE);
        if (hidden && constant instanceof Number n) {
            // A private compile-time constant is folded in: the companion could not read the field.
            return type == Type.DOUBLE
                    ? Expr.Literal.of(n.doubleValue())
                    : Expr.Literal.ofIntegral(type, n.longValue());
        }
        if (hidden) {
            throw scope.reject(path, Message.INACCESSIBLE, "field " + field.getSimpleName(), "companion class");
        }
        return new Expr.StaticField(
                ClassName.get((TypeElement) field.getEnclosingElement()),
                field.getSimpleName().toString(),
                type);
    }

    private Expr binary(TreePath path, BinaryTree tree) {
        Expr left = expression(child(path, tree.getLeftOperand()));
        Expr right = expression(child(path, tree.getRightOperand()));
        if (tree.getKind() == Tree.Kind.PLUS && isString(path)) {
            return new Expr.Concat(left, right);
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
        if (op == BinaryOp.REM && Type.promote(left.type(), right.type()) == Type.DOUBLE) {
            throw scope.reject(
                    where, Message.DOUBLE_REMAINDER, scope.originOf(where).source());
        }
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

    private Expr invocation(TreePath path, MethodInvocationTree tree) {
        Element element = scope.context.trees().getElement(path);
        if (!(element instanceof ExecutableElement callee)) {
            // javac could not resolve the method: its own error says why.
            throw scope.silently();
        }
        List<Expr> args = new ArrayList<>();
        for (ExpressionTree arg : tree.getArguments()) {
            args.add(expression(child(path, arg)));
        }
        Optional<Expr> math = mathCall(callee, args);
        if (math.isPresent()) {
            return math.get();
        }
        boolean effectCall = effects > 0 && isJdk(callee);
        if (callee.isVarArgs() && !effectCall) {
            throw scope.reject(path, Message.VARARGS, callee.getSimpleName());
        }
        TypeMirror returnType = callee.getReturnType();
        if (returnType.getKind() == TypeKind.VOID && !effectCall) {
            throw scope.reject(
                    path, Message.UNSUPPORTED_EXPRESSION, "a call of the void method " + callee.getSimpleName());
        }
        Expr receiver = null;
        if (!callee.getModifiers().contains(Modifier.STATIC)) {
            receiver = tree.getMethodSelect() instanceof MemberSelectTree select
                    ? expression(child(child(path, select), select.getExpression()))
                    : self(path, callee);
        }
        if (effectCall) {
            // A print or a message: the arguments as written, which Java converts (and packs into a varargs array)
            // itself.
            return new Expr.Invoke(
                    callee,
                    receiver,
                    args,
                    returnType.getKind() == TypeKind.VOID
                            ? Type.OBJECT
                            : scope.type(path, returnType, "the result of " + callee.getSimpleName()),
                    scope.originOf(path));
        }
        for (int i = 0; i < args.size(); i++) {
            VariableElement parameter = callee.getParameters().get(i);
            rejectTypeVariable(path, callee, parameter.asType(), "its parameter " + parameter.getSimpleName());
            args.set(
                    i,
                    convert(
                            args.get(i),
                            scope.type(path, parameter.asType(), "a parameter of " + callee.getSimpleName())));
        }
        rejectTypeVariable(path, callee, returnType, "its result");
        return new Expr.Invoke(
                callee,
                receiver,
                args,
                scope.type(path, returnType, "the result of " + callee.getSimpleName()),
                scope.originOf(path));
    }

    /** A type variable ({@code T}, {@code T[]}) of a generic method stands for objects: say so, rather than "type T". */
    private void rejectTypeVariable(TreePath path, ExecutableElement callee, TypeMirror type, String what) {
        TypeMirror element = type instanceof ArrayType array ? array.getComponentType() : type;
        if (element.getKind() == TypeKind.TYPEVAR) {
            throw scope.reject(path, Message.GENERIC_METHOD, callee.getSimpleName(), what, type);
        }
    }

    /** Math.sin(x) and friends; Math.abs(int) and other non-double overloads are plain calls. */
    private static Optional<Expr> mathCall(ExecutableElement callee, List<Expr> args) {
        String owner =
                ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
        boolean strict = owner.equals("java.lang.StrictMath");
        if (!strict && !owner.equals("java.lang.Math")) {
            return Optional.empty();
        }
        boolean allDouble =
                callee.getParameters().stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE);
        if (!allDouble || callee.getReturnType().getKind() != TypeKind.DOUBLE) {
            return Optional.empty();
        }
        return MathFunction.of(callee.getSimpleName().toString(), args.size())
                .map(f -> new Expr.MathCall(
                        f, strict, args.stream().map(a -> widen(a)).toList()));
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
            throw scope.reject(typePath, Message.UNSUPPORTED_EXPRESSION, "a cast to " + typePath.getLeaf());
        }
        return mirror;
    }
}
