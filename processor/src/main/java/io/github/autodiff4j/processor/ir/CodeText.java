package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * Java source text that becomes a {@link CodeBlock} of as few parts as possible: runs of plain text joined into one
 * part, with a part of their own only for the types JavaPoet must import. JavaPoet writes every part of a block on its
 * own (and splits each into lines with a regular expression, twice per file), so a block built token by token with
 * {@code CodeBlock.of} made writing a companion out cost more than differentiating it.
 */
public final class CodeText {
    private final CodeBlock.Builder code = CodeBlock.builder();
    private final StringBuilder text = new StringBuilder();
    private boolean empty = true;

    public CodeText add(String s) {
        text.append(s);
        empty &= s.isEmpty();
        return this;
    }

    public CodeText add(char c) {
        text.append(c);
        empty = false;
        return this;
    }

    /** A type, written by its simple name where JavaPoet can import it. */
    public CodeText type(TypeName type) {
        flush();
        code.add("$T", type);
        empty = false;
        return this;
    }

    /** A block built elsewhere, as it is. */
    public CodeText add(CodeBlock block) {
        if (!block.isEmpty()) {
            flush();
            code.add(block);
            empty = false;
        }
        return this;
    }

    public boolean isEmpty() {
        return empty;
    }

    public CodeBlock build() {
        flush();
        return code.build();
    }

    private void flush() {
        if (text.length() > 0) {
            code.add("$L", text.toString());
            text.setLength(0);
        }
    }
}
