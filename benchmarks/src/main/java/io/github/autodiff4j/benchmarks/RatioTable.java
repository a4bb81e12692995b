package io.github.autodiff4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the ratios of one JMH run of {@link RosenbrockBench}, read from its JSON result file ({@code -rf json}):
 * gradient / function (record and allocation-free forms), JVP / function, and generated / hand-written gradient, per
 * {@code n}. Ratios taken within one run are what carries over between machines; the absolute times of a shared
 * machine do not. Each ratio is followed by its error, from JMH's 99.9% score errors of numerator and denominator
 * combined in quadrature (relative); with one fork this understates the run-to-run spread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.autodiff4j.benchmarks.RatioTable result.json}
 */
public final class RatioTable {

    private RatioTable() {
    }

    /** A score and its error, in the run's unit. */
    private record Score(double score, double error, String unit) {
    }

    /**
     * Reads the file named by the one argument and prints the table to standard output.
     *
     * @param args the JSON result file of a JMH run
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RatioTable <jmh-result.json>");
            System.exit(2);
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.print(table(json));
    }

    /**
     * The table for a JMH JSON result.
     *
     * @param json the JSON text JMH wrote with {@code -rf json}
     * @return the table, lines ending in a newline
     */
    static String table(String json) {
        // n -> benchmark method name -> score
        Map<Integer, Map<String, Score>> byN = new TreeMap<>();
        for (Object entry : (List<?>) new Parser(json).parse()) {
            Map<?, ?> run = (Map<?, ?>) entry;
            String benchmark = (String) run.get("benchmark");
            if (!benchmark.startsWith(RosenbrockBench.class.getName() + ".")) {
                continue;
            }
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<?, ?> params = (Map<?, ?>) run.get("params");
            int n = Integer.parseInt((String) params.get("n"));
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            Object error = metric.get("scoreError");
            byN.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(method, new Score(
                    (Double) metric.get("score"),
                    error instanceof Double d ? d : Double.NaN,
                    (String) metric.get("scoreUnit")));
        }
        StringBuilder out = new StringBuilder();
        String[][] columns = {
            {"gradientRecord", "function", "grad(record)/f"},
            {"gradientInPlace", "function", "grad(in place)/f"},
            {"jvp", "function", "jvp/f"},
            {"handWritten", "function", "hand grad/f"},
            {"gradientInPlace", "handWritten", "in place/hand"},
            {"gradientRecord", "handWritten", "record/hand"},
        };
        out.append(String.format(Locale.ROOT, "%7s", "n"));
        for (String[] column : columns) {
            out.append(String.format(Locale.ROOT, " | %-17s", column[2]));
        }
        out.append('\n');
        out.append("-".repeat(7 + columns.length * 20)).append('\n');
        for (Map.Entry<Integer, Map<String, Score>> row : byN.entrySet()) {
            out.append(String.format(Locale.ROOT, "%7d", row.getKey()));
            for (String[] column : columns) {
                out.append(" | ").append(ratio(row.getValue().get(column[0]), row.getValue().get(column[1])));
            }
            out.append('\n');
        }
        out.append("\nAbsolute times, for reference only (shared machine):\n");
        List<String> methods = List.of("function", "gradientRecord", "gradientInPlace", "jvp", "handWritten");
        out.append(String.format(Locale.ROOT, "%7s", "n"));
        for (String method : methods) {
            out.append(String.format(Locale.ROOT, " | %15s", method));
        }
        out.append('\n');
        for (Map.Entry<Integer, Map<String, Score>> row : byN.entrySet()) {
            out.append(String.format(Locale.ROOT, "%7d", row.getKey()));
            for (String method : methods) {
                Score s = row.getValue().get(method);
                out.append(s == null ? String.format(Locale.ROOT, " | %15s", "-")
                        : String.format(Locale.ROOT, " | %9.1f %-5s", s.score(), s.unit()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String ratio(Score numerator, Score denominator) {
        if (numerator == null || denominator == null) {
            return String.format(Locale.ROOT, "%-17s", "-");
        }
        double r = numerator.score() / denominator.score();
        double relative = Math.hypot(numerator.error() / numerator.score(), denominator.error() / denominator.score());
        String text = Double.isNaN(relative)
                ? String.format(Locale.ROOT, "%6.2f", r)
                : String.format(Locale.ROOT, "%6.2f ± %.2f", r, r * relative);
        return String.format(Locale.ROOT, "%-17s", text);
    }

    /** Just enough JSON: objects, arrays, strings, numbers (as {@link Double}), true, false, null; "NaN" stays a string. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object parse() {
            Object value = value();
            space();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            space();
            if (s.charAt(i) == '}') {
                i++;
                return map;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            space();
            if (s.charAt(i) == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private Double number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.valueOf(s.substring(start, i));
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return value;
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("JMH JSON, offset " + i + ": " + message);
        }
    }
}
