package io.github.autodiff4j.samples;

import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The sensitivity of an ODE solution: the Jacobian of the final state of an RK4 integration by the initial state
 * and a parameter, from the generated {@code Jacobian}, {@code Jvp} and {@code Vjp} members of {@link Ode}'s
 * solvers. The nonlinear Lotka-Volterra model is checked against {@link NumericDiff}; the linear harmonic
 * oscillator also against its exact solution's derivative (which RK4 matches up to its discretisation error) and
 * against the closed-form derivative of RK4 itself.
 */
final class OdeJacobian implements Sample {

    /** Lotka-Volterra: the initial {prey, predator}, the prey's growth rate, and the number of RK4 steps. */
    static final double[] PREY_PREDATOR = {10, 5};

    static final double ALPHA = 1.1;
    static final int STEPS = 500;

    /** The oscillator: the initial {position, velocity} and the angular frequency. */
    static final double[] POSITION_VELOCITY = {1, 0.5};

    static final double OMEGA = 2;

    /**
     * NumericDiff's Jacobian is good to about 1e-10 relative on smooth functions; the solvers' entries are
     * smooth, so 1e-6 leaves a wide margin.
     */
    static final double NUMERIC_TOLERANCE = 1e-6;
    /**
     * RK4's error on the oscillator is a phase error of about {@code omega T (omega h)^4 / 120}: 1.3e-8 with
     * {@code omega = 2}, {@code T = 5}, {@code h = 0.01}. Its derivative by omega is about {@code 5 / omega} times
     * that, 3e-8 (4.4e-8 is measured); 1e-6 leaves a wide margin, and the sample shows the error falling 16-fold
     * per doubling of the steps, as a fourth-order method's should.
     */
    static final double RK4_TOLERANCE = 1e-6;

    /** The fraction of the JVP's direction by which the sample re-solves, to compare with the JVP. */
    private static final double EPSILON = 1e-6;

    private static final String[] OSCILLATOR_INPUTS = {"d/d x0", "d/d v0", "d/d omega"};

    @Override
    public String name() {
        return "ode-jacobian";
    }

    @Override
    public String description() {
        return "Jacobian, JVP and VJP of an RK4 ODE solution by initial state and a parameter";
    }

    @Override
    public boolean run(PrintStream out) {
        boolean predatorPrey = predatorPrey(out);
        out.println();
        boolean oscillator = oscillator(out);
        return predatorPrey && oscillator;
    }

