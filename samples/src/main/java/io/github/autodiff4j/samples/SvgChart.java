package io.github.autodiff4j.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A minimal line chart written as SVG text, with no dependencies: one polyline of {@code y} against {@code x}, axes
 * with ticks at round numbers and light grid lines, a title and axis labels. Both axes start at 0 (when the data
 * are non-negative) and end at the first round number at or above the largest value.
 */
final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 44;
    private static final int BOTTOM = 56;
    /** About this many intervals between ticks on each axis. */
    private static final int TICKS = 5;

    private SvgChart() {
    }

    /**
     * The SVG text of a line chart.
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
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need two or more points and as many x as y, got " + x.length
                    + " x and " + y.length + " y");
        }
        Axis horizontal = Axis.of(x);
        Axis vertical = Axis.of(y);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\">%s"
                + "</text>%n", WIDTH / 2, TOP / 2 + 4, escape(title)));

        // Grid lines and tick labels.
        svg.append("  <g stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
        for (double tick : horizontal.ticks()) {
            double px = LEFT + plotWidth * horizontal.fraction(tick);
            svg.append(String.format(Locale.ROOT, "    <line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>%n", px, TOP,
                    px, HEIGHT - BOTTOM));
        }
        for (double tick : vertical.ticks()) {
            double py = HEIGHT - BOTTOM - plotHeight * vertical.fraction(tick);
            svg.append(String.format(Locale.ROOT, "    <line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>%n", LEFT, py,
                    WIDTH - RIGHT, py));
        }
        svg.append("  </g>\n");
        svg.append("  <g fill=\"#333333\">\n");
        for (double tick : horizontal.ticks()) {
            double px = LEFT + plotWidth * horizontal.fraction(tick);
            svg.append(String.format(Locale.ROOT, "    <text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, HEIGHT - BOTTOM + 18, horizontal.label(tick)));
        }
        for (double tick : vertical.ticks()) {
            double py = HEIGHT - BOTTOM - plotHeight * vertical.fraction(tick);
            svg.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 8, py + 4, vertical.label(tick)));
        }
        svg.append("  </g>\n");

        // Axes and their labels.
        svg.append(String.format(Locale.ROOT, "  <polyline points=\"%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"black\""
                + " stroke-width=\"1\"/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 14, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 %d %.1f)\">%s</text>%n", 20, TOP + plotHeight / 2, 20,
                TOP + plotHeight / 2, escape(yLabel)));

        // The data.
        svg.append("  <polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" stroke-linejoin=\"round\""
                + " points=\"");
        for (int i = 0; i < x.length; i++) {
            double px = LEFT + plotWidth * horizontal.fraction(x[i]);
            double py = HEIGHT - BOTTOM - plotHeight * vertical.fraction(y[i]);
            svg.append(String.format(Locale.ROOT, i == 0 ? "%.2f,%.2f" : " %.2f,%.2f", px, py));
        }
        svg.append("\"/>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * Writes a line chart to {@code file}, creating its directory if needed.
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
        String svg = lineChart(title, xLabel, yLabel, x, y);
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
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * One axis: from {@code low} to {@code high}, whole multiples of {@code step}, with ticks at every step.
     */
    private record Axis(double low, double high, double step) {

        /** An axis covering the values, from 0 if none is negative, to round numbers. */
        static Axis of(double[] values) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cannot plot " + v);
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            min = Math.min(min, 0);
            max = Math.max(max, 0);
            if (max == min) {
                max = min + 1;
            }
            double step = niceStep((max - min) / TICKS);
            return new Axis(step * Math.floor(min / step), step * Math.ceil(max / step), step);
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

        /** Where {@code v} lies between {@code low} (0) and {@code high} (1). */
        double fraction(double v) {
            return (v - low) / (high - low);
        }

        /** The tick positions, {@code low, low + step, ..., high}. */
        double[] ticks() {
            int n = (int) Math.round((high - low) / step);
            double[] ticks = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                ticks[i] = low + i * step;
            }
            return ticks;
        }

        /** A tick's label, with as many decimals as the step needs. */
        String label(double tick) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }
    }
}
