package golden;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/** Inputs of the golden-file test: the generated companions are kept next to them for review. */
public class Pendulum {
  static final double G = 9.81;

  /** Energy of a pendulum of length l at angle theta with angular velocity omega. */
  @Differentiable
  public static double energy(double theta, double omega, @NoDerivative double l) {
    double height = l * (1 - Math.cos(theta));
    double kinetic = 0.5 * square(l * omega);
    return kinetic + G * height;
  }

  /** Logistic loss of one sample: log(1 + exp(-y (w x + b))). */
  @Differentiable
  public static double logistic(double w, double b, double x, int y) {
    double margin = y * (w * x + b);
    return Math.log1p(Math.exp(-margin));
  }

  static double square(double v) {
    return v * v;
  }
}