    private static boolean predatorPrey(PrintStream out) {
        double[] y0 = PREY_PREDATOR;
        double alpha = ALPHA;
        out.printf(
                Locale.ROOT,
                "  (1) Lotka-Volterra: prey' = alpha prey - %s prey predator,"
                        + " predator' = %s prey predator - %s predator,%n",
                Ode.BETA,
                Ode.DELTA,
                Ode.GAMMA);
        out.printf(
                Locale.ROOT,
                "      from (prey, predator) = (%s, %s) with alpha = %s to t = %s, by %d RK4 steps"
                        + " in the loop of%n",
                Table.number(y0[0]),
                Table.number(y0[1]),
                alpha,
                Table.number(Ode.DURATION),
                STEPS);
        out.println("      @Differentiable double[] Ode.predatorPrey(double[] y0, double alpha, int steps).");
        double[] end = Ode.predatorPrey(y0, alpha, STEPS);
        String[] outputs = {"prey(T)", "predator(T)"};
        String[] inputs = {"d/d prey0", "d/d predator0", "d/d alpha"};
        Table.header(out, "prey(T)", "predator(T)");
        Table.row(out, "final state", end);
        double[][] jacobian = OdeDiff.predatorPreyJacobian(y0, alpha, STEPS);
        double[][] numeric = NumericDiff.jacobian(
                v -> Ode.predatorPrey(new double[] {v[0], v[1]}, v[2], STEPS), new double[] {y0[0], y0[1], alpha});
        out.println("      Jacobian d(final state)/d(prey0, predator0, alpha),"
                + " predatorPreyJacobian(y0, alpha, steps):");
        matrix(out, outputs, inputs, jacobian);
        out.println("      NumericDiff.jacobian of Ode.predatorPrey:");
        matrix(out, outputs, inputs, numeric);

        // Forward mode: one sweep gives J times a direction of change in the inputs.
        double[] dy0 = {1, 0};
        double dalpha = 0.01;
        DualVector jvp = OdeDiff.predatorPreyJvp(y0, dy0, alpha, dalpha, STEPS);
        double[] jTimesD = multiply(jacobian, new double[] {dy0[0], dy0[1], dalpha});
        double[] perturbed = Ode.predatorPrey(
                new double[] {y0[0] + EPSILON * dy0[0], y0[1] + EPSILON * dy0[1]}, alpha + EPSILON * dalpha, STEPS);
        double[] quotient = {(perturbed[0] - end[0]) / EPSILON, (perturbed[1] - end[1]) / EPSILON};
        out.println("      JVP along (1 prey more at the start, alpha + 0.01), predatorPreyJvp(y0, {1, 0}, alpha, 0.01,"
                + " steps),");
        out.println("      the first-order change of the final state; re-solving at 1e-6 times that change agrees:");
        Table.header(out, "d prey(T)", "d predator(T)");
        Table.row(out, "tangent", jvp.tangent());
        Table.row(out, "(re-solved - final) / 1e-6", quotient);

        // Reverse mode: one sweep gives a row combination seed^T J, e.g. the gradient of the total population.
        double[] seed = {1, 1};
        OdeDiff.PredatorPreyGradient vjp = OdeDiff.predatorPreyVjp(y0, alpha, STEPS, seed);
        double[] seedTimesJ = {
            jacobian[0][0] + jacobian[1][0], jacobian[0][1] + jacobian[1][1], jacobian[0][2] + jacobian[1][2]
        };
        out.println("      VJP: the gradient of the total population prey(T) + predator(T) in one reverse sweep,");
        out.println("      predatorPreyVjp(y0, alpha, steps, {1, 1}):");
        Table.header(out, inputs);
        Table.row(out, "y0(), alpha()", vjp.y0()[0], vjp.y0()[1], vjp.alpha());
        GradientCheck.Report report = OdeDiff.predatorPreyCheck(y0, alpha, STEPS);
        out.println("      Generated check, predatorPreyCheck(y0, alpha, steps):");
        printIndented(out, report.toString());
        out.println();

        Checks checks = new Checks(out);
        checks.near("Jacobian = NumericDiff.jacobian", jacobian, numeric, NUMERIC_TOLERANCE);
        checks.near("predatorPreyJvp value = final state", jvp.value(), end, 1e-12);
        checks.near("predatorPreyJvp tangent = J . (1, 0, 0.01)", jvp.tangent(), jTimesD, 1e-12);
        checks.near("re-solved difference quotient = JVP tangent", quotient, jvp.tangent(), 1e-6);
        checks.near("predatorPreyVjp value = final state", vjp.value(), end, 1e-12);
        checks.near(
                "predatorPreyVjp (y0, alpha) = (1, 1) . J",
                new double[] {vjp.y0()[0], vjp.y0()[1], vjp.alpha()},
                seedTimesJ,
                1e-12);
        checks.passes(report);
        return checks.allPassed();
    }

