package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostics about {@code @DerivativeOf} rules that are missing a part at the call: a partial derivative, or (for
 * a rule from a library compiled earlier) the rule's own derivative the Hessian needs. Positions and messages are
 * asserted as in {@link DiagnosticsTest}; each remedy the message offers is shown to compile, its derivatives checked
 * against {@code NumericDiff} (tolerances in {@link ScalarFunction}).
 */
class RuleDiagnosticsTest {
    @TempDir
    Path library;

    private static final String LOGISTIC = """
      package demo;
      import io.github.autodiff4j.DerivativeOf;
      import io.github.autodiff4j.Differentiable;
      public class Foo {
        static double logistic(double x, double k) {
          return 1 / (1 + Math.exp(-k * x));
        }

        @DerivativeOf(value = "logistic", wrt = "x")
        static double logisticDx(double x, double k) {
          double s = logistic(x, k);
          return k * s * (1 - s);
        }
        %s
        @Differentiable
        static double f(double x, double k) {
          return logistic(x, k) * x;
        }
      }
      """;

    @Test
    void ruleWithoutAPartialTheCallNeeds() {
        String source = LOGISTIC.formatted("");
        assertSingleError(
                source,
                "[autodiff4j:derivative-incomplete]",
                at(source, "logistic(x, k) * x"),
                "the @DerivativeOf rules for logistic give no partial derivative with respect to k",
                "Add a rule with wrt = that parameter");
    }

    /** What derivative-incomplete asks for: a rule for the missing parameter. */
    @Test
    void ruleForEveryParameterIsSupported() {
        String source = LOGISTIC.formatted("""

          @DerivativeOf(value = "logistic", wrt = "k")
          static double logisticDk(double x, double k) {
            double s = logistic(x, k);
            return x * s * (1 - s);
          }
        """);
        DiagnosticsTest.assertClean(source);
        new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f").assertDerivatives(0.4, 1.7);
    }

    /** A missing partial matters only where the call passes that parameter an active argument. */
    @Test
    void ruleWithoutAPartialForAConstantArgument() {
        String source =
                LOGISTIC.formatted("").replace("return logistic(x, k) * x;", "return logistic(x, 2.0) * x + k;");
        DiagnosticsTest.assertClean(source);
        new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f").assertDerivatives(0.4, 1.7);
    }

    private static final String SCALED = """
      package demo;
      import io.github.autodiff4j.DerivativeOf;
      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;
      public class Foo {
        static double scaled(double a, double[] v) {
          return a * v[0];
        }

        @DerivativeOf("scaled")
        static double scaledDerivative(double a, double[] v) {
          return v[0];
        }

        @Differentiable
        static double f(double x, %s double[] v) {
          return scaled(x, v) + x * v[1];
        }
      }
      """;

    /**
     * A rule has no partials with respect to an array: passed an active one, the derivative with respect to its
     * elements would silently be zero (issue 11's adversarial corpus found it), so the call is an error.
     */
    @Test
    void ruleCalledWithAnActiveArray() {
        String source = SCALED.formatted("");
        assertSingleError(
                source,
                "[autodiff4j:rule-array-argument]",
                at(source, "scaled(x, v) + x"),
                "the @DerivativeOf rules for scaled give partial derivatives with respect to its double parameters only, and"
                        + " this call passes v an array that depends on an active parameter",
                "remove the rule so that the function's body is differentiated");
    }

    /** The same rule passed a constant array is exact. */
    @Test
    void ruleCalledWithAConstantArray() {
        String source = SCALED.formatted("@NoDerivative");
        DiagnosticsTest.assertClean(source);
        new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f")
                .assertDerivatives(0.4, new double[] {1.3, -0.6});
    }

