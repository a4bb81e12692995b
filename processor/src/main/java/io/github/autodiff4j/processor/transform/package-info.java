/**
 * The derivative transforms, IR to IR: inlining ({@code Inliner}), three-address form ({@code ThreeAddress}),
 * forward mode ({@code Tangent}), reverse mode ({@code Adjoint}, which picks one of three strategies: loops are
 * reversed in {@code MirroredAdjoint}, early exits dispatched in {@code SegmentedAdjoint}, and what is saved on the
 * tape is {@code TapePlan}'s answer), and their composition into a method's derivative code
 * ({@code Differentiation}). May import {@code ir}, {@code model}, {@code analysis} and {@code simplify};
 * {@code Inliner} still loads callee bodies through the front end (see {@code PipelineLayersTest}).
 */
package io.github.autodiff4j.processor.transform;
