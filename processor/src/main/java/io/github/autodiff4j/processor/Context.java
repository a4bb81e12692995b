package io.github.autodiff4j.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** What every stage shares: javac's utilities and the error reporter. */
public record Context(ProcessingEnvironment env, Trees trees, Diagnostics diagnostics) {

    public Elements elements() {
        return env.getElementUtils();
    }

    public Types types() {
        return env.getTypeUtils();
    }
}
