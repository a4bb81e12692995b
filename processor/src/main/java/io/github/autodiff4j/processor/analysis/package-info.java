/**
 * Facts about an IR function that the transforms decide by: which variables carry derivatives ({@code Activity}),
 * which overwritten values the backward sweep needs again and how to get them back ({@code NeededValues},
 * {@code Overwrites}, {@code RewrittenElements}, {@code RecomputedArrays}, {@code UnreadOverwrites}), and which arrays
 * alias rows of others ({@code RowAliases}). Each is a pure function of the IR it is given; imports the IR only.
 */
package io.github.autodiff4j.processor.analysis;
