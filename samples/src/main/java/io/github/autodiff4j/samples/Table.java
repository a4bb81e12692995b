package io.github.autodiff4j.samples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints labelled rows of numbers in aligned columns, for gradients and Hessians. Numbers are shown to 12
 * significant digits without trailing zeros, so {@code 24.200000000000003} reads as {@code 24.2}; the checks, not
 * the tables, report how exact a number is.
 */
final class Table {

    private static final String INDENT = "      ";
    private static final int LABEL = 30;
    private static final int COLUMN = 18;

    private Table() {}

    /**
     * Prints the column headings.
     *
     * @param out     where to print
     * @param columns one heading per column
     */
    static void header(PrintStream out, String... columns) {
        StringBuilder line = new StringBuilder(INDENT).append(" ".repeat(LABEL));
        for (String column : columns) {
            line.append(String.format("%" + COLUMN + "s", column));
        }
        out.println(line);
    }

    /**
     * Prints one labelled row.
     *
     * @param out    where to print
     * @param label  the row's label
     * @param values the row's numbers, one per column
     */
    static void row(PrintStream out, String label, double... values) {
        StringBuilder line = new StringBuilder(INDENT).append(String.format("%-" + LABEL + "s", label));
        for (double v : values) {
            line.append(String.format("%" + COLUMN + "s", number(v)));
        }
        out.println(line);
    }

    /**
     * Prints a square matrix with the same labels on its rows and columns.
     *
     * @param out    where to print
     * @param labels the name of each row and column
     * @param matrix the matrix
     */
    static void matrix(PrintStream out, String[] labels, double[][] matrix) {
        header(out, labels);
        for (int i = 0; i < matrix.length; i++) {
            row(out, labels[i], matrix[i]);
        }
    }

    /**
     * A number to 12 significant digits, without trailing zeros.
     *
     * @param v the number
     * @return its text
     */
    static String number(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v == 0 ? 0.0 : v).replace(".0", "");
        }
        String text = String.format(Locale.ROOT, "%.12g", v);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        String rest = exponent < 0 ? "" : text.substring(exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + rest;
    }
}