    private static boolean oscillator(PrintStream out) {
        double[] y0 = POSITION_VELOCITY;
        double omega = OMEGA;
        out.printf(
                Locale.ROOT,
                "  (2) Harmonic oscillator x'' = -omega^2 x, as x' = v, v' = -omega^2 x,"
                        + " from (x0, v0) = (%s, %s)%n",
                Table.number(y0[0]),
                Table.number(y0[1]));
        out.printf(
                Locale.ROOT,
                "      with omega = %s to t = %s by %d RK4 steps in the loop of%n",
                Table.number(omega),
                Table.number(Ode.DURATION),
                STEPS);
        out.println("      @Differentiable double[] Ode.oscillator(double[] y0, double omega, int steps). It is linear:"
                + " the exact");
        out.println("      solution x(T) = x0 cos(omega T) + v0 sin(omega T) / omega, v(T) = x'(T) and its derivatives"
                + " are known");
        out.println("      in closed form (Ode.oscillatorExact, Ode.oscillatorExactJacobian).");
        double[] end = Ode.oscillator(y0, omega, STEPS);
        String[] outputs = {"x(T)", "v(T)"};
        Table.header(out, "x(T)", "v(T)");
        Table.row(out, "final state, RK4", end);
        Table.row(out, "final state, exact", Ode.oscillatorExact(y0, omega));
        double[][] jacobian = OdeDiff.oscillatorJacobian(y0, omega, STEPS);
        double[][] numeric = NumericDiff.jacobian(
                v -> Ode.oscillator(new double[] {v[0], v[1]}, v[2], STEPS), new double[] {y0[0], y0[1], omega});
        double[][] exact = Ode.oscillatorExactJacobian(y0, omega);
        double[][] propagator = Ode.rk4Propagator(omega, STEPS);
        out.println("      Jacobian d(final state)/d(x0, v0, omega), oscillatorJacobian(y0, omega, steps):");
        matrix(out, outputs, OSCILLATOR_INPUTS, jacobian);
        out.println("      NumericDiff.jacobian of Ode.oscillator:");
        matrix(out, outputs, OSCILLATOR_INPUTS, numeric);
        out.println("      The exact solution's derivative (differs from RK4's by RK4's discretisation error):");
        matrix(out, outputs, OSCILLATOR_INPUTS, exact);
        out.println("      RK4's own derivative by (x0, v0) in closed form: P^steps, where one step multiplies the"
                + " state by");
        out.println("      P = I + hA + (hA)^2/2 + (hA)^3/6 + (hA)^4/24, A = {{0, 1}, {-omega^2, 0}}"
                + " (Ode.rk4Propagator):");
        matrix(out, outputs, new String[] {"d/d x0", "d/d v0"}, propagator);

        out.println("      RK4 is fourth order: doubling the steps divides the Jacobian's error against the exact one"
                + " by about 16.");
        out.printf("      %8s  %22s  %8s%n", "steps", "max error vs exact", "ratio");
        double previous = Double.NaN;
        double lastRatio = Double.NaN;
        for (int steps = 50; steps <= 800; steps *= 2) {
            double error = worstError(OdeDiff.oscillatorJacobian(y0, omega, steps), exact);
            lastRatio = previous / error;
            out.printf(
                    Locale.ROOT,
                    "      %8d  %22.2e  %8s%n",
                    steps,
                    error,
                    Double.isNaN(previous) ? "" : String.format(Locale.ROOT, "%.2f", lastRatio));
            previous = error;
        }

        double[] dy0 = {0, 0};
        double domega = 1;
        DualVector jvp = OdeDiff.oscillatorJvp(y0, dy0, omega, domega, STEPS);
        out.println("      JVP along omega alone, oscillatorJvp(y0, {0, 0}, omega, 1, steps)"
                + " = d(final state)/d omega:");
        Table.header(out, "d x(T)", "d v(T)");
        Table.row(out, "tangent", jvp.tangent());
        OdeDiff.OscillatorGradient vjp = OdeDiff.oscillatorVjp(y0, omega, STEPS, new double[] {1, 0});
        out.println("      VJP with seed (1, 0): the gradient of x(T), oscillatorVjp(y0, omega, steps, {1, 0}):");
        Table.header(out, OSCILLATOR_INPUTS);
        Table.row(out, "y0(), omega()", vjp.y0()[0], vjp.y0()[1], vjp.omega());
        GradientCheck.Report report = OdeDiff.oscillatorCheck(y0, omega, STEPS);
        out.println("      Generated check, oscillatorCheck(y0, omega, steps):");
        printIndented(out, report.toString());
        out.println();

        Checks checks = new Checks(out);
        checks.near("Jacobian = NumericDiff.jacobian", jacobian, numeric, NUMERIC_TOLERANCE);
        checks.near("Jacobian = exact solution's, up to RK4's error", jacobian, exact, RK4_TOLERANCE);
        checks.near(
                "Jacobian by (x0, v0) = P^steps, RK4's own",
                new double[][] {{jacobian[0][0], jacobian[0][1]}, {jacobian[1][0], jacobian[1][1]}},
                propagator,
                1e-12);
        checks.near("RK4 error ratio 400 -> 800 steps = 16 (relative 0.1)", lastRatio / 16, 1, 0.1);
        checks.near(
                "oscillatorJvp tangent = J column d/d omega",
                jvp.tangent(),
                new double[] {jacobian[0][2], jacobian[1][2]},
                1e-12);
        checks.near(
                "oscillatorVjp, seed (1, 0) = J row x(T)",
                new double[] {vjp.y0()[0], vjp.y0()[1], vjp.omega()},
                jacobian[0],
                1e-12);
        checks.passes(report);
        return checks.allPassed();
    }

    /** Prints a matrix with labelled rows and columns. */
    private static void matrix(PrintStream out, String[] rows, String[] columns, double[][] matrix) {
        Table.header(out, columns);
        for (int i = 0; i < rows.length; i++) {
            Table.row(out, rows[i], matrix[i]);
        }
    }

    private static double[] multiply(double[][] matrix, double[] v) {
        double[] product = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < v.length; j++) {
                product[i] += matrix[i][j] * v[j];
            }
        }
        return product;
    }

    /** The largest mixed error |a - e| / max(1, |e|) over the entries, as {@link Checks} measures it. */
    static double worstError(double[][] actual, double[][] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double e = expected[i][j];
                worst = Math.max(worst, Math.abs(actual[i][j] - e) / Math.max(1, Math.abs(e)));
            }
        }
        return worst;
    }

    private static void printIndented(PrintStream out, String text) {
        for (String line : text.split("\n")) {
            out.println("        " + line);
        }
    }
}
