package io.github.autodiff4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose derivatives the autodiff4j annotation processor generates at compile time.
 *
 * <p>The method must not be {@code private}, and must return {@code double} (a scalar function) or {@code double[]}
 * (a vector function). Its active inputs are its parameters of type {@code double}, {@code double[]} and
 * {@code double[][]}; parameters of other types, and those annotated {@link NoDerivative}, are constants. An instance
 * method may be annotated too: every generated member then takes the receiver first, its fields are constants, and a
 * receiver whose class overrides a body the members differentiate is refused with an
 * {@code IllegalArgumentException} (see {@link ReceiverCheck}).
 *
 * <p>For a class {@code p.Foo} the processor generates a companion class {@code p.FooDiff} (for a nested class
 * {@code p.Outer.Inner}: {@code p.Outer_InnerDiff}). For a scalar method {@code double foo(double x, double[] w, int n)}
 * it holds:
 * <ul>
 *   <li>{@code FooGradient fooGrad(double x, double[] w, int n)}: reverse mode; a record {@code (value, x, w)} with
 *       the function's value and the partial derivative with respect to each active parameter;</li>
 *   <li>{@code Dual fooJvp(double x, double dx, double[] w, double[] dw, int n)}: forward mode, each active parameter
 *       followed by its tangent; returns the value and the directional derivative as a {@link Dual};</li>
 *   <li>{@code double[][] fooHessian(double x, double[] w, int n)}: the symmetric matrix of second derivatives over
 *       the active inputs, flattened;</li>
 *   <li>{@code GradientCheck.Report fooCheck(double x, double[] w, int n)}: compares {@code fooGrad} and
 *       {@code fooJvp} with {@link NumericDiff} applied to {@code foo} itself (see {@link GradientCheck}).</li>
 * </ul>
 * For a vector method {@code double[] bar(double[] x, double t)} it holds {@code barJacobian},
 * {@code barJvp} (returning a {@link DualVector}), {@code barVjp} and {@code barCheck}.
 *
 * <p>At points where the derivative is not defined the generated code follows fixed conventions, the same as
 * {@link Dual}'s: {@code abs} at 0 has derivative 0, {@code max}/{@code min} at a tie split the derivative evenly,
 * {@code sqrt} at 0 gives +Infinity, rounding functions have derivative 0, and {@code pow(x, y)} with
 * {@code x <= 0} contributes 0 to the derivative with respect to {@code y}. Elsewhere both follow IEEE arithmetic: a
 * zero tangent times an infinite derivative is NaN (and so is a zero adjoint in reverse mode). Where control flow
 * depends on active values, the derivative is that of the computation that actually ran.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {}
