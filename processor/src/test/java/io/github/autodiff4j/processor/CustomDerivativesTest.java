package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.Special;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Derivatives supplied with {@code @DerivativeOf}: in the user's own class, for several parameters, for the runtime's
 * special functions (a compiled library), in every mode and in Hessians, against NumericDiff (tolerances in
 * ScalarFunction) and closed forms (1e-12 relative); and the errors for a rule that does not fit its function.
 */
class CustomDerivativesTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Custom", """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.Special;
        public class Custom {
          /** log(1 + exp(x)), computed in a way the processor would differentiate badly for large x. */
          static double softplus(double x) {
            return x > 30 ? x : Math.log1p(Math.exp(x));
          }

          @DerivativeOf("softplus")
          static double softplusDerivative(double x) {
            return 1 / (1 + Math.exp(-x));
          }

          static double weighted(double a, int n, double b) {
            return a * a * n + Math.sin(b);
          }

          @DerivativeOf("weighted")
          static double[] weightedPartials(double a, int n, double b) {
            return new double[] {2 * a * n, Math.cos(b)};
          }

          @Differentiable
          static double usesSoftplus(double x, double y) {
            return softplus(x * y) + y;
          }

          @Differentiable
          static double usesWeighted(double x, double y) {
            return weighted(x + y, 3, x * y);
          }

          @Differentiable
          static double blackScholesCall(double spot, double vol, double rate, double time, double strike) {
            double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * Math.sqrt(time));
            double d2 = d1 - vol * Math.sqrt(time);
            return spot * Special.normalCdf(d1) - strike * Math.exp(-rate * time) * Special.normalCdf(d2);
          }

          @Differentiable
          static double errorFunctions(double x) {
            return Special.erf(x) * Special.erfc(0.5 * x);
          }
        }
        """);
    }

    @Test
    void suppliedDerivativeInTheUsersClass() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Custom", "usesSoftplus");
        f.assertDerivatives(0.7, -1.3);
        f.assertDerivatives(2.0, 0.5);
        double x = 0.7;
        double y = -1.3;
        double sigmoid = 1 / (1 + Math.exp(-x * y));
        assertEquals(sigmoid * y, f.gradient(x, y)[0], 1e-12);
    }

    @Test
    void suppliedPartialsForSeveralParameters() {
        new ScalarFunction(compiled, "demo.Custom", "usesWeighted").assertDerivatives(0.4, 0.9);
    }

    @Test
    void greeksThroughTheRuntimesNormalCdf() {
        ScalarFunction call = new ScalarFunction(compiled, "demo.Custom", "blackScholesCall");
        call.assertDerivatives(100.0, 0.2, 0.05, 1.0, 105.0);
        // Closed-form delta = N(d1) and vega = S phi(d1) sqrt(T).
        double d1 = (Math.log(100.0 / 105.0) + (0.05 + 0.5 * 0.04) * 1.0) / 0.2;
        double[] greeks = call.gradient(100.0, 0.2, 0.05, 1.0, 105.0);
        assertEquals(Special.normalCdf(d1), greeks[0], 1e-12);
        assertEquals(100.0 * Special.normalPdf(d1), greeks[1], 1e-10);
    }

    @Test
    void secondDerivativesOfTheSpecialFunctions() {
        ScalarFunction f = new ScalarFunction(compiled, "demo.Custom", "errorFunctions");
        for (double x : new double[] {-1.1, 0.3, 2.7}) {
            f.assertDerivatives(x);
        }
    }

    @Test
    void aRuleWithTheWrongReturnTypeIsAnErrorAtItsAnnotation() {
        String source = """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        public class Bad {
          static double f(double a, double b) {
            return a * b;
          }

          @DerivativeOf("f")
          static double fDerivative(double a, double b) {
            return b;
          }
        }
        """;
        Compilation compilation = Compiled.run("demo.Bad", source);
        Diagnostic<?> error = onlyError(compilation);
        String message = error.getMessage(null);
        assertTrue(message.startsWith("[autodiff4j:derivative-signature]"), message);
        assertTrue(message.contains("double[]"), message);
        assertEquals(DiagnosticsTest.at(source, "@DerivativeOf(\"f\")"), position(error), "reported at the annotation");
    }

    @Test
    void aRuleForAMissingFunctionIsAnErrorAtItsAnnotation() {
        String source = """
        package demo;
        import io.github.autodiff4j.DerivativeOf;
        public class Bad {
          @DerivativeOf("nowhere")
          static double nowhereDerivative(double x) {
            return 1;
          }
        }
        """;
        Diagnostic<?> error = onlyError(Compiled.run("demo.Bad", source));
        assertTrue(error.getMessage(null).startsWith("[autodiff4j:derivative-target]"), error.getMessage(null));
        assertTrue(error.getMessage(null).contains("Bad.nowhere(double)"), error.getMessage(null));
        assertEquals(
                DiagnosticsTest.at(source, "@DerivativeOf(\"nowhere\")"),
                position(error),
                "reported at the annotation");
    }

    private static DiagnosticsTest.Position position(Diagnostic<?> diagnostic) {
        return new DiagnosticsTest.Position(diagnostic.getLineNumber(), diagnostic.getColumnNumber());
    }

    private static Diagnostic<?> onlyError(Compilation compilation) {
        var errors = compilation.errors();
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }
}
