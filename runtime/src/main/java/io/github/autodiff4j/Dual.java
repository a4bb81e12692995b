package io.github.autodiff4j;

/**
 * A dual number {@code value + tangent·ε} with {@code ε² = 0}: a value together with its derivative along one
 * direction. Every operation applies the chain rule, so evaluating a function on
 * {@code Dual.variable(x)} yields {@code f(x)} and {@code f'(x)}: forward-mode differentiation by hand. Generated
 * {@code fooJvp} methods return one.
 *
 * <p><b>Conventions at points where the derivative is not defined</b> (the same ones the generated code uses):
 * <ul>
 *   <li>{@link #abs()} at 0 has derivative 0;</li>
 *   <li>{@link #max(Dual, Dual)} and {@link #min(Dual, Dual)} at a tie give the average of the two tangents (the
 *       adjoint is split evenly);</li>
 *   <li>{@link #sqrt()} and {@link #cbrt()} at 0 have derivative +Infinity, so the tangent is ±Infinity for a
 *       non-zero input tangent;</li>
 *   <li>{@link #signum()}, {@link #floor()}, {@link #ceil()} and {@link #rint()} have derivative 0 everywhere;</li>
 *   <li>{@link #pow(Dual)} with a base of 0 contributes 0 (not NaN) to the derivative with respect to the exponent,
 *       and a power with exponent 0 has derivative 0 with respect to the base;</li>
 *   <li>{@link #hypot(Dual, Dual)} at the origin has derivative 0, like {@code abs} at 0.</li>
 * </ul>
 * <p><b>Zero tangents.</b> An input whose tangent is exactly zero contributes exactly zero to the result's tangent,
 * even where the local derivative is infinite or NaN (for example {@code sqrt} of a constant 0, or {@code log} of a
 * constant -1). This keeps constants from turning tangents into NaN through {@code 0·Infinity}. The value itself
 * still follows {@link Math}.
 *
 * @param value   the value
 * @param tangent the derivative of the value along the chosen direction
 */
public record Dual(double value, double tangent) {

    private static final double LN10 = Math.log(10);

    /**
     * A constant: its tangent is 0.
     *
     * @param v the value
     * @return {@code Dual(v, 0)}
     */
    public static Dual constant(double v) {
        return new Dual(v, 0);
    }

    /**
     * The variable being differentiated by: its tangent is 1.
     *
     * @param v the value
     * @return {@code Dual(v, 1)}
     */
    public static Dual variable(double v) {
        return new Dual(v, 1);
    }

    // ---- arithmetic --------------------------------------------------------------------------------------------

    /**
     * Sum.
     *
     * @param other the other operand
     * @return {@code this + other}
     */
    public Dual add(Dual other) {
        return new Dual(value + other.value, tangent + other.tangent);
    }

    /**
     * Sum with a constant.
     *
     * @param c the constant
     * @return {@code this + c}
     */
    public Dual add(double c) {
        return new Dual(value + c, tangent);
    }

    /**
     * Difference.
     *
     * @param other the subtrahend
     * @return {@code this - other}
     */
    public Dual subtract(Dual other) {
        return new Dual(value - other.value, tangent - other.tangent);
    }

    /**
     * Difference with a constant.
     *
     * @param c the constant
     * @return {@code this - c}
     */
    public Dual subtract(double c) {
        return new Dual(value - c, tangent);
    }

    /**
     * Product: the derivative is {@code t·b + a·u}.
     *
     * @param other the other factor
     * @return {@code this · other}
     */
    public Dual multiply(Dual other) {
        return new Dual(value * other.value, chain(other.value, tangent) + chain(value, other.tangent));
    }

    /**
     * Product with a constant.
     *
     * @param c the constant
     * @return {@code this · c}
     */
    public Dual multiply(double c) {
        return new Dual(value * c, chain(c, tangent));
    }

    /**
     * Quotient: the derivative is {@code (t - (a/b)·u) / b}.
     *
     * @param other the divisor
     * @return {@code this / other}
     */
    public Dual divide(Dual other) {
        double q = value / other.value;
        return new Dual(q, quotient(tangent - chain(q, other.tangent), other.value));
    }

    /**
     * Quotient by a constant.
     *
     * @param c the constant divisor
     * @return {@code this / c}
     */
    public Dual divide(double c) {
        return new Dual(value / c, quotient(tangent, c));
    }

    /**
     * Negation.
     *
     * @return {@code -this}
     */
    public Dual negate() {
        return new Dual(-value, -tangent);
    }

    // ---- functions of one argument -----------------------------------------------------------------------------

    /**
     * Sine; derivative {@code cos x}.
     *
     * @return {@code sin(this)}
     */
    public Dual sin() {
        return new Dual(Math.sin(value), chain(Math.cos(value), tangent));
    }

    /**
     * Cosine; derivative {@code -sin x}.
     *
     * @return {@code cos(this)}
     */
    public Dual cos() {
        return new Dual(Math.cos(value), chain(-Math.sin(value), tangent));
    }

