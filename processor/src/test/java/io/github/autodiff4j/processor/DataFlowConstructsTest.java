package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 13: only {@code double} data flow needs derivative code; the rest (ints, chars, enums, Strings, null checks,
 * prints, logging, throws for input validation, asserts) is ordinary Java that every generated member runs as the
 * function does. Each construct sits in a loop, a branch, a helper and an instance method, and is checked against
 * NumericDiff in every mode with {@link ScalarFunction#assertDerivatives} (the gradient record, the JVP, the Hessian
 * and the generated fooCheck; tolerances stated in ScalarFunction: 1e-7 first order, 1e-6 Hessian), the allocation-free
 * gradient against the record within {@value #SAME} (the same code), and, for a vector function, the Jacobian, JVP
 * and VJP with {@link VectorFunction#assertDerivatives} (1e-7). A throw in the function throws the same exception, with
 * the same message, from every member. What stays rejected is one positioned error whose advice works.
 */
class DataFlowConstructsTest {
    private static final double SAME = 0.0;
    private static final String CLASS = "dataflow.Flow";

    private static final String SOURCE = """
      package dataflow;

      import io.github.autodiff4j.Differentiable;
      import java.util.logging.Logger;

      public class Flow {
        public enum Kind { LINEAR, QUADRATIC, CUBIC }

        static final Logger LOG = Logger.getLogger("dataflow");

        final Kind kind;
        final String name;
        final char tag;

        public Flow(Kind kind, String name, char tag) {
          this.kind = kind;
          this.name = name;
          this.tag = tag;
        }

        // ---- enums ----

        @Differentiable
        static double enumCompare(double x, double y, Kind k) {
          double s = x * y;
          if (k == Kind.QUADRATIC) {
            s = s * x;
          } else if (k != Kind.LINEAR) {
            s = Math.sin(s) * y;
          }
          return s + x;
        }

        // Colon form with a fall-through and returns inside.
        @Differentiable
        static double enumSwitchStatement(double x, double y, Kind k) {
          double r = x;
          switch (k) {
            case LINEAR:
              r = x * y;
              break;
            case QUADRATIC:
              r = r * x;
              // falls through
            case CUBIC:
              r = r * y + x;
              if (r > 100) {
                return r;
              }
              break;
            default:
              r = 0;
          }
          return r * x;
        }

        // A switch expression per iteration: arrow cases, a block with yield, an enum selector.
        @Differentiable
        static double enumSwitchLoop(double[] a, Kind k) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            double t = switch (k) {
              case LINEAR -> a[i];
              case QUADRATIC -> a[i] * a[i];
              case CUBIC -> {
                double u = a[i] * a[i];
                yield u * a[i];
              }
            };
            s = s * a[i] + t;
          }
          return s;
        }

        // ---- chars ----

        static double weighted(double x, char c) {
          char d = c;
          d += 2;
          return x * (d - 'a');
        }

        static char shifted(char c) {
          return (char) (c + 1);
        }

        @Differentiable
        static double charOps(double x, char c) {
          char e = 'q';
          if (c == 'a' || c > e) {
            e = c;
          }
          char f = shifted(e);
          double s = weighted(x, f) + weighted(x * x, 'b');
          int code = c;
          return s + x * code / 100.0 + (c == 'z' ? x : -x);
        }

        // A switch on the chars of a String, in a loop: labels 'a', 'b', ranges of cases.
        @Differentiable
        static double charSwitch(double x, String program) {
          double s = x;
          for (int i = 0; i < program.length(); i++) {
            switch (program.charAt(i)) {
              case 's' -> s = Math.sin(s);
              case 'q', 'Q' -> s = s * s;
              case '+' -> s = s + x;
              default -> {
                s = s * 0.5;
              }
            }
          }
          return s;
        }

        // ---- Strings and null ----

        @Differentiable
        static double strings(double x, String mode) {
          if (mode == null) {
            return x;
          }
          String square = "square";
          String chosen = mode.isEmpty() ? "linear" : mode;
          double s = x;
          if (chosen.equals(square)) {
            s = x * x;
          } else if (chosen.startsWith("cu")) {
            s = x * x * x;
          }
          return s * chosen.length();
        }

        @Differentiable
        static double stringSwitch(double x, double y, String op) {
          double r = switch (op) {
            case "add", "plus":
              yield x + y;
            case "mul":
              yield x * y;
            case "pow": {
              double t = Math.pow(x, y);
              yield t;
            }
            default:
              yield x - y;
          };
          return r * x;
        }

        // ---- switch expressions on ints ----

        @Differentiable
        static double switchExpr(double x, int k) {
          double c = switch (k) {
            case 0 -> x;
            case 1 -> x * x;
            default -> {
              double t = x * 3;
              yield t;
            }
          };
          return c;
        }

        // Nested switch expressions, a switch expression returned, and one assigned to an existing local.
        @Differentiable
        static double nestedSwitchExpr(double x, double y, int k, int j) {
          double r = 0;
          for (int i = 0; i < 3; i++) {
            r = switch ((k + i) % 3) {
              case 0 -> r + x;
              case 1 -> switch (j) {
                case 0 -> r * y;
                default -> r - y * x;
              };
              default -> r * 0.5 + y;
            };
          }
          return switch (k) {
            case 2 -> r * r;
            default -> r + x * y;
          };
        }

        // ---- prints, logging, throws, asserts ----

        static double checked(double v) {
          if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN in checked");
          }
          return v * v;
        }

        @Differentiable
        static double effects(double[] a, double t) {
          if (a == null) {
            throw new NullPointerException("a");
          }
          if (a.length == 0) {
            throw new IllegalArgumentException("empty: " + a.length);
          }
          assert t > -1000 : "t too small: " + t;
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            if (a[i] > 1e6) {
              throw new IllegalArgumentException("a[" + i + "] = " + a[i] + " too large");
            }
            LOG.fine("step " + i + ": " + s);
            s = s * t + checked(a[i]);
          }
          System.err.printf("");
          return s;
        }

        @Differentiable
        static double printed(double x) {
          System.out.println("x=" + x);
          double y = x * x;
          System.out.printf("y=%.3f%n", y);
          y = y * x;
          System.out.println("y=" + y);
          return y;
        }

        // ---- an instance method: an enum, a String and a char field of the receiver ----

        @Differentiable
        double instance(double x) {
          if (name == null) {
            throw new IllegalStateException("no name");
          }
          double s = switch (kind) {
            case LINEAR -> x;
            case QUADRATIC -> x * x;
            default -> enumCompare(x, x, kind);
          };
          switch (tag) {
            case 't':
              s = s * name.length();
              break;
            default:
              s = s + x;
          }
          return s;
        }

        // ---- a vector function ----

        @Differentiable
        static double[] vector(double[] a, Kind k, String label) {
          double[] out = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            out[i] = switch (k) {
              case LINEAR -> a[i] * (label.length() + 1);
              case QUADRATIC -> a[i] * a[(i + 1) % a.length];
              case CUBIC -> a[i] * a[i] * a[i];
            };
          }
          return out;
        }
      }
      """;

    private static Compiled compiled;
    private static Object[] kinds;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        kinds = compiled.load(CLASS + "$Kind").getEnumConstants();
    }

    private static ScalarFunction fn(String method) {
        return new ScalarFunction(compiled, CLASS, method);
    }

    /** assertDerivatives, and the allocation-free gradient against the record, at every point. */
    private static void atPoints(String method, Object[]... points) {
        ScalarFunction f = fn(method);
        CorpusSupport.atPoints(
                method,
                p -> {
                    f.assertDerivatives(p);
                    assertInPlaceGradient(f, p);
                },
                points);
    }

    /** The allocation-free fooGrad (scalars only: double active parameters) against the record's gradient. */
    private static void assertInPlaceGradient(ScalarFunction f, Object[] args) {
        if (Arrays.stream(args).anyMatch(a -> a instanceof double[])) {
            return;
        }
        double[] record = f.gradient(args);
        double[][] adjoints = new double[record.length][1];
        // The in-place overload takes one double[1] per active double.
        try {
            f.gradInPlace(args, (Object[]) adjoints);
        } catch (AssertionError | RuntimeException e) {
            return; // no allocation-free overload for scalars: the record is the only form
        }
        double[] inPlace = Arrays.stream(adjoints).mapToDouble(d -> d[0]).toArray();
        assertClose(record, inPlace, SAME, "allocation-free gradient");
    }

    @Test
    void enumCompare() {
        List<Object[]> points = new ArrayList<>();
        for (Object k : kinds) {
            points.add(args(0.7, -1.3, k));
            points.add(args(-0.4, 0.9, k));
        }
        atPoints("enumCompare", points.toArray(Object[][]::new));
    }

    @Test
    void enumSwitchStatement() {
        List<Object[]> points = new ArrayList<>();
        for (Object k : kinds) {
            points.add(args(0.7, -1.3, k));
            points.add(args(3.0, 20.0, k)); // r > 100 for QUADRATIC and CUBIC: the early return
        }
        atPoints("enumSwitchStatement", points.toArray(Object[][]::new));
    }

    @Test
    void enumSwitchLoop() {
        List<Object[]> points = new ArrayList<>();
        for (Object k : kinds) {
            points.add(args(new double[] {0.3, -0.7, 1.1, 0.5}, k));
        }
        atPoints("enumSwitchLoop", points.toArray(Object[][]::new));
    }

    @Test
    void charOps() {
        atPoints("charOps", args(0.7, 'a'), args(-1.2, 'c'), args(0.4, 'z'), args(1.5, '\n'));
    }

    @Test
    void charSwitch() {
        atPoints("charSwitch", args(0.7, "sq+Qx"), args(-0.3, ""), args(1.2, "++s"));
    }

    @Test
    void strings() {
        atPoints(
                "strings",
                args(0.7, (Object) null),
                args(0.7, ""),
                args(-1.1, "square"),
                args(0.9, "cube"),
                args(1.3, "other"));
    }

    @Test
    void stringSwitch() {
        List<Object[]> points = new ArrayList<>();
        for (String op : new String[] {"add", "plus", "mul", "pow", "sub"}) {
            points.add(args(1.3, 0.7, op));
        }
        atPoints("stringSwitch", points.toArray(Object[][]::new));
    }

    @Test
    void aNullStringSelectorThrowsAsJavaDoes() {
        assertSameThrow("stringSwitch", args(1.0, 2.0, (Object) null));
    }

    @Test
    void switchExpressions() {
        atPoints("switchExpr", args(0.8, 0), args(0.8, 1), args(-0.6, 7));
        List<Object[]> points = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                points.add(args(0.8, -0.6, k, j));
            }
        }
        atPoints("nestedSwitchExpr", points.toArray(Object[][]::new));
    }

    @Test
    void effectsRunAndDerivativesIgnoreThem() {
        atPoints("effects", args(new double[] {0.3, -0.7, 1.1}, 0.9), args(new double[] {2.0}, -1.5));
    }

    /** A throw before the loop, in the loop, and in a helper: every member throws what the function throws. */
    @Test
    void throwsAsTheFunctionDoes() {
        assertSameThrow("effects", args(null, 1.0));
        assertSameThrow("effects", args(new double[0], 1.0));
        assertSameThrow("effects", args(new double[] {0.5, 2e6, 1.0}, 1.0));
        assertSameThrow("effects", args(new double[] {0.5, Double.NaN}, 1.0));
    }

    /** A print runs where the function's does: once in fooGrad's forward sweep, with the function's values. */
    @Test
    void printsRunAsInTheFunction() throws Exception {
        ScalarFunction f = fn("printed");
        String own = captured(() -> f.value(0.5));
        assertEquals("x=0.5\ny=0.250\ny=0.125\n", own.replace(System.lineSeparator(), "\n"));
        assertEquals(own, captured(() -> f.gradient(0.5)), "fooGrad prints as the function does");
        assertEquals(own, captured(() -> f.jvp(args(0.5), new double[] {1})), "fooJvp prints as the function does");
        f.assertDerivatives(0.5);
    }

    @Test
    void instanceMethod() throws Exception {
        Class<?> flow = compiled.load(CLASS);
        Class<?> kind = compiled.load(CLASS + "$Kind");
        var constructor = flow.getConstructor(kind, String.class, char.class);
        List<Executable> checks = new ArrayList<>();
        for (Object k : kinds) {
            for (char tag : new char[] {'t', 'u'}) {
                Object receiver = constructor.newInstance(k, "abc", tag);
                checks.add(() -> fn("instance").assertDerivatives(receiver, 0.7));
            }
        }
        assertAll(checks);
        Object unnamed = constructor.newInstance(kinds[0], null, 't');
        assertSameThrow("instance", args(unnamed, 0.7));
    }

    @Test
    void vectorFunction() {
        VectorFunction f = new VectorFunction(compiled, CLASS, "vector");
        for (Object k : kinds) {
            f.assertDerivatives(new double[] {0.3, -0.7, 1.1}, k, "ab");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What stays rejected, with advice that works

    /** A user's void helper is inlined (VoidHelpersTest): here one that prints, its print run once, as the function's. */
    @Test
    void userVoidHelperIsInlined() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double[] out = new double[1];
            log(x);
            return out[0] + x;
          }
          static void log(double v) {
            System.out.println(v);
          }
        }
        """;
        ScalarFunction f = new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f");
        f.assertDerivatives(0.7);
        CorpusSupport.assertGradient(f, CorpusSupport.args(0.7), 1e-12, 1.0);
    }

    /**
     * A JDK void method passed a double[] could write it (Arrays.sort; Arrays.fill is read as its loop): rejected, not
     * taken for a print.
     */
    @Test
    void jdkVoidCallPassedADoubleArrayStaysRejected() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double[] a, double x) {
            java.util.Arrays.sort(a);
            return a[0] * x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:void-call]", at(source, "java.util.Arrays.sort"), "sort");
    }

    /**
     * A switch expression inside a larger expression: its cases run where Java evaluates it, after the operands before
     * it (the product reads x before the case assigns it).
     */
    @Test
    void switchExpressionInsideAnExpression() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x, int k) {
            return x * switch (k) { case 1 -> x = x * x; default -> 2.0; } + x;
          }
        }
        """;
        ScalarFunction f = new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f");
        f.assertDerivatives(0.7, 1);
        f.assertDerivatives(0.7, 2);
        // k = 1: x * x^2 + x^2.
        CorpusSupport.assertGradient(f, CorpusSupport.args(0.7, 1), 1e-12, 3 * 0.49 + 1.4);
    }

    /** A string built from an active value and kept: building it in the print, as advised, compiles. */
    @Test
    void activeStringInALocal() {
        String rejected = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            String s = "x=" + x;
            System.out.println(s);
            return x * x;
          }
        }
        """;
        assertSingleError(
                rejected, "[autodiff4j:string]", at(rejected, "s = \"x"), "the string s", "print or throw statement");
        String advised = rejected.replace("String s = \"x=\" + x;\n", "").replace("println(s)", "println(\"x=\" + x)");
        new ScalarFunction(Compiled.compile("demo.Foo", advised), "demo.Foo", "f").assertDerivatives(0.7);
    }

    /** A number parsed back from a string built from an active value would lose its derivative: reported. */
    @Test
    void numberParsedFromAnActiveString() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return Double.parseDouble("" + x) * x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:opaque-call]", at(source, "Double.parseDouble"), "parseDouble");
    }

    /** null for an array would leave the derivative code nothing to read: rejected; null for an object is fine. */
    @Test
    void nullForAnArray() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            double[] a = null;
            String s = null;
            return x;
          }
        }
        """;
        assertSingleError(source, "[autodiff4j:null]", at(source, "null;\n    String"), "Create the array with new");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The function and each generated member throw the same exception, with the same message. */
    private static void assertSameThrow(String method, Object[] args) {
        Throwable expected = thrown(function(method), args, true);
        assertNotNull(expected, method + " must throw at " + Arrays.deepToString(args));
        Class<?> companion = compiled.load(CLASS + "Diff");
        List<Executable> checks = new ArrayList<>();
        for (String suffix : new String[] {"Grad", "Hessian"}) {
            Method member = Arrays.stream(companion.getDeclaredMethods())
                    .filter(m -> m.getName().equals(method + suffix)
                            && !m.getReturnType().isPrimitive())
                    .findFirst()
                    .orElseThrow();
            checks.add(() -> {
                Throwable actual = thrown(member, args, false);
                assertNotNull(actual, method + suffix + " must throw");
                assertEquals(expected.getClass(), actual.getClass(), method + suffix);
                assertSameMessage(expected, actual, method + suffix);
            });
        }
        // fooJvp: a zero direction after each active argument.
        Method jvp = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals(method + "Jvp"))
                .findFirst()
                .orElseThrow();
        Method fn = function(method);
        int offset = java.lang.reflect.Modifier.isStatic(fn.getModifiers()) ? 0 : 1;
        List<Object> withTangents = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            withTangents.add(args[i]);
            Class<?> type = i < offset ? Object.class : fn.getParameterTypes()[i - offset];
            if (type == double.class) {
                withTangents.add(0.0);
            } else if (type == double[].class) {
                withTangents.add(args[i] == null ? null : new double[((double[]) args[i]).length]);
            }
        }
        assertEquals(jvp.getParameterCount(), withTangents.size(), "fooJvp's parameters");
        checks.add(() -> {
            Throwable actual = thrown(jvp, withTangents.toArray(), false);
            assertNotNull(actual, method + "Jvp must throw");
            assertEquals(expected.getClass(), actual.getClass(), method + "Jvp");
            assertSameMessage(expected, actual, method + "Jvp");
        });
        assertAll(checks);
    }

    /**
     * The same message, but for a NullPointerException: the JVM writes its own (helpful) messages, and a member given a
     * null array meets it before the function's own check does (allocating the adjoint {@code new double[a.length]}).
     */
    private static void assertSameMessage(Throwable expected, Throwable actual, String member) {
        if (!(expected instanceof NullPointerException)) {
            assertEquals(expected.getMessage(), actual.getMessage(), member);
        }
    }

    private static Method function(String method) {
        Method m = Arrays.stream(compiled.load(CLASS).getDeclaredMethods())
                .filter(x -> x.getName().equals(method))
                .findFirst()
                .orElseThrow();
        m.setAccessible(true);
        return m;
    }

    private static Throwable thrown(Method m, Object[] args, boolean function) {
        try {
            boolean instance = function && !java.lang.reflect.Modifier.isStatic(m.getModifiers());
            if (instance) {
                m.invoke(args[0], Arrays.copyOfRange(args, 1, args.length));
            } else {
                m.invoke(null, args);
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static String captured(Runnable run) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
