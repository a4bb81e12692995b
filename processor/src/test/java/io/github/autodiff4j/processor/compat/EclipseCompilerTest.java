package io.github.autodiff4j.processor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Eclipse's compiler (its batch compiler, as Maven's and Eclipse's builders run it) the processor cannot read
 * method bodies. It must say so once, clearly, and nothing else may break: no crash, no other error from the
 * processor, and the user's classes still compile.
 */
class EclipseCompilerTest {

    @TempDir
    Path dir;

    @Test
    void oneClearErrorAndTheUserClassesStillCompile() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(sources.resolve("Model.java"), """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Model {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          @Differentiable
          static double g(double[] w) {
            double s = 0;
            for (double v : w) {
              s += Math.sin(v);
            }
            return s;
          }
        }
        """);
        Files.writeString(sources.resolve("Plain.java"), """
        package demo;
        public class Plain {
          static double twice(double x) {
            return 2 * x;
          }
        }
        """);
        String output = ecj(dir.resolve("out"), sources.resolve("Model.java"), sources.resolve("Plain.java"));

        assertEquals(1, count(output, "ERROR"), output);
        assertEquals(1, count(output, "[autodiff4j:needs-javac]"), output);
        assertTrue(output.contains("autodiff4j needs javac"), output);
        assertFalse(output.contains("Exception"), output);
        assertTrue(Files.exists(dir.resolve("out/demo/Plain.class")), "Plain compiles\n" + output);
        assertTrue(Files.exists(dir.resolve("out/demo/Model.class")), "Model compiles\n" + output);
    }

    @Test
    void aModuleWithoutAnnotatedMethodsBuildsWithoutError() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(sources.resolve("Plain.java"), "package demo;\npublic class Plain {}\n");
        String output = ecj(dir.resolve("out"), sources.resolve("Plain.java"));

        assertEquals(0, count(output, "ERROR"), output);
        assertTrue(Files.exists(dir.resolve("out/demo/Plain.class")), output);
    }

    /** Runs ECJ with this build's processor on its processor path; returns everything it printed. */
    private static String ecj(Path out, Path... sources) {
        String classpath = System.getProperty("java.class.path");
        StringWriter printed = new StringWriter();
        PrintWriter writer = new PrintWriter(printed);
        String[] options = {
            "--release",
            "17",
            "-d",
            out.toString(),
            "-cp",
            classpath,
            "-processorpath",
            classpath,
            "-processor",
            DifferentiableProcessor.class.getName()
        };
        String[] args = new String[options.length + sources.length];
        System.arraycopy(options, 0, args, 0, options.length);
        for (int i = 0; i < sources.length; i++) {
            args[options.length + i] = sources[i].toString();
        }
        BatchCompiler.compile(args, writer, writer, null);
        writer.flush();
        return printed.toString();
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static {
        // The class path doubles as the processor path: it must hold the processor's classes and its dependencies.
        assertTrue(System.getProperty("java.class.path").contains(File.pathSeparator));
    }
}
