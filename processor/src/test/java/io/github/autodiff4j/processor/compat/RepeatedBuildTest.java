package io.github.autodiff4j.processor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.autodiff4j.processor.DifferentiableProcessor;
import io.github.autodiff4j.processor.testing.Compiled;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build tools compile again and again into the same output folders: the generated sources must not depend on the run
 * (or caches and reproducible builds break), and a recompilation must leave no trace of a method that is gone.
 */
class RepeatedBuildTest {
    // Several classes, scalar and vector functions, taped loops, custom derivatives: whatever could be iterated in a
    // hash order.
    private static final String[] SOURCES = {
        "demo.Model", """
      package demo;
      import io.github.autodiff4j.Differentiable;
      import io.github.autodiff4j.NoDerivative;
      public class Model {
        @Differentiable
        static double loss(double[] w, double[] x, @NoDerivative double lambda) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            double r = Math.tanh(w[i] * x[i]) - 0.5;
            s += r * r + lambda * w[i] * w[i];
          }
          return s;
        }
        @Differentiable
        static double iterate(double a, double b, int n) {
          double x = 1;
          for (int k = 0; k < n; k++) {
            x = x - (x * x - a) / (2 * x) + b * Math.sin(x);
            if (x > 10) {
              break;
            }
          }
          return x;
        }
        @Differentiable
        static double[] field(double[] p, double t) {
          return new double[] {p[0] * Math.cos(t), p[1] * Math.sin(t), Helpers.smooth(p[0] * p[1])};
        }
      }
      """,
        "demo.Helpers", """
      package demo;
      import io.github.autodiff4j.DerivativeOf;
      import io.github.autodiff4j.Differentiable;
      public class Helpers {
        static double smooth(double x) {
          return Math.log1p(Math.exp(x));
        }
        @DerivativeOf("softsign")
        static double softsignDerivative(double x) {
          return 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)));
        }
        static double softsign(double x) {
          return x / (1 + Math.abs(x));
        }
        @Differentiable
        static double blend(double x, double y) {
          return softsign(x) * smooth(y) + Math.max(x, y);
        }
      }
      """
    };

    @TempDir
    Path dir;

    @Test
    void generatedSourcesAreIdenticalFromRunToRun() {
        Map<String, String> first = generated(SOURCES);
        assertEquals(List.of("demo.HelpersDiff", "demo.ModelDiff"), List.copyOf(first.keySet()));
        for (int run = 2; run <= 3; run++) {
            assertEquals(first, generated(SOURCES), "run " + run);
        }
    }

    @Test
    void recompilingAfterDeletingAMethodLeavesNoStaleMember() throws IOException {
        String before = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Shapes {
          @Differentiable
          static double area(double r) {
            return Math.PI * r * r;
          }
          @Differentiable
          static double volume(double r, double h) {
            return area(r) * h;
          }
        }
        """;
        String after = before.replaceAll("(?s)  @Differentiable\n  static double volume.*?\n  }\n", "");
        assertFalse(after.contains("volume"), after);

        Path source = dir.resolve("src/demo/Shapes.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, before);
        javac(source);
        Path companion = dir.resolve("generated/demo/ShapesDiff.java");
        assertTrue(Files.readString(companion).contains("volumeGrad"), "the first build generates volume's members");

        Files.writeString(source, after);
        javac(source);
        String regenerated = Files.readString(companion);
        assertFalse(regenerated.toLowerCase(Locale.ROOT).contains("volume"), regenerated);
        assertEquals(
                generated("demo.Shapes", after).get("demo.ShapesDiff"),
                regenerated,
                "the same companion as a clean build of the new source");
    }

    /** Compiles in memory with a fresh processor; the generated sources by class name. */
    private static Map<String, String> generated(String... namesAndSources) {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(Compiled.sources(namesAndSources));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics()::toString);
        Map<String, String> byName = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            String path = file.toUri().getPath();
            String name = path.substring(
                            path.indexOf("/SOURCE_OUTPUT/") + "/SOURCE_OUTPUT/".length(),
                            path.length() - ".java".length())
                    .replace('/', '.');
            try {
                byName.put(name, file.getCharContent(true).toString());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return byName;
    }

    /** Compiles as a build tool does, into the same class and generated-source folders each time. */
    private void javac(Path source) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            String classpath = classes + File.pathSeparator + System.getProperty("java.class.path");
            JavaCompiler.CompilationTask task = compiler.getTask(
                    null,
                    files,
                    diagnostics,
                    List.of("-parameters", "-d", classes.toString(), "-s", generated.toString(), "-cp", classpath),
                    null,
                    files.getJavaFileObjects(source));
            task.setProcessors(List.of(new DifferentiableProcessor()));
            assertTrue(task.call(), diagnostics.getDiagnostics()::toString);
        }
    }
}
