package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls into a library compiled earlier, as from another Maven module: the library's companion carries, for each
 * double parameter, the partial derivative and its derivative (fooPartialX, fooPartialXDerivative) through which the
 * caller's derivatives go, in every mode and in Hessians, checked against NumericDiff (tolerances in ScalarFunction).
 */
class LibraryCallsTest {
    @TempDir
    static Path library;

    private static Compiled application;

    @BeforeAll
    static void compileLibraryThenApplication() throws IOException {
        Compiled.compileLibrary(library, "lib.Shapes", """
            package lib;
            import io.github.autodiff4j.Differentiable;
            import io.github.autodiff4j.NoDerivative;
            public class Shapes {
              @Differentiable
              public static double bump(double x) {
                return Math.exp(-x * x) * Math.cos(3 * x);
              }

              @Differentiable
              public static double area(double a, double b, @NoDerivative double scale, int sides) {
                return scale * sides * a * b * Math.sin(Math.PI / sides);
              }
            }
            """);
        application = Compiled.compileAgainst(library, "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Shapes;
        public class Uses {
          @Differentiable
          static double oneVariable(double x) {
            return Shapes.bump(2 * x) + x * x;
          }

          @Differentiable
          static double twoVariables(double a, double b) {
            return Shapes.area(a + b, a * b, 1.5, 6) / (1 + a * a);
          }
        }
        """);
    }

    @Test
    void throughAFunctionOfOneVariableInEveryModeAndTheHessian() {
        ScalarFunction f = new ScalarFunction(application, "app.Uses", "oneVariable");
        f.assertDerivatives(0.3);
        f.assertDerivatives(-0.8);
    }

    @Test
    void throughAFunctionOfSeveralVariablesInEveryModeAndTheHessian() {
        ScalarFunction f = new ScalarFunction(application, "app.Uses", "twoVariables");
        f.assertDerivatives(0.6, 1.4);
    }

    @Test
    void theGeneratedCodeCallsTheLibrarysCompanion() {
        String code = application.generatedSource("app.UsesDiff");
        assertTrue(code.contains("ShapesDiff.bumpPartialX("), code);
        assertTrue(code.contains("ShapesDiff.bumpPartialXDerivative("), code);
        assertTrue(code.contains("ShapesDiff.areaPartialA("), code);
    }
}
