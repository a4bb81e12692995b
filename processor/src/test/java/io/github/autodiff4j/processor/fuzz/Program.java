package io.github.autodiff4j.processor.fuzz;

import java.util.List;

/**
 * One generated class: its {@code @Differentiable} methods and helpers, and a nested class {@code Traced} with the same
 * methods unannotated and recording their decisions (see {@link Trace}). {@code arrayLength} is the length of every
 * {@code double[]} parameter the checker passes (and of both dimensions of a {@code double[][]}). {@code library} is
 * what only the outer class has (functions with {@code @DerivativeOf} rules, which {@code Traced} calls there, and
 * the subclasses {@code Same} and, when {@code overrides}, {@code Over}); {@code fields} is what both classes have.
 * {@code coverage} counts what the generator wrote. {@code topLevel} is what the source has after the class: a
 * top-level record that declares a checking compact constructor (javac's JDK-8387215 forbids it nested), or "".
 */
record Program(
        String className,
        String source,
        List<FuzzMethod> methods,
        int arrayLength,
        String library,
        String fields,
        boolean overrides,
        Coverage coverage,
        String topLevel) {
    static final String PACKAGE = "fuzz";

    /** A program written by hand: static methods only, nothing counted. */
    Program(String className, String source, List<FuzzMethod> methods, int arrayLength) {
        this(className, source, methods, arrayLength, "", "", false, new Coverage(), "");
    }

    String qualifiedName() {
        return PACKAGE + "." + className;
    }

    /** Whether the program has instance methods, and so the subclass {@code Same}. */
    boolean instance() {
        return methods.stream().anyMatch(FuzzMethod::instance);
    }
}
