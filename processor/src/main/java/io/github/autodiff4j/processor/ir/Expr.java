package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** An expression of the IR. Expressions have no side effects: assignments are statements. */
public sealed interface Expr {

    Type type();

    /**
     * A numeric or boolean literal. Integral values are kept exactly in {@code integral} (a long beyond 2^53 has no exact
     * double); {@code value} is the double view used for folding.
     */
    record Literal(Type type, double value, long integral) implements Expr {
        public static Literal of(double value) {
            return new Literal(Type.DOUBLE, value, 0);
        }

        public static Literal ofIntegral(Type type, long value) {
            return new Literal(type, value, value);
        }

        public static Literal ofBoolean(boolean value) {
            return new Literal(Type.BOOLEAN, value ? 1 : 0, value ? 1 : 0);
        }

        /** The same number as a literal of another numeric type, converted as Java converts it. */
        public Literal as(Type to) {
            if (to == Type.DOUBLE) {
                return of(type == Type.DOUBLE ? value : (double) integral);
            }
            long converted = type == Type.DOUBLE ? (long) value : integral;
            return ofIntegral(to, to == Type.INT ? (int) converted : to == Type.CHAR ? (char) converted : converted);
        }

        public boolean is(double v) {
            return type == Type.DOUBLE && Double.compare(value, v) == 0;
        }
    }

    /**
     * A constant object written in the source: a string literal, or {@code null} (value null). A constant to the
     * derivative, as every object is.
     */
    record ObjectLiteral(String value) implements Expr {
        @Override
        public Type type() {
            return Type.OBJECT;
        }
    }

    /**
     * {@code left + right} where one side is a {@code String}: Java's string concatenation, for a message printed or
     * thrown. Active when a part is, so that a number read back from the string is not taken for a constant.
     */
    record Concat(Expr left, Expr right) implements Expr {
        @Override
        public Type type() {
            return Type.OBJECT;
        }
    }

    /** {@code new T(args)}: the exception a {@code throw} statement throws. */
    record New(com.palantir.javapoet.TypeName javaType, List<Expr> args) implements Expr {
        public New {
            args = List.copyOf(args);
        }

