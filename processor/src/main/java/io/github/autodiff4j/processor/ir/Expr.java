package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/** An expression of the IR. Expressions have no side effects: assignments are statements. */
public sealed interface Expr {

  Type type();

  /** A numeric or boolean literal; int, long and boolean values are held exactly in the double. */
  record Literal(Type type, double value) implements Expr {
    public static Literal of(double value) {
      return new Literal(Type.DOUBLE, value);
    }

    public boolean is(double v) {
      return type == Type.DOUBLE && Double.compare(value, v) == 0;
    }
  }

  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }
  }

  /** A read of a static field, such as {@code Math.PI} or the user's {@code static final double K}. */
  record StaticField(ClassName owner, String name, Type type) implements Expr {}

  record Unary(UnaryOp op, Expr operand) implements Expr {
    @Override
    public Type type() {
      return op == UnaryOp.NOT ? Type.BOOLEAN : operand.type();
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    @Override
    public Type type() {
      return op.isArithmetic() ? Type.promote(left.type(), right.type()) : Type.BOOLEAN;
    }
  }

  record Cast(Type type, Expr operand) implements Expr {}

  /** A {@code Math} or {@code StrictMath} function of doubles, whose derivative the rule table knows. */
  record MathCall(MathFunction function, boolean strict, List<Expr> args) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /** {@code condition ? ifTrue : ifFalse}. */
  record Select(Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
    @Override
    public Type type() {
      return ifTrue.type() == ifFalse.type() ? ifTrue.type() : Type.promote(ifTrue.type(), ifFalse.type());
    }
  }

  /**
   * A call of any other method. With constant arguments it is a constant; with active arguments the inliner replaces it
   * by the callee's body, or reports that it cannot.
   *
   * @param receiver the object the method is called on, or null for a static call
   */
  record Invoke(ExecutableElement method, Expr receiver, List<Expr> args, Type type, Origin origin)
      implements Expr {}
}
