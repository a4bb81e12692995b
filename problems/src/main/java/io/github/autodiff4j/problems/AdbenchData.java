package io.github.autodiff4j.problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds and reads the input files of ADBench's GMM and LSTM objectives (Microsoft's automatic-differentiation
 * benchmark, MIT licence; see {@code shared/data/adbench/README.md} and {@code LICENSE-ADBench.txt} beside it).
 *
 * <p>The repository carries the files the samples and tests read in {@code data/adbench}, with ADBench's licence;
 * the full set lives in {@code shared/data/adbench} beside the repository's folder. They are found as
 * {@link #directory()} says.
 */
public final class AdbenchData {

    /** The system property naming the data folder explicitly, e.g. {@code -Dadbench.dir=/data/adbench}. */
    public static final String PROPERTY = "adbench.dir";
    /** The data folder's path below a folder that holds it: the repository's own copy, or the shared original. */
    private static final Path[] RELATIVE = {Paths.get("data", "adbench"), Paths.get("shared", "data", "adbench")};
    /** A file every copy of the data holds, to recognise the folder. */
    private static final String MARKER = "gmm_test.txt";

    private AdbenchData() {}

    /**
     * The folder holding the ADBench files: the system property {@value #PROPERTY} if it is set; otherwise the
     * first {@code <folder>/data/adbench} or {@code <folder>/shared/data/adbench} holding {@code gmm_test.txt}, for
     * the working directory and each folder above it (so from {@code samples/}, where Maven runs the tests, it finds
     * the repository's {@code data/adbench}).
     *
     * @return the folder
     * @throws IllegalStateException if the property names a folder without the data, or none is found
     */
    public static Path directory() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Paths.get(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                throw new IllegalStateException(
                        "-D" + PROPERTY + "=" + property + " names " + dir + ", which holds no " + MARKER);
            }
            return dir;
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            for (Path relative : RELATIVE) {
                Path candidate = p.resolve(relative);
                if (Files.isRegularFile(candidate.resolve(MARKER))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("The ADBench data (data/adbench/" + MARKER + ") is neither beside " + start
                + " nor beside any folder above it; set -D" + PROPERTY + "=<folder>");
    }

    /**
     * A file of the data folder.
     *
     * @param name the file's name, e.g. {@code gmm_test.txt}
     * @return its path
     */
    public static Path file(String name) {
        return directory().resolve(name);
    }

    /**
     * Reads a GMM input: {@code d K n}, the K alphas, K means of d values, K icf vectors of d(d+1)/2 values, n
     * points of d values, then the Wishart prior's {@code gamma m}. Line breaks carry no meaning.
     *
     * @param name the file's name in the data folder, e.g. {@code gmm_1k_d10_K50.txt}
     * @return the input
     */
    public static Gmm.Input readGmm(String name) {
        Tokens in = new Tokens(file(name));
        int d = in.nextInt();
        int k = in.nextInt();
        int n = in.nextInt();
        double[] alphas = in.nextDoubles(k);
        double[] means = in.nextDoubles(k * d);
        double[] icf = in.nextDoubles(k * (d * (d + 1) / 2));
        double[] x = in.nextDoubles(n * d);
        double gamma = in.nextDouble();
        int m = in.nextInt();
        in.expectEnd();
        return new Gmm.Input(name, d, k, n, alphas, means, icf, x, gamma, m);
    }

    /**
     * Reads an LSTM input: {@code l c b}, 8lb main parameters, 3b extra parameters, 2lb state values and cb
     * sequence values.
     *
     * @param name the file's name in the data folder, e.g. {@code lstm_l2_c1024.txt}
     * @return the input
     */
    public static Lstm.Input readLstm(String name) {
        Tokens in = new Tokens(file(name));
        int l = in.nextInt();
        int c = in.nextInt();
        int b = in.nextInt();
        double[] main = in.nextDoubles(8 * l * b);
        double[] extra = in.nextDoubles(3 * b);
        double[] state = in.nextDoubles(2 * l * b);
        double[] sequence = in.nextDoubles(c * b);
        in.expectEnd();
        return new Lstm.Input(name, l, c, b, main, extra, state, sequence);
    }

    /** The whitespace-separated tokens of a file, read in order. */
    private static final class Tokens {

        private final Path path;
        private final String[] tokens;
        private int next;

        Tokens(Path path) {
            this.path = path;
            try {
                this.tokens = Files.readString(path).trim().split("\\s+");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }

        String nextToken() {
            if (next >= tokens.length) {
                throw new IllegalArgumentException(path + " ends after " + tokens.length + " tokens; more expected");
            }
            return tokens[next++];
        }

        int nextInt() {
            return Integer.parseInt(nextToken());
        }

        double nextDouble() {
            return Double.parseDouble(nextToken());
        }

        double[] nextDoubles(int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = nextDouble();
            }
            return values;
        }

        void expectEnd() {
            if (next != tokens.length) {
                throw new IllegalArgumentException(path + " has " + (tokens.length - next) + " unread tokens");
            }
        }
    }
}
