package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.problems.Gmm;
import org.hipparchus.CalculusFieldElement;

/** ADBench's GMM objective ({@link Gmm}) over {@link CalculusFieldElement}, for Hipparchus's peers. */
final class GmmField {

    private GmmField() {}

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
    static <T extends CalculusFieldElement<T>> T gmm(
            T[] alphas, T[] means, T[] icf, double[] x, double gamma, int m, int n, int d, int k) {
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
                mainTerm[c] = alphas[c]
                        .add(sumQs[c])
                        .subtract(squaredNorm(transformed, 0, d).multiply(0.5));
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
        return slse.subtract(logSumExp(alphas, k).multiply(n)).add(prior).add(Gmm.constantTerms(gamma, m, n, d, k));
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
