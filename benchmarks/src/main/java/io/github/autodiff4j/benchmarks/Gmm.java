package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;
import org.hipparchus.CalculusFieldElement;

/**
 * ADBench's Gaussian mixture model objective: a copy of the samples' {@code Gmm} (see its description and
 * {@code data/adbench/README.md}), so that the benchmarks do not depend on the samples module, plus the same
 * objective written over {@link CalculusFieldElement} for Hipparchus.
 *
 * <p>The parameters, flat row-major arrays: {@code alphas} (K), {@code means} (K x d), {@code icf}
 * (K x d(d+1)/2). With {@code LSE(v) = max(v) + log(sum exp(v - max(v)))} the objective is
 * <pre>
 *   CONSTANT + sum_i LSE_k(alpha_k + sum(q_k) - ||Q_k (x_i - mu_k)||^2 / 2) - n LSE(alpha)
 *            + sum_k [gamma^2 / 2 (||exp(q_k)||^2 + ||l_k||^2) - m sum(q_k)] - K C
 * </pre>
 */
final class Gmm {

    /** ADBench's truncated pi, so that the published objectives are reproduced to their last digit. */
    static final double ADBENCH_PI = 3.14159265359;

    private Gmm() {
    }

    /**
     * The GMM objective (the samples' code, unchanged).
     *
     * @param alphas the mixture logits, K
     * @param means  the means, K x d row-major
     * @param icf    the inverse covariance factors, K x d(d+1)/2 row-major
     * @param x      the points, n x d row-major
     * @param gamma  the Wishart prior's gamma
     * @param m      the Wishart prior's m
     * @param n      the number of points
     * @param d      the dimension
     * @param k      the number of components K
     * @return the objective
     */
    @Differentiable
    static double gmm(double[] alphas, double[] means, double[] icf, @NoDerivative double[] x,
            @NoDerivative double gamma, int m, int n, int d, int k) {
        int s = d * (d + 1) / 2;
        double[] qdiag = new double[k * d];
        double[] sumQs = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double q = icf[c * s + j];
                qdiag[c * d + j] = Math.exp(q);
                sumQs[c] += q;
            }
        }
        double[] centred = new double[d];
        double[] transformed = new double[d];
        double[] mainTerm = new double[k];
        double slse = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    centred[j] = x[i * d + j] - means[c * d + j];
                }
                transformed = qTimes(qdiag, icf, c, d, centred, transformed);
                mainTerm[c] = alphas[c] + sumQs[c] - 0.5 * squaredNorm(transformed, 0, d);
            }
            slse += logSumExp(mainTerm, k);
        }
        double prior = 0;
        for (int c = 0; c < k; c++) {
            double frobenius = squaredNorm(qdiag, c * d, d);
            if (d > 1) {
                frobenius += squaredNorm(icf, c * s + d, s - d);
            }
            prior += 0.5 * gamma * gamma * frobenius - m * sumQs[c];
        }
        return constantTerms(gamma, m, n, d, k) + slse - n * logSumExp(alphas, k) + prior;
    }

    static double[] qTimes(double[] qdiag, double[] icf, int c, int d, double[] v, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = qdiag[c * d + j] * v[j];
        }
        int l = c * (d * (d + 1) / 2) + d;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] += icf[l] * v[i];
                l++;
            }
        }
        return out;
    }

    static double squaredNorm(double[] v, int from, int length) {
        double sum = v[from] * v[from];
        for (int i = from + 1; i < from + length; i++) {
            sum += v[i] * v[i];
        }
        return sum;
    }

    static double logSumExp(double[] v, int length) {
        double max = v[0];
        for (int i = 1; i < length; i++) {
            if (v[i] > max) {
                max = v[i];
            }
        }
        double sum = Math.exp(v[0] - max);
        for (int i = 1; i < length; i++) {
            sum += Math.exp(v[i] - max);
        }
        return max + Math.log(sum);
    }

    static double constantTerms(double gamma, int m, int n, int d, int k) {
        double constant = -n * d * 0.5 * Math.log(2 * ADBENCH_PI);
        int nw = d + m + 1;
        double c = nw * d * (Math.log(gamma) - 0.5 * Math.log(2)) - multivariateLogGamma(0.5 * nw, d);
        return constant - k * c;
    }

    static double multivariateLogGamma(double a, int p) {
        double sum = 0.25 * p * (p - 1) * Math.log(ADBENCH_PI);
        for (int j = 1; j <= p; j++) {
            sum += logGammaOfHalfInteger(a + 0.5 * (1 - j));
        }
        return sum;
    }

    static double logGammaOfHalfInteger(double a) {
        if (!(a > 0) || 2 * a != Math.rint(2 * a) || a > 1e6) {
            throw new IllegalArgumentException("log Gamma is implemented for positive multiples of 1/2 only: " + a);
        }
        boolean half = Math.rint(a) != a;
        double sum = half ? 0.5 * Math.log(Math.PI) : 0;
        for (double t = half ? 0.5 : 1; t < a; t++) {
            sum += Math.log(t);
        }
        return sum;
    }

    /**
     * The same objective over a Hipparchus field, operation for operation, except that the centred point is
     * {@code mu - x} rather than {@code x - mu} (one field operation instead of two; the squared norm is the same).
     *
     * @param alphas the mixture logits, K
     * @param means  the means, K x d
     * @param icf    the inverse covariance factors, K x d(d+1)/2
     * @param x      the points, n x d
     * @param gamma  the Wishart prior's gamma
     * @param m      the Wishart prior's m
     * @param n      the number of points
     * @param d      the dimension
     * @param k      the number of components
     * @param <T>    the field's element type
     * @return the objective with its derivatives
     */
    static <T extends CalculusFieldElement<T>> T gmm(T[] alphas, T[] means, T[] icf, double[] x, double gamma,
            int m, int n, int d, int k) {
        int s = d * (d + 1) / 2;
        T[] qdiag = Peers.zeros(alphas, k * d);
        T[] sumQs = Peers.zeros(alphas, k);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                T q = icf[c * s + j];
                qdiag[c * d + j] = q.exp();
                sumQs[c] = sumQs[c].add(q);
            }
        }
        T[] centred = Peers.zeros(alphas, d);
        T[] transformed = Peers.zeros(alphas, d);
        T[] mainTerm = Peers.zeros(alphas, k);
        T slse = Peers.zero(alphas[0]);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    centred[j] = means[c * d + j].subtract(x[i * d + j]);
                }
                qTimes(qdiag, icf, c, d, centred, transformed);
                mainTerm[c] = alphas[c].add(sumQs[c]).subtract(squaredNorm(transformed, 0, d).multiply(0.5));
            }
            slse = slse.add(logSumExp(mainTerm, k));
        }
        T prior = Peers.zero(alphas[0]);
        for (int c = 0; c < k; c++) {
            T frobenius = squaredNorm(qdiag, c * d, d);
            if (d > 1) {
                frobenius = frobenius.add(squaredNorm(icf, c * s + d, s - d));
            }
            prior = prior.add(frobenius.multiply(0.5 * gamma * gamma).subtract(sumQs[c].multiply(m)));
        }
        return slse.subtract(logSumExp(alphas, k).multiply(n)).add(prior).add(constantTerms(gamma, m, n, d, k));
    }

    static <T extends CalculusFieldElement<T>> void qTimes(T[] qdiag, T[] icf, int c, int d, T[] v, T[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = qdiag[c * d + j].multiply(v[j]);
        }
        int l = c * (d * (d + 1) / 2) + d;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] = out[j].add(icf[l].multiply(v[i]));
                l++;
            }
        }
    }

    static <T extends CalculusFieldElement<T>> T squaredNorm(T[] v, int from, int length) {
        T sum = v[from].multiply(v[from]);
        for (int i = from + 1; i < from + length; i++) {
            sum = sum.add(v[i].multiply(v[i]));
        }
        return sum;
    }

    static <T extends CalculusFieldElement<T>> T logSumExp(T[] v, int length) {
        T max = v[0];
        for (int i = 1; i < length; i++) {
            if (v[i].getReal() > max.getReal()) {
                max = v[i];
            }
        }
        T sum = v[0].subtract(max).exp();
        for (int i = 1; i < length; i++) {
            sum = sum.add(v[i].subtract(max).exp());
        }
        return max.add(sum.log());
    }
}
