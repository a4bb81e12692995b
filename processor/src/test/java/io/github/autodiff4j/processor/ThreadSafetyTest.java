package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * Generated code keeps its tape per thread: gradients computed by 8 threads at once equal, bit for bit, the same
 * gradients computed one after the other, for a function whose reverse sweep uses the tape (a data-dependent loop
 * with a branch and an early exit).
 */
class ThreadSafetyTest {

    @Test
    void eightThreadsGetTheSerialGradients() throws Exception {
        Compiled compiled = Compiled.compile("demo.Busy", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Busy {
          @Differentiable
          static double f(double[] x, double tolerance) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double v = x[i];
              while (Math.abs(v) > tolerance) {
                v = 0.5 * v + 0.1 * Math.sin(v);
                if (v < -10) {
                  return s;
                }
              }
              s += v * x[i] + Math.exp(-x[i] * x[i]);
            }
            return s;
          }
        }
        """);
        ScalarFunction f = new ScalarFunction(compiled, "demo.Busy", "f");
        Random random = new Random(3);
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            points.add(random.doubles(40, -3, 3).toArray());
        }
        List<double[]> serial = new ArrayList<>();
        for (double[] p : points) {
            serial.add(f.valueAndGradient(p, 1e-3));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<double[]>> parallel = new ArrayList<>();
                for (double[] p : points) {
                    parallel.add(pool.submit(() -> f.valueAndGradient(p, 1e-3)));
                }
                for (int k = 0; k < points.size(); k++) {
                    assertArrayEquals(serial.get(k), parallel.get(k).get(), 0.0, "point " + k + ", round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every mode at once, interleaved on 8 threads: the JVP, the Hessian (whose forward-over-reverse sweeps use the tape
     * too), a vector function's VJP and Jacobian with a taped loop, and the allocation-free gradient.
     */
    @Test
    void everyModeInterleavedOnEightThreadsGivesTheSerialResults() throws Exception {
        Compiled compiled = Compiled.compile("demo.Mixed", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Mixed {
          @Differentiable
          static double energy(double[] q, @NoDerivative double k) {
            double e = 0;
            double prev = q[0];
            for (int i = 1; i < q.length; i++) {
              double d = q[i] - prev;
              e += k * d * d + Math.cos(q[i] * prev);
              prev = q[i];
            }
            return e;
          }
          @Differentiable
          static double[] flow(double[] p, double dt) {
            double x = p[0];
            double y = p[1];
            for (int step = 0; step < 50; step++) {
              double nx = x + dt * Math.sin(y);
              y = y - dt * x * y;
              x = nx;
            }
            return new double[] {x, y, x * y};
          }
        }
        """);
        ScalarFunction energy = new ScalarFunction(compiled, "demo.Mixed", "energy");
        VectorFunction flow = new VectorFunction(compiled, "demo.Mixed", "flow");
        energy.assertDerivatives(new double[] {0.3, -1.1, 0.8, 1.5}, 0.7);
        flow.assertDerivatives(new double[] {0.4, -0.6}, 0.05);
        Random random = new Random(11);
        List<Callable<double[]>> tasks = new ArrayList<>();
        for (int k = 0; k < 48; k++) {
            double[] q = random.doubles(6, -2, 2).toArray();
            double[] direction = random.doubles(6, -1, 1).toArray();
            double[] p = random.doubles(2, -1, 1).toArray();
            double[] seed = random.doubles(3, -1, 1).toArray();
            tasks.add(() -> {
                Dual jvp = energy.jvp(new Object[] {q, 0.7}, direction);
                return new double[] {jvp.value(), jvp.tangent()};
            });
            tasks.add(() -> flatten(energy.hessian(q, 0.7)));
            tasks.add(() -> {
                double[] adjoint = new double[q.length];
                double value = energy.gradInPlace(new Object[] {q, 0.7}, (Object) adjoint);
                return DoubleStream.concat(DoubleStream.of(value), DoubleStream.of(adjoint))
                        .toArray();
            });
            tasks.add(() -> flatten(flow.vjp(new Object[] {p, 0.05}, seed)));
            tasks.add(() -> flatten(flow.jacobian(p, 0.05)));
        }
        List<double[]> serial = new ArrayList<>();
        for (Callable<double[]> task : tasks) {
            serial.add(task.call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<double[]>> parallel = pool.invokeAll(tasks);
                for (int k = 0; k < tasks.size(); k++) {
                    assertArrayEquals(serial.get(k), parallel.get(k).get(), 0.0, "task " + k + ", round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] flatten(double[][] matrix) {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray();
    }
}
