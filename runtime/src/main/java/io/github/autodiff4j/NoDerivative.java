package io.github.autodiff4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Differentiable} method as a constant: no derivative is computed with respect to it,
 * and the generated members take no tangent or adjoint for it, even if its type is {@code double} or
 * {@code double[]}. Use it for data, hyper-parameters and anything else the function is not differentiated by.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface NoDerivative {}
