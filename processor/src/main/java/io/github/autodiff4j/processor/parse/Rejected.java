package io.github.autodiff4j.processor.parse;

import com.sun.source.util.TreePath;
import io.github.autodiff4j.processor.Message;

/**
 * The front end's one way to give up on a construct: thrown where it is met, carrying what to report and where, and
 * caught at its statement ({@link StatementParser}), which has {@link MethodScope#failed} print it and goes on to the
 * next statement, so that one method's independent errors are all reported. Code javac itself rejects (an undefined
 * name, a type error) is given up on without a message: javac reports it.
 */
final class Rejected extends RuntimeException {
    private final transient TreePath where;
    private final transient Message message;

    private Rejected(TreePath where, Message message) {
        super(null, null, false, false);
        this.where = where;
        this.message = message;
    }

    /** The construct at {@code where} cannot be differentiated, for the reason {@code message} says. */
    static Rejected at(TreePath where, Message message) {
        return new Rejected(where, message);
    }

    /** Code javac reports an error of its own for: nothing for us to add. */
    static Rejected leftToJavac() {
        return new Rejected(null, null);
    }

    /** Where to report, or null when javac reports it. */
    TreePath where() {
        return where;
    }

    /** What to report, or null when javac reports it. */
    Message message() {
        return message;
    }
}
