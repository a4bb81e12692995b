package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertClean;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static io.github.autodiff4j.processor.DiagnosticsTest.describe;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.processor.DiagnosticsTest.Position;
import io.github.autodiff4j.processor.testing.Compiled;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A method with no differentiable parameter once compiled into a companion holding only its value, silently: it is a
 * zero-derivative warning at the method, saying which parameters are constants and what would make one
 * differentiable, silenced by {@code @SuppressWarnings("autodiff4j:zero-derivative")} like the others.
 */
class NoActiveParameterTest {
    private static final String CLASS = "demo.Foo";

    @Test
    void recordIntAndNoDerivativeParameters() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          record Point(String label, int x, int y) {}
          @Differentiable
          static double norm(Point p, int n, @NoDerivative double scale) {
            return scale * n * Math.hypot(p.x(), p.y());
          }
        }
        """;
        assertSingleWarning(
                source,
                at(source, "norm(Point p"),
                "[autodiff4j:zero-derivative] norm has no differentiable parameter (p is a constant demo.Foo.Point,"
                        + " n is a constant int, scale is @NoDerivative), so its companion holds only its value and no"
                        + " derivative.",
                "double, double[] or double[][] not marked @NoDerivative",
                "@SuppressWarnings(\"autodiff4j:zero-derivative\") silences this warning");
    }

    @Test
    void instanceMethodWithoutParameters() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          double w = 2;
          @Differentiable
          double energy() {
            return w * w;
          }
        }
        """;
        assertSingleWarning(
                source,
                at(source, "energy()"),
                "[autodiff4j:zero-derivative] energy has no differentiable parameter (the object's fields are constants)");
    }

    @Test
    void suppressedOnTheMethodOrTheClass() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          @SuppressWarnings("autodiff4j:zero-derivative")
          static double f(int n) {
            return n * 0.5;
          }
        }
        """);
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        @SuppressWarnings("autodiff4j:zero-derivative")
        public class Foo {
          @Differentiable
          static double f(int n) {
            return n * 0.5;
          }
        }
        """);
    }

    /** Still a warning: the companion compiles, and its value is the function's. */
    @Test
    void theCompanionIsStillGenerated() throws ReflectiveOperationException {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(int n) {
            return n * 0.5;
          }
        }
        """;
        Compiled compiled = Compiled.compile(CLASS, source);
        Object record =
                compiled.load("demo.FooDiff").getMethod("fGrad", int.class).invoke(null, 3);
        assertEquals(1.5, (double) record.getClass().getMethod("value").invoke(record), 0.0);
    }

    private static void assertSingleWarning(String source, Position where, String... keywords) {
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation));
        List<Diagnostic<? extends JavaFileObject>> warnings = compilation.warnings();
        assertEquals(1, warnings.size(), () -> describe(compilation));
        Diagnostic<? extends JavaFileObject> warning = warnings.get(0);
        String message = warning.getMessage(Locale.ROOT);
        assertAll(
                () -> {
                    for (String keyword : keywords) {
                        assertTrue(message.contains(keyword), () -> "lacks '" + keyword + "': " + message);
                    }
                },
                () -> assertTrue(message.startsWith("[autodiff4j:zero-derivative]"), message),
                () -> assertEquals(where, new Position(warning.getLineNumber(), warning.getColumnNumber()), message));
    }
}
