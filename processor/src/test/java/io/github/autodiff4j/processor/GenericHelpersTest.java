package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;

import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generic helpers whose type parameters are not the differentiated values ({@code <T> double f(T data, double x)}),
 * calls of the JDK's generic methods on constant objects ({@code weights.get(0)} on a {@code List<Double>}, unboxed
 * where Java unboxes it), and interface calls whose arguments are constant: constants to the derivative, as the
 * principle of issue 13 says. In a loop, in a branch, nested, and in an instance method. Passing a double where a
 * type variable stands is rejected (CatalogueTest): boxed, it would lose its derivative.
 *
 * <p>Each function is checked with {@link ScalarFunction#assertDerivatives} (value bit for bit, gradient and JVP
 * against NumericDiff within 1e-7, Hessian within 1e-6) at several points; closed forms within {@value #CLOSED}.
 */
class GenericHelpersTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Generics";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;
      import java.util.List;

      public class Generics {
        public interface Model {
          double weight(int i);
        }

        static <T> double scaled(T data, double x) {
          return x * x * data.toString().length();
        }

        static <T extends Number> double times(T n, double x) {
          double s = 0;
          for (int i = 0; i < 2; i++) {
            s += x * n.doubleValue();
          }
          return s;
        }

        static <K, V> double pair(K key, V value, double x) {
          return key.equals(value) ? x : Math.sin(x);
        }

        @Differentiable
        static double generic(double x, Object tag, Integer k) {
          return scaled(tag, x) + times(k, x * x) + pair(tag, k, x);
        }

        // The weights of a List<Double> and an interface's, read with constant arguments: coefficients.
        @Differentiable
        static double constantCalls(double x, List<Double> weights, Model model, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            if (i < weights.size()) {
              s += weights.get(i) * Math.pow(x, i);
            } else {
              s += model.weight(i) * x;
            }
          }
          return s;
        }

        final Model model;

        public Generics(Model model) {
          this.model = model;
        }

        @Differentiable
        double instance(double x, Integer k) {
          return times(k, x) * model.weight(1) + scaled(k, x);
        }
      }
      """;

    private static Corpus corpus;

    @BeforeAll
    static void compile() {
        corpus = Corpus.compile(CLASS, SOURCE);
    }

    /** A Model whose weight(i) is 0.5 + i, made through the compiled interface. */
    private static Object model() {
        Class<?> type = corpus.compiled().load(CLASS + "$Model");
        return java.lang.reflect.Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> switch (method.getName()) {
                    case "weight" -> 0.5 + (Integer) a[0];
                    case "toString" -> "model";
                    case "hashCode" -> 7;
                    default -> proxy == a[0];
                });
    }

    @Test
    void generic() {
        ScalarFunction f = corpus.fn("generic");
        CorpusSupport.atPoints(
                "generic", f::assertDerivatives, args(1.5, "abc", 3), args(-0.5, 4, 4), args(0.25, "x", 2));
        // 3 x^2 + 2 * 3 x^2 + cos(x) (tag "abc" differs from 3): 6x + 12x + cos(x).
        assertGradient(f, args(1.5, "abc", 3), CLOSED, 18 * 1.5 + Math.cos(1.5));
    }

    @Test
    void constantCalls() {
        ScalarFunction f = corpus.fn("constantCalls");
        List<Double> weights = List.of(1.0, -2.0, 0.5);
        CorpusSupport.atPoints(
                "constantCalls",
                f::assertDerivatives,
                args(1.5, weights, model(), 5),
                args(-0.75, weights, model(), 2));
        // -2 + 2 * 0.5 x + 3.5 + 4.5.
        assertGradient(f, args(1.5, weights, model(), 5), CLOSED, -2 + 1.5 + 3.5 + 4.5);
    }

    @Test
    void instance() throws Exception {
        Object receiver = corpus.newInstance(new Class<?>[] {corpus.compiled().load(CLASS + "$Model")}, model());
        ScalarFunction f = corpus.fn("instance");
        CorpusSupport.atPoints("instance", f::assertDerivatives, args(receiver, 1.5, 3), args(receiver, -0.5, 2));
        // 2 k x * 1.5 + x^2 ("3" has 1 letter).
        assertGradient(f, args(receiver, 1.5, 3), CLOSED, 2 * 3 * 1.5 + 2 * 1.5);
    }
}
