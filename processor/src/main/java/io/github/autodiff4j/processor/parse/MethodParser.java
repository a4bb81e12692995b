package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.MathFunction;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.UnaryOp;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.simplify.Algebra;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a method body from javac's trees into the IR, reporting everything outside the supported subset at its exact
 * position. Types and symbols come from javac's attribution of the class, which {@link #parse} triggers.
 */
public final class MethodParser {
  private final Context context;

  public MethodParser(Context context) {
    this.context = context;
  }

  /** The method as an IR function over the given parameter variables, or empty after reporting why not. */
  public Optional<Function> parse(ExecutableElement method, List<Var> params) {
    TreePath methodPath = context.trees().getPath(method);
    if (methodPath == null || !(methodPath.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      context.diagnostics().error(method, Message.NO_SOURCE, method);
      return Optional.empty();
    }
    return new Reader(methodPath, method, params).read();
  }

  /** Thrown after a construct has been reported, to skip the rest of its statement. */
  private static final class Rejected extends RuntimeException {
    Rejected() {
      super(null, null, false, false);
    }
  }

  /** The state of reading one method. */
  private final class Reader {
    private final TreePath methodPath;
    private final ExecutableElement method;
    private final List<Var> params;
    private final Map<Element, Var> scope = new HashMap<>();
    private final List<Stmt> body = new ArrayList<>();
    private Origin origin;

    Reader(TreePath methodPath, ExecutableElement method, List<Var> params) {
      this.methodPath = methodPath;
      this.method = method;
      this.params = params;
      for (int i = 0; i < params.size(); i++) {
        scope.put(method.getParameters().get(i), params.get(i));
      }
    }

    Optional<Function> read() {
      int errorsBefore = context.diagnostics().errorCount();
      MethodTree tree = (MethodTree) methodPath.getLeaf();
      block(new TreePath(methodPath, tree.getBody()));
      if (context.diagnostics().errorCount() != errorsBefore) {
        return Optional.empty();
      }
      return Optional.of(new Function(method.getSimpleName().toString(), params, body, List.of()));
    }

    private void block(TreePath path) {
      for (StatementTree statement : ((BlockTree) path.getLeaf()).getStatements()) {
        TreePath child = new TreePath(path, statement);
        try {
          statement(child);
        } catch (Rejected reported) {
          // Already reported; go on to find the method's other problems.
        }
      }
    }

    private void statement(TreePath path) {
      Tree tree = path.getLeaf();
      origin = originOf(path);
      switch (tree.getKind()) {
        case BLOCK -> block(path);
        case VARIABLE -> declaration(path, (VariableTree) tree);
        case EXPRESSION_STATEMENT -> expressionStatement(child(path, ((ExpressionStatementTree) tree).getExpression()));
        case RETURN -> body.add(new Stmt.Return(expression(child(path, ((ReturnTree) tree).getExpression())), origin));
        case TRY -> reject(path, Message.TRY);
        case IF -> reject(path, Message.CONTROL_FLOW, "an if statement");
        case SWITCH -> reject(path, Message.CONTROL_FLOW, "a switch statement");
        case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP ->
            reject(path, Message.CONTROL_FLOW, "a loop");
        case EMPTY_STATEMENT -> { }
        default -> reject(path, Message.UNSUPPORTED_STATEMENT, describe(tree));
      }
    }

    private void declaration(TreePath path, VariableTree tree) {
      VariableElement element = (VariableElement) context.trees().getElement(path);
      Var var = new Var(tree.getName().toString(), type(path, element.asType(), "local variable " + tree.getName()));
      scope.put(element, var);
      if (tree.getInitializer() != null) {
        Expr value = expression(child(path, tree.getInitializer()));
        body.add(new Stmt.Assign(var, convert(value, var.type()), origin));
      }
    }

    private void expressionStatement(TreePath path) {
      Tree tree = path.getLeaf();
      switch (tree.getKind()) {
        case ASSIGNMENT -> {
          AssignmentTree assignment = (AssignmentTree) tree;
          Var target = target(child(path, assignment.getVariable()));
          body.add(new Stmt.Assign(target, convert(expression(child(path, assignment.getExpression())),
              target.type()), origin));
        }
        case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
          CompoundAssignmentTree assignment = (CompoundAssignmentTree) tree;
          Var target = target(child(path, assignment.getVariable()));
          Expr value = expression(child(path, assignment.getExpression()));
          // Java's compound assignment casts back to the target's type: n += 0.5 stays an int.
          Expr combined = new Expr.Binary(compoundOp(tree.getKind()), new Expr.Ref(target), value);
          body.add(new Stmt.Assign(target, convert(combined, target.type()), origin));
        }
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
          Var target = target(child(path, ((UnaryTree) tree).getExpression()));
          boolean up = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT;
          Expr one = target.type() == Type.DOUBLE ? Algebra.ONE : new Expr.Literal(Type.INT, 1);
          body.add(new Stmt.Assign(target,
              new Expr.Binary(up ? BinaryOp.ADD : BinaryOp.SUB, new Expr.Ref(target), one), origin));
        }
        default -> reject(path, Message.UNSUPPORTED_STATEMENT, describe(tree));
      }
    }

