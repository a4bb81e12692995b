package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion of instance methods, and of methods over objects (issue 13, item 6): the members the recursive calls go
 * through take the receiver and the objects as constant parameters. Checked against NumericDiff in every mode (value
 * bit for bit; gradient and JVP 1e-7 relative; Hessian 1e-6: ScalarFunction's tolerances; Jacobian 1e-7), and against
 * closed forms (1e-12) where they exist. A subclass that overrides a body the members differentiate is refused at the
 * call, as for any instance method. Every function here was a compile error ([autodiff4j:recursion]) before.
 */
class InstanceRecursionTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Model", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Model {
          final double[] coef;
          final double scale;

          public Model(double[] coef, double scale) {
            this.coef = coef;
            this.scale = scale;
          }

          /** Horner's rule over the object's coefficients, an instance method recursing on its own object. */
          double horner(double x, int i) {
            return i == coef.length - 1 ? coef[i] : coef[i] + x * horner(x, i + 1);
          }

          @Differentiable
          double poly(double x) {
            return scale * horner(x, 0);
          }

          /** The differentiated method recursing on itself, with this. */
          @Differentiable
          double power(double x, int k) {
            return k == 0 ? scale : x * this.power(x, k - 1);
          }

          /** Mutual recursion between two private instance methods, over an array parameter. */
          private double even(double[] w, double x, int i) {
            return i == w.length ? x * scale : Math.sin(w[i] + odd(w, x, i + 1));
          }

          private double odd(double[] w, double x, int i) {
            return i == w.length ? x * x : w[i] * even(w, 0.5 * x, i + 1);
          }

          @Differentiable
          double alternating(double[] w, double x) {
            return even(w, x, 0);
          }

          /** A recursion called in a loop and in a branch. */
          @Differentiable
          double sumOfPolys(double[] xs) {
            double s = 0;
            for (double x : xs) {
              if (x > 0) {
                s += horner(x, 0);
              } else {
                s -= horner(x * x, 0);
              }
            }
            return s;
          }

          /** A vector function whose rows recurse. */
          @Differentiable
          double[] twoPolys(double x, double y) {
            return new double[] {horner(x, 0), horner(y, 0) * x};
          }

          /** A recursion of an instance method reading a field, on another argument each level. */
          double decay(double x, int n) {
            return n == 0 ? x : scale * decay(x * x, n - 1);
          }

          @Differentiable
          double decayed(double x) {
            return decay(x, 3);
          }

          /** A recursion passing a String, a constant, down. */
          static double walkPath(String path, double x, int n) {
            return n == 0 ? x * path.length() : Math.sin(walkPath(path, x, n - 1));
          }

          @Differentiable
          static double pathLength(double x) {
            return walkPath("ab", x, 3);
          }

          /** A static recursion over a linked list of a final class: the nodes are constants. */
          static double walk(Node n, double x) {
            return n == null ? x : Math.sin(n.weight * walk(n.next, x)) + x;
          }

          @Differentiable
          static double chain(Node n, double x) {
            return walk(n, x);
          }

          /** Tree recursion through an instance method of a final class, on other objects than its own. */
          @Differentiable
          static double tree(Tree t, double[] v) {
            return t.eval(v);
          }
        }

        final class Node {
          final double weight;
          final Node next;

          Node(double weight, Node next) {
            this.weight = weight;
            this.next = next;
          }
        }

        final class Tree {
          final Tree left;
          final Tree right;
          final int leaf;

          Tree(Tree left, Tree right, int leaf) {
            this.left = left;
            this.right = right;
            this.leaf = leaf;
          }

          double eval(double[] v) {
            if (left == null) {
              return v[leaf] * v[leaf];
            }
            return Math.exp(left.eval(v)) * right.eval(v) + v[leaf];
          }
        }

        class Shifted extends Model {
          Shifted(double[] coef, double scale) {
            super(coef, scale);
          }

          /** Another body for horner: the companion's derivative would be wrong for this receiver. */
          @Override
          double horner(double x, int i) {
            return 1 + super.horner(x, i);
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "demo.Model", name);
    }

    private static Object make(String type, Object... args) throws ReflectiveOperationException {
        Constructor<?> constructor = compiled.load(type).getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    private static Object model(double... coef) throws ReflectiveOperationException {
        return make("demo.Model", coef, 1.5);
    }

    @Test
    void hornerOnTheObjectsCoefficients() throws Exception {
        double[] c = {0.5, -1.2, 2.0, 0.3};
        Object m = model(c);
        f("poly").assertDerivatives(m, 0.7);
        double x = 0.7;
        double[] gradient = f("poly").gradient(m, x);
        assertEquals(1.5 * (c[1] + 2 * c[2] * x + 3 * c[3] * x * x), gradient[0], 1e-12, "d/dx");
    }

    @Test
    void theDifferentiatedMethodRecursesOnItself() throws Exception {
        Object m = model(1.0);
        f("power").assertDerivatives(m, 0.9, 5);
        // d/dx 1.5 x^5 = 7.5 x^4
        assertEquals(7.5 * Math.pow(0.9, 4), f("power").gradient(m, 0.9, 5)[0], 1e-12);
        f("power").assertDerivatives(m, -1.3, 0);
    }

    @Test
    void anInstanceRecursionReadingAField() throws Exception {
        Object m = model(1.0);
        f("decayed").assertDerivatives(m, 0.8);
        // 1.5^3 x^8: derivative 8 * 3.375 x^7
        assertEquals(8 * 3.375 * Math.pow(0.8, 7), f("decayed").gradient(m, 0.8)[0], 1e-12);
    }

    @Test
    void aRecursionPassingAString() {
        f("pathLength").assertDerivatives(0.7);
        f("pathLength").assertDerivatives(-1.9);
    }

    @Test
    void mutualRecursionOfPrivateInstanceMethods() throws Exception {
        Object m = model(1.0);
        f("alternating").assertDerivatives(m, new double[] {0.3, -0.8, 1.1, 0.4}, 0.6);
        f("alternating").assertDerivatives(m, new double[0], 0.6);
    }

    @Test
    void inALoopAndABranch() throws Exception {
        Object m = model(0.5, -1.2, 2.0);
        f("sumOfPolys").assertDerivatives(m, new double[] {0.4, -0.7, 1.3, -0.2});
    }

    @Test
    void fromAVectorFunction() throws Exception {
        new VectorFunction(compiled, "demo.Model", "twoPolys").assertDerivatives(model(0.5, -1.2, 2.0), 0.4, -0.9);
    }

    @Test
    void overALinkedListOfObjects() throws Exception {
        Object list = make("demo.Node", 0.5, make("demo.Node", -1.5, make("demo.Node", 2.0, null)));
        f("chain").assertDerivatives(list, 0.3);
        f("chain").assertDerivatives(null, 0.3);
        // The empty list is the identity: value x, derivative 1.
        assertEquals(1.0, f("chain").gradient(null, 0.3)[0], 0.0);
    }

    @Test
    void treeOfOtherObjects() throws Exception {
        Object leaf0 = make("demo.Tree", null, null, 0);
        Object leaf1 = make("demo.Tree", null, null, 1);
        Object leaf2 = make("demo.Tree", null, null, 2);
        Object inner = make("demo.Tree", leaf0, leaf1, 2);
        Object root = make("demo.Tree", inner, leaf2, 0);
        double[] v = {0.3, -0.5, 0.8};
        f("tree").assertDerivatives(root, v);
    }

    @Test
    void aSubclassThatOverridesTheRecursionIsRefused() throws Exception {
        Object shifted = make("demo.Shifted", new double[] {0.5, -1.2}, 1.5);
        AssertionError thrown =
                assertThrows(AssertionError.class, () -> f("poly").gradient(shifted, 0.7));
        assertTrue(thrown.getCause() instanceof IllegalArgumentException, String.valueOf(thrown.getCause()));
        assertTrue(
                thrown.getCause().getMessage().contains("overrides it with demo.Shifted.horner"), thrown.getMessage());
    }
}
