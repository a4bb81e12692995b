package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static io.github.autodiff4j.processor.DiagnosticsTest.describe;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.DiagnosticsTest.Position;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The JVM's 255 parameter slots (a double takes two). A forward-mode member passes a tangent after each active
 * parameter, so past 63 doubles {@code fooJvp} and the Hessian's sweep take the direction flattened into one
 * {@code double[]}; a member that cannot exist even so is left out with a warning at the method, and the gradient is
 * always generated. Derivatives are compared with {@code NumericDiff} (tolerances in {@link ScalarFunction}), the JVP
 * with the gradient along the same direction (closed form: their dot product).
 */
class ParameterSlotsTest {
    private static final String CLASS = "demo.Foo";

    /** 63 doubles: 252 slots with their tangents, every member as the README shows it. */
    @Test
    void sixtyThreeDoublesKeepOneTangentPerParameter() {
        Compiled compiled = Compiled.compile(CLASS, scalarSource(63, 0, ""));
        compiled.assertNoWarnings();
        String companion = compiled.generatedSource("demo.FooDiff");
        assertAll(
                () -> assertTrue(companion.contains("double dx62"), "a tangent per parameter expected"),
                () -> assertFalse(companion.contains("double[] tangent"), "no packed direction expected"));
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        f.assertDerivatives(point(63, 0));
    }

    /** 64 doubles: 256 slots with their tangents, which javac once reported against the companion. */
    @Test
    void sixtyFourDoublesTakeTheDirectionInOneArray() {
        assertPackedAndCorrect(64, 0, "");
    }

    /** 126 doubles and an int, 253 slots: the direction array makes 254. */
    @Test
    void oneHundredTwentySixDoublesAndAnInt() {
        assertPackedAndCorrect(126, 0, ", int n", 4);
    }

    /**
     * 127 doubles, 254 slots, are legal Java, but the gradient's record would take 257: its constructor has a this and
     * the value before a component per parameter. The gradient is required, so the method is an error at its name.
     */
    @Test
    void oneHundredTwentySevenDoublesCannotHaveAGradientRecord() {
        String source = scalarSource(127, 0, "");
        DiagnosticsTest.assertSingleError(
                source,
                "[autodiff4j:too-many-parameters]",
                at(source, "f(double x0"),
                "record FGradient, a derivative of f, would take 257 parameter slots",
                "the method is not differentiated",
                "take some of the doubles as one double[] parameter");
    }

    /** Arrays take one slot, their tangents too: 60 doubles and 10 arrays make 260 with tangents. */
    @Test
    void doublesAndArraysMixed() {
        assertPackedAndCorrect(60, 10, "");
    }

    /**
     * Past 16 arrays the members read where each parameter starts from one local array, filled once: sums of lengths
     * written at each use would grow with the square of the number of arrays (was: code too large at 90 arrays).
     */
    @Test
    void doublesAndManyArraysMixed() {
        assertPackedAndCorrect(60, 20, "");
    }

