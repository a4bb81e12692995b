package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertClean;
import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static io.github.autodiff4j.processor.DiagnosticsTest.describe;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
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
 * The README's catalogue of constructs, one row per diagnostic: each construct a {@code @Differentiable} method may
 * not contain is one error, with its stable tag, saying what to do, at the construct's first character (expected
 * positions come from a marker that occurs once in the source, as in {@link DiagnosticsTest}). Constructs the
 * catalogue lists as supported, and that no other test covers, have their derivatives checked against
 * {@code NumericDiff} (tolerances in {@link ScalarFunction}). Then the zero-derivative warning, and its suppression.
 */
class CatalogueTest {
    private static final String CLASS = "demo.Foo";

    /** One rejected construct: the method's parameters and body, other members, and the expected error. */
    record Row(String name, String params, String body, String members, String tag, String marker, String... keywords) {
        String source() {
            return """
          package demo;
          import io.github.autodiff4j.Differentiable;
          public class Foo {
          %s
            @Differentiable
            static double f(%s) {
          %s
            }
          }
          """.formatted(members, params, body);
        }
    }

    /** Each helper calls the one below it five times: 125 copies of h0's body once inlined. */
    private static final String HELPERS_CALLING_HELPERS = """
        static double h0(double x) {
          double y = Math.sin(x) * Math.cos(2 * x) + Math.exp(-x * x) / (1 + x * x);
          return Math.log(2 + Math.sin(y)) * Math.tanh(y * x) + Math.atan(y - x) / Math.hypot(1, y);
        }

        static double h1(double x) {
          return h0(x) + h0(2 * x) * h0(x + 1) - h0(x / 3) + h0(x - 1);
        }

        static double h2(double x) {
          return h1(x) + h1(2 * x) * h1(x + 1) - h1(x / 3) + h1(x - 1);
        }

        static double h3(double x) {
          return h2(x) + h2(2 * x) * h2(x + 1) - h2(x / 3) + h2(x - 1);
        }
      """;

