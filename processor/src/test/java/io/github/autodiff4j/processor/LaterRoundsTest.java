package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * A method whose code uses a companion the same compilation generates ({@code OtherDiff.innerGrad}) cannot be read
 * before that companion exists: its class waits for the next round, where it does (adversarial finding 04: was no
 * members at all, and no diagnostic). Derivatives against NumericDiff, tolerances of {@link ScalarFunction}.
 */
class LaterRoundsTest {
    private static final String CLASS = "demo.Foo";

    /** The companion's value used as a constant: differentiated in the next round. */
    @Test
    void companionOfThisCompilationAsAConstant() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        class Other {
          @Differentiable
          static double inner(double x) {
            return x * x * x;
          }
        }
        public class Foo {
          static double slope() {
            return OtherDiff.innerGrad(2.0).x();
          }
          @Differentiable
          static double f(double x) {
            double scale = OtherDiff.innerGrad(2.0).x();
            return scale * x * x + slope() * Math.sin(x);
          }
        }
        """;
        Compiled compiled = Compiled.compile(CLASS, source);
        compiled.assertNoWarnings();
        new ScalarFunction(compiled, CLASS, "f").assertDerivatives(1.5);
    }

    /** Differentiated through, a gradient's record is opaque: now said at the call, in the next round. */
    @Test
    void companionOfThisCompilationDifferentiatedThrough() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        class Other {
          @Differentiable
          static double inner(double x) {
            return x * x * x;
          }
        }
        public class Foo {
          @Differentiable
          static double f(double x) {
            return OtherDiff.innerGrad(x).x() * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:opaque-call]",
                at(source, "OtherDiff.innerGrad(x).x()"),
                "InnerGradient.x()",
                "its body is not visible");
    }
}
