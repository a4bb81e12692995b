/**
 * The intermediate representation every stage shares: typed expressions and statements over variables
 * ({@code Expr}, {@code Stmt}, {@code Var}), functions, their printing, the algebra that builds expressions with
 * constants folded ({@code Algebra}), and the one table of derivative rules ({@code DerivativeRules}: where a Math
 * function's derivative is defined). Values, not mutable trees: a pass builds new statements. The methods and fields
 * it refers to are values too ({@code MethodRef}, {@code FieldRef}), read by the front end, which alone opens their
 * handles and an {@code Origin}'s position. Imports no stage, and nothing of javac's.
 */
package io.github.autodiff4j.processor.ir;