        @Override
        public Type type() {
            return Type.OBJECT;
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

    /** A read of an object's field, such as a model's weights: a constant to the derivative. */
    record FieldRead(Expr object, FieldRef field, Type type) implements Expr {}

    record Unary(UnaryOp op, Expr operand) implements Expr {
        @Override
        public Type type() {
            return op == UnaryOp.NOT ? Type.BOOLEAN : operand.type();
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        @Override
        public Type type() {
            if (op.isShift()) {
                return left.type();
            }
            boolean numeric = op.isArithmetic() || (op.isBitwise() && left.type() != Type.BOOLEAN);
            return numeric ? Type.promote(left.type(), right.type()) : Type.BOOLEAN;
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

    /**
     * A call of a function whose derivative the user supplied with {@code @DerivativeOf}: the derivative rules call the
     * rule's methods, which return the partials with respect to the function's double parameters.
     */
    record CustomCall(Callee function, DerivativeRule rule, List<Expr> args, Origin origin) implements Expr {
        @Override
        public Type type() {
            return Type.DOUBLE;
        }
    }

    /** A call of a derivative rule's method: a partial derivative, which second derivatives differentiate in turn. */
    record RuleCall(Callee callee, List<Expr> args, Type type, Origin origin) implements Expr {}

    /**
     * A recursive call through the companion: one call of {@code fooValueAndPartials}, which returns {@code {value,
     * partials...}} (one partial per active double parameter of {@code foo}), so that each level of the recursion runs
     * one gradient. Constant to first derivatives, which reach it through a {@link Linearized} of its entries; the
     * Hessian differentiates it ({@code differentiated}), and the tangent transform then calls
     * {@code fooValueAndPartialsJvp} instead ({@code withTangents}, args followed by their tangents), which returns
     * {@code {{value, partials...}, {their tangents...}}}.
     *
     * @param values the member returning the value and partials; {@code tangents} the one with their tangents
     * @param params the function's parameters, to tell the active double ones
     */
    record Recursion(
            Callee values,
            Callee tangents,
            List<MethodRef.Parameter> params,
            List<Expr> args,
            boolean differentiated,
            boolean withTangents,
            Origin origin)
            implements Expr {
        public Recursion {
            args = List.copyOf(args);
        }

        @Override
        public Type type() {
            return withTangents ? Type.DOUBLE_MATRIX : Type.DOUBLE_ARRAY;
        }

        /** Whether the function's parameter at this position is an active double, followed by a tangent. */
        public boolean isActive(int position) {
            MethodRef.Parameter p = params.get(position);
            return p.isDouble() && !p.noDerivative();
        }

        public Recursion withArgs(List<Expr> newArgs) {
            return new Recursion(values, tangents, params, newArgs, differentiated, withTangents, origin);
        }
    }

    /**
     * A call of a recursive method whose derivatives go through members generated for it (see
     * {@code transform.RecursionDerivatives}), one call per level of the recursion. {@link Role#VALUE} is the call
     * itself ({@code Owner.horner(c, x, i)}); the transforms turn it into the calls of the other roles' members. The
     * gradient's forward sweep records ({@link Role#RECORD}: the record member runs the recursion and keeps, on the
     * thread's {@code RecursionTape}, the values its recursive calls returned); its backward sweep calls the pullback
     * ({@link Role#PULLBACK}: the arguments, an adjoint array per array parameter, added into, and the seed; returns
     * {@code {value, adjoints of the doubles...}}), whose forward sweep replays those values ({@link Role#REPLAY})
     * rather than calling again, and whose backward sweep calls the pullbacks of its own calls. Forward mode calls the
     * pushforward ({@link Role#PUSHFORWARD}: a tangent after each argument that carries a derivative; returns {@code
     * {value, tangent}}); Hessians, the tangents of all these ({@code _TANGENT}), each returning its results followed
     * by their tangents.
     *
     * @param method the recursive method
     * @param differentiable for each of the method's parameters, whether it carries a derivative: a {@code double},
     *     {@code double[]} or {@code double[][]} (an {@code int} or an object is a constant)
     * @param base what the members' names start with: the method's name, prefixed with its class's for a method of
     *     another class than the companion's ({@code Helpers_hornerPullback}), so that two recursions of one name
     *     do not share them
     * @param member the name of the member for the role (for {@link Role#VALUE}, the method's own name)
     * @param companion the class whose public members these are: a library's {@code @Differentiable} function's
     *     companion, compiled earlier; null for the private members of the companion being generated
     * @param result the method's result: a {@code double}, or a {@code double[]} (a library's vector function, or a
     *     recursion returning a new array), whose pullback takes the result's adjoint array as its seed and returns
     *     only the doubles' adjoints
     */
    record RecursiveCall(
            MethodRef method,
            List<Boolean> differentiable,
            Type result,
            Role role,
            String base,
            String member,
            ClassName companion,
            List<Expr> args,
            Origin origin)
            implements Expr {
        public RecursiveCall {
            differentiable = List.copyOf(differentiable);
            args = List.copyOf(args);
        }

        /** Which member a recursive call goes through. */
        public enum Role {
            /** The method itself (a private one's copy). */
            VALUE,
            PUSHFORWARD,
            /** In a gradient's forward sweep: the record member, whose calls' values the pullback replays. */
            RECORD,
            /** In a record member: a call's record, its value kept for the level's pullback. */
            RECORD_KEPT,
            /** In a pullback's forward sweep: the value the record kept, taken back. */
            REPLAY,
            PULLBACK,
            RECORD_TANGENT,
            RECORD_KEPT_TANGENT,
            REPLAY_TANGENT,
            PULLBACK_TANGENT
        }

        @Override
        public Type type() {
            // A value and its tangent: two doubles in an array, or two arrays in a matrix.
            Type both = result == Type.DOUBLE ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
            return switch (role) {
                case VALUE, RECORD, RECORD_KEPT, REPLAY -> result;
                case PUSHFORWARD, RECORD_TANGENT, RECORD_KEPT_TANGENT, REPLAY_TANGENT -> both;
                case PULLBACK -> Type.DOUBLE_ARRAY;
                case PULLBACK_TANGENT -> Type.DOUBLE_MATRIX;
            };
        }

        /** Whether the method returns a {@code double[]}. */
        public boolean isVector() {
            return result == Type.DOUBLE_ARRAY;
        }

        public RecursiveCall with(Role newRole, String newMember, List<Expr> newArgs) {
            return new RecursiveCall(
                    method, differentiable, result, newRole, base, newMember, companion, newArgs, origin);
        }
    }

    /**
     * A value whose partial derivatives with respect to {@code args} are known atoms: a recursive call's result, with
     * the partials its {@link Recursion} returned. Its code is the value alone; the rules read the partials.
     */
    record Linearized(Expr value, List<Expr> args, List<Expr> partials) implements Expr {
        public Linearized {
            args = List.copyOf(args);
            partials = List.copyOf(partials);
        }

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

    record ArrayRead(Expr array, Expr index) implements Expr {
        @Override
        public Type type() {
            return array.type().element();
        }
    }

    record ArrayLength(Expr array) implements Expr {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    /** {@code new double[n]} or {@code new double[rows][columns]}: one length per dimension. */
    record NewArray(Type type, List<Expr> lengths) implements Expr {
        public NewArray {
            lengths = List.copyOf(lengths);
        }
    }

    /** A new array of zeros shaped like {@code array}, rows and all: the adjoint or tangent of an array. */
    record ZerosLike(Expr array) implements Expr {
        @Override
        public Type type() {
            return array.type();
        }
    }

    /** {@code new double[] {a, b}}, or the initializer {@code {a, b}}. */
    record ArrayLiteral(Type type, List<Expr> elements) implements Expr {
        public ArrayLiteral {
            elements = List.copyOf(elements);
        }
    }

    /** {@code array.clone()}: a returned array, kept from the backward sweep's restoring of the original. */
    record ArrayCopy(Expr array) implements Expr {
        @Override
        public Type type() {
            return array.type();
        }
    }

    /** The value the backward sweep takes back from the tape. */
    record TapePop(Type type) implements Expr {}

    /** How many entries the tape's int stack holds: where the backward sweep stops. */
    record TapeSize() implements Expr {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    /**
     * A call of any other method. With constant arguments it is a constant; with active arguments the inliner replaces it
     * by the callee's body, or reports that it cannot.
     *
     * @param receiver the object the method is called on, or null for a static call
     */
    record Invoke(MethodRef method, Expr receiver, List<Expr> args, Type type, Origin origin) implements Expr {}
}
