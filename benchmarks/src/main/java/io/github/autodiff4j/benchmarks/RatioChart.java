package io.github.autodiff4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chart of one run, as hand-written SVG with no dependencies: our reverse-mode gradient's time over the
 * function's against the number of active inputs (logarithmic axis), for Rosenbrock (n = 10 to 10000) and ADBench's
 * GMM files; for reference, the ratios the ADBench paper published for Tapenade and hand-written C++ on the same GMM
 * sizes (10000 points, 2015; see {@code data/adbench/README.md}), and the target of 3.
 */
final class RatioChart {

    private static final int WIDTH = 860;
    private static final int HEIGHT = 460;
    private static final int LEFT = 64;
    private static final int RIGHT = 250;
    private static final int TOP = 54;
    private static final int BOTTOM = 56;

    /** ADBench's published gradient/objective ratios on GMM, by number of inputs: d2 K5, d10 K5, d2 K200, d10 K50. */
    private static final double[] ADBENCH_INPUTS = {30, 330, 1200, 3300};

    private static final double[] TAPENADE = {3.74, 7.69, 4.09, 7.93};
    private static final double[] HAND_CPP = {1.88, 2.94, 2.18, 3.13};

    private RatioChart() {}

    /** One series: points joined by a line (or not), with a marker. */
    private record Series(String name, String color, boolean dashed, boolean hollow, double[] x, double[] y) {}

