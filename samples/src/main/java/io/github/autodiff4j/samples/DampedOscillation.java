package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NoDerivative;

/**
 * The model of the {@link CurveFit} sample: a damped oscillation {@code y(t) = A e^(-lambda t) cos(omega t + phi)}
 * at many times at once. It returns a vector, so the processor generates its Jacobian by the parameters,
 * {@code DampedOscillationDiff.curveJacobian(p, t)}: exactly what a least-squares optimiser asks for.
 */
final class DampedOscillation {

    private DampedOscillation() {}

    /**
     * The model's values.
     *
     * @param p the parameters {@code (A, lambda, omega, phi)}: amplitude, decay rate, angular frequency, phase
     * @param t the times, constants of the data
     * @return {@code y(t[i])} for each time
     */
    @Differentiable
    static double[] curve(double[] p, @NoDerivative double[] t) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = p[0] * Math.exp(-p[1] * t[i]) * Math.cos(p[2] * t[i] + p[3]);
        }
        return y;
    }
}