    /**
     * A library's rule is compiled: its body cannot be seen, so the Hessian of a caller cannot differentiate it unless
     * the library supplies that derivative too.
     */
    @Test
    void libraryRuleWithoutItsOwnDerivative() throws IOException {
        List<File> classpath = library(false);
        String source = """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Smooth;
        public class Uses {
          @Differentiable
          static double loss(double w) {
            return Smooth.softplus(2 * w) + w * w;
          }
        }
        """;
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .withClasspath(withTestClasspath(classpath))
                .compile(JavaFileObjects.forSourceString("app.Uses", source));
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>(compilation.errors());
        assertEquals(1, errors.size(), () -> DiagnosticsTest.describe(compilation));
        Diagnostic<? extends JavaFileObject> error = errors.get(0);
        String message = error.getMessage(Locale.ROOT);
        assertAll(
                () -> assertTrue(message.startsWith("[autodiff4j:second-derivative]"), message),
                () -> assertTrue(
                        message.contains("the Hessian needs the derivative of softplusDerivative, the supplied"
                                + " derivative of softplus, but its body cannot be seen"),
                        message),
                () -> assertTrue(message.contains("@DerivativeOf(\"softplusDerivative\")"), message),
                () -> assertEquals(
                        at(source, "Smooth.softplus(2 * w)"),
                        new DiagnosticsTest.Position(error.getLineNumber(), error.getColumnNumber()),
                        message));
    }

    /**
     * A vector function has no Hessian, so the rule's missing derivative costs it nothing: only its public members for
     * callers compiled later (whose pullback's JVP would need it) are left out, without an error.
     */
    @Test
    void vectorFunctionOverALibraryRuleWithoutItsOwnDerivative() throws IOException {
        Compiled application = Compiled.compileWith(library(false), "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Smooth;
        public class Uses {
          @Differentiable
          static double[] both(double[] w) {
            return new double[] {Smooth.softplus(2 * w[0]), w[0] * w[1]};
          }
        }
        """);
        new VectorFunction(application, "app.Uses", "both").assertDerivatives((Object) new double[] {0.3, -0.8});
        assertFalse(application.generatedSource("app.UsesDiff").contains("bothPullback"));
    }

    /** What second-derivative asks for: the library supplies the rule's derivative, and the Hessian goes through it. */
    @Test
    void libraryRuleWithItsOwnDerivativeIsSupported() throws IOException {
        Compiled application = Compiled.compileWith(library(true), "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Smooth;
        public class Uses {
          @Differentiable
          static double loss(double w) {
            return Smooth.softplus(2 * w) + w * w;
          }
        }
        """);
        ScalarFunction loss = new ScalarFunction(application, "app.Uses", "loss");
        loss.assertDerivatives(0.3);
        loss.assertDerivatives(-1.2);
    }

    /** lib.Smooth with softplus and its rule, compiled into a class folder (with the rule's own rule if asked). */
    private List<File> library(boolean withSecondDerivative) throws IOException {
        String second = !withSecondDerivative ? "" : """

          @DerivativeOf("softplusDerivative")
          public static double softplusSecondDerivative(double x) {
            double s = softplusDerivative(x);
            return s * (1 - s);
          }
        """;
        Compilation lib = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(JavaFileObjects.forSourceString("lib.Smooth", """
            package lib;
            import io.github.autodiff4j.DerivativeOf;
            public final class Smooth {
              public static double softplus(double x) {
                return x > 30 ? x : Math.log1p(Math.exp(x));
              }

              @DerivativeOf("softplus")
              public static double softplusDerivative(double x) {
                return 1 / (1 + Math.exp(-x));
              }
            %s}
            """.formatted(second)));
        assertEquals(Compilation.Status.SUCCESS, lib.status(), lib.diagnostics()::toString);
        Compiled.writeClassFiles(lib, library);
        return List.of(library.toFile(), Compiled.runtimeClasses());
    }

    private static List<File> withTestClasspath(List<File> classpath) {
        List<File> all = new ArrayList<>(classpath);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            all.add(new File(entry));
        }
        return all;
    }
}
