package io.github.autodiff4j.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal line chart written as SVG text, with no dependencies: one or more series of {@code y} against {@code x},
 * each axis linear or logarithmic, ticks at round numbers (linear) or powers of ten (logarithmic) with light grid
 * lines, a title, axis labels and, for several series, a legend to the right of the plot where it cannot hide data.
 * The first series is drawn last, on top of the others.
 * A linear axis starts at 0 when the data are non-negative and ends at the first round number at or above the
 * largest value; a logarithmic one spans whole decades.
 */
final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    /** The legend's width besides its text: margin, line sample, gap. */
    private static final int LEGEND_PADDING = 60;
    /** A generous average width of a 12-pixel sans-serif character, to size the legend. */
    private static final double CHARACTER_WIDTH = 7;

    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 44;
    private static final int BOTTOM = 56;
    /** About this many intervals between ticks on a linear axis. */
    private static final int TICKS = 5;
    /** A logarithmic axis labels every decade up to this many, and every second, third... decade beyond. */
    private static final int MAX_DECADE_TICKS = 9;

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#7f7f7f"};

    private SvgChart() {}

    /**
     * One line of a chart.
     *
     * @param name    its name in the legend
     * @param x       the horizontal coordinates, finite
     * @param y       the vertical coordinates, as many as {@code x}, finite
     * @param dashed  whether the line is dashed (for a reference line rather than a measurement)
     * @param markers whether each point gets a dot
     */
    record Series(String name, double[] x, double[] y, boolean dashed, boolean markers) {

        Series {
            if (x.length != y.length || x.length < 2) {
                throw new IllegalArgumentException(
                        "need two or more points and as many x as y, got " + x.length + " x and " + y.length + " y");
            }
            for (double[] values : new double[][] {x, y}) {
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("cannot plot " + v + " in " + name);
                    }
                }
            }
        }

        /** A solid line without dots. */
        static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, false, false);
        }
    }

    /**
     * The SVG text of a chart with a single series and no legend, both axes linear.
     *
     * @param title  the title, above the plot
     * @param xLabel the horizontal axis's label
     * @param yLabel the vertical axis's label
     * @param x      the horizontal coordinates, at least two, finite
     * @param y      the vertical coordinates, as many as {@code x}, finite
     * @return a complete SVG document
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than two points, or hold a value
     *                                  that is not finite
     */
    static String lineChart(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return chart(title, xLabel, false, yLabel, false, List.of(Series.line("", x, y)));
    }

    /**
     * The SVG text of a chart. On a logarithmic axis points at or below 0 cannot be drawn: the line breaks there.
     *
     * @param title  the title, above the plot
     * @param xLabel the horizontal axis's label
     * @param logX   whether the horizontal axis is logarithmic
     * @param yLabel the vertical axis's label
     * @param logY   whether the vertical axis is logarithmic
     * @param series the lines, drawn in order; a legend names them when there are several
     * @return a complete SVG document
     */
    static String chart(String title, String xLabel, boolean logX, String yLabel, boolean logY, List<Series> series) {
        boolean legend = series.size() > 1;
        int legendWidth = legend
                ? LEGEND_PADDING
                        + (int) Math.ceil(CHARACTER_WIDTH
                                * series.stream()
                                        .mapToInt(s -> s.name().length())
                                        .max()
                                        .orElse(0))
                : 0;
        int width = WIDTH + legendWidth;
        double plotRight = width - RIGHT - legendWidth;
        double plotWidth = plotRight - LEFT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Axis horizontal = Axis.of(series, true, logX);
        Axis vertical = Axis.of(series, false, logY);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width,
                HEIGHT,
                width,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, HEIGHT));
        svg.append(String.format(
                Locale.ROOT,
                "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\">%s" + "</text>%n",
                width / 2.0,
                TOP / 2 + 4,
                escape(title)));

        // Grid lines and tick labels.
        svg.append("  <g stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
        for (double tick : horizontal.ticks()) {
            double px = LEFT + plotWidth * horizontal.fraction(tick);
            svg.append(String.format(
                    Locale.ROOT,
                    "    <line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>%n",
                    px,
                    TOP,
                    px,
                    HEIGHT - BOTTOM));
        }
        for (double tick : vertical.ticks()) {
            double py = HEIGHT - BOTTOM - plotHeight * vertical.fraction(tick);
            svg.append(String.format(
                    Locale.ROOT,
                    "    <line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>%n",
                    LEFT,
                    py,
                    plotRight,
                    py));
        }
        svg.append("  </g>\n");
        svg.append("  <g fill=\"#333333\">\n");
        for (double tick : horizontal.ticks()) {
            double px = LEFT + plotWidth * horizontal.fraction(tick);
            svg.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px,
                    HEIGHT - BOTTOM + 18,
                    horizontal.label(tick)));
        }
        for (double tick : vertical.ticks()) {
            double py = HEIGHT - BOTTOM - plotHeight * vertical.fraction(tick);
            svg.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 8,
                    py + 4,
                    vertical.label(tick)));
        }
        svg.append("  </g>\n");

        // Axes and their labels.
        svg.append(String.format(
                Locale.ROOT,
                "  <polyline points=\"%d,%d %d,%d %.2f,%d\" fill=\"none\"" + " stroke=\"black\" stroke-width=\"1\"/>%n",
                LEFT,
                TOP,
                LEFT,
                HEIGHT - BOTTOM,
                plotRight,
                HEIGHT - BOTTOM));
        svg.append(String.format(
                Locale.ROOT,
                "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2,
                HEIGHT - 14,
                escape(xLabel)));
        svg.append(String.format(
                Locale.ROOT,
                "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\"" + " transform=\"rotate(-90 %d %.1f)\">%s</text>%n",
                20,
                TOP + plotHeight / 2,
                20,
                TOP + plotHeight / 2,
                escape(yLabel)));

        // The data, one polyline per unbroken run of drawable points; the first series last, on top.
        for (int s = series.size() - 1; s >= 0; s--) {
            Series line = series.get(s);
            String color = COLORS[s % COLORS.length];
            List<String> run = new ArrayList<>();
            List<String> dots = new ArrayList<>();
            for (int i = 0; i <= line.x().length; i++) {
                boolean drawable = i < line.x().length && horizontal.shows(line.x()[i]) && vertical.shows(line.y()[i]);
                if (drawable) {
                    String point = String.format(
                            Locale.ROOT,
                            "%.2f,%.2f",
                            LEFT + plotWidth * horizontal.fraction(line.x()[i]),
                            HEIGHT - BOTTOM - plotHeight * vertical.fraction(line.y()[i]));
                    run.add(point);
                    dots.add(point);
                } else if (!run.isEmpty()) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "  <polyline fill=\"none\" stroke=\"%s\""
                                    + " stroke-width=\"1.5\" stroke-linejoin=\"round\"%s points=\"%s\"/>%n",
                            color,
                            line.dashed() ? " stroke-dasharray=\"6 4\"" : "",
                            String.join(" ", run)));
                    run.clear();
                }
            }
            if (line.markers()) {
                svg.append(String.format(Locale.ROOT, "  <g fill=\"%s\">%n", color));
                for (String dot : dots) {
                    String[] xy = dot.split(",");
                    svg.append(
                            String.format(Locale.ROOT, "    <circle cx=\"%s\" cy=\"%s\" r=\"2.2\"/>%n", xy[0], xy[1]));
                }
                svg.append("  </g>\n");
            }
        }
        if (legend) {
            legend(svg, series, plotRight + 16);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The legend: a short stretch of each series' line, then its name, one per row from the plot's top. */
    private static void legend(StringBuilder svg, List<Series> series, double left) {
        svg.append("  <g>\n");
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String color = COLORS[s % COLORS.length];
            double y = TOP + 10 + 22 * s;
            svg.append(String.format(
                    Locale.ROOT,
                    "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
                    left,
                    y,
                    left + 26,
                    y,
                    color,
                    line.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            if (line.markers()) {
                svg.append(String.format(
                        Locale.ROOT,
                        "    <circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"/>%n",
                        left + 13,
                        y,
                        color));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%.1f\" y=\"%.1f\" fill=\"#333333\">%s</text>%n",
                    left + 34,
                    y + 4,
                    escape(line.name())));
        }
        svg.append("  </g>\n");
    }

    /**
     * Writes a single-series line chart to {@code file}, creating its directory if needed.
     *
     * @param file   where to write
     * @param title  the title
     * @param xLabel the horizontal axis's label
     * @param yLabel the vertical axis's label
     * @param x      the horizontal coordinates
     * @param y      the vertical coordinates
     * @return the SVG text written
     * @throws IOException if the file cannot be written
     */
    static String write(Path file, String title, String xLabel, String yLabel, double[] x, double[] y)
            throws IOException {
        return write(file, lineChart(title, xLabel, yLabel, x, y));
    }

    /**
     * Writes SVG text to {@code file}, creating its directory if needed.
     *
     * @param file where to write
     * @param svg  the text
     * @return the text
     * @throws IOException if the file cannot be written
     */
    static String write(Path file, String svg) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        return svg;
    }

    /**
     * Text with XML's special characters replaced by entities.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /**
     * One axis from {@code low} to {@code high} with ticks {@code step} apart; on a logarithmic axis all three are
     * powers of ten (exponents, in fact: {@code low = -8} means {@code 1e-8}).
     */
    private record Axis(double low, double high, double step, boolean log) {

        /** An axis covering the series' horizontal or vertical values. */
        static Axis of(List<Series> series, boolean horizontal, boolean log) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (double v : horizontal ? s.x() : s.y()) {
                    if (!log || v > 0) {
                        min = Math.min(min, log ? Math.log10(v) : v);
                        max = Math.max(max, log ? Math.log10(v) : v);
                    }
                }
            }
            if (min > max) {
                throw new IllegalArgumentException("nothing to plot: no value above 0 on a logarithmic axis");
            }
            if (log) {
                double low = Math.floor(min + 1e-9);
                double high = Math.max(low + 1, Math.ceil(max - 1e-9));
                return new Axis(low, high, Math.ceil((high - low) / MAX_DECADE_TICKS), true);
            }
            min = Math.min(min, 0);
            max = Math.max(max, 0);
            if (max == min) {
                max = min + 1;
            }
            double step = niceStep((max - min) / TICKS);
            return new Axis(step * Math.floor(min / step), step * Math.ceil(max / step), step, false);
        }

        /** 1, 2 or 5 times a power of 10, at or above {@code raw}. */
        static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double multiple : new double[] {1, 2, 5, 10}) {
                if (multiple * power >= raw * (1 - 1e-9)) {
                    return multiple * power;
                }
            }
            return 10 * power;
        }

        /** Whether {@code v} can be drawn on this axis. */
        boolean shows(double v) {
            return !log || v > 0;
        }

        /** Where {@code v} lies between {@code low} (0) and {@code high} (1). */
        double fraction(double v) {
            return ((log ? Math.log10(v) : v) - low) / (high - low);
        }

        /** The tick positions, as values (not exponents). */
        double[] ticks() {
            int n = (int) Math.floor((high - low) / step + 1e-9);
            double[] ticks = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                ticks[i] = log ? Math.pow(10, low + i * step) : low + i * step;
            }
            return ticks;
        }

        /** A tick's label: with as many decimals as the step needs, or as a power of ten. */
        String label(double tick) {
            if (log) {
                long exponent = Math.round(Math.log10(tick));
                // A typographic minus: the hyphen looks like a dash at superscript size.
                return exponent == 0
                        ? "1"
                        : exponent == 1
                                ? "10"
                                : "10<tspan dy=\"-6\" font-size=\"9\">"
                                        + (exponent < 0 ? "\u2212" + -exponent : String.valueOf(exponent)) + "</tspan>";
            }
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }
    }
}
