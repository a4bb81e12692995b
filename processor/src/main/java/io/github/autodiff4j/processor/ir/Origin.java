package io.github.autodiff4j.processor.ir;

/**
 * Where an IR node came from in the user's source: the line and text shown in generated comments, and the tree that
 * diagnostics point at.
 *
 * @param line one-based line number in the user's file
 * @param source the statement's source text, on one line
 * @param position where diagnostics point, as the front end knows it (opaque here)
 * @param method the called method this code was inlined from, or null for the differentiated method itself
 * @param adjoint whether this is the backward sweep's code for that source
 */
public record Origin(long line, String source, Position position, String method, boolean adjoint) {

    public Origin(long line, String source, Position position) {
        this(line, source, position, null, false);
    }

    /** The same source, for code of the backward sweep. */
    public Origin asAdjoint() {
        return new Origin(line, source, position, method, true);
    }

    /** The same source, inlined into a caller from {@code callee}. */
    public Origin inlinedFrom(String callee) {
        return method != null ? this : new Origin(line, source, position, callee, adjoint);
    }

    /** The comment the emitter writes above the code generated for this origin. */
    public String comment() {
        return (adjoint ? "adjoint of line " : "line ") + line + (method == null ? "" : " in " + method) + ": "
                + source;
    }

    /** A place in the user's source that the front end can point a diagnostic at. */
    public interface Position {}
}
