package adversarial;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.Special;

/** Option pricing as a quant writes it: closed forms in loops over strikes, payoffs with kinks, a binomial tree. */
public class Finance {
  static double call(double s, double k, double vol, double t, double r) {
    double sq = vol * Math.sqrt(t);
    double d1 = (Math.log(s / k) + (r + 0.5 * vol * vol) * t) / sq;
    double d2 = d1 - sq;
    return s * Special.normalCdf(d1) - k * Math.exp(-r * t) * Special.normalCdf(d2);
  }

  /** A book of calls: each strike's price through the helper, weighted. */
  @Differentiable
  static double book(double[] x, int n) {
    double s = 1 + Math.abs(x[0]);
    double vol = 0.2 + 0.1 * x[1] * x[1];
    double value = 0;
    for (int i = 0; i <= n; i++) {
      double k = 0.8 + 0.1 * i;
      value += (i % 2 == 0 ? 1 : -0.5) * call(s, k, vol, 1 + 0.1 * x[2] * x[2], 0.01);
    }
    return value;
  }

  /** Prices per strike stored first, then a smile correction that reads them in reverse order. */
  @Differentiable
  static double[] smile(double[] x) {
    double[] prices = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      prices[i] = call(1.1, 0.9 + 0.1 * i, 0.25 + 0.05 * Special.erf(x[i]), 1.0, 0.02);
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = prices[i] + 0.1 * prices[x.length - 1 - i] * x[i];
    }
    return out;
  }

  /** A binomial tree rolled back in place: the array is overwritten level after level. */
  @Differentiable
  static double american(double s0, double vol, int steps) {
    int n = steps + 3;
    double dt = 1.0 / n;
    double u = Math.exp(vol * Math.sqrt(dt));
    double d = 1 / u;
    double p = (Math.exp(0.01 * dt) - d) / (u - d);
    double[] v = new double[n + 1];
    for (int j = 0; j <= n; j++) {
      double st = (1.5 + s0 * 0.1) * Math.pow(u, j) * Math.pow(d, n - j);
      v[j] = Math.max(1.4 - st, 0) + 1e-3 * st;
    }
    for (int level = n - 1; level >= 0; level--) {
      for (int j = 0; j <= level; j++) {
        double st = (1.5 + s0 * 0.1) * Math.pow(u, j) * Math.pow(d, level - j);
        double hold = Math.exp(-0.01 * dt) * (p * v[j + 1] + (1 - p) * v[j]);
        v[j] = Math.max(hold, 1.4 - st);
      }
    }
    return v[0];
  }
}
