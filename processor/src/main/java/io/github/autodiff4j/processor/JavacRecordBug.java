package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.parse.Records;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * JDK-8387215: javac rejects a record's declared canonical constructor ("canonical constructor must not contain
 * explicit constructor invocation") once an annotation processor has made it attribute the record during processing.
 * Reading a class's methods attributes the class with its nested classes, so a record nested in a class with {@code
 * @Differentiable} methods meets the bug; autodiff4j says why and what to do at the constructor, next to javac's
 * error.
 */
final class JavacRecordBug {
    /** The records reported, once each however many of their outer class's types are processed. */
    private final Set<TypeElement> reported = new HashSet<>();

    /** Reports each record nested in the outermost class of {@code type} that declares its canonical constructor. */
    void reportNested(Context context, TypeElement type) {
        Element outermost = type;
        while (outermost.getEnclosingElement() instanceof TypeElement outer) {
            outermost = outer;
        }
        report(context, (TypeElement) outermost);
    }

    private void report(Context context, TypeElement type) {
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            ExecutableElement constructor = Records.declaredCanonicalConstructor(nested, context.elements());
            if (constructor != null && reported.add(nested)) {
                context.diagnostics()
                        .error(
                                constructor,
                                new Message.JavacRecordConstructor(
                                        nested.getSimpleName().toString()));
            }
            report(context, nested);
        }
    }
}