    /** The local variable an assignment writes; fields are rejected. */
    private Var target(TreePath path) {
      Element element = context.trees().getElement(path);
      Var var = element == null ? null : scope.get(element);
      if (var != null) {
        return var;
      }
      if (element != null && element.getKind() == ElementKind.FIELD) {
        throw reject(path, Message.FIELD_WRITE, element.getSimpleName());
      }
      throw reject(path, Message.UNSUPPORTED_EXPRESSION, "assignment to " + path.getLeaf());
    }

    private Expr expression(TreePath path) {
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
          throw reject(path, Message.FLOAT_TYPE, "literal " + tree);
        case IDENTIFIER:
        case MEMBER_SELECT:
          return name(path);
        case UNARY_MINUS:
          return new Expr.Unary(UnaryOp.NEG, expression(child(path, ((UnaryTree) tree).getExpression())));
        case UNARY_PLUS:
          return expression(child(path, ((UnaryTree) tree).getExpression()));
        case LOGICAL_COMPLEMENT:
          return new Expr.Unary(UnaryOp.NOT, expression(child(path, ((UnaryTree) tree).getExpression())));
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
          return binary(path, (BinaryTree) tree);
        case CONDITIONAL_EXPRESSION: {
          ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
          Expr ifTrue = expression(child(path, c.getTrueExpression()));
          Expr ifFalse = expression(child(path, c.getFalseExpression()));
          Type type = ifTrue.type() == ifFalse.type() ? ifTrue.type() : Type.promote(ifTrue.type(), ifFalse.type());
          return new Expr.Select(expression(child(path, c.getCondition())), convert(ifTrue, type),
              convert(ifFalse, type));
        }
        case TYPE_CAST: {
          TypeCastTree cast = (TypeCastTree) tree;
          Type type = type(path, castType(child(path, cast.getType())), "the cast");
          Expr operand = expression(child(path, cast.getExpression()));
          return operand.type() == type ? operand : new Expr.Cast(type, operand);
        }
        case METHOD_INVOCATION:
          return invocation(path, (MethodInvocationTree) tree);
        case ASSIGNMENT:
        case PLUS_ASSIGNMENT:
        case MINUS_ASSIGNMENT:
        case MULTIPLY_ASSIGNMENT:
        case DIVIDE_ASSIGNMENT:
        case PREFIX_INCREMENT:
        case POSTFIX_INCREMENT:
        case PREFIX_DECREMENT:
        case POSTFIX_DECREMENT:
          throw reject(path, Message.UNSUPPORTED_EXPRESSION,
              "an assignment inside an expression (" + tree + ")");
        default:
          throw reject(path, Message.UNSUPPORTED_EXPRESSION, describe(tree));
      }
    }

    private Expr literal(LiteralTree tree) {
      Object value = tree.getValue();
      return switch (tree.getKind()) {
        case BOOLEAN_LITERAL -> new Expr.Literal(Type.BOOLEAN, (Boolean) value ? 1 : 0);
        case INT_LITERAL -> new Expr.Literal(Type.INT, ((Number) value).doubleValue());
        case LONG_LITERAL -> new Expr.Literal(Type.LONG, ((Number) value).doubleValue());
        default -> Expr.Literal.of(((Number) value).doubleValue());
      };
    }

    /** A local, a parameter, or a static field such as Math.PI. */
    private Expr name(TreePath path) {
      Element element = context.trees().getElement(path);
      Var var = element == null ? null : scope.get(element);
      if (var != null) {
        return new Expr.Ref(var);
      }
      if (element instanceof VariableElement field && field.getKind() == ElementKind.FIELD
          && field.getModifiers().contains(Modifier.STATIC)) {
        Type type = type(path, field.asType(), "field " + field.getSimpleName());
        Object constant = field.getConstantValue();
        if (constant instanceof Number n) {
          // A compile-time constant is folded in, so it works even when the field is private.
          return readField(field, type, n);
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
          throw reject(path, Message.INACCESSIBLE, "field " + field.getSimpleName(), "companion class");
        }
        return new Expr.StaticField(ClassName.get((TypeElement) field.getEnclosingElement()),
            field.getSimpleName().toString(), type);
      }
      throw reject(path, Message.UNSUPPORTED_EXPRESSION, "'" + path.getLeaf() + "'");
    }

    private Expr readField(VariableElement field, Type type, Number value) {
      if (field.getModifiers().contains(Modifier.PRIVATE)) {
        return new Expr.Literal(type, value.doubleValue());
      }
      return new Expr.StaticField(ClassName.get((TypeElement) field.getEnclosingElement()),
          field.getSimpleName().toString(), type);
    }

    private Expr binary(TreePath path, BinaryTree tree) {
      if (tree.getKind() == Tree.Kind.PLUS && isString(path)) {
        throw reject(path, Message.UNSUPPORTED_EXPRESSION, "string concatenation (" + tree + ")");
      }
      Expr left = expression(child(path, tree.getLeftOperand()));
      Expr right = expression(child(path, tree.getRightOperand()));
      BinaryOp op = switch (tree.getKind()) {
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
        default -> BinaryOp.OR;
      };
      if (op == BinaryOp.REM && Type.promote(left.type(), right.type()) == Type.DOUBLE) {
        throw reject(path, Message.UNSUPPORTED_EXPRESSION, "the remainder of doubles (" + tree + ")");
      }
      // Java widens the narrower operand; making that explicit lets folding see 2 * x as 2.0 * x.
      Type operands = op.isArithmetic() || op.precedence() >= BinaryOp.EQ.precedence()
          ? (left.type().isNumeric() && right.type().isNumeric() ? Type.promote(left.type(), right.type()) : null)
          : null;
      return operands == null ? new Expr.Binary(op, left, right)
          : new Expr.Binary(op, convert(left, operands), convert(right, operands));
    }

    private Expr invocation(TreePath path, MethodInvocationTree tree) {
      Element element = context.trees().getElement(path);
      if (!(element instanceof ExecutableElement callee)) {
        throw reject(path, Message.UNSUPPORTED_EXPRESSION, "the call " + tree);
      }
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree arg : tree.getArguments()) {
        args.add(expression(child(path, arg)));
      }
      Optional<Expr> math = mathCall(callee, args);
      if (math.isPresent()) {
        return math.get();
      }
      if (callee.isVarArgs()) {
        throw reject(path, Message.UNSUPPORTED_EXPRESSION, "a call of the varargs method " + callee.getSimpleName());
      }
      TypeMirror returnType = callee.getReturnType();
      if (returnType.getKind() == TypeKind.VOID) {
        throw reject(path, Message.UNSUPPORTED_EXPRESSION, "a call of the void method " + callee.getSimpleName());
      }
      Expr receiver = null;
      if (!callee.getModifiers().contains(Modifier.STATIC)) {
        if (!(tree.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select)) {
          throw reject(path, Message.UNSUPPORTED_EXPRESSION, "a call of the instance method " + callee.getSimpleName());
        }
        TreePath selectPath = child(path, tree.getMethodSelect());
        receiver = expression(child(selectPath, select.getExpression()));
      }
      for (int i = 0; i < args.size(); i++) {
        args.set(i, convert(args.get(i), type(path, callee.getParameters().get(i).asType(), "a parameter of "
            + callee.getSimpleName())));
      }
      return new Expr.Invoke(callee, receiver, args, type(path, returnType, "the result of " + callee.getSimpleName()),
          originOf(path));
    }

    /** Math.sin(x) and friends; Math.abs(int) and other non-double overloads are plain calls. */
    private Optional<Expr> mathCall(ExecutableElement callee, List<Expr> args) {
      String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName().toString();
      boolean strict = owner.equals("java.lang.StrictMath");
      if (!strict && !owner.equals("java.lang.Math")) {
        return Optional.empty();
      }
      boolean allDouble = callee.getParameters().stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE);
      if (!allDouble || callee.getReturnType().getKind() != TypeKind.DOUBLE) {
        return Optional.empty();
      }
      return MathFunction.of(callee.getSimpleName().toString(), args.size())
          .map(f -> new Expr.MathCall(f, strict, args.stream().map(a -> convert(a, Type.DOUBLE)).toList()));
    }

    /** Java's implicit widening, made explicit so every IR expression has the type its context expects. */
    private Expr convert(Expr e, Type to) {
      if (e.type() == to || to == Type.BOOLEAN || to == Type.OBJECT) {
        return e;
      }
      if (e instanceof Expr.Literal l && to != Type.BOOLEAN) {
        return new Expr.Literal(to, to == Type.DOUBLE ? l.value() : (long) l.value());
      }
      return new Expr.Cast(to, e);
    }

    private boolean isString(TreePath path) {
      BinaryTree tree = (BinaryTree) path.getLeaf();
      if (tree.getLeftOperand().getKind() == Tree.Kind.STRING_LITERAL
          || tree.getRightOperand().getKind() == Tree.Kind.STRING_LITERAL) {
        return true;
      }
      TypeMirror type = context.trees().getTypeMirror(path);
      return type != null && type.toString().equals("java.lang.String");
    }

    /** The type a cast names; attribution may not have reached it yet, so read the primitive from the tree. */
    private TypeMirror castType(TreePath typePath) {
      if (typePath.getLeaf() instanceof com.sun.source.tree.PrimitiveTypeTree primitive) {
        return context.types().getPrimitiveType(primitive.getPrimitiveTypeKind());
      }
      TypeMirror mirror = context.trees().getTypeMirror(typePath);
      if (mirror == null) {
        throw reject(typePath, Message.UNSUPPORTED_EXPRESSION, "a cast to " + typePath.getLeaf());
      }
      return mirror;
    }

    private Type type(TreePath where, TypeMirror mirror, String what) {
      if (TypeMapper.isFloatLike(mirror)) {
        throw reject(where, Message.FLOAT_TYPE, what);
      }
      return TypeMapper.map(mirror)
          .orElseThrow(() -> reject(where, Message.UNSUPPORTED_TYPE, what, mirror));
    }

    private Rejected reject(TreePath path, Message message, Object... args) {
      context.diagnostics().error(path, message, args);
      return new Rejected();
    }

    private Origin originOf(TreePath path) {
      var unit = path.getCompilationUnit();
      long start = context.trees().getSourcePositions().getStartPosition(unit, path.getLeaf());
      long line = unit.getLineMap().getLineNumber(start);
      long end = context.trees().getSourcePositions().getEndPosition(unit, path.getLeaf());
      return new Origin(line, sourceText(unit, start, end, path.getLeaf()), path);
    }
  }

  /** The statement as the user wrote it, on one line; javac's own rendering if the file cannot be read. */
  private static String sourceText(com.sun.source.tree.CompilationUnitTree unit, long start, long end, Tree tree) {
    String text = tree.toString();
    try {
      CharSequence content = unit.getSourceFile().getCharContent(true);
      if (start >= 0 && end > start && end <= content.length()) {
        text = content.subSequence((int) start, (int) end).toString();
      }
    } catch (java.io.IOException | RuntimeException unreadable) {
      // Fall back to javac's rendering of the tree.
    }
    return text.replaceAll("\\s+", " ").trim();
  }

  private static TreePath child(TreePath parent, Tree tree) {
    return new TreePath(parent, tree);
  }

  private static BinaryOp compoundOp(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      default -> BinaryOp.REM;
    };
  }

  private static String describe(Tree tree) {
    String kind = tree.getKind().toString().toLowerCase().replace('_', ' ');
    return "'" + tree.toString().replaceAll("\\s+", " ").trim() + "' (" + kind + ")";
  }
}
