/**
 * The derivative transforms, IR to IR: inlining ({@code Inliner}), three-address form ({@code ThreeAddress}),
 * forward mode ({@code Tangent}), reverse mode ({@code Adjoint}, which picks one of three strategies: loops are
 * reversed in {@code MirroredAdjoint}, early exits dispatched in {@code SegmentedAdjoint}, and what is saved on the
 * tape is {@code TapePlan}'s answer), and their composition into a method's derivative code
 * ({@code Differentiation}). May import {@code ir}, {@code model}, {@code analysis} and {@code simplify}, nothing of
 * javac's. The inliner asks for callee bodies and rules through an interface of its own ({@code Callees}), which the
 * driver implements over the front end, and hands back what it cannot inline as {@code InlineProblem}s.
 */
package io.github.autodiff4j.processor.transform;