    private static final List<Row> REJECTED = List.of(
            new Row(
                    "synchronized",
                    "double x",
                    "    double y = x;\n    synchronized (Foo.class) {\n      y = y * x;\n" + "    }\n    return y;",
                    "",
                    "[autodiff4j:synchronized]",
                    "synchronized",
                    "Remove it"),
            new Row(
                    "local class",
                    "double x",
                    "    class Square {\n      double of(double v) {\n        return v * v;\n"
                            + "      }\n    }\n    return x;",
                    "",
                    "[autodiff4j:local-class]",
                    "class Square",
                    "local class",
                    "static method"),
            new Row(
                    "local record",
                    "double x",
                    "    record Point(double v) {}\n    return x;",
                    "",
                    "[autodiff4j:local-class]",
                    "record Point",
                    "local record",
                    "static method"),
            new Row(
                    "switch expression inside an expression",
                    "double x, int k",
                    "    return x * switch (k) {\n      case 1 -> x * x;\n      default -> x;\n    };",
                    "",
                    "[autodiff4j:switch-expression]",
                    "switch (k)",
                    "declaration, an assignment, a return or a yield",
                    "Assign it to a local variable first"),
            new Row(
                    "switch on Integer",
                    "double x, Integer mode",
                    "    switch (mode) {\n      case 1:\n"
                            + "        return x * x;\n      default:\n        return x;\n    }",
                    "",
                    "[autodiff4j:switch-type]",
                    "mode) {\n      case",
                    "a switch on Integer",
                    "only switches on int, char, String or an enum",
                    "if and else"),
            new Row(
                    "for-each over a List",
                    "double x, java.util.List<Double> ws",
                    "    double s = 0;\n" + "    for (double w : ws) {\n      s += w * x;\n    }\n    return s;",
                    "",
                    "[autodiff4j:for-each]",
                    "for (double w",
                    "ws (a List<Double>)",
                    "double[]"),
            new Row(
                    "unused result",
                    "double x",
                    "    Math.sin(x);\n    return x;",
                    "",
                    "[autodiff4j:unused-result]",
                    "Math.sin(x);",
                    "Math.sin(x) is unused",
                    "Assign the result"),
            new Row(
                    "lambda",
                    "double x",
                    "    java.util.function.DoubleSupplier s = () -> x * x;\n    return x;",
                    "",
                    "[autodiff4j:lambda]",
                    "() -> x * x",
                    "a lambda",
                    "static method"),
            new Row(
                    "method reference",
                    "double x",
                    "    java.util.function.DoubleUnaryOperator op = Math::sin;\n    return op.applyAsDouble(x);",
                    "",
                    "[autodiff4j:lambda]",
                    "Math::sin",
                    "a method reference",
                    "static method"),
            new Row(
                    "new object",
                    "double x",
                    "    return new Foo().g(x);",
                    "  double g(double v) {\n    return v * v;\n  }",
                    "[autodiff4j:new-object]",
                    "new Foo()",
                    "(new Foo())",
                    "pass it in as a parameter"),
            new Row(
                    "anonymous class",
                    "double x",
                    "    Object o = new Object() { };\n    return x;",
                    "",
                    "[autodiff4j:new-object]",
                    "new Object()",
                    "new Object() { }",
                    "pass it in as a parameter"),
            new Row(
                    "instanceof with a pattern",
                    "double x, Object o",
                    "    if (o instanceof Integer i) {\n      return x * i;\n    }\n    return x;",
                    "",
                    "[autodiff4j:instanceof]",
                    "o instanceof",
                    "(o instanceof Integer i)",
                    "boolean parameter"),
            new Row(
                    "string built from an active value, kept in a local",
                    "double x",
                    "    String label = \"x = \" + x;\n    return x * x;",
                    "",
                    "[autodiff4j:string]",
                    "label =",
                    "the string label",
                    "Build the string in the print or throw statement"),
            new Row(
                    "remainder of doubles",
                    "double x",
                    "    return x % 2;",
                    "",
                    "[autodiff4j:double-remainder]",
                    "x % 2",
                    "(x % 2)",
                    "Math.floor"),
            new Row(
                    "compound remainder of doubles",
                    "double x",
                    "    double y = x;\n    y %= 2;\n    return y;",
                    "",
                    "[autodiff4j:double-remainder]",
                    "y %= 2",
                    "(y %= 2)",
                    "Math.floor"),
            new Row(
                    "generic method",
                    "double x",
                    "    return x * twice(x);",
                    "  static <T extends Number> double twice(T t) {\n    return 2 * t.doubleValue();\n  }",
                    "[autodiff4j:generic-method]",
                    "twice(x);",
                    "twice is generic",
                    "parameter t has type T",
                    "non-generic"),
            new Row(
                    "overridable call on another object",
                    "double x, Foo other",
                    "    return other.g(x);",
                    "  double g(double v) {\n    return v * v;\n  }",
                    "[autodiff4j:virtual-call]",
                    "other.g(x)",
                    "Foo.g(double) can be overridden",
                    "final"),
            new Row(
                    "ragged array",
                    "double x",
                    "    double[][] m = new double[2][];\n    return x;",
                    "",
                    "[autodiff4j:ragged-array]",
                    "new double[2][]",
                    "(new double[2][])",
                    "new double[rows][columns]"),
            new Row(
                    "null",
                    "double x",
                    "    double[] a = null;\n    return x;",
                    "",
                    "[autodiff4j:null]",
                    "null;",
                    "Create the array with new"),
            new Row(
                    "boxed Double local",
                    "double x",
                    "    Double d = x;\n    return d * 2;",
                    "",
                    "[autodiff4j:float]",
                    "d = x",
                    "local variable d has type Double",
                    "Use double"),
            new Row(
                    "Integer local",
                    "double x",
                    "    Integer k = 3;\n    return x * k;",
                    "",
                    "[autodiff4j:type]",
                    "k = 3",
                    "local variable k has type Integer",
                    "int, long or boolean"),
            new Row(
                    "derivative code over 64 KB",
                    "double x",
                    "    return h3(x);",
                    HELPERS_CALLING_HELPERS,
                    "[autodiff4j:too-large]",
                    "f(double x)",
                    "fGrad",
                    "64 KB",
                    "h0, h1, h2, h3",
                    "@DerivativeOf"));

