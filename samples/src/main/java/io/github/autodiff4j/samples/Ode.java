package io.github.autodiff4j.samples;

import io.github.autodiff4j.Differentiable;

/**
 * Two ordinary differential equations solved with the classic fourth-order Runge-Kutta method (RK4) over a fixed
 * number of steps, written as a numerical programmer writes them: a loop over the steps, the right-hand side in
 * helper methods. Differentiating the solver gives the sensitivity of the final state to the initial state and to
 * a parameter of the equation: the exact derivative of the RK4 solution (not of the exact solution, from which RK4
 * differs by its discretisation error).
 *
 * <p>The natural form, a helper {@code double[] rhs(double[] y, double alpha)} returning a new array for each
 * stage ({@code double[] k1 = rhs(y, alpha);} in the loop), gets wrong reverse-mode derivatives from the processor
 * of this release (forward mode is right): an array allocated in a loop body keeps its adjoint from one iteration
 * to the next, and an array passed to a helper in a loop and written afterwards is read back with its new value.
 * Until that is fixed the stages are arrays allocated once before the loop, and the helpers take and return
 * scalars.
 */
final class Ode {

    /** How long both systems are integrated. */
    static final double DURATION = 5;

    /** Lotka-Volterra: the rate at which predators eat prey. */
    static final double BETA = 0.4;
    /** Lotka-Volterra: the rate at which eaten prey turn into predators. */
    static final double DELTA = 0.1;
    /** Lotka-Volterra: the predators' death rate. */
    static final double GAMMA = 0.4;

    private Ode() {}

