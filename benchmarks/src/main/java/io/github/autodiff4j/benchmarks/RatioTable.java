package io.github.autodiff4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ratios of one JMH run of the benchmarks, read from its JSON result file ({@code -rf json}): each way of
 * getting derivatives against the function itself, and our reverse-mode gradient against each peer. Ratios taken
 * within one run are what carries over between machines; the absolute times of a shared machine do not. Each ratio
 * is followed by its error, from JMH's 99.9% score errors of numerator and denominator combined in quadrature
 * (relative); with one fork this understates the run-to-run spread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.autodiff4j.benchmarks.RatioTable
 * result.json [ratios.md [ratios.svg]]}: prints the tables as Markdown, and writes them and the chart
 * ({@link RatioChart}) to the files named.
 */
public final class RatioTable {

    private RatioTable() {}

    /** A score in nanoseconds per operation, with its error. */
    record Score(double ns, double errorNs) {}

    /** One problem: a benchmark class, how to name it and its sizes, and how many active inputs a size has. */
    record Problem(String benchmark, String title, String sizeName) {}

    /** The problems, in the order of the tables. */
    static final List<Problem> PROBLEMS = List.of(
            new Problem("RosenbrockBench", "Rosenbrock", "n = "),
            new Problem("GmmBench", "ADBench GMM", ""),
            new Problem("ReferenceGmmBench", "ADBench GMM, C++ shape", ""),
            new Problem("LogisticBench", "Logistic regression", "m = 1000, n = 100"),
            new Problem("MlpBench", "MLP 2-16-2", "256 points"),
            new Problem("LstmBench", "ADBench LSTM", ""),
            new Problem("ReferenceLstmBench", "ADBench LSTM, C++ shape", ""),
            new Problem("BlackScholesBench", "Black-Scholes", "4 inputs"));

    /** The results of one run: problem, then size, then method. */
    static final class Results {
        /** Benchmark class's simple name, then size (the parameter's value, "" if none), then method. */
        final Map<String, Map<String, Map<String, Score>>> scores = new LinkedHashMap<>();
        /** How JMH ran: JVM, forks, iterations. */
        String settings = "";

        String jvm = "";
        /** Each distinct profile of forks and iterations, with the number of benchmarks it ran. */
        final Map<String, Integer> profiles = new LinkedHashMap<>();

        Map<String, Score> row(String problem, String size) {
            Map<String, Map<String, Score>> sizes = scores.get(problem);
            return sizes == null ? Map.of() : sizes.getOrDefault(size, Map.of());
        }

        /** The sizes of a problem, smallest first (numbers by value, GMM files by their number of inputs). */
        List<String> sizes(String problem) {
            List<String> sizes =
                    new ArrayList<>(scores.getOrDefault(problem, Map.of()).keySet());
            sizes.sort(Comparator.comparingDouble(RatioTable::inputs).thenComparing(Comparator.naturalOrder()));
            return sizes;
        }
    }

    /**
     * Reads the JSON named by the first argument; prints the tables; writes them to the second argument's file and
     * the chart to the third's, if given.
     *
     * @param args the JMH result file, then optionally the Markdown and SVG files to write
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: RatioTable <jmh-result.json> [ratios.md [ratios.svg]]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Results results = read(Files.readString(json, StandardCharsets.UTF_8));
        String markdown = markdown(results, json.getFileName().toString());
        System.out.print(markdown);
        if (args.length > 1) {
            write(Path.of(args[1]), markdown);
            System.out.println("Wrote " + args[1]);
        }
        if (args.length > 2) {
            write(Path.of(args[2]), RatioChart.svg(results));
            System.out.println("Wrote " + args[2]);
        }
    }

    private static void write(Path path, String text) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    /**
     * Reads a JMH JSON result.
     *
     * @param json the JSON text JMH wrote with {@code -rf json}
     * @return the scores, by problem, size and method
     */
    static Results read(String json) {
        Results results = new Results();
        String prefix = RatioTable.class.getPackageName() + ".";
        for (Object entry : (List<?>) Json.parse(json)) {
            Map<?, ?> run = (Map<?, ?>) entry;
            String benchmark = (String) run.get("benchmark");
            if (!benchmark.startsWith(prefix)) {
                continue;
            }
            String problem = benchmark.substring(prefix.length(), benchmark.lastIndexOf('.'));
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<?, ?> params = (Map<?, ?>) run.get("params");
            String size = params == null || params.isEmpty()
                    ? ""
                    : String.join(
                            ",",
                            new TreeMap<>(params)
                                    .values().stream().map(String::valueOf).toList());
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            double scale = nanosPer((String) metric.get("scoreUnit"));
            Object error = metric.get("scoreError");
            results.scores
                    .computeIfAbsent(problem, k -> new LinkedHashMap<>())
                    .computeIfAbsent(size, k -> new LinkedHashMap<>())
                    .put(
                            method,
                            new Score(
                                    (Double) metric.get("score") * scale,
                                    error instanceof Double d ? d * scale : Double.NaN));
            String jvm = String.format(
                    Locale.ROOT,
                    "JDK %s (%s %s), JMH %s",
                    run.get("jdkVersion"),
                    run.get("vmName"),
                    run.get("vmVersion"),
                    run.get("jmhVersion"));
            String profile = String.format(
                    Locale.ROOT,
                    "%s fork, %s x %s warm-up, %s x %s measured",
                    number(run.get("forks")),
                    number(run.get("warmupIterations")),
                    run.get("warmupTime"),
                    number(run.get("measurementIterations")),
                    run.get("measurementTime"));
            results.jvm = jvm;
            results.profiles.merge(profile, 1, Integer::sum);
        }
        List<String> profiles = new ArrayList<>();
        results.profiles.forEach((profile, count) -> profiles.add(profile + " (" + count + " benchmarks)"));
        results.settings = results.jvm + "; " + String.join("; ", profiles);
        return results;
    }

