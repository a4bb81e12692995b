package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's promise about the caller's arrays: a method that writes into an array parameter writes it in
 * {@code fooJvp} as it does itself, and every reverse-mode member ({@code fooGrad} in both forms, {@code fooHessian},
 * {@code barJacobian}, {@code barVjp}) gives the arrays back exactly as they were, whatever the elements' new values
 * were computed from: a local copy of an element, an alias, a row, a constant array. Regression for issue 11, item 2,
 * and for active values stored into a {@code @NoDerivative} array (was: a NullPointerException on its adjoint).
 * Derivatives against NumericDiff (tolerances in ScalarFunction and VectorFunction); restored arrays bit for bit.
 */
class CallersArraysTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.InPlace", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class InPlace {
          @Differentiable
          static double localCopy(double[] w) {
            double a = w[0];
            w[0] = a * a;
            return w[0];
          }

          @Differentiable
          static double throughAlias(double[] w, int[] counts) {
            double[] v = w;
            double a = v[1];
            v[1] = a * 3;
            counts[0]++;
            return v[1] + w[0] * a;
          }

          @Differentiable
          static double inLoops(double[] w, double[][] m, @NoDerivative double[] log) {
            for (int i = 0; i < w.length; i++) {
              double a = w[i];
              w[i] = a * a + m[0][i];
              double[] row = m[0];
              row[i] = 2 * a;
              log[i] = a;
            }
            double s = 0;
            for (int i = 0; i < w.length; i++) s += w[i] * m[0][i];
            return s + log[1] * w[0];
          }

          @Differentiable
          static double[] vector(double[] w) {
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
              double a = w[i];
              w[i] = Math.sin(a);
              out[i] = w[i] * a;
            }
            return out;
          }
        }
        """);
    }

    @Test
    void gradientRestoresAnElementOverwrittenFromALocalCopy() {
        assertRestored("localCopy", new double[] {0.5});
        new ScalarFunction(compiled, "demo.InPlace", "localCopy").assertDerivatives((Object) new double[] {0.5});
    }

    @Test
    void gradientRestoresWritesThroughAnAliasAndIntArrays() {
        assertRestored("throughAlias", new double[] {0.5, 2}, new int[] {5});
        new ScalarFunction(compiled, "demo.InPlace", "throughAlias")
                .assertDerivatives(new double[] {0.5, 2}, new int[] {5});
    }

    @Test
    void gradientRestoresRowsAndConstantArraysWrittenInLoops() {
        Object[] args = {new double[] {0.5, 2}, new double[][] {{1, 2}}, new double[2]};
        assertRestored("inLoops", args);
        new ScalarFunction(compiled, "demo.InPlace", "inLoops").assertDerivatives(args);
    }

    @Test
    void jacobianAndVjpRestoreTheArrays() throws ReflectiveOperationException {
        double[] w = {0.3, -0.7, 1.1};
        double[] original = w.clone();
        Class<?> companion = compiled.load("demo.InPlaceDiff");
        companion.getMethod("vectorJacobian", double[].class).invoke(null, (Object) w);
        assertArrayEquals(original, w, 0.0, "vectorJacobian");
        companion.getMethod("vectorVjp", double[].class, double[].class).invoke(null, w, new double[] {1, 2, 3});
        assertArrayEquals(original, w, 0.0, "vectorVjp");
        new VectorFunction(compiled, "demo.InPlace", "vector").assertDerivatives((Object) w);
    }

    /** Calls each reverse-mode member of {@code name} on these arguments, then compares them with copies taken before. */
    private static void assertRestored(String name, Object... args) {
        Class<?> companion = compiled.load("demo.InPlaceDiff");
        for (Method member : companion.getDeclaredMethods()) {
            boolean reverse =
                    member.getName().equals(name + "Grad") || member.getName().equals(name + "Hessian");
            if (!reverse || !java.lang.reflect.Modifier.isPublic(member.getModifiers())) {
                continue;
            }
            Object[] before = deepCopy(args);
            Object[] all = Arrays.copyOf(args, member.getParameterCount());
            int next = 0;
            for (int i = args.length; i < all.length; i++) {
                // The in-place fooGrad's adjoint arrays, in the order of the active arrays, each shaped like its array.
                Class<?> type = member.getParameterTypes()[i];
                while (args[next].getClass() != type) {
                    next++;
                }
                all[i] = zerosLike(args[next++]);
            }
            try {
                member.invoke(null, all);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(member + " threw", e);
            }
            assertArrayEquals(before, args, member + " must give the caller's arrays back");
        }
    }

    private static Object zerosLike(Object array) {
        return array instanceof double[][] m
                ? Arrays.stream(m).map(r -> new double[r.length]).toArray(double[][]::new)
                : new double[((double[]) array).length];
    }

    private static Object[] deepCopy(Object[] args) {
        Function<Object, Object> copy = a -> a instanceof double[][] m
                ? Arrays.stream(m).map(double[]::clone).toArray(double[][]::new)
                : a instanceof double[] d ? d.clone() : a instanceof int[] n ? n.clone() : a;
        return Arrays.stream(args).map(copy).toArray();
    }
}