    /**
     * Tangent; derivative {@code 1 + tan² x}.
     *
     * @return {@code tan(this)}
     */
    public Dual tan() {
        double t = Math.tan(value);
        return new Dual(t, chain(1 + t * t, tangent));
    }

    /**
     * Arc sine; derivative {@code 1 / sqrt(1 - x²)}, infinite at ±1.
     *
     * @return {@code asin(this)}
     */
    public Dual asin() {
        return new Dual(Math.asin(value), quotient(tangent, Math.sqrt((1 - value) * (1 + value))));
    }

    /**
     * Arc cosine; derivative {@code -1 / sqrt(1 - x²)}, infinite at ±1.
     *
     * @return {@code acos(this)}
     */
    public Dual acos() {
        return new Dual(Math.acos(value), quotient(-tangent, Math.sqrt((1 - value) * (1 + value))));
    }

    /**
     * Arc tangent; derivative {@code 1 / (1 + x²)}.
     *
     * @return {@code atan(this)}
     */
    public Dual atan() {
        return new Dual(Math.atan(value), quotient(tangent, 1 + value * value));
    }

    /**
     * Hyperbolic sine; derivative {@code cosh x}.
     *
     * @return {@code sinh(this)}
     */
    public Dual sinh() {
        return new Dual(Math.sinh(value), chain(Math.cosh(value), tangent));
    }

    /**
     * Hyperbolic cosine; derivative {@code sinh x}.
     *
     * @return {@code cosh(this)}
     */
    public Dual cosh() {
        return new Dual(Math.cosh(value), chain(Math.sinh(value), tangent));
    }

    /**
     * Hyperbolic tangent; derivative {@code 1 - tanh² x}.
     *
     * @return {@code tanh(this)}
     */
    public Dual tanh() {
        double t = Math.tanh(value);
        return new Dual(t, chain(1 - t * t, tangent));
    }

    /**
     * Exponential; derivative {@code exp x}.
     *
     * @return {@code exp(this)}
     */
    public Dual exp() {
        double e = Math.exp(value);
        return new Dual(e, chain(e, tangent));
    }

    /**
     * {@code exp(x) - 1}, accurate near 0; derivative {@code exp x}.
     *
     * @return {@code expm1(this)}
     */
    public Dual expm1() {
        return new Dual(Math.expm1(value), chain(Math.exp(value), tangent));
    }

    /**
     * Natural logarithm; derivative {@code 1 / x}.
     *
     * @return {@code log(this)}
     */
    public Dual log() {
        return new Dual(Math.log(value), quotient(tangent, value));
    }

    /**
     * Base-10 logarithm; derivative {@code 1 / (x ln 10)}.
     *
     * @return {@code log10(this)}
     */
    public Dual log10() {
        return new Dual(Math.log10(value), quotient(tangent, value * LN10));
    }

    /**
     * {@code log(1 + x)}, accurate near 0; derivative {@code 1 / (1 + x)}.
     *
     * @return {@code log1p(this)}
     */
    public Dual log1p() {
        return new Dual(Math.log1p(value), quotient(tangent, 1 + value));
    }

    /**
     * Square root; derivative {@code 1 / (2 sqrt x)}, +Infinity at 0 (see the class conventions).
     *
     * @return {@code sqrt(this)}
     */
    public Dual sqrt() {
        double s = Math.sqrt(value);
        return new Dual(s, chain(0.5 / s, tangent));
    }

    /**
     * Cube root; derivative {@code 1 / (3 cbrt(x)²)}, +Infinity at 0.
     *
     * @return {@code cbrt(this)}
     */
    public Dual cbrt() {
        double c = Math.cbrt(value);
        return new Dual(c, quotient(tangent, 3 * c * c));
    }

    /**
     * Absolute value; derivative {@code signum x}, and 0 at 0 (see the class conventions).
     *
     * @return {@code |this|}
     */
    public Dual abs() {
        return new Dual(Math.abs(value), value == 0 ? 0 : Math.signum(value) * tangent);
    }

    /**
     * Sign; derivative 0.
     *
     * @return {@code signum(this)} with tangent 0
     */
    public Dual signum() {
        return constant(Math.signum(value));
    }

    /**
     * Floor; derivative 0.
     *
     * @return {@code floor(this)} with tangent 0
     */
    public Dual floor() {
        return constant(Math.floor(value));
    }

    /**
     * Ceiling; derivative 0.
     *
     * @return {@code ceil(this)} with tangent 0
     */
    public Dual ceil() {
        return constant(Math.ceil(value));
    }

    /**
     * Rounding to the nearest integer (ties to even); derivative 0.
     *
     * @return {@code rint(this)} with tangent 0
     */
    public Dual rint() {
        return constant(Math.rint(value));
    }

    /**
     * Degrees to radians; derivative {@code π / 180}.
     *
     * @return {@code toRadians(this)}
     */
    public Dual toRadians() {
        return new Dual(Math.toRadians(value), Math.toRadians(tangent));
    }

