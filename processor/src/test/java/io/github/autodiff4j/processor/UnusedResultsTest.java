package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import org.junit.jupiter.api.Test;

/**
 * A helper of the build called as a statement, its result left unused: the caller wants what it writes into arrays
 * or what its arguments assign, so its body takes the call's place as a void helper's does. Each sits in a loop, a
 * branch, an instance method and a vector function, and is checked against NumericDiff in every mode
 * ({@link ScalarFunction#assertDerivatives}: the value bit for bit, 1e-7 first order, 1e-6 Hessian;
 * {@link VectorFunction#assertDerivatives}: 1e-7).
 */
class UnusedResultsTest {
    private static final String SOURCE = """
            package demo;
            import io.github.autodiff4j.Differentiable;
            public class Foo {
              final double scale;
              public Foo(double scale) {
                this.scale = scale;
              }
              static double constant(double v) {
                return 1;
              }
              static double square(double[] r, double x) {
                r[0] = x * x;
                return r[0];
              }
              static double accumulate(double[] acc, double v) {
                if (v < 0) {
                  return 0;
                }
                acc[0] += v * v;
                return Math.sqrt(acc[0]);
              }
              double scaleInto(double[] r, int i) {
                r[i] *= scale;
                return r[i];
              }
              @Differentiable
              static double assignsInItsArgument(double x, double y) {
                constant(y += x);
                constant(y *= Math.sin(x));
                return y * x;
              }
              @Differentiable
              static double writesItsArray(double x) {
                double[] r = new double[1];
                square(r, x);
                if (x > 0) {
                  square(r, r[0] + x);
                }
                return 2 * r[0];
              }
              @Differentiable
              static double inALoop(double[] v) {
                double[] acc = new double[1];
                for (int i = 0; i < v.length; i++) {
                  accumulate(acc, v[i] * (i + 1) - 0.5);
                }
                return acc[0];
              }
              @Differentiable
              double onTheOwnObject(double[] v) {
                double[] r = v.clone();
                for (int i = 0; i < r.length; i++) {
                  scaleInto(r, i);
                  scaleInto(r, i);
                }
                return r[0] * r[r.length - 1];
              }
              @Differentiable
              static double[] vector(double[] v) {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                  square(out, v[i]);
                  out[i] = out[0] * v[i];
                }
                return out;
              }
            }
            """;

    private static final Compiled COMPILED = Compiled.compile("demo.Foo", SOURCE);

    @Test
    void assignmentsInTheArguments() {
        new ScalarFunction(COMPILED, "demo.Foo", "assignsInItsArgument").assertDerivatives(0.7, -0.4);
    }

    @Test
    void arraysTheHelperWrites() {
        ScalarFunction f = new ScalarFunction(COMPILED, "demo.Foo", "writesItsArray");
        f.assertDerivatives(0.7);
        f.assertDerivatives(-0.6);
    }

    @Test
    void inALoopWithAnEarlyReturn() {
        new ScalarFunction(COMPILED, "demo.Foo", "inALoop").assertDerivatives((Object) new double[] {0.2, 0.9, -0.3});
    }

    @Test
    void onTheOwnObject() throws ReflectiveOperationException {
        Object foo = COMPILED.load("demo.Foo").getConstructor(double.class).newInstance(1.5);
        new ScalarFunction(COMPILED, "demo.Foo", "onTheOwnObject")
                .assertDerivatives(foo, new double[] {0.3, -0.8, 1.1});
    }

    @Test
    void inAVectorFunction() {
        new VectorFunction(COMPILED, "demo.Foo", "vector").assertDerivatives((Object) new double[] {0.3, -0.8, 1.1});
    }
}