    /** 200 arrays: 400 slots with their tangents; every member but the allocation-free gradient compiles and is right. */
    @Test
    void twoHundredArrays() {
        int n = 200;
        String params = IntStream.range(0, n).mapToObj(i -> "double[] a" + i).collect(Collectors.joining(", "));
        String terms = IntStream.range(0, n)
                .mapToObj(i -> "a" + i + "[0] * a" + ((i + 1) % n) + "[1]")
                .collect(Collectors.joining("\n        + "));
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(%s) {
            return %s + Math.sin(a0[0] * a1[1]);
          }
        }
        """.formatted(params, terms);
        Compiled compiled = Compiled.compile(CLASS, source);
        assertTrue(compiled.generatedSource("demo.FooDiff").contains("int[] offsets = {0, a0.length, a1.length,"));
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        Object[] args = point(0, n);
        assertGradient(f, args);
        assertPackedJvp(compiled, f, args);
        f.assertHessian(args);
        assertTrue(f.check(args).passed(), () -> f.check(args).toString());
    }

    /** A vector function of 100 arrays: its Jacobian (both ways) and check, with the offsets in one local array. */
    @Test
    void vectorFunctionOfOneHundredArrays() {
        int n = 100;
        String params = IntStream.range(0, n).mapToObj(i -> "double[] a" + i).collect(Collectors.joining(", "));
        String sum = IntStream.range(0, n)
                .mapToObj(i -> "a" + i + "[0] * a" + i + "[1]")
                .collect(Collectors.joining(" + "));
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double[] f(%s) {
            return new double[] {%s, Math.sin(a0[0] * a99[1])};
          }
        }
        """.formatted(params, sum);
        Compiled compiled = Compiled.compile(CLASS, source);
        VectorFunction f = new VectorFunction(compiled, CLASS, "f");
        Object[] args = point(0, n);
        double[] x = Arrays.stream(args)
                .flatMapToDouble(a -> Arrays.stream((double[]) a))
                .toArray();
        double[][] jacobian = f.jacobian(args);
        double[][] numeric = NumericDiff.jacobian(p -> f.value(unflatten(p, n)), x);
        for (int i = 0; i < numeric.length; i++) {
            assertClose(numeric[i], jacobian[i], VectorFunction.FIRST_ORDER, "Jacobian row " + i);
        }
        assertTrue(f.check(args).passed(), () -> f.check(args).toString());
    }

    /**
     * 126 doubles, a long and an int: 255 slots, so even the direction array does not fit. fooJvp and fooHessian are left out,
     * each with a warning at the method; fooGrad and fooCheck (reverse mode only) are generated.
     */
    @Test
    void membersThatCannotExistAreLeftOutWithAWarning() {
        String source = scalarSource(126, 0, ", long n, int k");
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> describe(compilation));
        List<Diagnostic<? extends JavaFileObject>> warnings = compilation.warnings();
        assertEquals(2, warnings.size(), () -> describe(compilation));
        Position method = at(source, "f(double x0");
        for (int i = 0; i < 2; i++) {
            Diagnostic<? extends JavaFileObject> w = warnings.get(i);
            String member = i == 0 ? "fJvp" : "fHessian";
            String message = w.getMessage(Locale.ROOT);
            assertAll(
                    () -> assertTrue(
                            message.startsWith("[autodiff4j:too-many-parameters] " + member + ", a derivative of f,"
                                    + " would take 256 parameter slots"),
                            message),
                    () -> assertTrue(
                            message.contains("more than the 255 the JVM allows, so it is not generated"), message),
                    () -> assertTrue(message.contains("take some of the doubles as one double[] parameter"), message),
                    () -> assertEquals(method, new Position(w.getLineNumber(), w.getColumnNumber()), message));
        }
        Compiled compiled = Compiled.compile(CLASS, source);
        Class<?> companion = compiled.load("demo.FooDiff");
        assertAll(
                () -> assertTrue(Arrays.stream(companion.getMethods())
                        .noneMatch(m -> m.getName().equals("fJvp"))),
                () -> assertTrue(Arrays.stream(companion.getMethods())
                        .noneMatch(m -> m.getName().equals("fHessian"))));
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        Object[] args = Arrays.copyOf(point(126, 0), 128);
        args[126] = 5L;
        args[127] = 3;
        assertGradient(f, args);
        assertTrue(f.check(args).passed(), () -> f.check(args).toString());
    }

    /** 128 doubles are javac's own error in the user's method; autodiff4j adds nothing. */
    @Test
    void aMethodJavacRejectsGetsNoMembers() {
        String source = scalarSource(128, 0, "");
        Compilation compilation = Compiled.run(CLASS, source);
        List<String> errors = compilation.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .toList();
        assertEquals(List.of("too many parameters"), errors, () -> describe(compilation));
    }

    /**
     * 120 constant doubles and 10 arrays with their adjoint arrays make 260 slots: the allocation-free fooGrad is left
     * out, with a warning; the record form and the packed fooJvp are generated.
     */
    @Test
    void allocationFreeGradientPastTheLimit() {
        String constants = IntStream.range(0, 120)
                .mapToObj(i -> "@NoDerivative double c" + i)
                .collect(Collectors.joining(", "));
        String arrays = IntStream.range(0, 10).mapToObj(i -> "double[] a" + i).collect(Collectors.joining(", "));
        String body = IntStream.range(0, 10)
                .mapToObj(i -> "c" + i + " * a" + i + "[0] * a" + ((i + 1) % 10) + "[1]")
                .collect(Collectors.joining(" + "));
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          @Differentiable
          static double f(%s, %s) {
            return %s;
          }
        }
        """.formatted(arrays, constants, body);
        Compilation compilation = Compiled.run(CLASS, source);
        assertEquals(1, compilation.warnings().size(), () -> describe(compilation));
        Diagnostic<? extends JavaFileObject> w = compilation.warnings().get(0);
        String message = w.getMessage(Locale.ROOT);
        assertTrue(
                message.startsWith("[autodiff4j:too-many-parameters] fGrad's allocation-free form, a derivative of f,"
                        + " would take 260 parameter slots"),
                message);
        assertEquals(at(source, "f(double[] a0"), new Position(w.getLineNumber(), w.getColumnNumber()), message);
        Compiled compiled = Compiled.compile(CLASS, source);
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        Object[] args = new Object[130];
        Random random = new Random(3);
        for (int i = 0; i < 10; i++) {
            args[i] = new double[] {random.nextDouble() - 0.5, random.nextDouble() + 0.5};
        }
        for (int i = 10; i < 130; i++) {
            args[i] = random.nextDouble();
        }
        assertGradient(f, args);
        assertPackedJvp(compiled, f, args);
        f.assertHessian(args);
    }

    /** A vector function of 64 doubles: its JVP takes the direction in one array; Jacobian and check are right. */
    @Test
    void vectorFunctionOfSixtyFourDoubles() {
        int n = 64;
        String params = IntStream.range(0, n).mapToObj(i -> "double x" + i).collect(Collectors.joining(", "));
        String outputs = IntStream.range(0, 3)
                .mapToObj(k -> IntStream.range(0, n)
                        .mapToObj(i -> "Math.sin(" + (k + 1) + " * x" + i + ")")
                        .collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(",\n        "));
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double[] f(%s) {
            return new double[] {%s, x0 * x63};
          }
        }
        """.formatted(params, outputs);
        Compiled compiled = Compiled.compile(CLASS, source);
        compiled.assertNoWarnings();
        VectorFunction f = new VectorFunction(compiled, CLASS, "f");
        Object[] args = point(n, 0);
        double[] x = Arrays.stream(args).mapToDouble(a -> (Double) a).toArray();
        double[][] jacobian = f.jacobian(args);
        double[][] numeric = NumericDiff.jacobian(p -> f.value(box(p)), x);
        for (int i = 0; i < numeric.length; i++) {
            assertClose(numeric[i], jacobian[i], VectorFunction.FIRST_ORDER, "Jacobian row " + i);
        }
        double[] direction = new Random(5).doubles(n, -1, 1).toArray();
        DualVector dual = (DualVector) invoke(jvp(compiled), append(args, direction));
        for (int i = 0; i < jacobian.length; i++) {
            double projected = 0;
            for (int j = 0; j < n; j++) {
                projected += jacobian[i][j] * direction[j];
            }
            assertEquals(projected, dual.tangent()[i], 1e-10 * (1 + Math.abs(projected)), "JVP output " + i);
        }
        assertTrue(f.check(args).passed(), () -> f.check(args).toString());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@code f} of {@code doubles} doubles and {@code arrays} arrays of 2, and {@code extra} parameters: a sum of
     * products of neighbours (every parameter active, the Hessian dense along a band) and a sine.
     */
    private static String scalarSource(int doubles, int arrays, String extra) {
        List<String> params = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < doubles; i++) {
            params.add("double x" + i);
            terms.add("x" + i + " * x" + ((i + 1) % doubles));
        }
        for (int i = 0; i < arrays; i++) {
            params.add("double[] w" + i);
            terms.add("w" + i + "[0] * w" + i + "[1] * x" + i);
        }
        return """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(%s%s) {
            double s = %s;
            return s + Math.sin(x0 * x1);
          }
        }
        """.formatted(String.join(", ", params), extra, String.join("\n        + ", terms));
    }

    private static Object[] point(int doubles, int arrays) {
        Random random = new Random(doubles * 31 + arrays);
        Object[] args = new Object[doubles + arrays];
        for (int i = 0; i < doubles; i++) {
            args[i] = random.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < arrays; i++) {
            args[doubles + i] = new double[] {random.nextDouble() - 0.5, random.nextDouble() + 0.5};
        }
        return args;
    }

    private static void assertPackedAndCorrect(int doubles, int arrays, String extra, Object... extraArgs) {
        String source = scalarSource(doubles, arrays, extra);
        Compiled compiled = Compiled.compile(CLASS, source);
        compiled.assertNoWarnings();
        String companion = compiled.generatedSource("demo.FooDiff");
        assertTrue(companion.replaceAll("\\s+", " ").contains(", double[] tangent)"), "packed fJvp expected");
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "f");
        Object[] args = point(doubles, arrays);
        for (Object extraArg : extraArgs) {
            args = append(args, extraArg);
        }
        assertGradient(f, args);
        assertPackedJvp(compiled, f, args);
        f.assertHessian(args);
        Object[] at = args;
        assertTrue(f.check(at).passed(), () -> f.check(at).toString());
    }

    private static void assertGradient(ScalarFunction f, Object[] args) {
        double[] x = f.activeInputs(args);
        double[] numeric = NumericDiff.gradient(p -> f.value(f.withActiveInputs(args, p)), x);
        assertClose(numeric, f.gradient(args), ScalarFunction.FIRST_ORDER, "gradient");
    }

    /** The packed fJvp along a direction: the gradient's dot product with it, and the numerical derivative along it. */
    private static void assertPackedJvp(Compiled compiled, ScalarFunction f, Object[] args) {
        double[] x = f.activeInputs(args);
        double[] direction = new Random(11).doubles(x.length, -1, 1).toArray();
        Dual dual = (Dual) invoke(jvp(compiled), append(args, direction));
        double[] gradient = f.gradient(args);
        double projected = IntStream.range(0, x.length)
                .mapToDouble(i -> gradient[i] * direction[i])
                .sum();
        assertEquals(f.value(args), dual.value(), 0.0);
        assertEquals(projected, dual.tangent(), 1e-10 * (1 + Math.abs(projected)), "JVP vs gradient");
        double numeric = NumericDiff.derivative(
                t -> {
                    double[] moved = x.clone();
                    for (int i = 0; i < moved.length; i++) {
                        moved[i] += t * direction[i];
                    }
                    return f.value(f.withActiveInputs(args, moved));
                },
                0);
        assertEquals(numeric, dual.tangent(), ScalarFunction.FIRST_ORDER * Math.max(1, Math.abs(numeric)), "JVP");
    }

    private static Method jvp(Compiled compiled) {
        Class<?> companion = compiled.load("demo.FooDiff");
        List<Method> jvps = Arrays.stream(companion.getMethods())
                .filter(m -> m.getName().equals("fJvp"))
                .toList();
        assertEquals(1, jvps.size());
        return jvps.get(0);
    }

    private static Object invoke(Method method, Object[] args) {
        try {
            return method.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    /** Arrays of 2 read back from their flattened entries. */
    private static Object[] unflatten(double[] x, int arrays) {
        return IntStream.range(0, arrays)
                .mapToObj(i -> Arrays.copyOfRange(x, 2 * i, 2 * i + 2))
                .toArray();
    }

    private static Object[] box(double[] x) {
        return Arrays.stream(x).boxed().toArray();
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " entry " + i);
        }
    }
}
