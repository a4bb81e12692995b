package io.github.autodiff4j.processor.fuzz;

/** Indented lines of generated source. */
final class Code {
    private final StringBuilder out = new StringBuilder();
    private int indent;

    Code(int indent) {
        this.indent = indent;
    }

    void line(String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    /** A line ending in {@code {}}, and one more level of indent. */
    void open(String text) {
        line(text);
        indent++;
    }

    /** One level of indent less, and a line starting with {@code }}. */
    void close(String text) {
        indent--;
        line(text);
    }

    /** A line one level out, between two blocks at this level ({@code } else {}). */
    void middle(String text) {
        indent--;
        line(text);
        indent++;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
