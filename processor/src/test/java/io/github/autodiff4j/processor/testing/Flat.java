package io.github.autodiff4j.processor.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The flattening rule of the README ("The API") for test arguments: a double is one entry, a double[] its elements in order. */
public final class Flat {
    private Flat() {}

    public static double[] flatten(Object[] args, boolean[] active) {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!active[i]) {
                continue;
            }
            if (args[i] instanceof double[][] matrix) {
                Arrays.stream(matrix).flatMapToDouble(Arrays::stream).forEach(x::add);
            } else if (args[i] instanceof double[] array) {
                Arrays.stream(array).forEach(x::add);
            } else {
                x.add((Double) args[i]);
            }
        }
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static Object[] replace(Object[] args, boolean[] active, double[] x) {
        Object[] out = args.clone();
        int k = 0;
        for (int i = 0; i < out.length; i++) {
            if (!active[i]) {
                continue;
            }
            if (args[i] instanceof double[][] matrix) {
                double[][] rows = new double[matrix.length][];
                for (int r = 0; r < matrix.length; r++) {
                    rows[r] = Arrays.copyOfRange(x, k, k + matrix[r].length);
                    k += matrix[r].length;
                }
                out[i] = rows;
            } else if (args[i] instanceof double[] array) {
                out[i] = Arrays.copyOfRange(x, k, k + array.length);
                k += array.length;
            } else {
                out[i] = x[k++];
            }
        }
        return out;
    }

    /** A fresh copy of every array argument, so a function that writes its inputs cannot disturb the next call. */
    public static Object[] copy(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof double[][] m) {
                out[i] = Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
            } else if (out[i] instanceof double[] a) {
                out[i] = a.clone();
            } else if (out[i] instanceof int[] a) {
                out[i] = a.clone();
            }
        }
        return out;
    }
}
