package io.github.autodiff4j.problems;

/** Flat parameter vectors: the problems split theirs into parts, and checks compare them whole. */
public final class Vectors {

    private Vectors() {}

    /**
     * The arrays concatenated.
     *
     * @param parts the arrays
     * @return a new array holding them one after the other
     */
    public static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] all = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
