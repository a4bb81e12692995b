package adversarial;

import io.github.autodiff4j.DerivativeOf;
import io.github.autodiff4j.Differentiable;

/** A tiny network as an ML engineer writes it: matrices, a custom activation with a rule, softmax, an instance model. */
public class Learning {
  double temperature = 1.3;
  double[] bias = {0.1, -0.2};

  static double swish(double z) {
    return z / (1 + Math.exp(-z));
  }

  @DerivativeOf("swish")
  static double swishDerivative(double z) {
    double s = 1 / (1 + Math.exp(-z));
    return s + z * s * (1 - s);
  }

  static double logSumExp(double[] z) {
    double m = z[0];
    for (double e : z) m = Math.max(m, e);
    double s = 0;
    for (double e : z) s += Math.exp(e - m);
    return m + Math.log(s);
  }

  /** Two layers: weights in a matrix, the rule in the hidden layer, cross-entropy at the end. */
  @Differentiable
  static double loss(double[][] w, double[] x, int label) {
    double[] hidden = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double z = 0;
      for (int j = 0; j < x.length; j++) z += w[i][j] * x[j];
      hidden[i] = swish(z);
    }
    double[] logits = {hidden[0] - hidden[1], hidden[1] * hidden[0]};
    return logSumExp(logits) - logits[label % 2];
  }

  double predict(double[] x, int k) {
    double s = bias[k % 2];
    for (int j = 0; j < x.length; j++) s += swish(x[j] * (k + 1)) / temperature;
    return s;
  }

  /** An instance method whose own-object helper runs in a loop and in both branches. */
  @Differentiable
  double score(double[] x, int n) {
    double total = 0;
    for (int k = 0; k <= n; k++) {
      double p = predict(x, k);
      total += p > 0 ? p * p : -predict(x, k + 1);
    }
    return total;
  }

  /** Softmax written into a new array and returned: a vector function with a running max and sum. */
  @Differentiable
  static double[] softmax(double[] z) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) if (z[i] > m) m = z[i];
    double[] out = new double[z.length];
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.exp(z[i] - m);
      s += out[i];
    }
    for (int i = 0; i < z.length; i++) out[i] /= s;
    return out;
  }
}