    /**
     * The Lotka-Volterra predator-prey model {@code prey' = alpha prey - BETA prey predator},
     * {@code predator' = DELTA prey predator - GAMMA predator}, integrated over {@link #DURATION} by RK4.
     *
     * @param y0    the initial state {@code {prey, predator}}
     * @param alpha the prey's growth rate
     * @param steps the number of RK4 steps
     * @return the final state {@code {prey, predator}}, a new array
     */
    @Differentiable
    static double[] predatorPrey(double[] y0, double alpha, int steps) {
        double h = DURATION / steps;
        double[] y = {y0[0], y0[1]};
        // The stages live in arrays allocated once, outside the loop (see the class description for why).
        double[] k1 = new double[2];
        double[] k2 = new double[2];
        double[] k3 = new double[2];
        double[] k4 = new double[2];
        double[] stage = new double[2];
        for (int step = 0; step < steps; step++) {
            k1[0] = preyRate(y[0], y[1], alpha);
            k1[1] = predatorRate(y[0], y[1]);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + 0.5 * h * k1[i];
            }
            k2[0] = preyRate(stage[0], stage[1], alpha);
            k2[1] = predatorRate(stage[0], stage[1]);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + 0.5 * h * k2[i];
            }
            k3[0] = preyRate(stage[0], stage[1], alpha);
            k3[1] = predatorRate(stage[0], stage[1]);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + h * k3[i];
            }
            k4[0] = preyRate(stage[0], stage[1], alpha);
            k4[1] = predatorRate(stage[0], stage[1]);
            for (int i = 0; i < 2; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    /**
     * The prey's rate of change, {@code alpha prey - BETA prey predator}.
     *
     * @param prey     the prey population
     * @param predator the predator population
     * @param alpha    the prey's growth rate
     * @return {@code prey'}
     */
    static double preyRate(double prey, double predator, double alpha) {
        return alpha * prey - BETA * prey * predator;
    }

    /**
     * The predators' rate of change, {@code DELTA prey predator - GAMMA predator}.
     *
     * @param prey     the prey population
     * @param predator the predator population
     * @return {@code predator'}
     */
    static double predatorRate(double prey, double predator) {
        return DELTA * prey * predator - GAMMA * predator;
    }

    /**
     * The harmonic oscillator {@code x'' = -omega^2 x} as the first-order system {@code x' = v},
     * {@code v' = -omega^2 x}, integrated over {@link #DURATION} by RK4. It is linear, so its exact solution and
     * that solution's derivatives are known in closed form (see {@link #oscillatorExact}).
     *
     * @param y0    the initial state {@code {position, velocity}}
     * @param omega the angular frequency
     * @param steps the number of RK4 steps
     * @return the final state {@code {position, velocity}}, a new array
     */
    @Differentiable
    static double[] oscillator(double[] y0, double omega, int steps) {
        double h = DURATION / steps;
        double[] y = {y0[0], y0[1]};
        double[] k1 = new double[2];
        double[] k2 = new double[2];
        double[] k3 = new double[2];
        double[] k4 = new double[2];
        double[] stage = new double[2];
        for (int step = 0; step < steps; step++) {
            k1[0] = y[1];
            k1[1] = acceleration(y[0], omega);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + 0.5 * h * k1[i];
            }
            k2[0] = stage[1];
            k2[1] = acceleration(stage[0], omega);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + 0.5 * h * k2[i];
            }
            k3[0] = stage[1];
            k3[1] = acceleration(stage[0], omega);
            for (int i = 0; i < 2; i++) {
                stage[i] = y[i] + h * k3[i];
            }
            k4[0] = stage[1];
            k4[1] = acceleration(stage[0], omega);
            for (int i = 0; i < 2; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    /**
     * The oscillator's acceleration {@code v' = -omega^2 x}.
     *
     * @param x     the position
     * @param omega the angular frequency
     * @return {@code -omega^2 x}
     */
    static double acceleration(double x, double omega) {
        return -omega * omega * x;
    }

    /**
     * The exact solution of the harmonic oscillator at {@link #DURATION}: with {@code c = cos(omega T)} and
     * {@code s = sin(omega T)}, {@code x(T) = x0 c + v0 s / omega} and {@code v(T) = -x0 omega s + v0 c}.
     *
     * @param y0    the initial state {@code {x0, v0}}
     * @param omega the angular frequency
     * @return the exact final state {@code {x(T), v(T)}}
     */
    static double[] oscillatorExact(double[] y0, double omega) {
        double c = Math.cos(omega * DURATION);
        double s = Math.sin(omega * DURATION);
        return new double[] {y0[0] * c + y0[1] * s / omega, -y0[0] * omega * s + y0[1] * c};
    }

    /**
     * The exact solution's sensitivity, differentiating {@link #oscillatorExact} by hand:
     * {@code dx/dx0 = c}, {@code dx/dv0 = s / omega}, {@code dx/domega = -x0 T s + v0 (T c / omega - s / omega^2)},
     * {@code dv/dx0 = -omega s}, {@code dv/dv0 = c}, {@code dv/domega = -x0 (s + omega T c) - v0 T s}.
     *
     * @param y0    the initial state {@code {x0, v0}}
     * @param omega the angular frequency
     * @return the 2 x 3 Jacobian of {@code {x(T), v(T)}} by {@code (x0, v0, omega)}
     */
    static double[][] oscillatorExactJacobian(double[] y0, double omega) {
        double t = DURATION;
        double c = Math.cos(omega * t);
        double s = Math.sin(omega * t);
        return new double[][] {
            {c, s / omega, -y0[0] * t * s + y0[1] * (t * c / omega - s / (omega * omega))},
            {-omega * s, c, -y0[0] * (s + omega * t * c) - y0[1] * t * s}
        };
    }

    /**
     * The Jacobian of {@link #oscillator} by its initial state, in closed form for RK4 itself. For a linear system
     * {@code y' = A y} one RK4 step multiplies the state by {@code P = I + hA + (hA)^2/2 + (hA)^3/6 + (hA)^4/24},
     * the Taylor polynomial of {@code exp(hA)}; so {@code steps} steps multiply it by {@code P^steps}, and that
     * matrix is the derivative of the final state by the initial one, with no discretisation error left.
     *
     * @param omega the angular frequency
     * @param steps the number of RK4 steps
     * @return the 2 x 2 matrix {@code P^steps}, with {@code A = {{0, 1}, {-omega^2, 0}}}
     */
    static double[][] rk4Propagator(double omega, int steps) {
        double h = DURATION / steps;
        double[][] ha = {{0, h}, {-omega * omega * h, 0}};
        double[][] p = {{1, 0}, {0, 1}};
        double[][] term = {{1, 0}, {0, 1}};
        for (int k = 1; k <= 4; k++) { // term = (hA)^k / k!
            term = scale(multiply(term, ha), 1.0 / k);
            p = add(p, term);
        }
        double[][] power = {{1, 0}, {0, 1}};
        for (int k = 0; k < steps; k++) {
            power = multiply(p, power);
        }
        return power;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        return new double[][] {
            {a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]},
            {a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]}
        };
    }

    private static double[][] add(double[][] a, double[][] b) {
        return new double[][] {{a[0][0] + b[0][0], a[0][1] + b[0][1]}, {a[1][0] + b[1][0], a[1][1] + b[1][1]}};
    }

    private static double[][] scale(double[][] a, double factor) {
        return new double[][] {{a[0][0] * factor, a[0][1] * factor}, {a[1][0] * factor, a[1][1] * factor}};
    }
}
