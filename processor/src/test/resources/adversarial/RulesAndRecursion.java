package adversarial;
import io.github.autodiff4j.*;
public class RulesAndRecursion {
  static double scaled(double a, double[] v) { return a * v[0]; }
  @DerivativeOf("scaled") static double scaledDerivative(double a, double[] v) { return v[0]; }

  @Differentiable static double ruleWithArrayParam(double x, @NoDerivative double[] v) {
    return scaled(x, v) + x * v[1];
  }
  @Differentiable static double recWithNoDerivative(double x, @NoDerivative double c, int n) {
    return n == 0 ? x * c : Math.sin(recWithNoDerivative(x * c, c, n - 1)) + x;
  }
  @Differentiable static double ruleInSelectInWhile(double[] x) {
    double s = 0; int i = 0;
    while (i < x.length) {
      double t = x[i] > 0 ? Special.erf(x[i]) : Special.normalCdf(x[i] * 2);
      s = s * 0.5 + t * t;
      if (s > 10) break;
      i++;
    }
    return s;
  }
  @Differentiable static double ruleReassigned(double x) {
    double y = x;
    for (int i = 0; i < 3; i++) { y = Special.erf(y) + y * 0.5; }
    return y * y;
  }
  static double helperEarly(double a, double b) {
    if (a > b) return Special.erfc(a - b);
    for (int k = 0; k < 3; k++) { a = Math.sin(a) + b; if (a > 1) return a; }
    return a * b;
  }
  @Differentiable static double helperInLoop(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = helperEarly(x[i], x[(i + 1) % x.length]);
    double s = 0; for (int i = 0; i < x.length; i++) s += y[i] * y[(i + 1) % x.length];
    return s;
  }
  @Differentiable static double matrixLoop(double[][] m, double[] v) {
    double[][] p = new double[m.length][v.length];
    for (int i = 0; i < m.length; i++) for (int j = 0; j < v.length; j++) p[i][j] = Special.erf(m[i][j] * v[j]);
    double s = 0;
    for (double[] row : p) for (double e : row) s += e * e;
    return s;
  }
  @Differentiable static double recInLoopWithBranch(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = x[i] > 0 ? recWithNoDerivative(x[i], 0.7, 2) : recWithNoDerivative(-x[i], 1.3, 3);
      s = s * r + r;
    }
    return s;
  }
}
