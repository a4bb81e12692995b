package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the fuzzer): an object variable (a String, an enum) overwritten in a loop, a local or the
 * parameter of a helper inlined there, was an internal error ("the tape holds no OBJECT"). The backward sweep must see,
 * in each iteration, the object the forward sweep had: here the object differs per iteration and changes the
 * derivative, so restoring the wrong one gives a wrong gradient; {@code k = next(k, i)} on an enum also needed its
 * temporary declared with the enum's type, not {@code Object}. Each function is checked against NumericDiff in every
 * mode with {@link ScalarFunction#assertDerivatives} (value bit for bit; gradient and JVP 1e-7 relative; Hessian 1e-6:
 * the tolerances of ScalarFunction), the Hessian's forward-over-reverse sweep taping the objects too.
 */
class ObjectsInLoopsTest {
    private static final String CLASS = "demo.Obj";
    private static Compiled compiled;
    private static Object[] kinds;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(CLASS, """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Obj {
          public enum Kind {
            LINEAR, QUADRATIC, SINE;

            double weight(double x) {
              return (ordinal() + 1) * x;
            }
          }

          /** The fuzzer's case: a String local written inside a loop. */
          @Differentiable
          static double stringLocal(double x, String p) {
            double s = 0;
            for (int i = 0; i < 2; i++) {
              String t = p;
              s += t.length() * x;
            }
            return s;
          }

          /** A different String in each iteration, so that the wrong one restored changes the gradient. */
          @Differentiable
          static double perIteration(double x, String p) {
            double s = 0;
            for (int i = 0; i < 5; i++) {
              String t = p.substring(i % p.length());
              s += t.length() * x * x;
              x = Math.sin(x) + t.length() * 0.1;
            }
            return s;
          }

          static double once(String s, double x) {
            return s.length() * x * x;
          }

          /** A String parameter of a helper inlined in a loop. */
          @Differentiable
          static double helperInLoop(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += once(i % 2 == 0 ? "ab" : "xyz", x);
              x = x * 0.5 + s * 0.1;
            }
            return s;
          }

          static double apply(Kind k, double x) {
            return switch (k) {
              case LINEAR -> 2 * x;
              case QUADRATIC -> x * x;
              case SINE -> Math.sin(x);
            };
          }

          static Kind next(Kind k, int i) {
            return switch ((k.ordinal() + i) % 3) {
              case 0 -> Kind.LINEAR;
              case 1 -> Kind.QUADRATIC;
              default -> Kind.SINE;
            };
          }

          /** An enum chosen per iteration, switched on directly and through a helper. */
          @Differentiable
          static double enumLocal(double x, Kind first) {
            double s = 0;
            Kind k = first;
            for (int i = 0; i < 6; i++) {
              k = next(k, i);
              switch (k) {
                case LINEAR -> s += 3 * x;
                case QUADRATIC -> s += x * x;
                default -> s += Math.cos(x);
              }
              s += k.weight(x) * x + (k.ordinal() + 1) * x * x;
              x = apply(k, x) + 0.25;
            }
            return s;
          }

          /** Nested loops, the inner one choosing a String per iteration of both. */
          @Differentiable
          static double nested(double x, String p) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              String outer = p.substring(i % p.length());
              for (int j = 0; j < i + 2; j++) {
                String inner = (i + j) % 2 == 0 ? outer : p.substring((i + j) % p.length());
                s += inner.length() * outer.length() * x * s * 0.01 + x;
                x = x * 0.9 + inner.length() * 0.05;
              }
            }
            return s;
          }

          /** A loop left by break, its count unknown until the sweep runs. */
          @Differentiable
          static double withBreak(double x, String p) {
            double s = 0;
            for (int i = 0; i < 100; i++) {
              String t = p.substring(i % p.length());
              Kind k = t.length() > 2 ? Kind.SINE : Kind.QUADRATIC;
              s += apply(k, x) * t.length();
              x = x * 1.1 + 0.1;
              if (s > 20) {
                break;
              }
            }
            return s;
          }
        }
        """);
        kinds = compiled.load(CLASS + "$Kind").getEnumConstants();
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, CLASS, name);
    }

    @Test
    void stringLocal() {
        f("stringLocal").assertDerivatives(0.7, "abc");
    }

    @Test
    void stringPerIteration() {
        f("perIteration").assertDerivatives(0.7, "abcd");
    }

    @Test
    void helperParameterInLoop() {
        f("helperInLoop").assertDerivatives(0.7);
    }

    @Test
    void enumPerIteration() {
        for (Object k : kinds) {
            f("enumLocal").assertDerivatives(0.4, k);
        }
    }

    @Test
    void nestedLoops() {
        f("nested").assertDerivatives(0.6, "abcd");
    }

    @Test
    void loopWithBreak() {
        f("withBreak").assertDerivatives(0.3, "abcd");
        f("withBreak").assertDerivatives(0.9, "xy");
    }
}
