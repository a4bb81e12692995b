package io.github.autodiff4j.samples;

import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Minimises the {@value #N}-dimensional Rosenbrock function with Hipparchus's nonlinear conjugate-gradient optimiser
 * (Polak-Ribiere, {@code hipparchus-optim}) twice from the classic start: fed by the generated gradient, and fed by
 * central finite differences, as a user without autodiff would. Same optimiser, same stopping rule; it compares
 * iterations, function and gradient evaluations, time and the point reached, and charts the objective by iteration.
 */
final class ConjugateGradient implements Sample {

    /** The dimension. */
    static final int N = 10;
    /** Stop when an iteration lowers f by at most this much relative to f (or {@link #ABSOLUTE} absolutely). */
    static final double RELATIVE = 1e-15;

    static final double ABSOLUTE = 1e-30;
    static final int MAX_ITERATIONS = 20_000;
    /** The chart's file name. */
    static final String CHART = "cg-optimizer-convergence.svg";

    @Override
    public String name() {
        return "cg-optimizer";
    }

    @Override
    public String description() {
        return "Hipparchus conjugate gradient on 10-D Rosenbrock: generated gradient vs finite differences";
    }

    @Override
    public boolean run(PrintStream out) {
        double[] start = RosenbrockN.classicStart(N);
        out.printf(
                Locale.ROOT,
                "  f(x) = sum 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, n = %d, from (-1.2, 1, -1.2, ...);"
                        + " minimum f = 0 at (1, ..., 1).%n",
                N);
        out.println("  NonLinearConjugateGradientOptimizer (Polak-Ribiere; its line search uses values only), stopped"
                + " when an");
        out.printf(Locale.ROOT, "  iteration lowers f by at most %.0e of f, fed with two gradients:%n", RELATIVE);
        out.println("    generated:           RosenbrockNDiff.rosenbrockGrad(x, dx), one reverse sweep");
        out.printf(
                Locale.ROOT,
                "    central differences: (f(x + h e_i) - f(x - h e_i)) / 2h, h = cbrt(eps) max(1, |x_i|):"
                        + " %d values of f%n",
                2 * N);
        out.println();

        // Each minimisation runs twice and the second is timed, so that neither pays for the JIT's warm-up.
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            runs.clear();
            runs.add(Run.minimise("generated gradient", ConjugateGradient::generatedGradient, start, 0));
            runs.add(Run.minimise("central differences", ConjugateGradient::centralDifferences, start, 2 * N));
        }
        Run exact = runs.get(0);
        Run finite = runs.get(1);
        out.printf(
                "      %-20s %10s %13s %10s %10s %10s %12s%n",
                "gradient", "iterations", "f evaluations", "gradients", "time ms", "final f", "max|x[i]-1|");
        for (Run run : runs) {
            out.printf(
                    Locale.ROOT,
                    "      %-20s %10d %13d %10d %10.1f %10.1e %12.1e%n",
                    run.name,
                    run.objectives.size(),
                    run.functionCalls,
                    run.gradientCalls,
                    run.nanos / 1e6,
                    run.value,
                    run.distance);
        }
        out.println("  (f evaluations count the line search's and, for central differences, the 2n per gradient.)");
        out.println(
                "  Near the minimum the finite-difference gradient is mostly rounding noise: the search directions");
        out.println("  stop pointing downhill, and the optimiser crawls, then stalls short of the minimum.");
        out.println();

        double[] gradient = generatedGradient(start);
        Checks checks = new Checks(out);
        checks.near("start: generated gradient = closed form", gradient, RosenbrockN.gradientByHand(start), 1e-12);
        checks.near(
                "start: generated gradient = NumericDiff.gradient",
                gradient,
                NumericDiff.gradient(RosenbrockN::rosenbrock, start),
                1e-7);
        checks.near(
                "start: central differences = NumericDiff.gradient",
                centralDifferences(start),
                NumericDiff.gradient(RosenbrockN::rosenbrock, start),
                1e-6);
        checks.holds(
                "both runs stopped by the value rule, not the iteration limit", exact.converged && finite.converged);
        checks.atMost("generated: max |x[i] - 1| at the end", exact.distance, 1e-8);
        checks.atMost("generated: f at the end (minimum 0)", exact.value, 1e-16);
        checks.holds(
                "generated: fewer iterations and f evaluations than central differences",
                exact.objectives.size() < finite.objectives.size() && exact.functionCalls < finite.functionCalls);
        checks.holds("generated: lower final f than central differences", exact.value < finite.value);
        ChartFiles.write(checks, out, CHART, chart(exact, finite));
        return checks.allPassed();
    }

    /** The objective after each iteration, both runs, on log-log axes (the runs' lengths differ forty-fold). */
    static String chart(Run exact, Run finite) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (Run run : List.of(exact, finite)) {
            double[] iterations = new double[run.objectives.size()];
            double[] values = new double[iterations.length];
            for (int i = 0; i < iterations.length; i++) {
                iterations[i] = i + 1;
                values[i] = run.objectives.get(i);
            }
            series.add(SvgChart.Series.line(run.name, iterations, values));
        }
        return SvgChart.chart(
                String.format(Locale.ROOT, "Conjugate gradient on %d-D Rosenbrock", N),
                "iteration",
                true,
                "objective f",
                true,
                series);
    }

    /** The generated gradient, in a new array as Hipparchus wants. */
    static double[] generatedGradient(double[] x) {
        double[] dx = new double[x.length];
        RosenbrockNDiff.rosenbrockGrad(x, dx);
        return dx;
    }

    /**
     * The gradient by central differences, each step {@code cbrt(eps) * max(1, |x_i|)}: the textbook choice that
     * balances truncation and rounding (see the four-ways sample's chart). Costs {@code 2n} evaluations of f.
     */
    static double[] centralDifferences(double[] x) {
        double[] gradient = new double[x.length];
        double[] shifted = x.clone();
        for (int i = 0; i < x.length; i++) {
            double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(x[i]));
            shifted[i] = x[i] + h;
            double up = RosenbrockN.rosenbrock(shifted);
            shifted[i] = x[i] - h;
            double down = RosenbrockN.rosenbrock(shifted);
            shifted[i] = x[i];
            gradient[i] = (up - down) / (2 * h);
        }
        return gradient;
    }

    /** One minimisation: the objective after each iteration, the counts, the time and the point reached. */
    static final class Run {
        final String name;
        final List<Double> objectives = new ArrayList<>();
        int functionCalls;
        int gradientCalls;
        long nanos;
        double value;
        double distance;
        double[] point;
        boolean converged;

        private Run(String name) {
            this.name = name;
        }

        /**
         * Minimises from {@code start}.
         *
         * @param name              what feeds the gradient
         * @param gradient          the gradient
         * @param start             the starting point
         * @param callsPerGradient  evaluations of f that one gradient costs
         */
        static Run minimise(String name, Function<double[], double[]> gradient, double[] start, int callsPerGradient) {
            Run run = new Run(name);
            SimpleValueChecker stop = new SimpleValueChecker(RELATIVE, ABSOLUTE);
            ConvergenceChecker<PointValuePair> recorder = (iteration, previous, current) -> {
                run.objectives.add(current.getValue());
                return stop.converged(iteration, previous, current);
            };
            NonLinearConjugateGradientOptimizer optimiser = new NonLinearConjugateGradientOptimizer(
                    NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, recorder);
            long begin = System.nanoTime();
            PointValuePair result;
            try {
                result = optimiser.optimize(
                        new MaxEval(Integer.MAX_VALUE),
                        new MaxIter(MAX_ITERATIONS),
                        new ObjectiveFunction(x -> {
                            run.functionCalls++;
                            return RosenbrockN.rosenbrock(x);
                        }),
                        new ObjectiveFunctionGradient(x -> {
                            run.gradientCalls++;
                            run.functionCalls += callsPerGradient;
                            return gradient.apply(x);
                        }),
                        GoalType.MINIMIZE,
                        new InitialGuess(start));
                run.converged = true;
            } catch (MathIllegalStateException e) {
                result = null;
            }
            run.nanos = System.nanoTime() - begin;
            run.point = result == null ? null : result.getPoint();
            run.value = result == null ? Double.NaN : result.getValue();
            run.distance = result == null
                    ? Double.NaN
                    : Arrays.stream(result.getPoint())
                            .map(v -> Math.abs(v - 1))
                            .max()
                            .orElse(0);
            return run;
        }
    }
}
