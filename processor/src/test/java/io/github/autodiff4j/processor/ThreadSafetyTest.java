package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
