package adversarial;

import io.github.autodiff4j.Differentiable;

/** Time stepping as an engineer writes it: helpers that write the state's rates into an array, RK4, a drag law. */
public class Physics {
  /** The rates of a damped pendulum written into out; returns the energy, which callers may ignore. */
  static double rates(double[] state, double damping, double[] out) {
    out[0] = state[1];
    out[1] = -Math.sin(state[0]) - damping * state[1] * Math.abs(state[1]);
    return 0.5 * state[1] * state[1] + 1 - Math.cos(state[0]);
  }

  @Differentiable
  static double rk4(double[] x, int steps) {
    double[] y = {x[0], x[1]};
    double damping = 0.1 + x[2] * x[2];
    double h = 0.1;
    double[] k1 = new double[2];
    double[] k2 = new double[2];
    double[] k3 = new double[2];
    double[] k4 = new double[2];
    double[] tmp = new double[2];
    double energy = 0;
    for (int s = 0; s < steps + 2; s++) {
      energy = rates(y, damping, k1);
      for (int i = 0; i < 2; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
      double e2 = rates(tmp, damping, k2);
      for (int i = 0; i < 2; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
      double e3 = rates(tmp, damping, k3);
      for (int i = 0; i < 2; i++) tmp[i] = y[i] + h * k3[i];
      double e4 = rates(tmp, damping, k4);
      for (int i = 0; i < 2; i++) {
        y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    return y[0] * y[0] + y[1] + 0.1 * energy;
  }

  /** Explicit Euler on particles held in a matrix, rows updated in place, with a pairwise spring. */
  @Differentiable
  static double springs(double[][] p, double stiffness) {
    double[][] v = new double[p.length][p[0].length];
    for (int step = 0; step < 4; step++) {
      for (int a = 0; a < p.length; a++) {
        for (int b = 0; b < p.length; b++) {
          if (a == b) continue;
          double[] pa = p[a];
          double[] pb = p[b];
          double dx = pb[0] - pa[0];
          double dy = pb[1] - pa[1];
          double r = Math.sqrt(dx * dx + dy * dy + 0.01);
          double f = stiffness * (r - 1) / r;
          v[a][0] += 0.05 * f * dx;
          v[a][1] += 0.05 * f * dy;
        }
      }
      for (int a = 0; a < p.length; a++) {
        for (int c = 0; c < p[a].length; c++) {
          p[a][c] += 0.05 * v[a][c];
        }
      }
    }
    double e = 0;
    for (double[] row : p) {
      for (double q : row) e += q * q;
    }
    return e;
  }

  /** A local copy of the state, updated and written back into the caller's array every step. */
  @Differentiable
  static double writeBack(double[] w, int steps) {
    for (int s = 0; s <= steps; s++) {
      double a = w[0];
      double b = w[1];
      w[0] = a + 0.1 * b;
      w[1] = b - 0.1 * Math.sin(a) + 0.01 * w[2];
    }
    return w[0] * w[1];
  }
}