    /**
     * Radians to degrees; derivative {@code 180 / π}.
     *
     * @return {@code toDegrees(this)}
     */
    public Dual toDegrees() {
        return new Dual(Math.toDegrees(value), Math.toDegrees(tangent));
    }

    /**
     * Power with a constant exponent; derivative {@code p·x^(p-1)}, and 0 when {@code p == 0}.
     *
     * @param p the exponent
     * @return {@code this^p}
     */
    public Dual pow(double p) {
        return new Dual(Math.pow(value, p), chain(powBaseDerivative(value, p), tangent));
    }

    /**
     * Power with a variable exponent: the derivative is {@code y·x^(y-1)·t + x^y·ln(x)·u}. A base of 0 contributes
     * 0 to the second term (not NaN); an exponent of 0 contributes 0 to the first. For a negative base the second
     * term is NaN unless the exponent's tangent is 0.
     *
     * @param exponent the exponent
     * @return {@code this^exponent}
     */
    public Dual pow(Dual exponent) {
        double z = Math.pow(value, exponent.value);
        double byBase = chain(powBaseDerivative(value, exponent.value), tangent);
        double byExponent = value == 0 ? 0 : chain(z * Math.log(value), exponent.tangent);
        return new Dual(z, byBase + byExponent);
    }

    // ---- functions of several arguments ------------------------------------------------------------------------

    /**
     * Angle of the point {@code (x, y)}; partial derivatives {@code x / r²} by {@code y} and {@code -y / r²} by
     * {@code x}, where {@code r² = x² + y²} (computed as {@code hypot(x, y)²}, which does not overflow); at the origin the tangent is NaN unless both input tangents are 0.
     *
     * @param y the ordinate
     * @param x the abscissa
     * @return {@code atan2(y, x)}
     */
    public static Dual atan2(Dual y, Dual x) {
        // x / (x² + y²) as x / h / h: the squares overflow from 1e154 on, where atan2's derivatives are finite.
        double h = Math.hypot(x.value, y.value);
        return new Dual(Math.atan2(y.value, x.value),
                chain(x.value / h / h, y.tangent) - chain(y.value / h / h, x.tangent));
    }

    /**
     * Euclidean norm {@code sqrt(a² + b²)} without overflow; partial derivatives {@code a / h} and {@code b / h},
     * and 0 at the origin (see the class conventions).
     *
     * @param a the first coordinate
     * @param b the second coordinate
     * @return {@code hypot(a, b)}
     */
    public static Dual hypot(Dual a, Dual b) {
        double h = Math.hypot(a.value, b.value);
        if (h == 0) {
            return new Dual(h, 0);
        }
        return new Dual(h, chain(a.value / h, a.tangent) + chain(b.value / h, b.tangent));
    }

    /**
     * Maximum: the tangent of the larger operand, and the average of both tangents at a tie (see the class
     * conventions). NaN if either value is NaN.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code max(a, b)}
     */
    public static Dual max(Dual a, Dual b) {
        return new Dual(Math.max(a.value, b.value), select(a.value, b.value, a.tangent, b.tangent));
    }

    /**
     * Minimum: the tangent of the smaller operand, and the average of both tangents at a tie (see the class
     * conventions). NaN if either value is NaN.
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code min(a, b)}
     */
    public static Dual min(Dual a, Dual b) {
        return new Dual(Math.min(a.value, b.value), select(b.value, a.value, a.tangent, b.tangent));
    }

    /**
     * Fused multiply-add {@code a·b + c} with one rounding, as {@link Math#fma(double, double, double)}; the
     * derivative is {@code t_a·b + a·t_b + t_c}.
     *
     * @param a the first factor
     * @param b the second factor
     * @param c the addend
     * @return {@code a·b + c}
     */
    public static Dual fma(Dual a, Dual b, Dual c) {
        return new Dual(Math.fma(a.value, b.value, c.value),
                chain(b.value, a.tangent) + chain(a.value, b.tangent) + c.tangent);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Chain-rule term {@code derivative · t}, exactly 0 when {@code t} is 0 so that 0·Infinity is not NaN. */
    private static double chain(double derivative, double t) {
        return t == 0 ? 0 : derivative * t;
    }

    /** Chain-rule term {@code t / divisor}, exactly 0 when {@code t} is 0 so that 0/0 is not NaN. */
    private static double quotient(double t, double divisor) {
        return t == 0 ? 0 : t / divisor;
    }

    /** {@code d/dx x^p}; 0 for {@code p == 0}, where {@code 0·x^-1} would be NaN at {@code x == 0}. */
    private static double powBaseDerivative(double x, double p) {
        return p == 0 ? 0 : p * Math.pow(x, p - 1);
    }

    /** Tangent of max/min: {@code first} when {@code p > q}, {@code second} when {@code p < q}, the mean at a tie. */
    private static double select(double p, double q, double first, double second) {
        if (p > q) {
            return first;
        }
        if (p < q) {
            return second;
        }
        return p == q ? 0.5 * first + 0.5 * second : Double.NaN;
    }
}