    private static String number(Object value) {
        return value instanceof Double d ? String.valueOf(d.intValue()) : String.valueOf(value);
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("unit " + unit + ": run in average-time mode");
        };
    }

    /**
     * The number of active inputs of a size: the value itself for a number, {@code K + K d + K d(d+1)/2} for a
     * GMM file, 266 for the LSTM file.
     *
     * @param size the size
     * @return the number of inputs; NaN if unknown
     */
    static double inputs(String size) {
        if (size.matches("\\d+")) {
            return Double.parseDouble(size);
        }
        Matcher gmm = Pattern.compile("gmm_\\w+_d(\\d+)_K(\\d+)").matcher(size);
        if (gmm.matches()) {
            int d = Integer.parseInt(gmm.group(1));
            int k = Integer.parseInt(gmm.group(2));
            return k + k * d + k * (d * (d + 1) / 2);
        }
        Matcher lstm = Pattern.compile("lstm_l(\\d+)_c\\d+").matcher(size);
        if (lstm.matches()) {
            return 8 * Integer.parseInt(lstm.group(1)) * 14 + 3 * 14;
        }
        return Double.NaN;
    }

    private static String sizeLabel(Problem problem, String size) {
        if (size.isEmpty()) {
            return problem.sizeName();
        }
        double inputs = inputs(size);
        if (problem.sizeName().isEmpty() && !Double.isNaN(inputs)) {
            return String.format(Locale.ROOT, "%s (%d inputs)", size, (long) inputs);
        }
        return problem.sizeName() + size;
    }

    /** A ratio column: numerator method over denominator method. */
    private record Column(String numerator, String denominator, String label) {}

    private static final List<Column> OVER_FUNCTION = List.of(
            new Column("gradientRecord", "function", "grad (record) / f"),
            new Column("gradientInPlace", "function", "grad (in place) / f"),
            new Column("jvp", "function", "1 JVP / f"),
            new Column("jvpGradient", "function", "n JVPs / f"),
            new Column("handWritten", "function", "by hand / f"),
            new Column("hipparchusGradient", "function", "Hipparchus Gradient / f"),
            new Column("hipparchusDS", "function", "Hipparchus DS / f"),
            new Column("finiteDifferences", "function", "central diff. / f"));

    private static final List<Column> OURS_OVER_PEER = List.of(
            new Column("ours", "handWritten", "ours / by hand"),
            new Column("ours", "hipparchusGradient", "ours / Hipparchus Gradient"),
            new Column("ours", "hipparchusDS", "ours / Hipparchus DS"),
            new Column("ours", "finiteDifferences", "ours / central diff."),
            new Column("ours", "jvpGradient", "ours / n JVPs"),
            new Column("gradientRecord", "gradientInPlace", "record / in place"));

    private static final List<Column> ALL_GREEKS = List.of(
            new Column("greeks", "function", "ours (grad + Hessian) / f"),
            new Column("hessian", "function", "Hessian alone / f"),
            new Column("hipparchusDS2", "function", "Hipparchus DS order 2 / f"),
            new Column("finiteDifferencesGreeks", "function", "differences (11 f) / f"),
            new Column("handWrittenGreeks", "function", "by hand / f"),
            new Column("greeks", "hipparchusDS2", "ours / Hipparchus DS2"),
            new Column("greeks", "finiteDifferencesGreeks", "ours / differences"),
            new Column("greeks", "handWrittenGreeks", "ours / by hand"));

    /**
     * The tables, as Markdown.
     *
     * @param results the run's scores
     * @param source  the result file's name, for the heading
     * @return the Markdown text, lines ending in a newline
     */
    static String markdown(Results results, String source) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark ratios\n\n");
        out.append("From `")
                .append(source)
                .append("`: ")
                .append(results.settings)
                .append(". ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" processors seen by the report's JVM. Ratios are taken within this one run; absolute times"
                        + " of a shared machine do not carry over. Errors: JMH's 99.9% intervals of numerator and"
                        + " denominator, combined in quadrature. \"ours\" is the generated reverse-mode gradient,"
                        + " allocation-free form where there is one (record form for Black-Scholes). Central"
                        + " differences: 2 evaluations per input with a fixed step (not NumericDiff's Ridders"
                        + " extrapolation, which costs 20 to 80). `-` means not measured in this run.\n\n");

        out.append("## Cost relative to the function (time / function time)\n\n");
        table(out, results, "f", OVER_FUNCTION, true);
        out.append("\n## Our reverse-mode gradient against each peer (our time / peer time; below 1: ours is faster)"
                + "\n\n");
        table(out, results, null, OURS_OVER_PEER, false);

        Map<String, Score> bs = results.row("BlackScholesBench", "");
        if (bs.containsKey("greeks")) {
            out.append("\n## Black-Scholes: all five Greeks (delta, vega, rho, theta and gamma)\n\n");
            out.append("| ");
            out.append(String.join(" | ", ALL_GREEKS.stream().map(Column::label).toList()))
                    .append(" |\n|");
            out.append("---:|".repeat(ALL_GREEKS.size())).append('\n');
            out.append("| ");
            List<String> cells = new ArrayList<>();
            for (Column column : ALL_GREEKS) {
                cells.add(ratio(bs.get(column.numerator()), bs.get(column.denominator())));
            }
            out.append(String.join(" | ", cells)).append(" |\n");
        }

        out.append("\n## Absolute times (for reference only: a shared machine)\n\n");
        out.append("| problem | size | method | time per call |\n|---|---|---|---:|\n");
        for (Problem problem : PROBLEMS) {
            for (String size : results.sizes(problem.benchmark())) {
                for (Map.Entry<String, Score> e :
                        results.row(problem.benchmark(), size).entrySet()) {
                    out.append("| ")
                            .append(problem.title())
                            .append(" | ")
                            .append(sizeLabel(problem, size))
                            .append(" | ")
                            .append(e.getKey())
                            .append(" | ")
                            .append(time(e.getValue()))
                            .append(" |\n");
                }
            }
        }
        return out.toString();
    }

    private static void table(
            StringBuilder out, Results results, String first, List<Column> columns, boolean withFunction) {
        out.append("| problem | size |");
        if (withFunction) {
            out.append(" f |");
        }
        for (Column column : columns) {
            out.append(' ').append(column.label()).append(" |");
        }
        out.append("\n|---|---|");
        if (withFunction) {
            out.append("---:|");
        }
        out.append("---:|".repeat(columns.size())).append('\n');
        for (Problem problem : PROBLEMS) {
            for (String size : results.sizes(problem.benchmark())) {
                Map<String, Score> row = results.row(problem.benchmark(), size);
                out.append("| ")
                        .append(problem.title())
                        .append(" | ")
                        .append(sizeLabel(problem, size))
                        .append(" |");
                if (withFunction) {
                    Score f = row.get("function");
                    out.append(' ').append(f == null ? "-" : time(f)).append(" |");
                }
                Score ours =
                        row.containsKey("gradientInPlace") ? row.get("gradientInPlace") : row.get("gradientRecord");
                for (Column column : columns) {
                    Score numerator = column.numerator().equals("ours") ? ours : row.get(column.numerator());
                    out.append(' ')
                            .append(ratio(numerator, row.get(column.denominator())))
                            .append(" |");
                }
                out.append('\n');
            }
        }
    }

    /**
     * A ratio with its error, e.g. {@code 12.1 ± 0.4}; {@code -} if either score is missing.
     *
     * @param numerator   the numerator's score
     * @param denominator the denominator's score
     * @return the text
     */
    static String ratio(Score numerator, Score denominator) {
        if (numerator == null || denominator == null) {
            return "-";
        }
        double r = numerator.ns() / denominator.ns();
        double relative = Math.hypot(numerator.errorNs() / numerator.ns(), denominator.errorNs() / denominator.ns());
        int decimals = decimals(r);
        String value = String.format(Locale.ROOT, "%." + decimals + "f", r);
        return Double.isNaN(relative)
                ? value
                : value + String.format(Locale.ROOT, " ± %." + decimals + "f", r * relative);
    }

    /** Decimals to show three significant digits of {@code x} (none beyond the units for x of 100 or more). */
    private static int decimals(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            return 2;
        }
        return Math.max(0, 2 - (int) Math.floor(Math.log10(x)));
    }

    /**
     * A time with a unit chosen for it, three significant digits, and its error.
     *
     * @param score the score
     * @return e.g. {@code 1.23 µs ± 0.02}
     */
    static String time(Score score) {
        double ns = score.ns();
        String[] units = {"ns", "µs", "ms", "s"};
        int u = 0;
        while (u < units.length - 1 && ns >= 1000) {
            ns /= 1000;
            u++;
        }
        double error = score.errorNs() / Math.pow(1000, u);
        int decimals = decimals(ns);
        String text = String.format(Locale.ROOT, "%." + decimals + "f %s", ns, units[u]);
        return Double.isNaN(error) ? text : text + String.format(Locale.ROOT, " ± %." + decimals + "f", error);
    }
}