    /**
     * The chart for a run.
     *
     * @param results the run's scores
     * @return a complete SVG document
     */
    static String svg(RatioTable.Results results) {
        List<Series> series = new ArrayList<>();
        addMeasured(series, results, "RosenbrockBench", "gradientInPlace", "Rosenbrock, in place", "#1f77b4", false);
        addMeasured(series, results, "RosenbrockBench", "gradientRecord", "Rosenbrock, record", "#1f77b4", true);
        addMeasured(series, results, "GmmBench", "gradientInPlace", "GMM (1k points), in place", "#d62728", false);
        addMeasured(series, results, "GmmBench", "gradientRecord", "GMM (1k points), record", "#d62728", true);
        addMeasured(
                series, results, "ReferenceGmmBench", "gradientInPlace", "GMM, C++ shape, in place", "#9467bd", false);
        series.add(new Series("GMM, Tapenade (paper)", "#7f7f7f", true, true, ADBENCH_INPUTS, TAPENADE));
        series.add(new Series("GMM, by hand in C++ (paper)", "#2ca02c", true, true, ADBENCH_INPUTS, HAND_CPP));

        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 3;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        double lo = Math.floor(Math.log10(xMin));
        double hi = Math.ceil(Math.log10(xMax));
        if (hi <= lo) {
            hi = lo + 1;
        }
        double yStep = niceStep(yMax / 6);
        double yTop = Math.ceil(yMax * 1.05 / yStep) * yStep;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double fLo = lo;
        double fHi = hi;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + plotW * (Math.log10(x) - fLo) / (fHi - fLo);
        java.util.function.DoubleUnaryOperator py = y -> TOP + plotH * (1 - y / yTop);

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(f(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("  <rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        svg.append(f(
                "  <text x=\"%.1f\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">Reverse-mode gradient time"
                        + " / function time</text>\n",
                LEFT + plotW / 2));
        svg.append(f(
                "  <text x=\"%.1f\" y=\"42\" text-anchor=\"middle\" fill=\"#555555\">one JMH run, side by side;"
                        + " 2-core shared machine</text>\n",
                LEFT + plotW / 2));

        // Grid: decades and their 2..9 multiples on x, round steps on y.
        svg.append("  <g stroke-width=\"1\">\n");
        for (double e = lo; e <= hi; e++) {
            for (int m = 1; m <= 9; m++) {
                double x = m * Math.pow(10, e);
                if (Math.log10(x) > hi + 1e-9) {
                    break;
                }
                double at = px.applyAsDouble(x);
                svg.append(f(
                        "    <line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"/>\n",
                        at, TOP, at, TOP + plotH, m == 1 ? "#d0d0d0" : "#f0f0f0"));
            }
        }
        for (double y = 0; y <= yTop + 1e-9; y += yStep) {
            double at = py.applyAsDouble(y);
            svg.append(f(
                    "    <line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#e0e0e0\"/>\n",
                    LEFT, at, LEFT + plotW, at));
        }
        svg.append("  </g>\n");
        svg.append("  <g fill=\"#333333\">\n");
        for (double e = lo; e <= hi; e++) {
            svg.append(f(
                    "    <text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                    px.applyAsDouble(Math.pow(10, e)), TOP + plotH + 18, decade((int) e)));
        }
        for (double y = 0; y <= yTop + 1e-9; y += yStep) {
            svg.append(f(
                    "    <text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n",
                    LEFT - 6, py.applyAsDouble(y) + 4, trim(y)));
        }
        svg.append(f(
                "    <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">active inputs (log scale)</text>\n",
                LEFT + plotW / 2, HEIGHT - 14));
        svg.append(f(
                "    <text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">gradient"
                        + " / function</text>\n",
                TOP + plotH / 2, TOP + plotH / 2));
        svg.append("  </g>\n");
        svg.append(f(
                "  <rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888888\"/>\n",
                LEFT, TOP, plotW, plotH));

        // The target.
        double target = py.applyAsDouble(3);
        svg.append(f(
                "  <line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#ff7f0e\" stroke-width=\"1.5\""
                        + " stroke-dasharray=\"2 4\"/>\n",
                LEFT, target, LEFT + plotW, target));

        // The series.
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                points.append(f("%.2f,%.2f ", px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])));
            }
            svg.append(f(
                    "  <polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
                    points.toString().trim(),
                    s.color(),
                    s.hollow() ? "1" : "2",
                    s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            for (int i = 0; i < s.x().length; i++) {
                svg.append(f(
                        "  <circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\" stroke=\"%s\"><title>%s: %s"
                                + " inputs, %s</title></circle>\n",
                        px.applyAsDouble(s.x()[i]),
                        py.applyAsDouble(s.y()[i]),
                        s.hollow() ? "white" : s.color(),
                        s.color(),
                        escape(s.name()),
                        trim(s.x()[i]),
                        trim(Math.round(s.y()[i] * 100) / 100.0)));
            }
        }

        // The legend, right of the plot.
        double lx = LEFT + plotW + 16;
        double ly = TOP + 10;
        for (Series s : series) {
            svg.append(f(
                    "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                            + "\n",
                    lx, ly, lx + 28, ly, s.color(), s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(f(
                    "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>\n",
                    lx + 14, ly, s.hollow() ? "white" : s.color(), s.color()));
            svg.append(f("  <text x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 36, ly + 4, escape(s.name())));
            ly += 22;
        }
        svg.append(f(
                "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ff7f0e\" stroke-width=\"1.5\""
                        + " stroke-dasharray=\"2 4\"/>\n",
                lx, ly, lx + 28, ly));
        svg.append(f("  <text x=\"%.1f\" y=\"%.1f\">issue 5 target: 3</text>\n", lx + 36, ly + 4));
        ly += 30;
        svg.append(f(
                "  <text x=\"%.1f\" y=\"%.1f\" fill=\"#555555\" font-size=\"11\">paper: ADBench, 10k points,"
                        + "</text>\n",
                lx, ly));
        svg.append(f(
                "  <text x=\"%.1f\" y=\"%.1f\" fill=\"#555555\" font-size=\"11\">C++ on a Xeon, 2015</text>\n",
                lx, ly + 14));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void addMeasured(
            List<Series> series,
            RatioTable.Results results,
            String problem,
            String method,
            String name,
            String color,
            boolean dashed) {
        List<double[]> points = new ArrayList<>();
        for (String size : results.sizes(problem)) {
            Map<String, RatioTable.Score> row = results.row(problem, size);
            double inputs = RatioTable.inputs(size);
            if (row.containsKey(method) && row.containsKey("function") && !Double.isNaN(inputs)) {
                points.add(new double[] {
                    inputs, row.get(method).ns() / row.get("function").ns()
                });
            }
        }
        if (points.isEmpty()) {
            return;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        series.add(new Series(name, color, dashed, false, x, y));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String decade(int e) {
        return e <= 4 ? String.valueOf((long) Math.pow(10, e)) : "1e" + e;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
