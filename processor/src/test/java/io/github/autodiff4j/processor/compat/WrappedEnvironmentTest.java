package io.github.autodiff4j.processor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.DifferentiableProcessor;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * IntelliJ hands processors a {@link Proxy} of javac's environment, and Gradle's incremental compilation a class that
 * keeps javac's in a {@code delegate} field. Through either, the processor must find javac's trees and generate the
 * same companion as under plain javac, writing it through the wrapper's {@link Filer} (which Gradle watches).
 */
class WrappedEnvironmentTest {
    private static final String SOURCE = """
      package demo;
      import io.github.autodiff4j.Differentiable;
      public class Model {
        @Differentiable
        static double f(double x, double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s = Math.sin(s + w[i] * x);
          }
          return s;
        }
      }
      """;

    @Test
    void intellijStyleProxy() {
        assertEquals(plainJavac(), companion(WrappedEnvironmentTest::proxy));
    }

    @Test
    void gradleStyleDelegateField() {
        AtomicInteger written = new AtomicInteger();
        assertEquals(plainJavac(), companion(env -> new GradleStyleEnvironment(env, written)));
        assertEquals(1, written.get(), "the companion is written through the wrapper's Filer");
    }

    @Test
    void wrapperOfAWrapper() {
        assertEquals(plainJavac(), companion(env -> proxy(new GradleStyleEnvironment(env, new AtomicInteger()))));
    }

    private static String plainJavac() {
        return companion(UnaryOperator.identity());
    }

    private static String companion(UnaryOperator<ProcessingEnvironment> wrap) {
        Compilation compilation = Compiler.javac()
                .withProcessors(new WrappedProcessor(new DifferentiableProcessor(), wrap))
                .withOptions("-parameters")
                .compile(JavaFileObjects.forSourceString("demo.Model", SOURCE));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics()::toString);
        assertEquals(0, compilation.errors().size(), compilation.diagnostics()::toString);
        JavaFileObject file = compilation
                .generatedSourceFile("demo.ModelDiff")
                .orElseThrow(() -> new AssertionError("no companion: " + compilation.diagnostics()));
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** As IntelliJ does: a dynamic proxy whose handler captures the environment it forwards to. */
    private static ProcessingEnvironment proxy(ProcessingEnvironment delegateTo) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(delegateTo, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ProcessingEnvironment) Proxy.newProxyInstance(
                WrappedEnvironmentTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, handler);
    }

    /** As Gradle's incremental wrappers do: the environment kept in a {@code delegate} field, the Filer wrapped. */
    private static final class GradleStyleEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;
        private final Filer filer;

        GradleStyleEnvironment(ProcessingEnvironment delegate, AtomicInteger written) {
            this.delegate = delegate;
            Filer inner = delegate.getFiler();
            this.filer = (Filer) Proxy.newProxyInstance(
                    Filer.class.getClassLoader(), new Class<?>[] {Filer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("createSourceFile")) {
                            written.incrementAndGet();
                        }
                        try {
                            return method.invoke(inner, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }
    }

    /** Hands the processor a wrapped environment, as a build tool's processor loader does. */
    private record WrappedProcessor(Processor processor, UnaryOperator<ProcessingEnvironment> wrap)
            implements Processor {
        @Override
        public Set<String> getSupportedOptions() {
            return processor.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return processor.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return processor.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            processor.init(wrap.apply(env));
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return processor.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(
                Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
            return processor.getCompletions(element, annotation, member, userText);
        }
    }
}
