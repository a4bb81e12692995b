/**
 * The annotation processor: finds each {@code @Differentiable} method, runs the stages on it, and reports every
 * failure at the method, so that one method's failure leaves the others generated. The stages, in order:
 * {@code parse} (javac's trees to the IR), {@code transform} with {@code analysis} and {@code simplify} (the IR to its
 * derivatives), {@code emit} (the derivatives to Java source). This package may import every stage; it holds what
 * runs them: the context shared by one round ({@code Context}), the diagnostics and their texts ({@code Message}),
 * the JVM limits a companion must fit ({@code MethodSizes}, {@code ParameterSlots}), and the inliner's view of the
 * callees, over the front end ({@code JavacCallees}), which reports the inliner's problems as messages.
 */
package io.github.autodiff4j.processor;
