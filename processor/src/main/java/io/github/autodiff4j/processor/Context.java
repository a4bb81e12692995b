package io.github.autodiff4j.processor;

import com.sun.source.util.Trees;
import io.github.autodiff4j.processor.parse.CompanionVars;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What every stage shares: javac's utilities, the error reporter, and the guard that keeps the processor from reading
 * a class whose attribution would break a {@code var} of a companion not written yet.
 */
public record Context(ProcessingEnvironment env, Trees trees, Diagnostics diagnostics, CompanionVars companionVars) {

    public Elements elements() {
        return env.getElementUtils();
    }

    public Types types() {
        return env.getTypeUtils();
    }
}
