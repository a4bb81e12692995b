package io.github.autodiff4j.samples;

import io.github.autodiff4j.NumericDiff;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Aims a probe: a sun, a planet and a probe under their mutual gravity ({@link NBody}, written with {@link Vec3}
 * records and stepped by velocity Verlet), and the probe's launch velocity that puts it on a target point at the
 * end. L-BFGS ({@link Lbfgs}) minimises half the squared miss distance, fed by the generated gradient
 * {@code NBodyDiff.missGrad}, whose partials with respect to the {@code Vec3[]} of velocities come back as a
 * {@code Vec3[]}. The gradient is checked against {@link NumericDiff} at the start and at the end; the target is where
 * a hidden launch velocity takes the probe, so the optimiser must hit it exactly.
 */
final class NBodyLaunch implements Sample {

    /** Sun, planet, probe. */
    static final double[] MASS = {1, 1e-3, 1e-9};

    static final Vec3[] POSITION = {Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(1.1, 0, 0)};
    /** The sun moves so that the total momentum of sun and planet is 0; the planet is on a circular orbit. */
    static final Vec3[] VELOCITY = {new Vec3(0, -1e-3, 0), new Vec3(0, 1, 0), Vec3.ZERO};

    static final int PROBE = 2;
    /** The time simulated, about half of the planet's orbit. */
    static final double DURATION = 3;
    /** Velocity Verlet steps. */
    static final int STEPS = 300;
    /** The launch velocity that defines the target; the optimiser does not see it. */
    static final Vec3 HIDDEN_LAUNCH = new Vec3(0.3, 1.1, 0.2);
    /** The optimiser's first guess: the planet's velocity. */
    static final Vec3 FIRST_GUESS = new Vec3(0, 1, 0);

    static final int MEMORY = 5;
    static final double GRADIENT_TOLERANCE = 1e-12;
    static final int MAX_ITERATIONS = 200;
    /** Generated gradient against NumericDiff's extrapolated differences (mixed error). */
    static final double GRADIENT_CHECK = 1e-7;

    @Override
    public String name() {
        return "nbody-launch";
    }

    @Override
    public String description() {
        return "aim a probe among two bodies: L-BFGS on the launch velocity, gradient as a Vec3 record";
    }

    @Override
    public boolean run(PrintStream out) {
        Vec3 target = NBody.finalPosition(POSITION, withProbe(HIDDEN_LAUNCH), MASS, PROBE, DURATION, STEPS);
        out.println("  A sun (mass 1), a planet (1e-3) on a circular orbit of radius 1 and a probe, launched from"
                + " 0.1 beyond");
        out.printf(
                Locale.ROOT,
                "  the planet, under mutual gravity (G = 1): %d velocity Verlet steps over t = %s, positions and"
                        + "%n  velocities Vec3[] records.%n  Target %s; miss(v) = |x_probe(t) - target|^2 / 2.%n",
                STEPS,
                Table.number(DURATION),
                target.text());
        out.println();

        Vec3 start = FIRST_GUESS;
        NBodyDiff.MissGradient first = grad(start, target);
        Vec3 gradient = first.velocity()[PROBE];
        Vec3 numeric = numericGradient(start, target);
        out.printf(Locale.ROOT, "  At the first guess v = %s: miss = %s%n", start.text(), Table.number(first.value()));
        out.println("      missGrad(...).velocity()[probe] = " + gradient);
        out.println("      NumericDiff.gradient            = " + numeric);
        out.println();

        out.println("  L-BFGS on the launch velocity, fed by missGrad:");
        Lbfgs.Result result = Lbfgs.minimize(
                (v, g) -> {
                    NBodyDiff.MissGradient r = grad(Vec3.of(v), target);
                    System.arraycopy(r.velocity()[PROBE].toArray(), 0, g, 0, 3);
                    return r.value();
                },
                start.toArray(),
                MEMORY,
                GRADIENT_TOLERANCE,
                MAX_ITERATIONS,
                (iteration, f, norm, step, evaluations) -> {
                    if (iteration % 5 == 0) {
                        out.printf(
                                Locale.ROOT, "      iteration %3d  miss %.3e  |gradient| %.3e%n", iteration, f, norm);
                    }
                });
        Vec3 found = Vec3.of(result.x());
        Vec3 hit = NBody.finalPosition(POSITION, withProbe(found), MASS, PROBE, DURATION, STEPS);
        double distance = hit.minus(target).norm();
        out.printf(
                Locale.ROOT,
                "  After %d iterations (%d gradients): v = %s%n"
                        + "  (the hidden launch velocity: %s); the probe ends %.1e from the target.%n",
                result.iterations(),
                result.evaluations(),
                found.text(),
                HIDDEN_LAUNCH.text(),
                distance);
        out.println();

        Vec3 endGradient = grad(found, target).velocity()[PROBE];
        Checks checks = new Checks(out);
        checks.near(
                "first guess: d miss / d v_probe = NumericDiff", gradient.toArray(), numeric.toArray(), GRADIENT_CHECK);
        checks.passes(NBodyDiff.missCheck(POSITION, withProbe(start), MASS, PROBE, target, DURATION, STEPS));
        checks.near(
                "end: d miss / d v_probe = NumericDiff",
                endGradient.toArray(),
                numericGradient(found, target).toArray(),
                GRADIENT_CHECK);
        checks.holds("L-BFGS converged (|gradient| <= 1e-12)", result.converged());
        checks.atMost("end: distance from the target", distance, 1e-8);
        checks.near("end: v = the hidden launch velocity", found.toArray(), HIDDEN_LAUNCH.toArray(), 1e-7);
        return checks.allPassed();
    }

    /** The bodies' initial velocities with the probe's replaced. */
    static Vec3[] withProbe(Vec3 launch) {
        Vec3[] velocity = VELOCITY.clone();
        velocity[PROBE] = launch;
        return velocity;
    }

    /** The generated gradient of the miss with the probe launched at {@code launch}. */
    static NBodyDiff.MissGradient grad(Vec3 launch, Vec3 target) {
        return NBodyDiff.missGrad(POSITION, withProbe(launch), MASS, PROBE, target, DURATION, STEPS);
    }

    /** The gradient by the probe's launch velocity, by NumericDiff. */
    static Vec3 numericGradient(Vec3 launch, Vec3 target) {
        return Vec3.of(NumericDiff.gradient(
                v -> NBody.miss(POSITION, withProbe(Vec3.of(v)), MASS, PROBE, target, DURATION, STEPS),
                launch.toArray()));
    }
}
