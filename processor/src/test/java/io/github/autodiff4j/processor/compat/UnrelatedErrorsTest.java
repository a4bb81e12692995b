package io.github.autodiff4j.processor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.autodiff4j.processor.DifferentiableProcessor;
import io.github.autodiff4j.processor.testing.Compiled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A type error in the user's code is javac's to report. The processor must add nothing to it: no error of its own about
 * a type that does not exist, and no cascade of "cannot find symbol" for a companion it failed to generate.
 */
class UnrelatedErrorsTest {
    private static final String MODEL = """
      package demo;
      import io.github.autodiff4j.Differentiable;
      public class Model {
        @Differentiable
        static double f(double x, double y) {
          return Math.sin(x) * y;
        }
      }
      """;
    private static final String USER = """
      package demo;
      public class User {
        static double slope(double x) {
          ModelDiff.FGradient g = ModelDiff.fGrad(x, 2);
          return g.x();
        }
      }
      """;

    @Test
    void anErrorElsewhereIsReportedAlone() {
        String broken = """
        package demo;
        public class Broken {
          int n = "not a number";
        }
        """;
        // User's calls of the companion compile: the only error is the one javac finds in Broken by itself.
        assertEquals(
                javacAlone("demo.Broken", broken),
                errors(withProcessor("demo.Model", MODEL, "demo.User", USER, "demo.Broken", broken)));
    }

    @Test
    void aSignatureThatNamesAMissingTypeGetsOnlyJavacsErrors() {
        String model = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Model {
          @Differentiable
          static double f(double x, double y) {
            return Math.sin(x) * y;
          }
          @Differentiable
          static double g(double x, Missing m) {
            return x * m.scale();
          }
          @Differentiable
          static double h(double x, java.util.List<Missing>[] ms) {
            return x;
          }
          @Differentiable
          static Gone k(double x) {
            return null;
          }
        }
        """;
        List<String> javac = javacAlone("demo.Model", model);
        assertEquals(3, javac.size(), javac::toString);
        assertEquals(javac, errors(withProcessor("demo.Model", model, "demo.User", USER)));
    }

    @Test
    void aBodyThatNamesAMissingTypeGetsOnlyJavacsErrors() {
        String model = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Model {
          @Differentiable
          static double f(double x, double y) {
            return Math.sin(x) * y;
          }
          @Differentiable
          static double h(double x) {
            Absent a = new Absent(x);
            double s = Absent.twice(x) + a.size();
            return x * s + undefined;
          }
        }
        """;
        List<String> javac = javacAlone("demo.Model", model);
        assertTrue(javac.size() >= 3, javac::toString);
        assertEquals(javac, errors(withProcessor("demo.Model", model, "demo.User", USER)));
    }

    private static Compilation withProcessor(String... namesAndSources) {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(Compiled.sources(namesAndSources));
        assertEquals(0, compilation.warnings().size(), compilation.diagnostics()::toString);
        return compilation;
    }

    /** javac's errors for these sources, compiled without autodiff4j. */
    private static List<String> javacAlone(String... namesAndSources) {
        return errors(Compiler.javac().withOptions("-parameters").compile(Compiled.sources(namesAndSources)));
    }

    /** Each error as file, line, column and message. */
    private static List<String> errors(Compilation compilation) {
        return compilation.errors().stream()
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + " "
                        + d.getMessage(null))
                .toList();
    }
}
