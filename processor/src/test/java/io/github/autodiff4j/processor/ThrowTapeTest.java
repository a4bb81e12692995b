package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.CorpusSupport.args;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function that throws for input validation in the middle of its loop, after its gradient's forward sweep saved
 * values on the thread's tape: the gradient and the Hessian take the tape back to where it was, so a caller that
 * catches the exception in a long loop does not grow it; a later call is differentiated as before (NumericDiff,
 * tolerances of ScalarFunction).
 */
class ThrowTapeTest {
    private static final String CLASS = "corpus.Throws";

    private static final String SOURCE = """
      package corpus;

      import io.github.autodiff4j.Differentiable;

      public class Throws {
        @Differentiable
        static double chain(double[] w, double x) {
          double s = x;
          for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
              throw new IllegalArgumentException("negative weight at " + i);
            }
            s = Math.sin(s * w[i]) + s * s;
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

    @Test
    void aThrowLeavesTheTapeAsItFoundIt() throws Exception {
        Tape tape = Tape.local();
        tape.clear();
        tape.pushInt(7); // a caller's own entry, below the gradient's: it must stay
        Class<?> companion = corpus.compiled().load(CLASS + "Diff");
        Object[] bad = {new double[] {0.5, 0.7, -1.0}, 0.3};
        for (Method m : companion.getMethods()) {
            boolean takesTheFunctionsArguments = m.getName().startsWith("chain")
                    && m.getParameterCount() == 2
                    && m.getParameterTypes()[0] == double[].class;
            if (takesTheFunctionsArguments) {
                InvocationTargetException thrown =
                        assertThrows(InvocationTargetException.class, () -> m.invoke(null, bad), m.getName());
                assertTrue(thrown.getCause() instanceof IllegalArgumentException, m.getName());
                assertTrue(tape.intCount() == 1 && tape.doubleCount() == 0, m.getName() + " left the tape unbalanced");
            }
        }
        assertTrue(tape.popInt() == 7 && tape.isEmpty(), "the caller's entry");
        corpus.atPoints("chain", args(new double[] {0.5, 0.7, 1.2}, 0.3));
    }
}
