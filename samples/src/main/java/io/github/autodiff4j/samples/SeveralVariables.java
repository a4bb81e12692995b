package io.github.autodiff4j.samples;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;

/**
 * Functions of several variables: the value, the gradient (reverse mode), a directional derivative (forward mode),
 * the Hessian and the generated check report, for the Rosenbrock function (compared with its hand-derived gradient
 * and Hessian) and for the Black-Scholes call price (compared with the textbook Greeks).
 */
final class SeveralVariables implements Sample {

    /** NumericDiff.hessian is a derivative of a numerical derivative, good to about 1e-6 relative. */
    private static final double NUMERIC_HESSIAN_TOLERANCE = 1e-5;

    @Override
    public String name() {
        return "several-variables";
    }

    @Override
    public String description() {
        return "gradient, JVP, Hessian and check of Rosenbrock and Black-Scholes";
    }

    @Override
    public boolean run(PrintStream out) {
        boolean rosenbrock = rosenbrock(out);
        out.println();
        boolean blackScholes = blackScholes(out);
        return rosenbrock && blackScholes;
    }

    private static boolean rosenbrock(PrintStream out) {
        double x = -1.2;
        double y = 1;
        double dx = 1;
        double dy = 1;
        out.println("  Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 at (x, y) = (-1.2, 1), the classic start.");
        RosenbrockDiff.RosenbrockGradient g = RosenbrockDiff.rosenbrockGrad(x, y);
        double[] byHand = Rosenbrock.gradientByHand(x, y);
        Table.row(out, "value  rosenbrockGrad(...)", g.value());
        Table.header(out, "df/dx", "df/dy");
        Table.row(out, "gradient  rosenbrockGrad", g.x(), g.y());
        Table.row(out, "gradient  by hand", byHand);
        Dual jvp = RosenbrockDiff.rosenbrockJvp(x, dx, y, dy);
        double slope = g.x() * dx + g.y() * dy;
        out.printf(
                "      JVP along (dx, dy) = (1, 1): rosenbrockJvp(-1.2, 1, 1, 1).tangent() = %s"
                        + " = gradient . (1, 1)%n",
                Table.number(jvp.tangent()));
        double[][] hessian = RosenbrockDiff.rosenbrockHessian(x, y);
        out.println("      Hessian, rosenbrockHessian(-1.2, 1):");
        Table.matrix(out, new String[] {"x", "y"}, hessian);
        out.println("      Hessian by hand: {{1200x^2 - 400y + 2, -400x}, {-400x, 200}}:");
        Table.matrix(out, new String[] {"x", "y"}, Rosenbrock.hessianByHand(x, y));
        var report = RosenbrockDiff.rosenbrockCheck(x, y);
        out.println("      Generated check, rosenbrockCheck(-1.2, 1):");
        printIndented(out, report.toString());

        Checks checks = new Checks(out);
        checks.near("value = 24.2", g.value(), 24.2, 1e-12);
        checks.near("rosenbrockGrad df/dx = by hand", g.x(), byHand[0], 1e-12);
        checks.near("rosenbrockGrad df/dy = by hand", g.y(), byHand[1], 1e-12);
        checks.near("rosenbrockJvp value = rosenbrockGrad value", jvp.value(), g.value(), 1e-12);
        checks.near("rosenbrockJvp tangent = gradient . (1, 1)", jvp.tangent(), slope, 1e-12);
        checks.near("rosenbrockHessian = by hand", hessian, Rosenbrock.hessianByHand(x, y), 1e-12);
        checks.near(
                "rosenbrockHessian = NumericDiff.hessian",
                hessian,
                NumericDiff.hessian(v -> Rosenbrock.rosenbrock(v[0], v[1]), new double[] {x, y}),
                NUMERIC_HESSIAN_TOLERANCE);
        checks.passes(report);
        return checks.allPassed();
    }

    private static boolean blackScholes(PrintStream out) {
        double spot = 100;
        double vol = 0.2;
        double rate = 0.05;
        double time = 1;
        double strike = 105;
        out.println("  Black-Scholes call price C(spot, vol, rate, time) with strike 105 held constant"
                + " (@NoDerivative),");
        out.println("  at spot 100, volatility 20%, rate 5%, one year to expiry. The normal CDF is the runtime's");
        out.println("  Special.normalCdf, whose @DerivativeOf rules give the exact density (see BlackScholes).");
        BlackScholesDiff.CallGradient g = BlackScholesDiff.callGrad(spot, vol, rate, time, strike);
        double[] gradient = {g.spot(), g.vol(), g.rate(), g.time()};
        double[] textbook = BlackScholes.greeksByHand(spot, vol, rate, time, strike);
        Table.row(out, "price  callGrad(...).value()", g.value());
        Table.header(out, "delta dC/dspot", "vega dC/dvol", "rho dC/drate", "-theta dC/dtime");
        Table.row(out, "Greeks  callGrad", gradient);
        Table.row(out, "Greeks  textbook formulas", textbook);

        // A JVP answers "what if": the first-order price change when spot rises by 1 and volatility by 1 point.
        double dspot = 1;
        double dvol = 0.01;
        Dual jvp = BlackScholesDiff.callJvp(spot, dspot, vol, dvol, rate, 0, time, 0, strike);
        double repriced = BlackScholes.call(spot + dspot, vol + dvol, rate, time, strike) - g.value();
        out.printf(
                "      JVP, spot +1 and vol +0.01: callJvp(...).tangent() = %s; repricing changes C by %s%n",
                Table.number(jvp.tangent()), Table.number(repriced));
        out.println("      (the JVP is the linear part of the change; the rest is second order, from the Hessian).");

        double[][] hessian = BlackScholesDiff.callHessian(spot, vol, rate, time, strike);
        out.println("      Hessian, callHessian(...); gamma = d2C/dspot2 is top left, vanna = d2C/dspot dvol"
                + " next to it:");
        Table.matrix(out, new String[] {"spot", "vol", "rate", "time"}, hessian);
        var report = BlackScholesDiff.callCheck(spot, vol, rate, time, strike);
        out.println("      Generated check, callCheck(...):");
        printIndented(out, report.toString());

        Checks checks = new Checks(out);
        checks.passes(report);
        checks.near("callJvp value = callGrad value", jvp.value(), g.value(), 1e-12);
        checks.near(
                "callJvp tangent = gradient . (1, 0.01, 0, 0)",
                jvp.tangent(),
                g.spot() * dspot + g.vol() * dvol,
                1e-12);
        checks.near(
                "callHessian = NumericDiff.hessian",
                hessian,
                NumericDiff.hessian(
                        v -> BlackScholes.call(v[0], v[1], v[2], v[3], strike), new double[] {spot, vol, rate, time}),
                NUMERIC_HESSIAN_TOLERANCE);
        String[] greeks = {"delta", "vega", "rho", "-theta"};
        for (int i = 0; i < greeks.length; i++) {
            checks.near(greeks[i] + " = textbook formula", gradient[i], textbook[i], 1e-12);
        }
        return checks.allPassed();
    }

    private static void printIndented(PrintStream out, String text) {
        for (String line : text.split("\n")) {
            out.println("        " + line);
        }
    }
}
