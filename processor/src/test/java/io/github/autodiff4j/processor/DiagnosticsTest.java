package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the processor: the compilation fails with exactly the expected errors, each message carries its
 * stable tag and says what to do, and each error is reported at the exact line and column of what caused it.
 *
 * <p>Positions: a declaration (a method, a parameter) is expected at its name, where javac itself reports problems
 * with declarations; a statement or an expression is expected at its first character. Expected positions are never
 * written as numbers: they are computed from a marker, a substring that occurs exactly once in the test's source.
 *
 * <p>Tags are written out literally rather than read from {@link Message}: they are a public contract, and a test that
 * read them from the code under test would not notice a changed tag.
 *
 * <p>Constructs that once were errors and are now supported stay here as positive tests: they compile without errors
 * or warnings, and their derivatives agree with {@code NumericDiff} ({@link ScalarFunction#assertDerivatives}). Code
 * that javac itself rejects gets javac's errors only, none from the processor.
 */
class DiagnosticsTest {
    private static final String CLASS = "demo.Foo";

    // ---------------------------------------------------------------------------------------------------------------
    // Statements

    @Test
    void tryStatement() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double y = x * x;
            try {
              y = y + Math.sqrt(x);
            } finally {
              y = y + 1;
            }
            return y;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:try]", at(source, "try {"), "try", "caller");
    }

    @Test
    void ifStatementIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            if (x > 0) {
              return x * x;
            }
            return -x;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        f.assertDerivatives(1.5);
        f.assertDerivatives(-1.5);
    }

    @Test
    void forLoopIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += x * i;
            }
            return s;
          }
        }
        """;
        assertClean(source);
        scalar(source).assertDerivatives(0.7);
    }

    @Test
    void whileLoopIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double s = x;
            while (s > 1) {
              s = s / 2;
            }
            return s;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        f.assertDerivatives(3.0);
        f.assertDerivatives(0.5);
    }

    @Test
    void staticFieldWrite() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double last;
          @Differentiable
          static double f(double x) {
            double y = x * x;
            last = y;
            return y;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:field-write]", at(source, "last = y"), "last", "local variable");
    }

    @Test
    void qualifiedStaticFieldWrite() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double last;
          @Differentiable
          static double f(double x) {
            Foo.last = x;
            return x * x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:field-write]", at(source, "Foo.last = x"), "last", "local variable");
    }

    @Test
    void arrayFieldElementWrite() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double[] buf = new double[4];
          @Differentiable
          static double f(double x) {
            buf[0] = x;
            return x * x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:field-write]", at(source, "buf[0] = x"), "buf", "local variable");
    }

    /** Swapping two rows of a matrix (partial pivoting) assigns whole rows, which the IR does not model. */
    @Test
    void matrixRowAssignment() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double pivoted(double[][] m) {
            if (Math.abs(m[1][0]) > Math.abs(m[0][0])) {
              double[] row = m[0];
              m[0] = m[1];
              m[1] = row;
            }
            return m[1][1] - m[1][0] / m[0][0] * m[0][1];
          }
        }
        """;
        Compilation compilation = Compiled.run(CLASS, source);
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertEquals(2, errors.size(), () -> "expected one error per row assigned:\n" + describe(compilation));
        assertError(
                errors.get(0),
                "[autodiff4j:statement]",
                at(source, "m[0] = m[1]"),
                "assigning a whole row of a matrix (m[0])",
                "cannot be differentiated",
                "Swap or copy the rows' elements instead");
        assertError(
                errors.get(1),
                "[autodiff4j:statement]",
                at(source, "m[1] = row"),
                "assigning a whole row of a matrix (m[1])");
    }

    /** What the row-assignment diagnostic asks for: the rows' elements swapped in a loop over the columns. */
    @Test
    void matrixRowSwapAsTheAdviceWritesIt() {
        ScalarFunction f = scalar("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[][] m) {
            int n = m[0].length;
            if (Math.abs(m[1][0]) > Math.abs(m[0][0])) {
              for (int j = 0; j < n; j++) {
                double t = m[0][j];
                m[0][j] = m[1][j];
                m[1][j] = t;
              }
            }
            return m[1][1] - m[1][0] / m[0][0] * m[0][1];
          }
        }
        """);
        f.assertDerivatives((Object) new double[][] {{0.5, 1.3}, {-2.0, 0.7}});
        f.assertDerivatives((Object) new double[][] {{2.5, 1.3}, {-0.4, 0.7}});
    }

    /** What the switch-on-double diagnostic asks for: a switch on an int computed from the double. */
    @Test
    void switchOnIntCastOfADoubleIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double y = x;
            switch ((int) x) {
              case 1 -> y = x * x;
              default -> y = 2 * x;
            }
            return y;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        f.assertDerivatives(1.5);
        f.assertDerivatives(2.5);
    }

    /**
     * A void helper of the build is inlined (VoidHelpersTest); one whose body cannot be seen (an interface's) may write
     * into the array it is passed: the message says what is wrong and what to call instead.
     */
    @Test
    void callOfVoidMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          public interface Filler {
            void fill(double[] out, double v);
          }
          @Differentiable
          static double f(double x, Filler g) {
            double[] out = new double[1];
            g.fill(out, x);
            return out[0];
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:void-call]",
                at(source, "g.fill(out, x)"),
                "fill",
                "returns nothing",
                "source is compiled with this class");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Calls

    @Test
    void activeCallThroughInterface() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, java.util.function.DoubleUnaryOperator op) {
            return op.applyAsDouble(x);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:opaque-call]",
                at(source, "op.applyAsDouble(x)"),
                "applyAsDouble",
                "@NoDerivative",
                "source is compiled with this class");
    }

    @Test
    void constantCallThroughInterfaceIsFine() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, java.util.function.DoubleUnaryOperator op) {
            return op.applyAsDouble(2.0) * x;
          }
        }
        """);
    }

    @Test
    void activeCallOfJdkStaticMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double y = 3 * x;
            return Double.sum(y, 1);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:opaque-call]",
                at(source, "Double.sum(y, 1)"),
                "Double.sum",
                "@DerivativeOf(value = \"sum\", of = Double.class)",
                "static double[] sumDerivative(double a, double b)");
    }

    @Test
    void activeCallOfJdkFunctionWithoutDerivative() {
        // Every Math function of doubles has a rule now; Double's do not.
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * Double.max(x, 0.5);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:opaque-call]",
                at(source, "Double.max(x, 0.5)"),
                "Double.max",
                "@DerivativeOf(value = \"max\", of = Double.class)",
                "static double[] maxDerivative(double a, double b)");
    }

    @Test
    void constantCallsOfJdkStaticMethodsAreFine() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, int n) {
            return Double.sum(2.0, n) * x + Math.ulp(1.0) * x;
          }
        }
        """);
    }

    @Test
    void recursionIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, int n) {
            return n == 0 ? x : x * f(x, n - 1);
          }
        }
        """;
        assertClean(source);
    }

    /** Recursion goes through the companion's partial derivatives, which exist only for functions of doubles. */
    /**
     * A 'var' initialised from the companion generated from the same class would crash javac later (it infers the
     * type while the companion does not exist yet): a clear error asks for the type instead.
     */
    @Test
    void varOfTheCompanionInTheSameClass() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          public static void main(String[] args) {
            var g = FooDiff.fGrad(3);
            System.out.println(g.x());
          }
        }
        """;
        assertSingleError(
                source, "[autodiff4j:var-of-companion]", at(source, "g = FooDiff"), "'g'", "FooDiff.FGradient g = ...");
    }

    /**
     * Reading a nested class's method attributes its outer class too: a 'var' there from the nested class's companion
     * crashed javac (NullPointerException in Flow) before the processor looked at the whole source file.
     */
    @Test
    void varOfANestedClassCompanionInTheOuterClass() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static class Model {
            @Differentiable
            double f(double x) {
              return x * x;
            }
          }
          public static void main(String[] args) {
            var g = Foo_ModelDiff.fGrad(new Model(), 3);
            System.out.println(g.x());
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:var-of-companion]",
                at(source, "g = Foo_"),
                "'g'",
                "Foo.Model",
                "Foo_ModelDiff.FGradient g = ...");
    }

    /** A superclass is attributed with its subclass: its 'var' of the subclass's companion is caught too. */
    @Test
    void varOfTheCompanionInASuperclassInAnotherFile() {
        String base = """
        package demo;
        public class Base {
          static double probe(double x) {
            var g = FooDiff.fGrad(x);
            return g.x();
          }
        }
        """;
        Compilation compilation = Compiled.runAll(CLASS, """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo extends Base {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """, "demo.Base", base);
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertAll(
                () -> assertEquals(1, errors.size(), () -> describe(compilation)),
                () -> assertError(errors.get(0), "[autodiff4j:var-of-companion]", at(base, "g = FooDiff"), "'g'"));
    }

    /** A class the processor never reads (a main in a file of its own) keeps its 'var': javac infers it later. */
    @Test
    void varOfTheCompanionInAClassThatIsNotReadIsFine() {
        Compilation compilation = Compiled.runAll(CLASS, """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """, "demo.Main", """
        package demo;
        public class Main {
          public static void main(String[] args) {
            var g = FooDiff.fGrad(3);
            System.out.println(g.x());
          }
        }
        """);
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation));
    }

    @Test
    void explicitTypeOfTheCompanionInTheSameClassIsFine() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          public static void main(String[] args) {
            FooDiff.FGradient g = FooDiff.fGrad(3);
            System.out.println(g.x());
          }
        }
        """);
    }

    /** Recursion over an array, annotated: through generated members (a [autodiff4j:recursion] error before). */
    @Test
    void recursionWithAnArrayParameterIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[] x, int n) {
            return n == 0 ? x[0] : x[n] * f(x, n - 1);
          }
        }
        """;
        assertClean(source);
    }

    /**
     * A recursive helper that writes into an array it is passed: one positioned error, at the write, though the
     * helper is called twice.
     */
    @Test
    void recursionWritingIntoAnArray() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double fill(double[] out, double x, int i) {
            if (i == out.length) {
              return 0;
            }
            out[i] = x * i;
            return out[i] + fill(out, x, i + 1);
          }
          @Differentiable
          static double f(double x) {
            double[] w = new double[4];
            return fill(w, x, 0) * fill(w, 2 * x, 1);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:recursion]",
                at(source, "out[i] = x * i"),
                "fill calls itself",
                "writes into an array it is passed",
                "write the recursion as a loop");
    }

    @Test
    void recursionReturningItsArrayParameter() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double[] twice(double[] v, int n) {
            if (n == 0) {
              return v;
            }
            double[] w = twice(v, n - 1);
            return new double[] {2 * w[0], w[1]};
          }
          @Differentiable
          static double f(double[] v) {
            return twice(v, 3)[0];
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:recursion]",
                at(source, "return v;"),
                "twice calls itself",
                "may return an array it is passed",
                "v.clone()");
    }

    @Test
    void recursionReturningAMatrix() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double[][] twice(double[] v, int n) {
            if (n == 0) {
              return new double[][] {v.clone()};
            }
            double[][] w = twice(v, n - 1);
            return new double[][] {{2 * w[0][0], w[0][1]}};
          }
          @Differentiable
          static double f(double[] v) {
            return twice(v, 3)[0][0];
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:recursion]",
                at(source, "twice(v, n - 1)"),
                "twice calls itself",
                "must return a double or a double[]");
    }

    @Test
    void mutualRecursionThroughAHelperIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, int n) {
            return n == 0 ? x : x * g(x, n - 1);
          }
          static double g(double y, int n) {
            return 2 * f(y, n);
          }
        }
        """;
        assertClean(source);
    }

    @Test
    void recursionThroughALoopBodyIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              s = s * f(x, n - 1);
            }
            return s;
          }
        }
        """;
        assertClean(source);
    }

    /**
     * A recursive helper that is not annotated, called twice: through private members of the companion (a
     * [autodiff4j:recursion] error before, which a new user's trial saw).
     */
    @Test
    void recursiveHelperIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double tail(double x) {
            return x < 0 ? 1 - tail(-x) : 0.5 * Math.exp(-x * x);
          }
          @Differentiable
          static double f(double x) {
            return tail(x) * x + tail(2 * x);
          }
        }
        """;
        assertClean(source);
    }

    /**
     * A stream pipeline autodiff4j does not read as a loop (sorted: StreamPipelinesTest has the others): one error for
     * the whole of it, at its start, naming the call and saying to write the loop it runs.
     */
    @Test
    void streamPipeline() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[] a) {
            return java.util.Arrays.stream(a).map(v -> v * v).sorted().max().getAsDouble();
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:stream]",
                at(source, "java.util.Arrays.stream(a)"),
                "stream pipeline",
                "sorted",
                "loop");
    }

    /**
     * Varargs of doubles are supported (VarargsTest); a helper of this build whose variable arity parameter holds
     * objects cannot be inlined, and the message says what to declare instead.
     */
    @Test
    void varargsOfObjectsInAHelper() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return first(x, 1, 2);
          }
          static double first(double x, Integer... tags) {
            return x * tags.length;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:varargs]", at(source, "first(x, 1, 2)"), "varargs", "first", "double");
    }

    @Test
    void errorInsideHelperIsReportedInTheHelper() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return 2 * helper(x);
          }
          static double helper(double y) {
            double r = y;
            try {
              r = Math.sqrt(y);
            } finally {
              r = r + 1;
            }
            return r;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:try]", at(source, "try {"), "try", "caller");
    }

    @Test
    void helperWithUnsupportedCodeCalledWithConstantArgumentsIsFine() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return helper(2.0) * x;
          }
          static double helper(double y) {
            double r = y;
            try {
              r = Math.sqrt(y);
            } finally {
              r = r + 1;
            }
            return r;
          }
        }
        """);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Expressions

    /** An enum constant is an object, not a value the IR computes with: pass the test's outcome in instead. */
    /** An enum constant is a constant object, compared with == (once rejected as [autodiff4j:expression]). */
    @Test
    void enumConstant() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          enum Mode { LINEAR, QUADRATIC }
          @Differentiable
          static double f(double x, Mode mode) {
            if (mode == Mode.LINEAR) {
              return Math.abs(x);
            }
            return x * x;
          }
        }
        """;
        assertClean(source);
        Compiled compiled = Compiled.compile(CLASS, source);
        Object[] modes = compiled.load(CLASS + "$Mode").getEnumConstants();
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        f.assertDerivatives(0.7, modes[0]);
        f.assertDerivatives(0.7, modes[1]);
    }

    /** A private static field that is not a compile-time constant cannot be folded in, nor read by the companion. */
    @Test
    void privateStaticArrayField() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
          @Differentiable
          static double weighted(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += WEIGHTS[i] * x[i] * x[i];
            }
            return s;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:inaccessible]",
                at(source, "WEIGHTS[i]"),
                "field WEIGHTS is private",
                "companion class cannot read it",
                "Make it package-private");
    }

    /**
     * A private helper in a while condition is inlined at the top of the loop's body, which the loop leaves when the
     * condition fails.
     */
    @Test
    void privateCallInWhileConditionIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static double energy(double s, double x) {
            return s * s * x;
          }
          @Differentiable
          static double f(double x) {
            double s = 0.1;
            while (energy(s, x) < 2) {
              s = s * 1.5 + 0.1 * x;
            }
            return s * x;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        // Away from the points where the trip count changes, where the function jumps.
        f.assertDerivatives(0.7);
        f.assertDerivatives(2.1);
    }

    /**
     * A helper passed an active array (it may write into it) in a for loop's condition, with a continue: the update
     * runs, then the inlined condition again.
     */
    @Test
    void arrayHelperInForConditionWithContinueIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double norm(double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += v[i] * v[i];
            }
            return Math.sqrt(s);
          }
          @Differentiable
          static double f(double[] x) {
            double scale = 0.5;
            double t = 0;
            for (int k = 0; norm(x) > scale && k < 20; k++) {
              scale = scale * 2;
              if (k % 2 == 0) {
                continue;
              }
              t += x[0] / scale;
            }
            return x[0] * x[1] / scale + t;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        f.assertDerivatives((Object) new double[] {0.7, 1.3});
        f.assertDerivatives((Object) new double[] {3.1, 5.2});
    }

    /** A do-while tests after the body and after a continue: no place in the loop runs an inlined condition then. */
    @Test
    void privateCallInDoWhileCondition() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static double energy(double s) {
            return s * s;
          }
          @Differentiable
          static double f(double x) {
            double s = 0;
            do {
              s = s + 0.25;
            } while (energy(s) < x);
            return s * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:loop-condition-call]",
                at(source, "energy(s) < x"),
                "energy, called in this loop's condition",
                "it is private",
                "local variable before the loop");
    }

    /** What the loop-condition-call diagnostic asks for: the condition in a local, computed before and in the loop. */
    @Test
    void privateCallBeforeLoopAndInItsBodyIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private static double energy(double s) {
            return s * s;
          }
          @Differentiable
          static double f(double x) {
            double s = 0;
            double e = energy(s);
            while (e < x) {
              s = s + 0.25;
              e = energy(s);
            }
            return s * x + e * x;
          }
        }
        """;
        assertClean(source);
        ScalarFunction f = scalar(source);
        // Away from the points where the trip count changes (x = k^2 / 16), where the function jumps.
        f.assertDerivatives(0.7);
        f.assertDerivatives(2.1);
    }

    @Test
    void arrayLiteralIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double[] v = new double[] {x, 2 * x};
            return v[0] * v[1];
          }
        }
        """;
        assertClean(source);
        scalar(source).assertDerivatives(0.7);
    }

    /** An active array handed to a stream is read as the loop the stream runs (StreamPipelinesTest has the rest). */
    @Test
    void activeArrayLiteralThroughJdkStream() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return java.util.Arrays.stream(new double[] {x, 2 * x}).sum();
          }
        }
        """;
        assertClean(source);
        scalar(source).assertDerivatives(0.7);
    }

    @Test
    void activeArrayParameterThroughJdkStream() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[] w) {
            return java.util.Arrays.stream(w).sum();
          }
        }
        """;
        assertClean(source);
        scalar(source).assertDerivatives((Object) new double[] {0.5, -1.2, 2.0});
    }

    @Test
    void floatLiteral() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * 1.5f;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:float]", at(source, "1.5f"), "1.5", "Use double");
    }

    /** One error for the declaration; the uses of the rejected local are not reported again. */
    @Test
    void matrixLocalIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double[][] m = new double[2][3];
            m[0][1] = x;
            return m[0][1] * x;
          }
        }
        """;
        assertClean(source);
    }

    /**
     * Assignments inside expressions are supported (AssignmentExpressionsTest); the one left rejected makes an array
     * variable name another array while the expression still stores through it. The message says what to do instead.
     */
    @Test
    void arrayRenamedInsideItsOwnStore() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[] a, double[] b) {
            a[0] = (a = b)[1];
            return a[0];
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:assignment-in-expression]",
                at(source, "a[0] = (a = b)[1]"),
                "assignment inside an expression",
                "statement");
    }

    /** A char local is an integral constant (once rejected as [autodiff4j:type]). */
    @Test
    void charLocal() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            char c = 'b';
            return x * (c - 'a');
          }
        }
        """;
        assertClean(source);
        scalar(source).assertDerivatives(0.7);
    }

    /** One error for the declaration; the uses of the rejected local are not reported again. */
    @Test
    void floatLocal() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            float s = 2;
            return x * s;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:float]", at(source, "s = 2"), "local variable s", "Use double");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signatures

    @Test
    void privateMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          private static double f(double x) {
            return x * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:private-method]",
                at(source, "f(double x)"),
                "FooDiff",
                "package-private or public");
    }

    @Test
    void byteParameter() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double dequantize(double scale, byte level) {
            return scale * level;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:parameter-type]",
                at(source, "level)"),
                "parameter level has type byte",
                "cannot take",
                "int, long, boolean, their arrays or an object type for a constant");
    }

    @Test
    void objectArrayParameter() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double total(double[] prices, String[] names) {
            double s = 0;
            for (int i = 0; i < prices.length; i++) {
              s += prices[i];
            }
            return s;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:parameter-type]",
                at(source, "names)"),
                "parameter names has type java.lang.String[]",
                "Use double or double[] for a value to differentiate");
    }

    /** The parameter's uses add no error of their own: the one at the parameter says what to change. */
    @Test
    void parameterOfAnUnsupportedTypeUsedInTheBody() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double total(double[] prices, float[] weights, String[] names) {
            double s = 0;
            for (int i = 0; i < prices.length; i++) {
              s += prices[i] * weights[i] * names[i].length();
            }
            return s;
          }
        }
        """;
        Compilation compilation = Compiled.run(CLASS, source);
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertAll(
                () -> assertEquals(2, errors.size(), () -> describe(compilation)),
                () -> assertError(errors.get(0), "[autodiff4j:parameter-type]", at(source, "weights,"), "float[]"),
                () -> assertError(errors.get(1), "[autodiff4j:parameter-type]", at(source, "names)"), "String[]"));
    }

    /** An abstract method has no body to differentiate: the implementation is what to annotate. */
    @Test
    void abstractMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public abstract class Foo {
          @Differentiable
          abstract double loss(double[] w);
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:no-source]",
                at(source, "loss(double[] w)"),
                "loss(double[]) has no body",
                "abstract, native or an interface method",
                "Put @Differentiable on a method with a body");
    }

    @Test
    void interfaceMethodWithoutDefault() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public interface Foo {
          @Differentiable
          double loss(double x);

          @Differentiable
          default double scaledLoss(double x) {
            return 2 * x * x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:no-source]", at(source, "loss(double x)"), "loss(double) has no body");
    }

    @Test
    void instanceMethodIsSupported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          double f(double x) {
            return x * x;
          }
        }
        """;
        assertClean(source);
    }

    @Test
    void returnTypeOtherThanDouble() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static int f(double x) {
            return (int) (x * x);
          }
        }
        """;
        assertSingleError(
                source, "[autodiff4j:return-type]", at(source, "f(double x)"), "returns int", "must return double");
    }

    /** A matrix-valued function: the error at the method says how to get its Jacobian, never a crash. */
    @Test
    void matrixResult() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double[][] outer(double[] a, double[] b) {
            double[][] m = new double[a.length][b.length];
            for (int i = 0; i < a.length; i++) {
              for (int j = 0; j < b.length; j++) {
                m[i][j] = a[i] * b[j];
              }
            }
            return m;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:return-type]",
                at(source, "outer(double[] a"),
                "returns double[][]",
                "row by row in one double[]");
    }

    @Test
    void floatParameter() {
        assertFloatLikeParameter("float");
    }

    @Test
    void boxedFloatParameter() {
        assertFloatLikeParameter("Float");
    }

    @Test
    void boxedDoubleParameter() {
        assertFloatLikeParameter("Double");
    }

    private static void assertFloatLikeParameter(String type) {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, %s scale) {
            return x * scale;
          }
        }
        """.formatted(type);
        assertSingleError(
                source, "[autodiff4j:float-parameter]", at(source, "scale)"), "scale", type, "Declare it as double");
    }

    /**
     * The float-parameter message says "Declare it as double": doing so must then compile.
     */
    @Test
    void floatParameterAdviceCanBeFollowed() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          @Differentiable
          static double f(double x, @NoDerivative double scale) {
            double s = scale;
            return x * s;
          }
        }
        """);
    }

    @Test
    void activeParameterNamedValue() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, double value) {
            return x * value;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:parameter-named-value]",
                at(source, "value)"),
                "FGradient",
                "Rename the parameter");
    }

    @Test
    void constantParametersNamedValueAreFine() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          @Differentiable
          static double f(double x, @NoDerivative double value) {
            return x * value;
          }
          @Differentiable
          static double g(double x, int value) {
            return x * value;
          }
        }
        """);
    }

    @Test
    void overloadsShareAName() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          @Differentiable
          static double f(double x, double y) {
            return x * y;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:overload]", at(source, "f(double x, double y)"), "FGradient", "Rename");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Errors that javac reports: the processor adds none of its own

    @Test
    void undefinedVariableInAnotherMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          static double g(double y) {
            return y * undefinedVariable;
          }
        }
        """;
        assertOnlyJavacError(source, "cannot find symbol", at(source, "undefinedVariable"));
    }

    @Test
    void typeErrorInAnotherMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
          static double g(double y) {
            String s = y;
            return y;
          }
        }
        """;
        assertOnlyJavacError(source, "incompatible types", at(source, "y;\n    return"));
    }

    /** javac's "cannot find symbol" must reach the user, not be replaced by an autodiff4j error about the name. */
    @Test
    void undefinedVariableInTheDifferentiableMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * undefinedVariable;
          }
        }
        """;
        assertOnlyJavacError(source, "cannot find symbol", at(source, "undefinedVariable"));
    }

    @Test
    void undefinedMethodInTheDifferentiableMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * undefinedMethod(x);
          }
        }
        """;
        assertOnlyJavacError(source, "cannot find symbol", at(source, "undefinedMethod"));
    }

    @Test
    void undefinedVariableInACalledHelper() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return 2 * helper(x);
          }
          static double helper(double y) {
            return y * undefinedVariable;
          }
        }
        """;
        assertOnlyJavacError(source, "cannot find symbol", at(source, "undefinedVariable"));
    }

    @Test
    void typeErrorInTheDifferentiableMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double y = "text";
            return x * y;
          }
        }
        """;
        assertOnlyJavacError(source, "incompatible types", at(source, "\"text\""));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Several errors, and what still gets generated

    @Test
    void everyErrorOfAMethodIsReported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static double last;
          @Differentiable
          static double f(double x) {
            double y = x * x;
            try {
              y = y + 1;
            } finally {
              y = y * 2;
            }
            last = y;
            return y;
          }
        }
        """;
        Compilation compilation = Compiled.run(CLASS, source);
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertEquals(2, errors.size(), () -> "expected a try and a field write:\n" + describe(compilation));
        assertError(errors.get(0), "[autodiff4j:try]", at(source, "try {"), "caller");
        assertError(errors.get(1), "[autodiff4j:field-write]", at(source, "last = y"), "local variable");
    }

    @Test
    void signatureAndBodyErrorsOfAMethodAreBothReported() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          private static double f(double x) {
            double y = x;
            try {
              y = y * x;
            } finally {
              y = y + 1;
            }
            return y;
          }
        }
        """;
        Compilation compilation = Compiled.run(CLASS, source);
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertEquals(2, errors.size(), () -> "expected a private method and a try:\n" + describe(compilation));
        assertError(
                errors.get(0), "[autodiff4j:private-method]", at(source, "f(double x)"), "package-private or public");
        assertError(errors.get(1), "[autodiff4j:try]", at(source, "try {"), "caller");
    }

    @Test
    void errorsInOneMethodDoNotStopTheOthers() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double good(double x) {
            return x * x;
          }
          @Differentiable
          static double bad(double x) {
            double y = x;
            try {
              y = y * x;
            } finally {
              y = y + 1;
            }
            return y;
          }
          @Differentiable
          static double alsoGood(double x, double y) {
            return Math.sin(x) * y;
          }
        }
        """;
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.FAILURE, compilation.status(), () -> describe(compilation));
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertEquals(1, errors.size(), () -> describe(compilation));
        assertError(errors.get(0), "[autodiff4j:try]", at(source, "try {"), "caller");

        // Compilation.generatedSourceFiles() refuses to answer for a failed compilation, so compile again with a file
        // manager that keeps what the processor writes.
        String companion = generatedSourceDespiteErrors(source, "demo.FooDiff");
        assertAll(
                () -> assertTrue(companion.contains("record GoodGradient("), companion),
                () -> assertTrue(companion.contains(" goodGrad("), companion),
                () -> assertTrue(companion.contains(" goodJvp("), companion),
                () -> assertTrue(companion.contains(" goodHessian("), companion),
                () -> assertTrue(companion.contains(" goodCheck("), companion),
                () -> assertTrue(companion.contains("record AlsoGoodGradient("), companion),
                () -> assertTrue(companion.contains(" alsoGoodGrad("), companion),
                () -> assertTrue(companion.contains(" alsoGoodJvp("), companion),
                () -> assertFalse(companion.contains("BadGradient"), companion),
                () -> assertFalse(companion.contains(" badGrad("), companion),
                () -> assertFalse(companion.contains(" badJvp("), companion));
    }

    @Test
    void validClassCompilesWithoutWarningsOrErrors() {
        assertClean("""
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          static final double K = 3.0;
          private static final double HALF = 0.5;
          @Differentiable
          public static double f(double x) {
            return 2 * x + x * x;
          }
          @Differentiable
          static double g(double x, double y, int n, @NoDerivative double c) {
            double a = Math.sin(x * y);
            a = a * a + n;
            a += Math.exp(y) / x;
            double b = x > y ? x : Math.max(y, c);
            return a * x + y + sq(y) * K + HALF * b;
          }
          static double sq(double v) {
            double r = v * v;
            return r;
          }
          private static double cube(double v) {
            return v * v * v;
          }
          @Differentiable
          static double h(double x, java.util.function.DoubleUnaryOperator op) {
            return cube(x) + op.applyAsDouble(1.0) * x;
          }
        }
        """);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** A one-based line and column, as {@link Diagnostic#getLineNumber()} and {@link Diagnostic#getColumnNumber()}. */
    record Position(long line, long column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /** The position of the first character of {@code marker}, which must occur exactly once in {@code source}. */
    static Position at(String source, String marker) {
        int index = source.indexOf(marker);
        assertTrue(index >= 0, () -> "marker not in source: " + marker);
        assertEquals(index, source.lastIndexOf(marker), () -> "marker not unique in source: " + marker);
        long line =
                1 + source.substring(0, index).chars().filter(c -> c == '\n').count();
        long column = index - source.lastIndexOf('\n', index - 1);
        return new Position(line, column);
    }

    /** Compiles and asserts exactly one error, tagged, saying what to do, at {@code where}. */
    static void assertSingleError(String source, String tag, Position where, String... keywords) {
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.FAILURE, compilation.status(), () -> describe(compilation));
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        // Both checks run, so that a failing test shows a wrong message or position even when there are extra errors.
        assertAll(
                () -> assertEquals(1, errors.size(), () -> "expected exactly one error:\n" + describe(compilation)),
                () -> assertError(errors.get(0), tag, where, keywords));
    }

    /**
     * Compiles and asserts exactly one error, javac's own (its message containing {@code javacMessage}), at
     * {@code where}, and none from autodiff4j: the processor leaves code javac rejects to javac.
     */
    private static void assertOnlyJavacError(String source, String javacMessage, Position where) {
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.FAILURE, compilation.status(), () -> describe(compilation));
        List<Diagnostic<? extends JavaFileObject>> errors = errorsInSourceOrder(compilation);
        assertAll(
                () -> assertTrue(
                        errors.stream().noneMatch(e -> e.getMessage(Locale.ROOT).contains("[autodiff4j:")),
                        () -> "no autodiff4j error expected:\n" + describe(compilation)),
                () -> assertEquals(1, errors.size(), () -> "expected exactly javac's error:\n" + describe(compilation)),
                () -> assertTrue(
                        errors.stream()
                                .anyMatch(e -> e.getMessage(Locale.ROOT).contains(javacMessage)
                                        && where.equals(new Position(e.getLineNumber(), e.getColumnNumber()))),
                        () -> "expected javac's '" + javacMessage + "' at " + where + ":\n" + describe(compilation)));
    }

    /** Compiles a source that must compile, and its {@code demo.Foo.f} with its generated members. */
    private static ScalarFunction scalar(String source) {
        return new ScalarFunction(Compiled.compile(CLASS, source), CLASS, "f");
    }

    private static void assertError(
            Diagnostic<? extends JavaFileObject> error, String tag, Position where, String... keywords) {
        String message = error.getMessage(Locale.ROOT);
        Supplier<String> shown =
                () -> "error at " + new Position(error.getLineNumber(), error.getColumnNumber()) + ": " + message;
        assertAll(
                () -> assertTrue(message.startsWith(tag), () -> "tag " + tag + " expected first; " + shown.get()),
                () -> {
                    for (String keyword : keywords) {
                        assertTrue(message.contains(keyword), () -> "message lacks '" + keyword + "'; " + shown.get());
                    }
                },
                () -> assertEquals(
                        where,
                        new Position(error.getLineNumber(), error.getColumnNumber()),
                        () -> "position (line:column); " + shown.get()));
    }

    /** Compiles successfully, with no errors and no warnings at all. */
    static void assertClean(String source) {
        Compilation compilation = Compiled.run(CLASS, source);
        assertAll(
                () -> assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation)),
                () -> assertEquals(0, compilation.errors().size(), () -> describe(compilation)),
                () -> assertEquals(0, compilation.warnings().size(), () -> describe(compilation)));
    }

    private static List<Diagnostic<? extends JavaFileObject>> errorsInSourceOrder(Compilation compilation) {
        return compilation.errors().stream()
                .sorted(Comparator.<Diagnostic<? extends JavaFileObject>>comparingLong(Diagnostic::getLineNumber)
                        .thenComparingLong(Diagnostic::getColumnNumber))
                .collect(Collectors.toList());
    }

    /**
     * Runs javac with the processor on {@code source} and returns the source the processor generated for class
     * {@code generated}, whether or not the compilation succeeded. Nothing is written to disk.
     */
    static String generatedSourceDespiteErrors(String source, String generated, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, StringWriter> written = new TreeMap<>();
        StandardJavaFileManager standard =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        JavaFileManager capturing = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                    Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                URI uri =
                        URI.create("mem:///" + location.getName() + "/" + className.replace('.', '/') + kind.extension);
                StringWriter text = new StringWriter();
                if (kind == JavaFileObject.Kind.SOURCE) {
                    written.put(className, text);
                }
                return new SimpleJavaFileObject(uri, kind) {
                    @Override
                    public Writer openWriter() {
                        return text;
                    }

                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text.toString();
                    }

                    @Override
                    public OutputStream openOutputStream() {
                        return OutputStream.nullOutputStream();
                    }
                };
            }
        };
        List<String> allOptions = new java.util.ArrayList<>(List.of(options));
        allOptions.add("-parameters");
        JavaCompiler.CompilationTask task = javac.getTask(
                null,
                capturing,
                diagnostics,
                allOptions,
                null,
                List.of(JavaFileObjects.forSourceString(CLASS, source)));
        task.setProcessors(List.of(new DifferentiableProcessor()));
        task.call();
        StringWriter text = written.get(generated);
        if (text == null) {
            throw new AssertionError("not generated: " + generated + "; generated: " + written.keySet() + "\n"
                    + diagnostics.getDiagnostics().stream()
                            .map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " "
                                    + d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("\n")));
        }
        return text.toString();
    }

    static String describe(Compilation compilation) {
        return compilation.diagnostics().stream()
                .map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " "
                        + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }
}
