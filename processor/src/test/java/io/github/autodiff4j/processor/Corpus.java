package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;

/**
 * One compiled corpus class, as the corpus tests use it: its functions, their derivatives asserted at several points
 * (each failure named by its point, every point run), and instances for its instance methods.
 */
record Corpus(Compiled compiled, String className) {

    /** Compiles the class, which must compile without a warning. */
    static Corpus compile(String className, String source) {
        Compiled compiled = Compiled.compile(className, source);
        compiled.assertNoWarnings();
        return new Corpus(compiled, className);
    }

    ScalarFunction fn(String method) {
        return new ScalarFunction(compiled, className, method);
    }

    VectorFunction vector(String method) {
        return new VectorFunction(compiled, className, method);
    }

    /** {@link ScalarFunction#assertDerivatives} at every point. */
    void atPoints(String method, Object[]... points) {
        CorpusSupport.atPoints(method, fn(method)::assertDerivatives, points);
    }

    /** {@link VectorFunction#assertDerivatives} at every point. */
    void vectorAtPoints(String method, Object[]... points) {
        CorpusSupport.atPoints(method, vector(method)::assertDerivatives, points);
    }

    /** An instance of the class, made by its constructor of these parameter types. */
    Object newInstance(Class<?>[] types, Object... args) throws ReflectiveOperationException {
        return compiled.load(className).getDeclaredConstructor(types).newInstance(args);
    }
}