    @TestFactory
    Stream<DynamicTest> everyRejectedConstructIsOneTaggedErrorAtItsStart() {
        return REJECTED.stream()
                .map(row -> DynamicTest.dynamicTest(row.name(), () -> {
                    String source = row.source();
                    assertSingleError(source, row.tag(), at(source, row.marker()), row.keywords());
                }));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Supported constructs no other test covers, checked against NumericDiff

    /** Shifts, bitwise and, or, xor and complement on ints, longs and booleans, and their compound assignments. */
    @Test
    void bitwiseOperatorsOnIntegersAndBooleans() {
        ScalarFunction f = supported("double x, int k, long n, boolean b", """
            int j = (k << 2) | (k >> 1) ^ (k >>> 3) & ~k;
            long m = n << 3;
            j <<= 1;
            j >>= 1;
            j >>>= 1;
            j &= 7;
            j |= 8;
            j ^= 2;
            boolean c = b & x > 0 | b ^ true;
            c &= b;
            c |= x > 1;
            c ^= b;
            return c ? x * j + m * x * x : -x * j;
        """);
        for (int k : new int[] {5, -6}) {
            f.assertDerivatives(1.5, k, 3L, true);
            f.assertDerivatives(0.5, k, 3L, false);
        }
    }

    /** The backward sweep restores an overwritten int element as an int (it once popped a double). */
    @Test
    void overwrittenIntElementInALoop() {
        ScalarFunction f = supported("double x, int n", """
            int[] counts = new int[2];
            double s = 0;
            for (int i = 0; i < n; i++) {
              counts[i % 2]++;
              s += x * counts[i % 2] * s + x;
            }
            return s;
        """);
        f.assertDerivatives(0.3, 5);
    }

    /** A switch as the method's first statement, before anything has made javac attribute the class. */
    @Test
    void switchAsTheFirstStatement() {
        ScalarFunction f = supported("double x, int k", """
            switch (k) {
              case 1, 2 -> {
                return x * x;
              }
              default -> {
                return Math.sin(x);
              }
            }
        """);
        f.assertDerivatives(0.7, 1);
        f.assertDerivatives(0.7, 3);
    }

    /** A call on the method's own object, and a final method of another object, run the bodies autodiff4j sees. */
    @Test
    void finalMethodOfAnotherObject() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          final double g(double v) {
            return v * v;
          }
          @Differentiable
          static double f(double x, Foo other) {
            return other.g(x) * x;
          }
        }
        """;
        assertClean(source);
        Compiled compiled = Compiled.compile(CLASS, source);
        Object other = newInstance(compiled);
        new ScalarFunction(compiled, CLASS, "f").assertDerivatives(0.7, other);
    }

    private static Object newInstance(Compiled compiled) {
        try {
            return compiled.load(CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static ScalarFunction supported(String params, String body) {
        String source = new Row("", params, body, "", "", "").source();
        assertClean(source);
        return new ScalarFunction(Compiled.compile(CLASS, source), CLASS, "f");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The zero-derivative warning

    @Test
    void resultDependingOnNoDifferentiableParameter() {
        String source = new Row("", "double x, int n", "    return n * (int) x;", "", "", "").source();
        assertSingleWarning(
                source,
                "[autodiff4j:zero-derivative]",
                at(source, "f(double x"),
                "result of f does not depend on any differentiable parameter",
                "always zero",
                "@NoDerivative",
                "@SuppressWarnings(\"autodiff4j:zero-derivative\")");
    }

    @Test
    void resultNotDependingOnOneParameter() {
        String source = new Row("", "double x, double unused", "    return x * x;", "", "", "").source();
        assertSingleWarning(
                source,
                "[autodiff4j:zero-derivative]",
                at(source, "unused)"),
                "does not depend on parameter unused",
                "partial derivative is always zero",
                "@NoDerivative",
                "@SuppressWarnings(\"autodiff4j:zero-derivative\")");
    }

    /** Dependence through a helper counts: the helper is inlined before the check. */
    @Test
    void dependenceThroughAHelperIsNoWarning() {
        assertClean(new Row(
                        "",
                        "double x, double y",
                        "    return times(x, y);",
                        "  static double times(double a, double b) {\n    return a * b;\n  }",
                        "",
                        "")
                .source());
    }

    @TestFactory
    Stream<DynamicTest> suppressWarningsOnTheMethodTheParameterOrTheClassSilencesIt() {
        String suppress = "@SuppressWarnings(\"autodiff4j:zero-derivative\")";
        return Stream.of(
                DynamicTest.dynamicTest("method", () -> assertClean("""
            package demo;
            import io.github.autodiff4j.Differentiable;
            public class Foo {
              @Differentiable
              %s
              static double f(double x) {
                return 1.0;
              }
            }
            """.formatted(suppress))),
                DynamicTest.dynamicTest(
                        "parameter",
                        () -> assertClean(
                                new Row("", "double x, " + suppress + " double unused", "    return x * x;", "", "", "")
                                        .source())),
                DynamicTest.dynamicTest("class", () -> assertClean("""
            package demo;
            import io.github.autodiff4j.Differentiable;
            %s
            public class Foo {
              @Differentiable
              static double f(double x, double unused) {
                return x * x;
              }
            }
            """.formatted(suppress))));
    }

    /** A warning, not an error: the companion is generated, and its derivatives are exactly zero. */
    @Test
    void constantFunctionStillCompiles() {
        String source = new Row("", "double x", "    return 2.0;", "", "", "").source();
        ScalarFunction f = new ScalarFunction(Compiled.compile(CLASS, source), CLASS, "f");
        assertEquals(0.0, f.gradient(1.5)[0], 0.0);
    }

    private static void assertSingleWarning(
            String source, String tag, DiagnosticsTest.Position where, String... keywords) {
        Compilation compilation = Compiled.run(CLASS, source);
        List<Diagnostic<? extends JavaFileObject>> warnings = compilation.diagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
                .toList();
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation));
        assertEquals(1, warnings.size(), () -> "expected one warning:\n" + describe(compilation));
        Diagnostic<? extends JavaFileObject> warning = warnings.get(0);
        String message = warning.getMessage(Locale.ROOT);
        assertAll(
                () -> assertTrue(message.startsWith(tag), message),
                () -> {
                    for (String keyword : keywords) {
                        assertTrue(message.contains(keyword), () -> "lacks '" + keyword + "': " + message);
                    }
                },
                () -> assertEquals(
                        where,
                        new DiagnosticsTest.Position(warning.getLineNumber(), warning.getColumnNumber()),
                        message));
    }
}
