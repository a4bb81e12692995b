package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static io.github.autodiff4j.processor.CorpusSupport.assertGradient;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same array passed as two array parameters of a function that writes into one of them: the derivative code keeps
 * one adjoint per parameter, so it would silently give a wrong derivative with the right value (found by a new user's
 * trial: {@code f(v, v)} for {@code y[0] *= 2; return x[0];} gave 1, not 2). Every public member refuses such a call
 * with an IllegalArgumentException naming both parameters. An array only read may still be passed twice: the partials
 * with respect to each are right (checked within {@value #CLOSED}).
 */
class AliasedArgumentsTest {
    private static final double CLOSED = 1e-12;
    private static final String CLASS = "corpus.Aliased";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;

      public class Aliased {
        @Differentiable
        static double writesOne(double[] y, double[] x) {
          y[0] *= 2;
          return x[0] * y[0];
        }

        // y += a x, then x . y: the BLAS-style in-place update a user passes (x, x) to.
        @Differentiable
        static double axpyDot(double[] x, double[] y, double a) {
          for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
          }
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
          }
          return s;
        }

        // Written through a row of the matrix.
        @Differentiable
        static double throughARow(double[][] m, double[][] n) {
          double[] row = m[0];
          row[1] *= n[0][0];
          return n[0][1] * m[0][1];
        }

        @Differentiable
        static double readsBoth(double[] x, double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
          }
          return s;
        }
      }
      """;

    private static Corpus corpus;

    @BeforeAll
    static void compile() {
        corpus = Corpus.compile(CLASS, SOURCE);
    }

    /** Every public member taking the function's parameters refuses the aliased call, naming both parameters. */
    private static void refused(String function, String written, String other, Object... args) throws Exception {
        Class<?> companion = corpus.compiled().load(CLASS + "Diff");
        int members = 0;
        for (Method m : companion.getMethods()) {
            if (m.getName().startsWith(function) && m.getParameterCount() == args.length) {
                members++;
                InvocationTargetException thrown =
                        assertThrows(InvocationTargetException.class, () -> m.invoke(null, args), m.getName());
                assertTrue(
                        thrown.getCause() instanceof IllegalArgumentException, m.getName() + ": " + thrown.getCause());
                String message = thrown.getCause().getMessage();
                assertTrue(
                        message.contains(written + " and " + other + " are the same array"),
                        m.getName() + ": " + message);
            }
        }
        assertTrue(members >= 3, function + ": members checked " + members);
    }

    @Test
    void aWrittenArrayPassedTwiceIsRefused() throws Exception {
        double[] v = {3, 1};
        refused("writesOne", "y", "x", v, v);
        double[] w = {0.5, -1.5};
        refused("axpyDot", "y", "x", w, w, 0.75);
        double[][] m = {{0.5, 2.0}, {1.0, 3.0}};
        refused("throughARow", "m", "n", m, m);
        // Nothing was written before the refusal.
        assertTrue(Arrays.equals(v, new double[] {3, 1}) && Arrays.equals(w, new double[] {0.5, -1.5}));
    }

    @Test
    void distinctArraysAreDifferentiatedAsBefore() {
        corpus.atPoints("writesOne", args(new double[] {3, 1}, new double[] {2, 5}));
        corpus.atPoints("axpyDot", args(new double[] {0.5, -1.5}, new double[] {1.0, 2.0}, 0.75));
    }

    /** dot(v, v): each partial is v, and their sum is the derivative 2v of |v|^2. */
    @Test
    void anArrayOnlyReadMayBePassedTwice() {
        double[] v = {0.5, -1.5};
        assertGradient(corpus.fn("readsBoth"), args(v, v), CLOSED, 0.5, -1.5, 0.5, -1.5);
    }
}
