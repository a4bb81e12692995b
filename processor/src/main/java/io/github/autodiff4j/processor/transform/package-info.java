/**
 * The derivative transforms, IR to IR: inlining ({@code Inliner}), three-address form ({@code ThreeAddress}),
 * forward mode ({@code Tangent}), reverse mode ({@code Adjoint}: where loops are reversed and what is saved on the
 * tape), and their composition into a method's derivative code ({@code Differentiation}). May import {@code ir},
 * {@code model}, {@code analysis} and {@code simplify}; {@code Inliner} still loads callee bodies through the front
 * end (see {@code PipelineLayersTest}).
 */
package io.github.autodiff4j.processor.transform;
