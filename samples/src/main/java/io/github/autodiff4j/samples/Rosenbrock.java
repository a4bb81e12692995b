package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * The 2-D Rosenbrock function, the banana-shaped valley on which optimizers are tested, with its gradient and
 * Hessian derived by hand so the generated ones can be compared with a closed form.
 */
final class Rosenbrock {

    private Rosenbrock() {}

    /**
     * {@code f(x, y) = (1 - x)^2 + 100 (y - x^2)^2}; its minimum is 0 at {@code (1, 1)}.
     *
     * @param x the first coordinate
     * @param y the second coordinate
     * @return the function's value
     */
    @Differentiable
    static double rosenbrock(double x, double y) {
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 100 * b * b;
    }

    /**
     * The gradient by hand: {@code df/dx = -2(1 - x) - 400x(y - x^2)}, {@code df/dy = 200(y - x^2)}.
     *
     * @param x the first coordinate
     * @param y the second coordinate
     * @return {@code {df/dx, df/dy}}
     */
    static double[] gradientByHand(double x, double y) {
        return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
    }

    /**
     * The Hessian by hand, differentiating {@link #gradientByHand} once more: {@code d2f/dx2 = 2 - 400(y - x^2) +
     * 800x^2 = 1200x^2 - 400y + 2}, {@code d2f/dxdy = -400x}, {@code d2f/dy2 = 200}.
     *
     * @param x the first coordinate
     * @param y the second coordinate
     * @return the symmetric 2 x 2 Hessian
     */
    static double[][] hessianByHand(double x, double y) {
        return new double[][] {{1200 * x * x - 400 * y + 2, -400 * x}, {-400 * x, 200}};
    }
}
