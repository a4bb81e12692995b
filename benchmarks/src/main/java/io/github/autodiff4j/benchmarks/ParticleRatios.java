package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.benchmarks.RatioTable.Score;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of {@link ParticleBench} from JMH's JSON: for the {@code record Vec3} layout and the {@code double[]}
 * layout of the same simulation, the function's and the gradient's time, gradient / function, and the bytes each
 * allocates per call ({@code gc.alloc.rate.norm}, when JMH ran with {@code -prof gc}); then record / array.
 */
public final class ParticleRatios {
    private ParticleRatios() {}

    /**
     * Prints the table.
     *
     * @param args the JSON file JMH wrote with {@code -rf json}
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        RatioTable.Results results = RatioTable.read(json);
        Map<String, Score> row =
                results.scores.getOrDefault("ParticleBench", Map.of()).getOrDefault("", Map.of());
        Map<String, Double> bytes = allocation(json);
        StringBuilder out = new StringBuilder();
        out.append(results.settings).append("\n\n");
        out.append("| layout | f | gradient | gradient / f | f B/op | gradient B/op |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (String[] line : List.of(
                new String[] {"record Vec3", "recordFunction", "recordGradient"},
                new String[] {"double[]", "arrayFunction", "arrayGradient"},
                new String[] {"double[], allocation-free gradient", "arrayFunction", "arrayGradientInPlace"})) {
            Score f = row.get(line[1]);
            Score g = row.get(line[2]);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s |\n",
                    line[0],
                    f == null ? "-" : RatioTable.time(f),
                    g == null ? "-" : RatioTable.time(g),
                    RatioTable.ratio(g, f),
                    bytes(bytes.get(line[1])),
                    bytes(bytes.get(line[2]))));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nrecord / array: f %s, gradient %s (record forms), gradient / f %s%n",
                RatioTable.ratio(row.get("recordFunction"), row.get("arrayFunction")),
                RatioTable.ratio(row.get("recordGradient"), row.get("arrayGradient")),
                ratioOfRatios(row)));
        System.out.print(out);
    }

    /** (record gradient / record f) / (array gradient / array f). */
    private static String ratioOfRatios(Map<String, Score> row) {
        Score rf = row.get("recordFunction");
        Score rg = row.get("recordGradient");
        Score af = row.get("arrayFunction");
        Score ag = row.get("arrayGradient");
        if (rf == null || rg == null || af == null || ag == null) {
            return "-";
        }
        double r = rg.ns() / rf.ns() / (ag.ns() / af.ns());
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static String bytes(Double b) {
        return b == null ? "-" : String.format(Locale.ROOT, "%,.0f", b);
    }

    /** Each method's {@code gc.alloc.rate.norm} in bytes per operation, where JMH measured it. */
    private static Map<String, Double> allocation(String json) {
        Map<String, Double> bytes = new HashMap<>();
        for (Object entry : (List<?>) Json.parse(json)) {
            Map<?, ?> run = (Map<?, ?>) entry;
            String benchmark = (String) run.get("benchmark");
            Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
            if (secondary != null && secondary.get("gc.alloc.rate.norm") instanceof Map<?, ?> metric) {
                bytes.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), (Double) metric.get("score"));
            }
        }
        return bytes;
    }
}
