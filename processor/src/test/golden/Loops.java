package golden;

import io.github.autodiff4j.Differentiable;

/** Inputs of the golden-file test with loops, branches and arrays: where the reverse sweep needs a tape. */
public class Loops {
  /** The n-dimensional Rosenbrock function. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += a * a + 100 * b * b;
    }
    return sum;
  }

  /** Square root by Newton's iteration: a loop that runs until a residual is small. */
  @Differentiable
  public static double newtonSqrt(double a) {
    double x = a > 1 ? a : 1;
    while (Math.abs(x * x - a) > 1e-12 * a) {
      x = 0.5 * (x + a / x);
    }
    return x;
  }

  /** A smooth absolute value: a branch with early returns. */
  @Differentiable
  public static double huber(double x, double delta) {
    if (Math.abs(x) <= delta) {
      return 0.5 * x * x;
    }
    return delta * (Math.abs(x) - 0.5 * delta);
  }
}
