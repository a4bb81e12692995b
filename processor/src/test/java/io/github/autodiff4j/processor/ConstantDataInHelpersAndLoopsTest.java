package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * Constant data that a trial port of a peer's test suite met in places the corpus had not: object arguments that are
 * expressions, bound to a helper's parameter by a copy (the copy was declared {@code Object}, and the companion did
 * not compile), and {@code int[]}, {@code long[]} and {@code boolean[]} locals a loop points at new arrays (the tape
 * had no stack for them: an internal error). Each is checked against NumericDiff in every mode with
 * {@link ScalarFunction#assertDerivatives} (1e-7 first order, 1e-6 Hessian, the value bit for bit).
 */
class ConstantDataInHelpersAndLoopsTest {

    @Test
    void objectArgumentsThatAreExpressions() {
        ScalarFunction f = new ScalarFunction(Compiled.compile("demo.Foo", """
                package demo;
                import io.github.autodiff4j.Differentiable;
                import java.util.List;
                public class Foo {
                  enum Kind { A, B }
                  static double pick(double x, String s) {
                    return s.charAt(0) == 'a' ? x * x : 1;
                  }
                  static double kind(double x, Kind k) {
                    return k.ordinal() == 0 ? Math.sin(x) : x;
                  }
                  static double weights(double x, List<Double> w) {
                    double s = 0;
                    for (int i = 0; i < w.size(); i++) {
                      s += w.get(i) * x;
                    }
                    return s;
                  }
                  static <T extends Number> double scaled(List<T> xs, double x) {
                    double s = 0;
                    for (int i = 0; i < xs.size(); i++) {
                      s += xs.get(i).doubleValue() * x;
                    }
                    return s;
                  }
                  @Differentiable
                  static double f(double x, boolean b) {
                    String a = "a";
                    double s = 0;
                    for (int i = 0; i < 2; i++) {
                      s += pick(x, "aa") + pick(x * i, a + "bc") + pick(s, b ? "a" : "bb");
                    }
                    return s + kind(x, Kind.A) + kind(x, b ? Kind.A : Kind.B) + weights(x, List.of(2.0, 3.0))
                        + scaled(List.of(1, 2), x);
                  }
                }
                """), "demo.Foo", "f");
        f.assertDerivatives(0.7, true);
        f.assertDerivatives(-0.4, false);
    }

    @Test
    void indexArraysALoopPointsAtNewArrays() {
        String source = """
                package demo;
                import io.github.autodiff4j.Differentiable;
                public class Foo {
                  @Differentiable
                  static double f(double[] x) {
                    double s = 0;
                    int[] at = {0};
                    for (int i = 0; i < x.length; i++) {
                      long[] scale = {i + 1};
                      boolean[] odd = {i % 2 == 1};
                      if (i % 2 == 0) {
                        at = new int[] {i};
                      }
                      s = s * x[at[0]] + x[i] * scale[0] + (odd[0] ? s * x[i] : 0);
                    }
                    return s + weighted(x);
                  }
                  static double weighted(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                      int[] idx = new int[2];
                      idx[0] = i;
                      idx[1] = x.length - 1 - i;
                      s += x[idx[0]] * x[idx[1]] * s + x[i];
                    }
                    return s;
                  }
                }
                """;
        ScalarFunction f = new ScalarFunction(Compiled.compile("demo.Foo", source), "demo.Foo", "f");
        f.assertDerivatives((Object) new double[] {0.7, 0.2, -0.5, 1.1});
        f.assertDerivatives((Object) new double[] {-0.3});
    }
}
