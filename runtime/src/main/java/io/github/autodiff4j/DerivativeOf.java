package io.github.autodiff4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the derivative of a function that the processor should not (or cannot) differentiate through: a special
 * function such as {@code erf}, a library call, or a numerically better rule than the one it would derive.
 *
 * <p>The annotated method takes the same parameters as the function and returns its partial derivatives with respect
 * to the function's {@code double} parameters: a {@code double} when there is one such parameter, a {@code double[]}
 * with one entry per {@code double} parameter, in order, otherwise. It must be {@code static} and not
 * {@code private}. For example:
 * <pre>{@code
 * static double erf(double x) { ... }
 *
 * @DerivativeOf("erf")
 * static double erfDerivative(double x) {
 *   return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 * }
 * }</pre>
 * For a function of several {@code double}s, the partials can instead come one per method, each naming its
 * parameter with {@link #wrt()}. One rule serves forward mode, reverse mode and Hessians: for second derivatives the processor differentiates the
 * derivative method itself, through its body or through a {@code @DerivativeOf} of its own. Where it can do neither,
 * a Hessian that needs it is a compile error saying so. The processor checks the signature at compile time and
 * reports a mismatch at this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {

    /**
     * The name of the function this method differentiates.
     *
     * @return the function's name
     */
    String value();

    /**
     * The class that declares the function, when it is not the annotated method's own class (a library's, say).
     *
     * @return the declaring class, or {@code void.class} for the annotated method's own class
     */
    Class<?> of() default void.class;

    /**
     * The one {@code double} parameter this method gives the partial derivative for, when the function has several:
     * then the method returns a {@code double}, and each parameter can have its own rule. Empty (the default) for a
     * method that returns all the partials.
     *
     * @return the parameter's name, or empty
     */
    String wrt() default "";
}
