package adversarial;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Special;

/** Recursion as numerical code uses it: Horner, a continued fraction, an adaptive rule, recursion in loops. */
public class Recursive {
  @Differentiable
  static double horner(double x, double c, int n) {
    return n < 0 ? 0 : c + x * horner(x, c * 0.9 + 0.1, n - 1);
  }

  @Differentiable
  static double fraction(double a, double b, int n) {
    if (n == 0) {
      return b;
    }
    double rest = fraction(a, b, n - 1);
    return a / (1 + Special.erf(rest) * rest + a * a);
  }

  /** Simpson's rule refined recursively until a depth. */
  @Differentiable
  static double simpson(double a, double b, double k, int depth) {
    double m = 0.5 * (a + b);
    double whole = (b - a) / 6 * (Math.sin(k * a) + 4 * Math.sin(k * m) + Math.sin(k * b));
    if (depth <= 0) {
      return whole;
    }
    return simpson(a, m, k, depth - 1) + simpson(m, b, k, depth - 1);
  }

  @Differentiable
  static double inLoops(double[] x, int n) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double h = horner(x[i], 0.5, n);
      if (h > 0.3) {
        s += fraction(h, x[(i + 1) % x.length], 2);
      } else {
        s -= simpson(0, 1, x[i], 1) * h;
      }
    }
    return s;
  }
}
