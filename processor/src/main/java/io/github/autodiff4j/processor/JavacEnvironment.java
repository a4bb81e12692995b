package io.github.autodiff4j.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own processing environment behind the wrappers that build tools put around it, as Lombok and other
 * processors that read javac's trees do. Gradle's incremental processing wraps it in classes that keep it in a field
 * ({@code delegate}); IntelliJ hands processors a {@link Proxy} whose handler keeps it; Kotlin's kapt keeps it in
 * {@code processingEnv}. Rather than trust those names, any field holding a {@link ProcessingEnvironment} is followed.
 * Under another compiler (Eclipse's) there is no javac behind the wrappers, and no {@link Trees}.
 */
final class JavacEnvironment {
    private static final String JAVAC = "com.sun.tools.javac.processing.JavacProcessingEnvironment";
    // Wrappers rarely nest more than twice; the bound stops a wrapper that (wrongly) refers to itself.
    private static final int MAX_DEPTH = 8;

    private JavacEnvironment() {}

    /** javac's tree API for this environment, or empty when the compiler is not javac. */
    static Optional<Trees> trees(ProcessingEnvironment env) {
        return unwrap(env).flatMap(javac -> {
            try {
                return Optional.of(Trees.instance(javac));
            } catch (IllegalArgumentException | LinkageError notJavac) {
                return Optional.empty();
            }
        });
    }

    /** javac's environment, found by following wrappers from {@code env}. */
    static Optional<ProcessingEnvironment> unwrap(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.getClass().getName().equals(JAVAC)) {
                return Optional.of(current);
            }
            Object holder = Proxy.isProxyClass(current.getClass()) ? Proxy.getInvocationHandler(current) : current;
            current = wrapped(holder);
        }
        return Optional.empty();
    }

    /** The first field of {@code holder}, declared by its class or a superclass, that holds another environment. */
    private static ProcessingEnvironment wrapped(Object holder) {
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean mayHold = ProcessingEnvironment.class.isAssignableFrom(field.getType())
                        || field.getType().isAssignableFrom(ProcessingEnvironment.class);
                if (!mayHold || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, holder);
                if (value instanceof ProcessingEnvironment inner && inner != holder) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static Object read(Field field, Object holder) {
        try {
            field.setAccessible(true);
            return field.get(holder);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // A field of a class in a module that does not open it (never a build tool's wrapper): not ours to follow.
            return null;
        }
    }
}
