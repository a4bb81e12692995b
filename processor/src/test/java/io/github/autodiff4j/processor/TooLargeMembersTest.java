package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static io.github.autodiff4j.processor.DiagnosticsTest.describe;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.processor.DiagnosticsTest.Position;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A long straight-line method (no calls) whose Hessian alone passes the JVM's 64 KB per method: the Hessian is left
 * out with a warning at the method that names it, says why, and offers a remedy that applies to code without calls;
 * the other members are generated and agree with {@code NumericDiff} (tolerances in {@link ScalarFunction}). When the
 * gradient itself does not fit, the method is an error with the same remedy.
 */
class TooLargeMembersTest {
    private static final String CLASS = "demo.Foo";

    /** {@code statements} updates of one local, written out: about 0.35 KB of gradient and 0.9 KB of Hessian each. */
    private static String straightLine(int statements) {
        String body = IntStream.range(0, statements)
                .mapToObj(i -> "    s = s + 0.01 * Math.sin(x * s + " + (i % 7 + 1)
                        + ") + 0.001 * y * Math.cos(s) / (1 + s * s);")
                .collect(Collectors.joining("\n"));
        return """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double good(double x) {
            return x * Math.exp(x);
          }
          @Differentiable
          static double f(double x, double y) {
            double s = x;
        %s
            return s;
          }
        }
        """.formatted(body);
    }

    @Test
    void hessianOfALongStraightLineMethodIsLeftOutWithAWarning() {
        String source = straightLine(100);
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation));
        assertEquals(1, compilation.warnings().size(), () -> describe(compilation));
        Diagnostic<? extends JavaFileObject> warning = compilation.warnings().get(0);
        String message = warning.getMessage(Locale.ROOT);
        assertAll(
                () -> assertTrue(
                        message.startsWith("[autodiff4j:too-large] fHessian, a derivative of f, would take about"),
                        message),
                () -> assertTrue(
                        message.contains("more than the 64 KB the JVM allows in one method (its own body is that"
                                + " long), so it is not generated; the other members are."),
                        message),
                () -> assertTrue(message.contains("Write repeated statements as a loop over an array"), message),
                () -> assertTrue(message.contains("NumericDiff.jacobian of fGrad"), message),
                // The remedies for inlined helpers do not apply to code without calls.
                () -> assertFalse(message.contains("@DerivativeOf"), message),
                () -> assertEquals(
                        at(source, "f(double x, double y)"),
                        new Position(warning.getLineNumber(), warning.getColumnNumber()),
                        message));

        Compiled compiled = Compiled.compile(CLASS, source);
        Class<?> companion = compiled.load("demo.FooDiff");
        assertTrue(Arrays.stream(companion.getDeclaredMethods())
                .noneMatch(m -> m.getName().startsWith("fH")));
        new ScalarFunction(compiled, CLASS, "f").assertFirstOrder(0.3, 0.8);
        new ScalarFunction(compiled, CLASS, "good").assertDerivatives(0.3);
    }

    @Test
    void aGradientTooLargeIsAnErrorWithARemedyForCodeWithoutCalls() {
        String source = straightLine(300);
        assertSingleError(
                source,
                "[autodiff4j:too-large]",
                at(source, "f(double x, double y)"),
                "fGrad, a derivative of f, would take about",
                "its own body is that long",
                "Write repeated statements as a loop over an array");
    }
}
