package io.github.autodiff4j.problems;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * ADBench's GMM objective written the way ADBench's C++ reference writes it ({@code src/cpp/shared/gmm.h},
 * {@code matrix.h}, {@code defs.h}; Microsoft, MIT licence): the same functions and helpers, the same void helpers
 * writing into output arrays ({@code preprocess_qs}, {@code subtract}, {@code Qtimesx}, and {@code gmm_objective}
 * itself, whose result goes to {@code T* err}), the same loops and index arithmetic, in the same order. {@link Gmm}
 * is the same objective rewritten for Java: its helpers return their results, and it is what the samples run. Both
 * are benchmarked side by side ({@code GmmBench}), so the cost of the C++ shape under the processor is measured.
 *
 * <p>The translation, mechanical wherever Java allows:
 * <ul>
 *   <li>Names become Java's lower camel case ({@code gmm_objective} is {@link #gmmObjective}, {@code Qtimesx}
 *   {@link #qtimesx}, {@code sum_qs} {@code sumQs}, {@code Qdiags} {@code qdiags}, {@code icf_sz} {@code icfSz}).</li>
 *   <li>A {@code T*} parameter becomes a {@code double[]}; where some caller passes a pointer into the middle of an
 *   array ({@code &Qdiags[ik * d]}, {@code &icf[ik * icf_sz + d]}, {@code &x[ix * d]}), the helper takes that
 *   array and the offset as an extra {@code int} right after it ({@code qdiag, qdiagOff}), and indexes
 *   {@code qdiag[qdiagOff + id]} where the C++ indexes {@code Qdiag[id]}. Pointers that every caller passes at the
 *   start of an array ({@code &xcentered[0]}) stay plain arrays.</li>
 *   <li>{@code T* err}, the single output of {@code gmm_objective}, is a {@code double[1]}; {@link #gmm}, the
 *   {@code @Differentiable} entry point (the processor differentiates methods that return {@code double}), calls
 *   it and returns {@code err[0]}.</li>
 *   <li>{@code std::vector<T> v(n)} is {@code new double[n]}; {@code fmax} is {@link Math#max}; the struct
 *   {@code Wishart} is the record {@link Wishart}.</li>
 *   <li>{@code lgamma}, which Java lacks, is {@link Gmm#logGammaOfHalfInteger}: every argument the objective gives
 *   it is a positive multiple of 1/2, where that function is exact up to rounding.</li>
 * </ul>
 * As in the C++, {@code log_wishart_prior} calls {@code sqnorm(icf_sz - p, ...)}, which reads one element even for
 * {@code d = 1} (the C++ reads past the component's icf there; this port reads the next component's first entry, or
 * throws {@link ArrayIndexOutOfBoundsException} for the last one). ADBench's inputs all have {@code d >= 2}.
 */
public final class GmmReference {

    /** {@code defs.h}'s {@code PI}, ADBench's 12-digit value (the same as {@link Gmm#ADBENCH_PI}). */
    static final double PI = 3.14159265359;

    private GmmReference() {}

    /**
     * {@code defs.h}'s {@code Wishart}: the Wishart prior's parameters. A constant of the objective.
     *
     * @param gamma the prior's gamma
     * @param m     the prior's m (degrees of freedom beyond d + 1)
     */
    public record Wishart(double gamma, int m) {}

    /**
     * The GMM objective: {@link #gmmObjective} with its output parameter returned. The alphas, means and icf are
     * the active inputs; the points and the prior are data.
     *
     * @param d       the dimension
     * @param k       the number of components
     * @param n       the number of points
     * @param alphas  the mixture logits, k
     * @param means   the means, k x d row-major
     * @param icf     the inverse covariance factors, k x d(d+1)/2 row-major
     * @param x       the points, n x d row-major
     * @param wishart the prior
     * @return the objective
     */
    @Differentiable
    public static double gmm(
            int d,
            int k,
            int n,
            double[] alphas,
            double[] means,
            double[] icf,
            @NoDerivative double[] x,
            Wishart wishart) {
        double[] err = new double[1];
        gmmObjective(d, k, n, alphas, means, icf, x, wishart, err);
        return err[0];
    }

    /**
     * {@code gmm.h}'s {@code gmm_objective}.
     *
     * @param d       the dimension
     * @param k       the number of components
     * @param n       the number of points
     * @param alphas  the mixture logits, k
     * @param means   the means, k x d
     * @param icf     the inverse covariance factors, k x d(d+1)/2
     * @param x       the points, n x d
     * @param wishart the prior
     * @param err     receives the objective in {@code err[0]}
     */
    static void gmmObjective(
            int d,
            int k,
            int n,
            double[] alphas,
            double[] means,
            double[] icf,
            double[] x,
            Wishart wishart,
            double[] err) {
        final double constant = -n * d * 0.5 * Math.log(2 * PI);
        int icfSz = d * (d + 1) / 2;

        double[] qdiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] xcentered = new double[d];
        double[] qxcentered = new double[d];
        double[] mainTerm = new double[k];

        preprocessQs(d, k, icf, sumQs, qdiags);

        double slse = 0.;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                subtract(d, x, ix * d, means, ik * d, xcentered);
                qtimesx(d, qdiags, ik * d, icf, ik * icfSz + d, xcentered, qxcentered);

                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm(d, qxcentered, 0);
            }
            slse = slse + logsumexp(k, mainTerm);
        }

        double lseAlphas = logsumexp(k, alphas);

        err[0] = constant + slse - n * lseAlphas;

        err[0] = err[0] + logWishartPrior(d, k, wishart, sumQs, qdiags, icf);
    }

    /**
     * {@code gmm.h}'s {@code logsumexp}: {@code log(sum exp(x[i] - max)) + max} over {@code x[0..n)}.
     *
     * @param n how many, at least 1
     * @param x the values
     * @return the log-sum-exp
     */
    static double logsumexp(int n, double[] x) {
        double mx = arrMax(n, x);
        double semx = 0.;
        for (int i = 0; i < n; i++) {
            semx = semx + Math.exp(x[i] - mx);
        }
        return Math.log(semx) + mx;
    }

    /**
     * {@code gmm.h}'s {@code log_wishart_prior}.
     *
     * @param p       the dimension
     * @param k       the number of components
     * @param wishart the prior
     * @param sumQs   the components' sums of log-diagonals, k
     * @param qdiags  the components' diagonals, k x p
     * @param icf     the inverse covariance factors, k x p(p+1)/2
     * @return the log of the Wishart prior
     */
    static double logWishartPrior(int p, int k, Wishart wishart, double[] sumQs, double[] qdiags, double[] icf) {
        int n = p + wishart.m() + 1;
        int icfSz = p * (p + 1) / 2;

        double c = n * p * (Math.log(wishart.gamma()) - 0.5 * Math.log(2)) - logGammaDistrib(0.5 * n, p);

        double out = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = sqnorm(p, qdiags, ik * p) + sqnorm(icfSz - p, icf, ik * icfSz + p);
            // The C++ writes (frobenius); Error Prone flags the parentheses.
            out = out + 0.5 * wishart.gamma() * wishart.gamma() * frobenius - wishart.m() * sumQs[ik];
        }

        return out - k * c;
    }

    /**
     * {@code gmm.h}'s {@code preprocess_qs}: each component's sum of log-diagonal entries and its diagonal.
     *
     * @param d      the dimension
     * @param k      the number of components
     * @param icf    the inverse covariance factors, k x d(d+1)/2
     * @param sumQs  receives the sums, k
     * @param qdiags receives the diagonals {@code exp(q)}, k x d
     */
    static void preprocessQs(int d, int k, double[] icf, double[] sumQs, double[] qdiags) {
        int icfSz = d * (d + 1) / 2;
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = 0.;
            for (int id = 0; id < d; id++) {
                double q = icf[ik * icfSz + id];
                sumQs[ik] = sumQs[ik] + q;
                qdiags[ik * d + id] = Math.exp(q);
            }
        }
    }

    /**
     * {@code gmm.h}'s {@code Qtimesx}: {@code out = Q x} for the lower-triangular {@code Q} with diagonal
     * {@code Qdiag} and strict lower part {@code ltri}, packed column by column.
     *
     * @param d        the dimension
     * @param qdiag    holds the diagonal, d entries from {@code qdiagOff}
     * @param qdiagOff where the diagonal starts ({@code &Qdiags[ik * d]})
     * @param ltri     holds the strict lower triangle, d(d-1)/2 entries from {@code ltriOff}
     * @param ltriOff  where it starts ({@code &icf[ik * icf_sz + d]})
     * @param x        the vector, d
     * @param out      receives the product, d
     */
    static void qtimesx(int d, double[] qdiag, int qdiagOff, double[] ltri, int ltriOff, double[] x, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = qdiag[qdiagOff + id] * x[id];
        }

        int lparamsidx = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] = out[j] + ltri[ltriOff + lparamsidx] * x[i];
                lparamsidx++;
            }
        }
    }

    /**
     * {@code matrix.h}'s {@code arr_max}: the largest of {@code x[0..n)}, by {@code fmax}.
     *
     * @param n how many, at least 1
     * @param x the values
     * @return the maximum
     */
    static double arrMax(int n, double[] x) {
        double m = x[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /**
     * {@code matrix.h}'s {@code sqnorm}: {@code sum x[i]^2} over {@code n} entries from {@code xOff}. Reads the
     * first entry even for {@code n = 0}, as the C++ does.
     *
     * @param n    how many
     * @param x    the array
     * @param xOff where the entries start
     * @return the squared Euclidean norm
     */
    static double sqnorm(int n, double[] x, int xOff) {
        double res = x[xOff] * x[xOff];
        for (int i = 1; i < n; i++) {
            res = res + x[xOff + i] * x[xOff + i];
        }
        return res;
    }

    /**
     * {@code matrix.h}'s {@code subtract}: {@code out = x - y} over {@code d} entries.
     *
     * @param d    how many
     * @param x    holds the minuend from {@code xOff}
     * @param xOff where it starts ({@code &x[ix * d]})
     * @param y    holds the subtrahend from {@code yOff}
     * @param yOff where it starts ({@code &means[ik * d]})
     * @param out  receives the difference, d
     */
    static void subtract(int d, double[] x, int xOff, double[] y, int yOff, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = x[xOff + id] - y[yOff + id];
        }
    }

    /**
     * {@code matrix.h}'s {@code log_gamma_distrib}, the multivariate log-gamma function, with {@code lgamma} as
     * {@link Gmm#logGammaOfHalfInteger} (see the class description).
     *
     * @param a the argument
     * @param p the dimension
     * @return {@code log Gamma_p(a)}
     */
    static double logGammaDistrib(double a, double p) {
        double out = 0.25 * p * (p - 1) * Math.log(PI);
        for (int j = 1; j <= p; j++) {
            out = out + Gmm.logGammaOfHalfInteger(a + 0.5 * (1 - j));
        }
        return out;
    }

    /**
     * The objective on an input as {@link AdbenchData#readGmm} reads it.
     *
     * @param in the input
     * @return {@link #gmm} at its parameters
     */
    public static double objective(Gmm.Input in) {
        return gmm(in.d(), in.k(), in.n(), in.alphas(), in.means(), in.icf(), in.x(), wishart(in));
    }

    /**
     * The gradient by the generated allocation-free reverse mode, flattened as {@code [alphas, means, icf]} (the
     * order of {@link Gmm.Input#gradient()}).
     *
     * @param in the input
     * @return a new array of length {@link Gmm.Input#parameters()}
     */
    public static double[] gradient(Gmm.Input in) {
        double[] da = new double[in.k()];
        double[] dmu = new double[in.means().length];
        double[] dq = new double[in.icf().length];
        GmmReferenceDiff.gmmGrad(
                in.d(), in.k(), in.n(), in.alphas(), in.means(), in.icf(), in.x(), wishart(in), da, dmu, dq);
        return Vectors.concat(da, dmu, dq);
    }

    /**
     * The input's prior.
     *
     * @param in the input
     * @return its {@code gamma} and {@code m}
     */
    public static Wishart wishart(Gmm.Input in) {
        return new Wishart(in.gamma(), in.m());
    }
}
