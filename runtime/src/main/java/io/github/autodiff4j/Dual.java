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
 *       non-zero input tangent (and NaN for a zero one: see below);</li>
 *   <li>{@link #signum()}, {@link #floor()}, {@link #ceil()} and {@link #rint()} have derivative 0 everywhere;</li>
 *   <li>{@link #pow(Dual)} with a base of 0 or below contributes 0 (not NaN) to the derivative with respect to the exponent,
 *       and a power with exponent 0 has derivative 0 with respect to the base;</li>
 *   <li>{@link #hypot(Dual, Dual)} at the origin has derivative 0, like {@code abs} at 0.</li>
 * </ul>
 * <p><b>IEEE arithmetic.</b> Tangents are computed as generated {@code fooJvp} code computes them, formula for
 * formula: each operation multiplies its partial derivatives (those of the conventions above included) by its
 * operands' tangents, with no special case for a tangent of 0. NaN and infinities propagate as IEEE arithmetic says,
 * and a tangent of exactly 0 times an infinite (or NaN) partial derivative is NaN: {@code sqrt(x) + y} at
 * {@code x = 0}, along {@code y}, has tangent NaN here and in generated code alike, as in JAX and PyTorch. (Exempting
 * zero tangents would cost generated code a branch per operation.) Values follow {@link Math}.
 *
 * <p><b>Constants.</b> {@link #constant(double)} has a tangent of 0, which is a number like any other: where its
 * partial derivative is infinite the product is NaN ({@code Dual.constant(0).sqrt()} has tangent NaN, and so has
 * {@code Dual.constant(1).divide(x)} at {@code x = 0}). Generated code gives a constant no tangent at all. Where that
 * matters, keep the constant a {@code double} and use the overloads that take one ({@link #add(double)},
 * {@link #multiply(double)}, {@link #divide(double)}, {@link #pow(double)}, ...), or apply {@link Math} to it;
 * {@code c / x} is {@code x.pow(-1).multiply(c)}.
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
        return new Dual(value * other.value, other.value * tangent + value * other.tangent);
    }

    /**
     * Product with a constant.
     *
     * @param c the constant
     * @return {@code this · c}
     */
    public Dual multiply(double c) {
        return new Dual(value * c, c * tangent);
    }

    /**
     * Quotient: the derivative is {@code t/b - (q/b)·u} with {@code q = a/b}, as generated code computes it.
     *
     * @param other the divisor
     * @return {@code this / other}
     */
    public Dual divide(Dual other) {
        // q · (dy / y), not (q / y) · dy, which underflows where the product does not (as the generated code does).
        double q = value / other.value;
        return new Dual(q, tangent / other.value - q * (other.tangent / other.value));
    }

    /**
     * Quotient by a constant.
     *
     * @param c the constant divisor
     * @return {@code this / c}
     */
    public Dual divide(double c) {
        return new Dual(value / c, tangent / c);
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
        return new Dual(Math.sin(value), Math.cos(value) * tangent);
    }

    /**
     * Cosine; derivative {@code -sin x}.
     *
     * @return {@code cos(this)}
     */
    public Dual cos() {
        return new Dual(Math.cos(value), -(Math.sin(value) * tangent));
    }

    /**
     * Tangent; derivative {@code 1 + tan² x}.
     *
     * @return {@code tan(this)}
     */
    public Dual tan() {
        double t = Math.tan(value);
        return new Dual(t, (1 + t * t) * tangent);
    }

    /**
     * Arc sine; derivative {@code 1 / sqrt(1 - x²)}, infinite at ±1.
     *
     * @return {@code asin(this)}
     */
    public Dual asin() {
        return new Dual(Math.asin(value), tangent / Math.sqrt(1 - value * value));
    }

    /**
     * Arc cosine; derivative {@code -1 / sqrt(1 - x²)}, infinite at ±1.
     *
     * @return {@code acos(this)}
     */
    public Dual acos() {
        return new Dual(Math.acos(value), -(tangent / Math.sqrt(1 - value * value)));
    }

    /**
     * Arc tangent; derivative {@code 1 / (1 + x²)}.
     *
     * @return {@code atan(this)}
     */
    public Dual atan() {
        return new Dual(Math.atan(value), tangent / (1 + value * value));
    }

    /**
     * Hyperbolic sine; derivative {@code cosh x}.
     *
     * @return {@code sinh(this)}
     */
    public Dual sinh() {
        return new Dual(Math.sinh(value), Math.cosh(value) * tangent);
    }

    /**
     * Hyperbolic cosine; derivative {@code sinh x}.
     *
     * @return {@code cosh(this)}
     */
    public Dual cosh() {
        return new Dual(Math.cosh(value), Math.sinh(value) * tangent);
    }

    /**
     * Hyperbolic tangent; derivative {@code 1 - tanh² x}.
     *
     * @return {@code tanh(this)}
     */
    public Dual tanh() {
        double t = Math.tanh(value);
        return new Dual(t, (1 - t * t) * tangent);
    }

    /**
     * Exponential; derivative {@code exp x}.
     *
     * @return {@code exp(this)}
     */
    public Dual exp() {
        double e = Math.exp(value);
        return new Dual(e, e * tangent);
    }

    /**
     * {@code exp(x) - 1}, accurate near 0; derivative {@code exp x}, computed as {@code expm1(x) + 1}.
     *
     * @return {@code expm1(this)}
     */
    public Dual expm1() {
        double m = Math.expm1(value);
        return new Dual(m, (m + 1) * tangent);
    }

    /**
     * Natural logarithm; derivative {@code 1 / x}.
     *
     * @return {@code log(this)}
     */
    public Dual log() {
        return new Dual(Math.log(value), tangent / value);
    }

    /**
     * Base-10 logarithm; derivative {@code 1 / (x ln 10)}.
     *
     * @return {@code log10(this)}
     */
    public Dual log10() {
        return new Dual(Math.log10(value), tangent / (LN10 * value));
    }

    /**
     * {@code log(1 + x)}, accurate near 0; derivative {@code 1 / (1 + x)}.
     *
     * @return {@code log1p(this)}
     */
    public Dual log1p() {
        return new Dual(Math.log1p(value), tangent / (1 + value));
    }

    /**
     * Square root; derivative {@code 1 / (2 sqrt x)}, +Infinity at 0 (see the class conventions).
     *
     * @return {@code sqrt(this)}
     */
    public Dual sqrt() {
        double s = Math.sqrt(value);
        return new Dual(s, 0.5 / s * tangent);
    }

    /**
     * Cube root; derivative {@code 1 / (3 cbrt(x)²)}, +Infinity at 0.
     *
     * @return {@code cbrt(this)}
     */
    public Dual cbrt() {
        double c = Math.cbrt(value);
        return new Dual(c, tangent / (3 * (c * c)));
    }

    /**
     * Absolute value; derivative {@code signum x}, which is 0 at 0 (see the class conventions).
     *
     * @return {@code |this|}
     */
    public Dual abs() {
        return new Dual(Math.abs(value), Math.signum(value) * tangent);
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
        return new Dual(Math.toRadians(value), Math.PI / 180 * tangent);
    }

    /**
     * Radians to degrees; derivative {@code 180 / π}.
     *
     * @return {@code toDegrees(this)}
     */
    public Dual toDegrees() {
        return new Dual(Math.toDegrees(value), 180 / Math.PI * tangent);
    }

    /**
     * Power with a constant exponent; derivative {@code p·x^(p-1)}. With {@code p == 0} the power is the constant 1
     * and its tangent is exactly 0, as in generated code, where a literal exponent 0 leaves no derivative term.
     *
     * @param p the exponent
     * @return {@code this^p}
     */
    public Dual pow(double p) {
        double z = Math.pow(value, p);
        if (p == 0) {
            return constant(z);
        }
        // Below 1, p·z/x from the result (x^(p-1) underflows where x^p does not), but at 0, as the generated code does.
        double derivative = p < 1 && value != 0 ? p * z / value : p * Math.pow(value, p - 1);
        return new Dual(z, derivative * tangent);
    }

    /**
     * Power with a variable exponent: the derivative is {@code y·x^(y-1)·t + x^y·ln(x)·u}. At a base of 0 or below
     * (where the power exists only at some exponents) the partial derivative by the exponent is 0, not the NaN of
     * {@code ln(x)}; at an exponent of 0 the partial derivative by the base is 0.
     *
     * @param exponent the exponent
     * @return {@code this^exponent}
     */
    public Dual pow(Dual exponent) {
        double z = Math.pow(value, exponent.value);
        double byBase = exponent.value == 0 ? 0 : exponent.value * Math.pow(value, exponent.value - 1);
        double byExponent = value <= 0 ? 0 : z * Math.log(value);
        return new Dual(z, byBase * tangent + byExponent * exponent.tangent);
    }

    /**
     * The gap to the next double of larger magnitude, {@link Math#ulp(double)}; derivative 0 (a step function).
     *
     * @return {@code ulp(this)} with tangent 0
     */
    public Dual ulp() {
        return constant(Math.ulp(value));
    }

    /**
     * The next double towards +Infinity; derivative 1.
     *
     * @return {@code nextUp(this)}
     */
    public Dual nextUp() {
        return new Dual(Math.nextUp(value), tangent);
    }

    /**
     * The next double towards -Infinity; derivative 1.
     *
     * @return {@code nextDown(this)}
     */
    public Dual nextDown() {
        return new Dual(Math.nextDown(value), tangent);
    }

    /**
     * The next double towards {@code direction}; derivative 1 (and 0 by the direction, a step function of it).
     *
     * @param direction the direction
     * @return {@code nextAfter(this, direction)}
     */
    public Dual nextAfter(double direction) {
        return new Dual(Math.nextAfter(value, direction), tangent);
    }

    /**
     * {@code this · 2^n}, as {@link Math#scalb(double, int)}; derivative {@code 2^n}.
     *
     * @param n the power of two
     * @return {@code scalb(this, n)}
     */
    public Dual scalb(int n) {
        return new Dual(Math.scalb(value, n), Math.scalb(1.0, n) * tangent);
    }

    /**
     * The magnitude of this with the sign of {@code sign}, {@link Math#copySign(double, double)}: {@code |x|} or
     * {@code -|x|}, so its derivative is {@code signum(x) · copySign(1, sign)}, 0 at x = 0 as for {@link #abs()}; by
     * {@code sign} it is 0 (a step function).
     *
     * @param sign the operand whose sign is taken
     * @return {@code copySign(this, sign)}
     */
    public Dual copySign(Dual sign) {
        return new Dual(
                Math.copySign(value, sign.value), Math.signum(value) * Math.copySign(1.0, sign.value) * tangent);
    }

    /**
     * The remainder of Java's {@code %}: {@code this - q·d} with {@code q} the quotient truncated to an integer; the
     * derivative is {@code t - q·u}, where q is recovered as {@code rint((this - r) / d)}, as in generated code.
     *
     * @param divisor the divisor
     * @return {@code this % divisor}
     */
    public Dual remainder(Dual divisor) {
        double r = value % divisor.value;
        return new Dual(r, tangent + -Math.rint((value - r) / divisor.value) * divisor.tangent);
    }

    /**
     * {@link Math#IEEEremainder(double, double)}: {@code this - n·d} with {@code n} the integer nearest the quotient;
     * the derivative is {@code t - n·u}, n recovered as {@code rint((this - r) / d)}, as in generated code.
     *
     * @param divisor the divisor
     * @return {@code IEEEremainder(this, divisor)}
     */
    public Dual IEEEremainder(Dual divisor) {
        double r = Math.IEEEremainder(value, divisor.value);
        return new Dual(r, tangent + -Math.rint((value - r) / divisor.value) * divisor.tangent);
    }

    // ---- functions of several arguments ------------------------------------------------------------------------

    /**
     * Angle of the point {@code (x, y)}; partial derivatives {@code x / r²} by {@code y} and {@code -y / r²} by
     * {@code x}, where {@code r² = x² + y²} (computed by dividing by {@code hypot(y, x)} twice, which does not
     * overflow); at the origin both are NaN, and so is the tangent.
     *
     * @param y the ordinate
     * @param x the abscissa
     * @return {@code atan2(y, x)}
     */
    public static Dual atan2(Dual y, Dual x) {
        // x / (x² + y²) as x / h / h: the squares overflow from 1e154 on, where atan2's derivatives are finite.
        double h = Math.hypot(y.value, x.value);
        return new Dual(Math.atan2(y.value, x.value), x.value / h / h * y.tangent - y.value / h / h * x.tangent);
    }

    /**
     * Euclidean norm {@code sqrt(a² + b²)} without overflow; partial derivatives {@code a / h} and {@code b / h},
     * both 0 at the origin (see the class conventions).
     *
     * @param a the first coordinate
     * @param b the second coordinate
     * @return {@code hypot(a, b)}
     */
    public static Dual hypot(Dual a, Dual b) {
        double h = Math.hypot(a.value, b.value);
        double byA = h == 0 ? 0 : a.value / h;
        double byB = h == 0 ? 0 : b.value / h;
        return new Dual(h, byA * a.tangent + byB * b.tangent);
    }

    /**
     * Maximum: the tangent of the larger operand, and the average of both tangents at a tie (see the class
     * conventions). If either value is NaN, so is the value, and both partial derivatives are 0, as in generated
     * code (and JAX).
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code max(a, b)}
     */
    public static Dual max(Dual a, Dual b) {
        double tangent = winner(a.value, b.value) * a.tangent + winner(b.value, a.value) * b.tangent;
        return new Dual(Math.max(a.value, b.value), tangent);
    }

    /**
     * Minimum: the tangent of the smaller operand, and the average of both tangents at a tie (see the class
     * conventions). If either value is NaN, so is the value, and both partial derivatives are 0, as in generated
     * code (and JAX).
     *
     * @param a the first operand
     * @param b the second operand
     * @return {@code min(a, b)}
     */
    public static Dual min(Dual a, Dual b) {
        double tangent = winner(b.value, a.value) * a.tangent + winner(a.value, b.value) * b.tangent;
        return new Dual(Math.min(a.value, b.value), tangent);
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
        return new Dual(Math.fma(a.value, b.value, c.value), b.value * a.tangent + a.value * b.tangent + c.tangent);
    }

    /**
     * {@code value} kept within {@code [min, max]}, as {@code Math.clamp(double, double, double)} of JDK 21 computes
     * it ({@code min(max, max(value, min))}), differentiated as that composition: the tangent of whichever operand is
     * returned, and at a tie the average of the tied ones', as for {@link #max(Dual, Dual)} and
     * {@link #min(Dual, Dual)}.
     *
     * @param value the value
     * @param min the lower bound
     * @param max the upper bound
     * @return {@code clamp(value, min, max)}
     * @throws IllegalArgumentException if min is greater than max, or either is NaN, as {@code Math.clamp} does
     */
    public static Dual clamp(Dual value, Dual min, Dual max) {
        if (!(min.value < max.value)
                && (Double.isNaN(min.value) || Double.isNaN(max.value) || Double.compare(min.value, max.value) > 0)) {
            throw new IllegalArgumentException(min.value + " > " + max.value);
        }
        return min(max(value, min), max);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Partial derivative of {@code max(p, q)} by {@code p}: 1 when {@code p > q}, 1/2 at a tie, else 0 (so at NaN). */
    private static double winner(double p, double q) {
        return p > q ? 1 : p == q ? 0.5 : 0;
    }
}
