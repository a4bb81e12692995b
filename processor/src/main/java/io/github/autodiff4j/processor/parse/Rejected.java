package io.github.autodiff4j.processor.parse;

/** Thrown after a construct has been reported, to skip the rest of its statement. */
final class Rejected extends RuntimeException {
    Rejected() {
        super(null, null, false, false);
    }
}
