package io.github.autodiff4j.problems;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * ADBench's Gaussian mixture model objective, built from the log-likelihood of {@code n} points in {@code d}
 * dimensions under a mixture of {@code K} Gaussians and a Wishart prior on the inverse covariances, with ADBench's
 * own signs and constants. Written from the definition in {@code shared/data/adbench/README.md}; ADBench (Microsoft,
 * MIT licence) publishes the inputs and the figures it is checked against.
 *
 * <p>The parameters, all flat row-major arrays:
 * <ul>
 *   <li>{@code alphas} (K): the mixture weights' logits;</li>
 *   <li>{@code means} (K x d): the components' means {@code mu_k};</li>
 *   <li>{@code icf} (K x s, {@code s = d(d+1)/2}): the "inverse covariance factor" of each component, {@code d}
 *   values {@code q_k} then {@code d(d-1)/2} values {@code l_k}. They define the lower-triangular {@code Q_k} with
 *   diagonal {@code exp(q_k)} and strict lower part {@code l_k} filled column by column, so that the component's
 *   inverse covariance is {@code Q_k^T Q_k} and its log-determinant's half is {@code sum(q_k)}.</li>
 * </ul>
 * With {@code LSE(v) = max(v) + log(sum exp(v - max(v)))} the objective is
 * <pre>
 *   CONSTANT + sum_i LSE_k(alpha_k + sum(q_k) - ||Q_k (x_i - mu_k)||^2 / 2) - n LSE(alpha)
 *            + sum_k [gamma^2 / 2 (||exp(q_k)||^2 + ||l_k||^2) - m sum(q_k)] - K C
 * </pre>
 * where {@code CONSTANT} and {@code C} depend on {@code n, d, gamma, m} only (see {@link #constantTerms}).
 *
 * <p>No sum inside a loop starts from the constant 0: an earlier processor got the reverse mode wrong when a
 * {@code double} local was set to a constant in a loop body and then accumulated
 * ({@code for (...) { double sum = 0; sum += w[c]; total += sum; }} gave the gradient {@code [3, 2, 1]} instead
 * of {@code [1, 1, 1]}), so the helpers' sums were inlined into the loops and start from their first term, and the
 * sums of {@code q_k} accumulate in array elements. The processor no longer does ({@link GmmReference}, the C++
 * reference's shape, starts its sums from 0 inside the loops and gets this gradient bit for bit); the code is kept
 * as it was, so that the benchmarks' figures stay comparable.
 */
public final class Gmm {

    /**
     * The value of pi that ADBench's reference code uses, truncated to 12 digits; used here so that the published
     * objectives are reproduced to their last digit.
     */
    public static final double ADBENCH_PI = 3.14159265359;

    private Gmm() {}

    /**
     * The GMM objective. The means, the icf and the mixture logits are the active inputs; the points and the
     * Wishart prior's parameters are data.
     *
     * @param alphas the mixture logits, K
     * @param means  the means, K x d row-major
     * @param icf    the inverse covariance factors, K x d(d+1)/2 row-major
     * @param x      the points, n x d row-major
     * @param gamma  the Wishart prior's gamma
     * @param m      the Wishart prior's m (degrees of freedom beyond d + 1)
     * @param n      the number of points
     * @param d      the dimension
     * @param k      the number of components K
     * @return the objective
     */
    @Differentiable
    public static double gmm(
            double[] alphas,
            double[] means,
            double[] icf,
            @NoDerivative double[] x,
            @NoDerivative double gamma,
            int m,
            int n,
            int d,
            int k) {
        int s = d * (d + 1) / 2;
        // Per component: exp(q_k), the diagonal of Q_k, and sum(q_k), log of Q_k's determinant.
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

    /**
     * {@code Q_c v} for the lower-triangular {@code Q_c} of component {@code c}: diagonal {@code qdiag[c d ..]},
     * strict lower part {@code l_c} from {@code icf}, filled column by column
     * ({@code Q[j][i] = l_c[idx++]} for {@code i = 0..d-1}, {@code j = i+1..d-1}).
     *
     * @param qdiag the diagonals {@code exp(q)}, K x d
     * @param icf   the inverse covariance factors, K x d(d+1)/2
     * @param c     the component
     * @param d     the dimension
     * @param v     the vector, d
     * @param out   receives the product, d; not {@code v}
     * @return {@code out}
     */
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

    /**
     * {@code sum v[from + i]^2} over {@code i < length}.
     *
     * @param v      the array
     * @param from   the first index
     * @param length the number of entries, at least 1 (the sum starts from the first term: see the class
     *               description)
     * @return the squared Euclidean norm of the slice
     */
    static double squaredNorm(double[] v, int from, int length) {
        double sum = v[from] * v[from];
        for (int i = from + 1; i < from + length; i++) {
            sum += v[i] * v[i];
        }
        return sum;
    }

    /**
     * {@code log(sum exp(v[i]))} over the first {@code length} entries, as {@code max + log(sum exp(v[i] - max))}
     * so that no exponential overflows.
     *
     * @param v      the values
     * @param length how many, at least 1
     * @return the log-sum-exp
     */
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

    /**
     * The terms of the objective that depend on no parameter: {@code CONSTANT - K C}, with
     * {@code CONSTANT = -n d log(2 pi) / 2} (the Gaussians' normalisation) and the Wishart prior's normalisation
     * {@code C = nw d (log(gamma) - log(2) / 2) - logGamma_d(nw / 2)}, {@code nw = d + m + 1}. Uses
     * {@link #ADBENCH_PI}, as ADBench does, except inside the log-gamma function itself.
     *
     * @param gamma the Wishart prior's gamma
     * @param m     the Wishart prior's m
     * @param n     the number of points
     * @param d     the dimension
     * @param k     the number of components
     * @return {@code CONSTANT - K C}
     */
    public static double constantTerms(double gamma, int m, int n, int d, int k) {
        double constant = -n * d * 0.5 * Math.log(2 * ADBENCH_PI);
        int nw = d + m + 1;
        double c = nw * d * (Math.log(gamma) - 0.5 * Math.log(2)) - multivariateLogGamma(0.5 * nw, d);
        return constant - k * c;
    }

    /**
     * The multivariate log-gamma function {@code log Gamma_p(a) = p (p - 1) / 4 log(pi)
     * + sum_{j=1..p} log Gamma(a + (1 - j) / 2)}, with {@link #ADBENCH_PI} in the first term.
     *
     * @param a the argument, a positive multiple of 1/2 with {@code a > (p - 1) / 2}
     * @param p the dimension
     * @return {@code log Gamma_p(a)}
     */
    static double multivariateLogGamma(double a, int p) {
        double sum = 0.25 * p * (p - 1) * Math.log(ADBENCH_PI);
        for (int j = 1; j <= p; j++) {
            sum += logGammaOfHalfInteger(a + 0.5 * (1 - j));
        }
        return sum;
    }

    /**
     * {@code log Gamma(a)} for a positive multiple of 1/2, exactly up to rounding: from {@code Gamma(1) = 1} and
     * {@code Gamma(1/2) = sqrt(pi)} by {@code Gamma(t + 1) = t Gamma(t)}. The GMM's constant needs no other
     * arguments: {@code nw = d + m + 1} is an integer, so every {@code nw / 2 + (1 - j) / 2} is a multiple of 1/2.
     *
     * @param a the argument
     * @return {@code log Gamma(a)}
     * @throws IllegalArgumentException if {@code a} is not a positive multiple of 1/2
     */
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
     * One GMM input file, as {@link AdbenchData#readGmm(String)} reads it.
     *
     * @param name   the file's name
     * @param d      the dimension
     * @param k      the number of components
     * @param n      the number of points
     * @param alphas K mixture logits
     * @param means  K x d means
     * @param icf    K x d(d+1)/2 inverse covariance factors
     * @param x      n x d points
     * @param gamma  the Wishart prior's gamma
     * @param m      the Wishart prior's m
     */
    public record Input(
            String name,
            int d,
            int k,
            int n,
            double[] alphas,
            double[] means,
            double[] icf,
            double[] x,
            double gamma,
            int m) {

        /**
         * The number of active inputs, {@code K + K d + K d(d+1)/2}: the length of the flattened gradient.
         *
         * @return the count
         */
        public int parameters() {
            return k + k * d + k * (d * (d + 1) / 2);
        }

        /**
         * The objective at the file's parameters.
         *
         * @return {@link Gmm#gmm}
         */
        public double objective() {
            return gmm(alphas, means, icf, x, gamma, m, n, d, k);
        }

        /**
         * The objective at other parameters, flattened as ADBench orders the gradient:
         * {@code [alphas, means, icf]}.
         *
         * @param flat the parameters, of length {@link #parameters()}
         * @return the objective there
         */
        public double objective(double[] flat) {
            double[] a = java.util.Arrays.copyOfRange(flat, 0, k);
            double[] mu = java.util.Arrays.copyOfRange(flat, k, k + k * d);
            double[] q = java.util.Arrays.copyOfRange(flat, k + k * d, flat.length);
            return gmm(a, mu, q, x, gamma, m, n, d, k);
        }

        /**
         * The parameters flattened as ADBench orders the gradient, {@code [alphas, means, icf]}.
         *
         * @return a new array of length {@link #parameters()}
         */
        public double[] flatParameters() {
            return Vectors.concat(alphas, means, icf);
        }

        /**
         * The gradient by the generated allocation-free reverse mode, flattened as {@code [alphas, means, icf]}.
         *
         * @return a new array of length {@link #parameters()}
         */
        public double[] gradient() {
            double[] da = new double[k];
            double[] dmu = new double[k * d];
            double[] dq = new double[icf.length];
            GmmDiff.gmmGrad(alphas, means, icf, x, gamma, m, n, d, k, da, dmu, dq);
            return Vectors.concat(da, dmu, dq);
        }

        /**
         * One component of the gradient by the generated forward mode: the JVP along that parameter's unit
         * vector. An independent computation of what {@link #gradient()} holds at that index.
         *
         * @param component the index into {@code [alphas, means, icf]}
         * @return the partial derivative
         */
        public double forwardDerivative(int component) {
            double[] unit = new double[parameters()];
            unit[component] = 1;
            return GmmDiff.gmmJvp(
                            alphas,
                            java.util.Arrays.copyOfRange(unit, 0, k),
                            means,
                            java.util.Arrays.copyOfRange(unit, k, k + k * d),
                            icf,
                            java.util.Arrays.copyOfRange(unit, k + k * d, unit.length),
                            x,
                            gamma,
                            m,
                            n,
                            d,
                            k)
                    .tangent();
        }
    }
}
