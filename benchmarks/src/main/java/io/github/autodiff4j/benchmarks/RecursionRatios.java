package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.benchmarks.RatioTable.Score;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios of {@link RecursionBench} from JMH's JSON, as a Markdown table: gradient, JVP and Hessian time over the
 * function's, by shape and depth. Constant ratios across depths mean that the derivatives cost O(depth), as the
 * function does.
 */
public final class RecursionRatios {
    private RecursionRatios() {}

    /**
     * Prints the table.
     *
     * @param args the JSON file JMH wrote with {@code -rf json}
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        RatioTable.Results results = RatioTable.read(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        Map<String, Map<String, Score>> rows = results.scores.getOrDefault("RecursionBench", Map.of());
        StringBuilder out = new StringBuilder("| recursion | depth | f (us) | grad / f | JVP / f | Hessian / f |"
                + " Hessian / f per column |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String shape : new String[] {"direct", "mutual"}) {
            int columns = shape.equals("direct") ? 1 : 2;
            for (String depth : new String[] {"100", "1000", "2000"}) {
                Map<String, Score> row = rows.get(depth + "," + shape);
                if (row == null) {
                    continue;
                }
                Score f = row.get("function");
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.2f | %s | %s | %s | %.2f |\n",
                        shape.equals("direct") ? "direct, one double" : "mutual, two doubles",
                        depth,
                        f.ns() / 1e3,
                        RatioTable.ratio(row.get("gradientRecord"), f),
                        RatioTable.ratio(row.get("jvp"), f),
                        RatioTable.ratio(row.get("hessian"), f),
                        row.get("hessian").ns() / f.ns() / columns));
            }
        }
        System.out.print(out);
    }
}
