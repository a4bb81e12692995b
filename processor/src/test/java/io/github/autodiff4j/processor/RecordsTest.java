package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records of doubles (issue 14): parameters, locals, array elements, results of helpers and factories, record methods,
 * nested records, arrays of records, record results (vector functions with named outputs), and records whose compact
 * constructor checks its arguments. Each function is checked against NumericDiff in every mode: value bit for bit,
 * gradient and JVP 1e-7 relative, Hessian 1e-6 (ScalarFunction); Jacobian 1e-7, JVP and VJP against the Jacobian
 * 1e-11 (VectorFunction); closed forms 1e-12 where they exist. The partials with respect to a record are a record of
 * its type, or of its tangent type when the record declares its constructor.
 */
class RecordsTest {
    private static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile("demo.Geom", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Geom {
          public record Point(double x, double y) {
            Point minus(Point o) { return new Point(x - o.x, y - o.y()); }
            Point plus(Point o) { return new Point(x + o.x, y + o.y); }
            double dot(Point o) { return x * o.x() + y * o.y(); }
            Point scale(double s) { return new Point(s * x, s * y); }
            double norm() { return Math.sqrt(dot(this)); }
            static Point of(double x, double y) { return new Point(x, y); }
          }

          public record Segment(Point a, Point b) {
            Point direction() { return b.minus(a); }
          }

          public record Particle(Point position, Point velocity, double mass) {}

          static final Point ORIGIN = new Point(0, 0);

          /** The distance from p to the segment [a, b]. */
          @Differentiable
          public static double distToSegment(Point p, Point a, Point b) {
            Point ab = b.minus(a);
            Point ap = p.minus(a);
            double t = Math.max(0, Math.min(1, ap.dot(ab) / ab.dot(ab)));
            Point closest = a.plus(ab.scale(t));
            Point d = p.minus(closest);
            return Math.sqrt(d.dot(d));
          }

          /** A nested record, read through accessor chains and a method. */
          @Differentiable
          public static double length(Segment s) {
            Point d = s.direction();
            return Math.hypot(d.x(), s.b().y() - s.a().y());
          }

          /** An array of records, read in a loop. */
          @Differentiable
          public static double perimeter(Point[] poly) {
            double sum = 0;
            for (int i = 0; i < poly.length; i++) {
              Point d = poly[(i + 1) % poly.length].minus(poly[i]);
              sum += d.norm();
            }
            return sum;
          }

          /** A record local reassigned in a loop, a branch on records, a ternary of records. */
          @Differentiable
          public static double integrate(Particle p, double dt, int steps) {
            Point x = p.position();
            Point v = p.velocity();
            for (int k = 0; k < steps; k++) {
              Point force = x.norm() > 1 ? x.scale(-1 / p.mass()) : ORIGIN.minus(x);
              v = v.plus(force.scale(dt));
              x = k % 2 == 0 ? x.plus(v.scale(dt)) : Point.of(x.x() + dt * v.x(), x.y() + dt * v.y());
            }
            return x.dot(x) + p.mass() * v.dot(v);
          }

          /** Records built, stored in and read from a new array of records. */
          @Differentiable
          public static double chainEnergy(Point[] nodes, double k) {
            Point[] springs = new Point[nodes.length - 1];
            for (int i = 0; i + 1 < nodes.length; i++) {
              springs[i] = nodes[i + 1].minus(nodes[i]);
            }
            Point first = springs[0];
            springs[0] = springs[0].scale(2);
            double e = first.dot(first);
            for (Point s : springs) {
              e += k * s.dot(s);
            }
            return e;
          }

          /** A vector function with named outputs: a record result. */
          @Differentiable
          public static Point midpoint(Point a, Point b, double w) {
            return Point.of(w * a.x() + (1 - w) * b.x(), w * a.y() * b.y());
          }

          /** A record result of records. */
          @Differentiable
          public static Segment rotated(Segment s, double angle) {
            double c = Math.cos(angle);
            double si = Math.sin(angle);
            Point a = new Point(c * s.a().x() - si * s.a().y(), si * s.a().x() + c * s.a().y());
            Point b = new Point(c * s.b().x() - si * s.b().y(), si * s.b().x() + c * s.b().y());
            return new Segment(a, b);
          }

          /** Printing and comparing records: the objects themselves. */
          @Differentiable
          public static double described(Point p, Point q) {
            if (p.equals(q)) {
              return 0;
            }
            assert ("p = " + p).startsWith("p = Point[x=") : "p = " + p;
            return p.minus(q).norm();
          }
        }
        """);
    }

    private static ScalarFunction f(String name) {
        return new ScalarFunction(compiled, "demo.Geom", name);
    }

    private static Object point(double x, double y) throws ReflectiveOperationException {
        return make("demo.Geom$Point", x, y);
    }

    private static Object make(String type, Object... args) throws ReflectiveOperationException {
        Constructor<?> c = compiled.load(type).getDeclaredConstructors()[0];
        c.setAccessible(true);
        return c.newInstance(args);
    }

    private static Object points(double... xy) throws ReflectiveOperationException {
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(compiled.load("demo.Geom$Point"), xy.length / 2);
        for (int i = 0; i < out.length; i++) {
            out[i] = point(xy[2 * i], xy[2 * i + 1]);
        }
        return out;
    }

    @Test
    void distanceToASegmentGivesItsGradientAsThreePoints() throws Exception {
        Object p = point(0.3, 1.2);
        Object a = point(-1, 0.1);
        Object b = point(2, -0.4);
        f("distToSegment").assertDerivatives(p, a, b);
        // Beyond b, the distance is |p - b|: d/dp = (p - b) / |p - b|.
        Object far = point(3.5, 0.7);
        f("distToSegment").assertDerivatives(far, a, b);
        double dx = 3.5 - 2;
        double dy = 0.7 + 0.4;
        double r = Math.hypot(dx, dy);
        double[] gradient = f("distToSegment").gradient(far, a, b);
        assertEquals(dx / r, gradient[0], 1e-12);
        assertEquals(dy / r, gradient[1], 1e-12);
        // The gradient's components are Points.
        Object record = compiled.load("demo.GeomDiff")
                .getMethod("distToSegmentGrad", p.getClass(), p.getClass(), p.getClass())
                .invoke(null, far, a, b);
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (!c.getName().equals("value")) {
                assertEquals(p.getClass(), c.getType(), c.getName());
            }
        }
    }

    @Test
    void nestedRecords() throws Exception {
        Object s = make("demo.Geom$Segment", point(0.5, -1), point(2.5, 0.75));
        f("length").assertDerivatives(s);
    }

    @Test
    void arraysOfRecords() throws Exception {
        f("perimeter").assertDerivatives(points(0, 0, 1, 0.2, 1.3, 1.1, -0.2, 0.9));
    }

    @Test
    void recordLocalsInLoopsAndBranches() throws Exception {
        Object particle = make("demo.Geom$Particle", point(0.8, 0.4), point(-0.3, 0.5), 1.7);
        f("integrate").assertDerivatives(particle, 0.05, 12);
        Object far = make("demo.Geom$Particle", point(1.8, 0.4), point(-0.3, 0.5), 1.7);
        f("integrate").assertDerivatives(far, 0.05, 12);
    }

    /**
     * The records of a loop are scalars in its derivative code: the gradient over arrays allocates only the adjoint of
     * its parameter, and the tape saves doubles, never arrays.
     */
    @Test
    void recordLocalsAllocateNothingInTheDerivativeCode() {
        String source = compiled.generatedSource("demo.GeomDiff");
        int start = source.indexOf("public static IntegrateGradient integrateGrad(double[] p");
        String grad = source.substring(start, source.indexOf("\n        }\n", start));
        assertEquals(1, grad.split("new double\\[", -1).length - 1, grad);
        assertTrue(grad.contains("double[] dp = new double[p.length]"), grad);
        assertTrue(grad.contains("tape.pushDouble("), grad);
        assertTrue(!grad.contains("pushArray") && !grad.contains("pushObject"), grad);
    }

    @Test
    void recordsWrittenIntoAnArray() throws Exception {
        Object nodes = points(0, 0, 1, 0.5, 1.5, 1.5, 3, 1.75);
        f("chainEnergy").assertDerivatives(nodes, 0.7);
        // The first spring, read before the array's element was replaced, keeps its value.
        // Springs (1, 0.5), (0.5, 1), (1.5, 0.25); the first doubled in the array after it was read.
        double k = 0.7;
        double expected = 1 * 1 + 0.5 * 0.5 + k * (4 * (1 + 0.25) + 0.25 + 1 + 2.25 + 0.0625);
        assertEquals(expected, f("chainEnergy").value(nodes, k), 1e-12);
    }

    @Test
    void aRecordResultIsAVectorFunctionWithNamedOutputs() throws Exception {
        new VectorFunction(compiled, "demo.Geom", "midpoint").assertDerivatives(point(0.3, 1.2), point(-1, 0.4), 0.35);
        Object s = make("demo.Geom$Segment", point(0.5, -1), point(2.5, 0.75));
        new VectorFunction(compiled, "demo.Geom", "rotated").assertDerivatives(s, 0.4);
    }

    @Test
    void printedAndComparedRecordsAreTheObjects() throws Exception {
        f("described").assertDerivatives(point(0.3, 1.2), point(-1, 0.4));
        assertEquals(0.0, f("described").value(point(1, 2), point(1, 2)), 0.0);
    }
}
