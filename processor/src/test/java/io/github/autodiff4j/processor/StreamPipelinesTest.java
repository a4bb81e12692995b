package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream pipelines over doubles, lowered to the loops they run: {@code IntStream.range/rangeClosed(...).mapToDouble},
 * {@code Arrays.stream(a)} with {@code map} chains and {@code filter}, {@code DoubleStream.of(...)} with {@code max},
 * {@code min}, {@code average} ({@code getAsDouble}, {@code orElse}) and {@code reduce}; lambdas with expression and
 * block bodies reading captured locals and parameters. Each straight, in a loop, in a branch, in a helper, in an
 * instance method and in a vector function.
 *
 * <p>Checked by {@link ScalarFunction#assertDerivatives} and {@link VectorFunction#assertDerivatives} (value bit for
 * bit, gradient, JVP, Hessian, Jacobian, VJP and the generated check against NumericDiff; first derivatives within
 * 1e-7, the Hessian within 1e-6), closed forms within {@value #CLOSED} relative to max(1, |expected|), and the values
 * bit for bit against the streams themselves on data where compensated summation differs from a plain loop. The points
 * of {@code maxOfSquares}, {@code filtered} and {@code inBranch} stay 0.2 from their ties and thresholds.
 */
class StreamPipelinesTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "streams.Pipelines";

    static final String SOURCE = """
      package streams;

      import io.github.autodiff4j.Differentiable;
      import java.util.Arrays;
      import java.util.stream.DoubleStream;
      import java.util.stream.IntStream;

      public class Pipelines {
        @Differentiable static double sumOfSquares(double[] a) {
          return Arrays.stream(a).map(x -> x * x).sum();
        }

        @Differentiable static double plainSum(double[] a) {
          return Arrays.stream(a).sum();
        }

        // A captured parameter, a map chain, and a method reference of Math.
        @Differentiable static double chain(double[] a, double s) {
          return Arrays.stream(a).map(x -> s * x).map(Math::sin).map(y -> y * y + s).sum();
        }

        // The index stream of a weighted sum, closed too.
        @Differentiable static double weighted(double[] a, double[] w) {
          double open = IntStream.range(0, a.length).mapToDouble(i -> w[i] * a[i] * a[i]).sum();
          double closed = IntStream.rangeClosed(1, a.length - 1).mapToDouble(i -> a[i - 1] * a[i]).sum();
          return open + closed;
        }

        // A block body with locals, a branch and two returns.
        @Differentiable static double blockBody(double[] a, double t) {
          return Arrays.stream(a).map(x -> {
            double y = x * t;
            if (y > 0) {
              return Math.log1p(y * y);
            }
            double z = y - 1;
            return z * z * x;
          }).sum();
        }

        @Differentiable static double maxOfSquares(double x, double y, double z) {
          return DoubleStream.of(x * x, y * y, z * z).max().getAsDouble();
        }

        @Differentiable static double minShifted(double x, double y) {
          return DoubleStream.of(x, y, x + y).map(v -> v - 0.5).min().getAsDouble();
        }

        @Differentiable static double mean(double[] a, double s) {
          return Arrays.stream(a).map(x -> x * s).average().getAsDouble() + DoubleStream.of(s).average().orElse(3);
        }

        // filter: only the positive elements pass, after being mapped; an empty max falls back to orElse.
        @Differentiable static double filtered(double[] a, double s) {
          double sum = Arrays.stream(a).filter(x -> x > 0).map(x -> x * s).sum();
          return sum + Arrays.stream(a).filter(x -> x > 100).max().orElse(s * s);
        }

        @Differentiable static double reduced(double[] a, double s) {
          double total = Arrays.stream(a).reduce(s, Double::sum);
          double product = Arrays.stream(a).reduce(1, (p, v) -> p * v);
          return total + product + Arrays.stream(a).map(x -> x * x).reduce(Math::max).getAsDouble();
        }

        // Pipelines in a loop, depending on its counter; the int stream mapped before it becomes doubles.
        @Differentiable static double inLoop(double[] a, double s) {
          double r = 0;
          for (int k = 1; k <= 3; k++) {
            final int m = k;
            r += IntStream.range(0, a.length).map(i -> i * m).mapToDouble(j -> a[j % a.length] * s / (j + 1)).sum();
            r += IntStream.range(0, m).asDoubleStream().map(v -> v * s).sum();
          }
          return r;
        }

        @Differentiable static double inBranch(double[] a, double s) {
          if (s > 0) {
            return Arrays.stream(a).map(x -> Math.exp(x * s)).sum();
          }
          return s > -1 && Arrays.stream(a).map(x -> x * s).sum() > 0 ? s : Arrays.stream(a).max().getAsDouble() * s;
        }

        static double energy(double[] v, double k) {
          return 0.5 * k * Arrays.stream(v).map(x -> x * x).sum();
        }

        @Differentiable static double throughHelper(double[] v, double k) {
          return energy(v, k) + energy(v, k * k);
        }

        // A vector function: each output a pipeline.
        @Differentiable static double[] moments(double[] a, double s) {
          double[] out = new double[3];
          out[0] = Arrays.stream(a).map(x -> x * s).sum();
          out[1] = Arrays.stream(a).map(x -> x * x).average().getAsDouble();
          out[2] = DoubleStream.of(a[0], s, a[a.length - 1]).max().getAsDouble();
          return out;
        }

        // Nested pipelines: a quadratic form over index streams, and a matrix's rows.
        @Differentiable static double quadratic(double[][] m, double[] x) {
          return IntStream.range(0, x.length)
              .mapToDouble(i -> x[i] * IntStream.range(0, x.length).mapToDouble(j -> m[i][j] * x[j]).sum())
              .sum();
        }

        @Differentiable static double rows(double[][] m, double s) {
          return Arrays.stream(m).mapToDouble(row -> Arrays.stream(row).map(v -> v * s).max().getAsDouble()).sum();
        }

        // A lambda's block body with a loop of its own, and a print: run once per element, in the stream's order.
        @Differentiable static double blockWithLoop(double[] a, double s) {
          return IntStream.rangeClosed(1, 3).mapToDouble(k -> {
            double p = 1;
            for (int j = 0; j < k; j++) {
              p *= s + a[j % a.length];
            }
            return p / k;
          }).sum();
        }

        // Streams of int[] and long[] elements, made doubles.
        @Differentiable static double integers(double[] w, int[] order, long[] scales, double s) {
          return Arrays.stream(order).mapToDouble(j -> w[j] * w[j]).sum()
              + Arrays.stream(scales).asDoubleStream().map(v -> v * s).map(Math::exp).sum();
        }

        // The lambdas' side effects, in the stream's order: each element through every stage before the next.
        @Differentiable static double order(double[] a, int[] trace) {
          double s = Arrays.stream(a).map(x -> {
            trace[0] = trace[0] * 4 + 1;
            return x * x;
          }).filter(y -> {
            trace[0] = trace[0] * 4 + 2;
            return y > 0.3;
          }).map(y -> {
            trace[0] = trace[0] * 4 + 3;
            return y * 2;
          }).sum();
          return s + trace[0];
        }

        // A pipeline in a while condition, and a return from inside a loop of a lambda's body.
        @Differentiable static double earlyReturn(double[] a, double s) {
          double r = 0;
          int k = 0;
          while (k < 3 && Arrays.stream(a).map(x -> x * s).sum() > r) {
            r += 0.5;
            k++;
          }
          return r + Arrays.stream(a).map(x -> {
            for (int j = 0; j < 5; j++) {
              if (x * j * s > 1) {
                return x * j * s;
              }
            }
            return s;
          }).sum();
        }

        // Math.max and Math.min's NaN and signed zeros: 1 / -0.0 is -Infinity.
        @Differentiable static double extremes(double x, double y) {
          return DoubleStream.of(x, y).max().getAsDouble() + 1 / DoubleStream.of(y, x).min().getAsDouble();
        }

        // The empty stream: getAsDouble throws as OptionalDouble's does.
        @Differentiable static double emptyMax(double[] a, double s) {
          return Arrays.stream(a).map(x -> x * s).max().getAsDouble();
        }
      }
      """;

    static final String MODEL_SOURCE = """
      package streams;

      import io.github.autodiff4j.Differentiable;
      import java.util.Arrays;
      import java.util.stream.IntStream;

      public final class Model {
        final double[] weights;

        public Model(double[] weights) {
          this.weights = weights;
        }

        @Differentiable double score(double[] x, double t) {
          return IntStream.range(0, x.length).mapToDouble(i -> weights[i] * Math.tanh(t * x[i])).sum()
              + Arrays.stream(x).map(v -> v * t).sum();
        }
      }
      """;

    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, SOURCE);
        compiled.assertNoWarnings();
    }

    private static double[] v(double... xs) {
        return xs;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sumOfSquares", new Object[] {v(0.5, -1.2, 2.0)}),
                Arguments.of("plainSum", new Object[] {v(0.5, -1.2, 2.0, 0.3)}),
                Arguments.of("chain", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("weighted", new Object[] {v(0.5, -1.2, 2.0), v(0.3, 1.1, -0.4)}),
                Arguments.of("blockBody", new Object[] {v(0.5, -1.2, 2.0, 0.9), 0.7}),
                Arguments.of("blockBody", new Object[] {v(0.5, -1.2, 2.0), -0.8}),
                Arguments.of("maxOfSquares", new Object[] {0.5, -1.5, 1.1}),
                Arguments.of("maxOfSquares", new Object[] {2.0, -1.5, 1.1}),
                Arguments.of("minShifted", new Object[] {0.5, -1.5}),
                Arguments.of("mean", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("filtered", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("reduced", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("inLoop", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("inBranch", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("inBranch", new Object[] {v(0.5, -1.2, 2.0), -0.5}),
                Arguments.of("inBranch", new Object[] {v(0.5, -1.2, 2.0), -1.5}),
                Arguments.of("throughHelper", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("emptyMax", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("quadratic", new Object[] {new double[][] {{1.0, 0.3}, {-0.4, 2.0}}, v(0.5, -1.2)}),
                Arguments.of("rows", new Object[] {new double[][] {{1.0, 0.3}, {-0.4, 2.0}}, 0.7}),
                Arguments.of("blockWithLoop", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("integers", new Object[] {v(0.5, -1.2, 2.0), new int[] {2, 0, 2}, new long[] {1, 3}, 0.7}),
                Arguments.of("earlyReturn", new Object[] {v(0.5, -1.2, 2.0), 0.7}),
                Arguments.of("extremes", new Object[] {2.0, 3.0}),
                Arguments.of("order", new Object[] {v(0.6, -0.2, 2.0), new int[] {0}}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cases")
    void derivativesMatchNumericDifferentiation(String method, Object[] args) {
        new ScalarFunction(compiled, CLASS, method).assertDerivatives(args);
    }

    @Test
    void vectorFunction() {
        VectorFunction f = new VectorFunction(compiled, CLASS, "moments");
        f.assertDerivatives(v(0.5, -1.2, 2.0), 0.7);
        f.assertDerivatives(v(-0.3), 1.5);
    }

    @Test
    void instanceMethod() {
        Compiled c = Compiled.compile("streams.Model", MODEL_SOURCE);
        c.assertNoWarnings();
        Object model;
        try {
            model = c.load("streams.Model").getConstructor(double[].class).newInstance((Object) v(0.4, -0.9, 1.3));
        } catch (ReflectiveOperationException e) {
            throw new LinkageError(e.getMessage(), e);
        }
        ScalarFunction f = new ScalarFunction(c, "streams.Model", "score");
        f.assertDerivatives(model, v(0.5, -1.2, 2.0), 0.7);
    }

    /** Closed forms: d/da_i of sum a^2 is 2 a_i; of the weighted sums, w_i 2 a_i plus the neighbours. */
    @Test
    void closedForms() {
        double[] a = v(0.5, -1.2, 2.0);
        assertClose(v(1.0, -2.4, 4.0), new ScalarFunction(compiled, CLASS, "sumOfSquares").gradient(a), CLOSED, "sq");
        double[] w = v(0.3, 1.1, -0.4);
        double[] g = new ScalarFunction(compiled, CLASS, "weighted").gradient(a, w);
        double[] expected = {
            2 * w[0] * a[0] + a[1],
            2 * w[1] * a[1] + a[0] + a[2],
            2 * w[2] * a[2] + a[1],
            a[0] * a[0],
            a[1] * a[1],
            a[2] * a[2]
        };
        assertClose(expected, g, CLOSED, "weighted");
        // maxOfSquares at (0.5, -1.5, 1.1): y^2 is largest, so the gradient is (0, 2y, 0).
        assertClose(
                v(0, -3.0, 0),
                new ScalarFunction(compiled, CLASS, "maxOfSquares").gradient(0.5, -1.5, 1.1),
                CLOSED,
                "max");
        // mean: s * mean(a) + s, so d/ds = mean(a) + 1 and d/da_i = s / n.
        double[] gm = new ScalarFunction(compiled, CLASS, "mean").gradient(a, 0.7);
        assertClose(v(0.7 / 3, 0.7 / 3, 0.7 / 3, (0.5 - 1.2 + 2.0) / 3 + 1), gm, CLOSED, "mean");
    }

    /**
     * Data where compensated summation differs from a plain loop: the members' values are the streams' bit for bit,
     * and the gradient of the sum is exactly one per element (the compensation's adjoints cancel exactly).
     */
    @Test
    void compensatedSumsAreTheStreamsBitForBit() {
        double[][] data = {
            v(1e16, 1, -1e16),
            v(1, 1e16, 1, 1, -1e16),
            v(0.1, 0.2, 0.3, 1e-17, 1e17, -1e17, 0.7),
            v(1e308, 1e308, -1e308),
            v(Double.POSITIVE_INFINITY, 1, Double.POSITIVE_INFINITY),
            v(-0.0),
            v(),
            v(3.3, 1e-16, 1e-16, 1e-16, 1e-16, -3.3)
        };
        ScalarFunction plain = new ScalarFunction(compiled, CLASS, "plainSum");
        ScalarFunction squares = new ScalarFunction(compiled, CLASS, "sumOfSquares");
        ScalarFunction mean = new ScalarFunction(compiled, CLASS, "mean");
        for (double[] a : data) {
            String what = Arrays.toString(a);
            double stream = DoubleStream.of(a).sum();
            assertEquals(stream, plain.value((Object) a), 0.0, what);
            assertEquals(stream, plain.valueAndGradient((Object) a)[0], 0.0, what + " fooGrad");
            assertEquals(stream, plain.jvp(new Object[] {a}, a).value(), 0.0, what + " fooJvp");
            double[] g = plain.gradient((Object) a);
            for (double gi : g) {
                assertEquals(1.0, gi, 0.0, what + " gradient");
            }
            // The tangent is the same compensated summation, of the tangents.
            Dual dual = plain.jvp(new Object[] {a}, a);
            assertEquals(stream, dual.tangent(), 0.0, what + " tangent");
            assertEquals(Arrays.stream(a).map(x -> x * x).sum(), squares.valueAndGradient((Object) a)[0], 0.0, what);
            if (a.length > 0) {
                double s = 0.7;
                double expected = Arrays.stream(a).map(x -> x * s).average().getAsDouble()
                        + DoubleStream.of(s).average().orElse(3);
                assertEquals(expected, mean.valueAndGradient(a, s)[0], 0.0, what + " mean");
            }
        }
        assertTrue(DoubleStream.of(1e16, 1, 1, -1e16).sum() != 1e16 + 1 + 1 - 1e16, "the data tells the sums apart");
    }

    /** The lambdas ran per element, in order: map, filter, then (for the elements kept) the second map. */
    @Test
    void lambdasRunInTheStreamsOrder() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "order");
        // 0.36 kept (1, 2, 3), 0.04 dropped (1, 2), 4 kept (1, 2, 3): base-4 digits 1 2 3 1 2 1 2 3, in the value.
        double expected = DoubleStream.of(0.6 * 0.6 * 2, 2.0 * 2.0 * 2).sum() + Integer.parseInt("12312123", 4);
        assertEquals(expected, f.value(v(0.6, -0.2, 2.0), new int[] {0}), 0.0, "the function");
        assertEquals(expected, f.valueAndGradient(v(0.6, -0.2, 2.0), new int[] {0})[0], 0.0, "fooGrad");
        assertEquals(
                expected,
                f.jvp(new Object[] {v(0.6, -0.2, 2.0), new int[] {0}}, v(1, 1, 1))
                        .value(),
                0.0,
                "jvp");
    }

    /** max and min are Math.max and Math.min: NaN wins, and -0.0 is below 0.0, in every member as in the stream. */
    @Test
    void maxAndMinFollowMath() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "extremes");
        double[][] points = {{0.0, -0.0}, {-0.0, 0.0}, {Double.NaN, 1.0}, {1.0, Double.NaN}, {-0.0, -0.0}, {2.0, 3.0}};
        for (double[] p : points) {
            double expected = DoubleStream.of(p[0], p[1]).max().getAsDouble()
                    + 1 / DoubleStream.of(p[1], p[0]).min().getAsDouble();
            String what = Arrays.toString(p);
            assertEquals(expected, f.value(p[0], p[1]), 0.0, what);
            assertEquals(expected, f.valueAndGradient(p[0], p[1])[0], 0.0, what + " fooGrad");
            assertEquals(expected, f.jvp(new Object[] {p[0], p[1]}, v(1, 0)).value(), 0.0, what + " fooJvp");
        }
    }

    /**
     * An empty stream's max().getAsDouble() and average().getAsDouble() throw NoSuchElementException in every member,
     * as the stream does.
     */
    @Test
    void emptyStreamsThrowAsTheStreamDoes() {
        ScalarFunction f = new ScalarFunction(compiled, CLASS, "emptyMax");
        ScalarFunction mean = new ScalarFunction(compiled, CLASS, "mean");
        for (Runnable member : new Runnable[] {
            () -> f.value(v(), 0.5),
            () -> f.valueAndGradient(v(), 0.5),
            () -> f.jvp(new Object[] {v(), 0.5}, v(1)),
            () -> mean.valueAndGradient(v(), 0.5),
            () -> mean.jvp(new Object[] {v(), 0.5}, v(1))
        }) {
            Throwable e = assertThrows(Throwable.class, member::run);
            Throwable cause = rootOf(e);
            assertTrue(cause instanceof NoSuchElementException, String.valueOf(cause));
            assertEquals("No value present", cause.getMessage());
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof NoSuchElementException)) {
            t = t.getCause();
        }
        return t;
    }
}
