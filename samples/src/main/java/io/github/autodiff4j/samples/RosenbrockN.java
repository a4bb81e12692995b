package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * The n-dimensional Rosenbrock function, {@code f(x) = sum_{i=0}^{n-2} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2}:
 * a chain of the 2-D banana valleys, each coordinate coupled to the next. Its global minimum is 0 at
 * {@code (1, ..., 1)}. (For n >= 4 it also has a local minimum near {@code (-1, 1, ..., 1)}, which is why the
 * classic start {@code (-1.2, 1, -1.2, 1, ...)} is a fair test of an optimizer.)
 */
final class RosenbrockN {

    private RosenbrockN() {}

    /**
     * The function's value, with a plain loop over the array.
     *
     * @param x the point, of length at least 2
     * @return {@code f(x)}
     */
    @Differentiable
    static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double distance = 1 - x[i];
            sum += 100 * valley * valley + distance * distance;
        }
        return sum;
    }

    /**
     * The gradient by hand. Term {@code i} depends on {@code x[i]} and {@code x[i+1]}:
     * {@code d/dx[i] = -400 x[i] (x[i+1] - x[i]^2) - 2 (1 - x[i])} and {@code d/dx[i+1] = 200 (x[i+1] - x[i]^2)};
     * each coordinate collects the contributions of the (at most two) terms it appears in.
     *
     * @param x the point
     * @return the gradient, a new array
     */
    static double[] gradientByHand(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * valley - 2 * (1 - x[i]);
            g[i + 1] += 200 * valley;
        }
        return g;
    }

    /**
     * The classic starting point {@code (-1.2, 1, -1.2, 1, ...)}.
     *
     * @param n the dimension
     * @return a new array of length {@code n}
     */
    static double[] classicStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }
}
