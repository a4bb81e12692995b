package io.github.autodiff4j.samples;

/**
 * A tiny symbolic differentiator for the {@link FourWays} sample: expressions in one variable {@code x} built from
 * constants, sums, products, {@code sin}, {@code cos} and {@code exp}; their derivative by the textbook rules; and a
 * simplifier that folds constants and drops zeros and ones. It shows what symbolic differentiation is (formulas in,
 * formulas out) and why it needs simplifying; autodiff4j itself never builds formulas, it generates code.
 */
sealed interface Expression {

    /** The variable {@code x}. */
    Expression X = new Variable();

    /**
     * The value at {@code x}.
     *
     * @param x the point
     * @return the value
     */
    double at(double x);

    /**
     * The derivative by {@code x}, by the rules alone: unsimplified.
     *
     * @return the derivative
     */
    Expression derivative();

    /**
     * An equal expression with constants folded, {@code 0 + e}, {@code 1 * e} and {@code 0 * e} removed, and
     * {@code e + e} written {@code 2 * e}; applied bottom-up.
     *
     * @return the simplified expression
     */
    Expression simplify();

    static Expression constant(double c) {
        return new Constant(c);
    }

    static Expression sum(Expression a, Expression b) {
        return new Sum(a, b);
    }

    static Expression product(Expression a, Expression b) {
        return new Product(a, b);
    }

    static Expression sin(Expression a) {
        return new Call(Function.SIN, a);
    }

    static Expression cos(Expression a) {
        return new Call(Function.COS, a);
    }

    static Expression exp(Expression a) {
        return new Call(Function.EXP, a);
    }

    /** A number. */
    record Constant(double value) implements Expression {

        @Override
        public double at(double x) {
            return value;
        }

        @Override
        public Expression derivative() {
            return constant(0);
        }

        @Override
        public Expression simplify() {
            return this;
        }

        boolean is(double c) {
            return value == c;
        }

        @Override
        public String toString() {
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    /** The variable. */
    record Variable() implements Expression {

        @Override
        public double at(double x) {
            return x;
        }

        @Override
        public Expression derivative() {
            return constant(1);
        }

        @Override
        public Expression simplify() {
            return this;
        }

        @Override
        public String toString() {
            return "x";
        }
    }

    /** {@code a + b}: sum rule. */
    record Sum(Expression a, Expression b) implements Expression {

        @Override
        public double at(double x) {
            return a.at(x) + b.at(x);
        }

        @Override
        public Expression derivative() {
            return sum(a.derivative(), b.derivative());
        }

        @Override
        public Expression simplify() {
            Expression left = a.simplify();
            Expression right = b.simplify();
            if (left instanceof Constant l && right instanceof Constant r) {
                return constant(l.value() + r.value());
            }
            if (left instanceof Constant l && l.is(0)) {
                return right;
            }
            if (right instanceof Constant r && r.is(0)) {
                return left;
            }
            return left.equals(right) ? product(constant(2), left).simplify() : sum(left, right);
        }

        @Override
        public String toString() {
            // a + (-1 * b) reads a - b
            if (b instanceof Product p && p.a() instanceof Constant c && c.is(-1)) {
                return a + " - " + Product.factor(p.b());
            }
            return a + " + " + b;
        }
    }

    /** {@code a * b}: product rule. */
    record Product(Expression a, Expression b) implements Expression {

        @Override
        public double at(double x) {
            return a.at(x) * b.at(x);
        }

        @Override
        public Expression derivative() {
            return sum(product(a.derivative(), b), product(a, b.derivative()));
        }

        @Override
        public Expression simplify() {
            Expression left = a.simplify();
            Expression right = b.simplify();
            if (right instanceof Constant && !(left instanceof Constant)) { // constants first
                Expression swap = left;
                left = right;
                right = swap;
            }
            if (left instanceof Constant l) {
                if (right instanceof Constant r) {
                    return constant(l.value() * r.value());
                }
                if (l.is(0)) {
                    return left;
                }
                if (l.is(1)) {
                    return right;
                }
                if (right instanceof Product p && p.a() instanceof Constant c) {
                    return product(constant(l.value() * c.value()), p.b());
                }
            }
            return product(left, right);
        }

        @Override
        public String toString() {
            if (a instanceof Constant c && c.is(-1)) {
                return "-" + factor(b);
            }
            return factor(a) + "*" + factor(b);
        }

        static String factor(Expression e) {
            return e instanceof Sum ? "(" + e + ")" : e.toString();
        }
    }

    /** A function of one argument: chain rule. */
    record Call(Function function, Expression argument) implements Expression {

        @Override
        public double at(double x) {
            double u = argument.at(x);
            return switch (function) {
                case SIN -> Math.sin(u);
                case COS -> Math.cos(u);
                case EXP -> Math.exp(u);
            };
        }

        @Override
        public Expression derivative() {
            Expression outer = switch (function) {
                case SIN -> cos(argument);
                case COS -> product(constant(-1), sin(argument));
                case EXP -> this;
            };
            return product(outer, argument.derivative());
        }

        @Override
        public Expression simplify() {
            return new Call(function, argument.simplify());
        }

        @Override
        public String toString() {
            return function.name().toLowerCase(java.util.Locale.ROOT) + "(" + argument + ")";
        }
    }

    /** The functions a {@link Call} may apply. */
    enum Function {
        SIN,
        COS,
        EXP
    }
}
