package io.github.autodiff4j.processor.parse;

import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.ir.Origin;

/** Where an origin's diagnostics point: the javac tree it was read from. */
public record TreePosition(TreePath path) implements Origin.Position {

    /** The tree the origin was read from, or null for IR that was not read from source. */
    public static TreePath of(Origin origin) {
        return origin.position() instanceof TreePosition p ? p.path() : null;
    }
}
