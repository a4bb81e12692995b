/**
 * Clean-ups of generated IR that keep its meaning: merged adjoint accumulations ({@code Accumulations}) and dead
 * code ({@code DeadCode}). Imports the IR only.
 */
package io.github.autodiff4j.processor.simplify;
