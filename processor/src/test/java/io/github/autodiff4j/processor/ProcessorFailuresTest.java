package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static io.github.autodiff4j.processor.DiagnosticsTest.describe;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.DiagnosticsTest.Position;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The processor never crashes javac: an exception in any stage becomes {@code [autodiff4j:internal]} at the method
 * (its name, where javac reports declarations), and the class's other methods are still generated, with correct
 * derivatives (compared with {@code NumericDiff}, tolerances in {@link ScalarFunction}). Failures are injected with
 * the test-only option {@code -Aautodiff4j.failAt=stage:method} (see {@code ir/InjectedFailure}).
 */
class ProcessorFailuresTest {
    private static final String CLASS = "demo.Foo";

    /** f goes through every stage: a helper to inline, a loop, an array, a Hessian. good and later around it. */
    private static final String SOURCE = """
      package demo;
      import io.github.autodiff4j.Differentiable;
      public class Foo {
        @Differentiable
        static double good(double x, double y) {
          return Math.sin(x) * y + x * x;
        }
        static double square(double v) {
          return v * v;
        }
        @Differentiable
        static double f(double x, double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += square(w[i] * x);
          }
          return Math.exp(s / 10);
        }
        @Differentiable
        static double later(double[] v) {
          double p = 1;
          for (double e : v) {
            p *= Math.cos(e);
          }
          return p;
        }
      }
      """;

    private static final List<String> STAGES =
            List.of("parse", "inline", "three-address", "tangent", "adjoint", "analysis", "simplify", "emit");

    @TestFactory
    Stream<DynamicTest> aFailureInAnyStageIsAnInternalErrorAtTheMethodAndTheOthersAreGenerated() {
        return STAGES.stream()
                .map(stage -> DynamicTest.dynamicTest(stage, () -> {
                    String option = "-Aautodiff4j.failAt=" + stage + ":f";
                    Compilation compilation = Compiler.javac()
                            .withProcessors(new DifferentiableProcessor())
                            .withOptions("-parameters", option)
                            .compile(JavaFileObjects.forSourceString(CLASS, SOURCE));
                    List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
                    assertEquals(1, errors.size(), () -> describe(compilation));
                    Diagnostic<? extends JavaFileObject> error = errors.get(0);
                    String message = error.getMessage(Locale.ROOT);
                    assertAll(
                            () -> assertTrue(
                                    message.startsWith(
                                            "[autodiff4j:internal] autodiff4j failed on Foo.f(double,double[])"),
                                    message),
                            () -> assertTrue(message.contains("failure injected in stage " + stage), message),
                            () -> assertTrue(message.contains("This is a bug in autodiff4j"), message),
                            () -> assertEquals(
                                    at(SOURCE, "f(double x"),
                                    new Position(error.getLineNumber(), error.getColumnNumber()),
                                    message));

                    String companion = DiagnosticsTest.generatedSourceDespiteErrors(SOURCE, "demo.FooDiff", option);
                    assertAll(
                            () -> assertFalse(companion.contains(" fGrad("), companion),
                            () -> assertFalse(companion.contains("FGradient"), companion));
                    Compiled compiled = Compiled.compileWithoutProcessor(CLASS, SOURCE, "demo.FooDiff", companion);
                    new ScalarFunction(compiled, CLASS, "good").assertDerivatives(0.7, -1.3);
                    new ScalarFunction(compiled, CLASS, "later")
                            .assertDerivatives((Object) new double[] {0.3, -0.8, 1.1});
                }));
    }

    /** Without the option, the same class compiles with every method, so the failures above are the injected ones. */
    @Test
    void withoutTheOptionEveryMethodIsGenerated() {
        Compiled compiled = Compiled.compile(CLASS, SOURCE);
        new ScalarFunction(compiled, CLASS, "f").assertDerivatives(0.4, new double[] {0.5, -1.5, 2.0});
    }

    /**
     * A matrix result once crashed the whole build (a NullPointerException while writing the companion, with no file
     * and no line): it is the README's return-type error at the method, and the other methods are generated.
     */
    @Test
    void matrixResultIsAReturnTypeErrorAndTheOtherMethodsAreGenerated() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double good(double x, double y) {
            return Math.sin(x) * y + x * x;
          }
          @Differentiable
          static double[][] outer(double[] a) {
            double[][] m = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
              for (int j = 0; j < a.length; j++) {
                m[i][j] = a[i] * a[j];
              }
            }
            return m;
          }
          @Differentiable
          static double later(double[] v) {
            double p = 1;
            for (double e : v) {
              p *= Math.cos(e);
            }
            return p;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:return-type]",
                at(source, "outer(double[] a)"),
                "returns double[][]",
                "must return double (a scalar function), double[] or a record of doubles (a vector function)");
        String companion = DiagnosticsTest.generatedSourceDespiteErrors(source, "demo.FooDiff");
        assertFalse(companion.contains("outer"), companion);
        Compiled compiled = Compiled.compileWithoutProcessor(CLASS, source, "demo.FooDiff", companion);
        new ScalarFunction(compiled, CLASS, "good").assertDerivatives(0.7, -1.3);
        new ScalarFunction(compiled, CLASS, "later").assertDerivatives((Object) new double[] {0.3, -0.8, 1.1});
    }
}
