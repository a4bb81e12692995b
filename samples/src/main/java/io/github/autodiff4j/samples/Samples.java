package io.github.autodiff4j.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the samples: with no argument all of them in order, with names only those, with {@code --list} lists them.
 * Exits with status 1 if a sample's check fails (naming the sample), and 2 on an unknown argument.
 */
public final class Samples {

    private Samples() {}

    /**
     * Every sample, in the order they are run and listed; add new ones here.
     *
     * @return the samples
     */
    static List<Sample> all() {
        return List.of(
                new FourWays(),
                new SeveralVariables(),
                new RosenbrockDescent(),
                new OdeJacobian(),
                new NeuralNetwork(),
                new ConjugateGradient(),
                new CurveFit(),
                new OptionGreeks(),
                new MarketGreeks(),
                new NBodyLaunch(),
                new Adbench());
    }

    /**
     * The entry point.
     *
     * @param args nothing, {@code --list}, or sample names
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 1 && args[0].equals("--list")) {
            list(out);
            return;
        }
        List<Sample> chosen = args.length == 0 ? all() : choose(args);
        if (chosen == null) {
            System.exit(2);
        }
        List<String> failed = new ArrayList<>();
        for (Sample sample : chosen) {
            if (!runOne(sample, out)) {
                failed.add(sample.name());
            }
        }
        if (!failed.isEmpty()) {
            out.printf("FAILED: %s (see the lines marked FAIL above)%n", String.join(", ", failed));
            out.flush();
            System.exit(1);
        }
        out.printf("All %d sample(s) passed their checks.%n", chosen.size());
    }

    private static void list(PrintStream out) {
        for (Sample sample : all()) {
            out.printf("  %-20s %s%n", sample.name(), sample.description());
        }
    }

    /** The samples named in {@code args}, or null (after saying why) if a name is unknown. */
    private static List<Sample> choose(String[] args) {
        List<Sample> chosen = new ArrayList<>();
        for (String name : args) {
            Sample match = all().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                System.err.printf("Unknown sample '%s'. The samples are:%n", name);
                list(System.err);
                return null;
            }
            chosen.add(match);
        }
        return chosen;
    }

    /** Runs one sample under a heading; an exception counts as a failure rather than ending the run. */
    private static boolean runOne(Sample sample, PrintStream out) {
        String heading = "== " + sample.name() + ": " + sample.description() + " ";
        out.println(heading + "=".repeat(Math.max(3, 100 - heading.length())));
        out.println();
        try {
            return sample.run(out);
        } catch (RuntimeException e) {
            out.printf("  FAIL  %s threw %s%n", sample.name(), e);
            return false;
        } finally {
            out.println();
        }
    }
}
