package io.github.autodiff4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds and reads the input files of ADBench's GMM and LSTM objectives (Microsoft's automatic-differentiation
 * benchmark, MIT licence; see {@code data/adbench/README.md} and {@code LICENSE-ADBench.txt} beside it). A copy of
 * the samples' reader, so that the benchmarks do not depend on the samples module.
 *
 * <p>The folder is the system property {@value #PROPERTY} if set (the scripts set it), otherwise the first
 * {@code data/adbench} or {@code shared/data/adbench} holding {@code gmm_test.txt} in the working directory or a
 * folder above it.
 */
final class AdbenchData {

    /** The system property naming the data folder explicitly, e.g. {@code -Dadbench.dir=data/adbench}. */
    static final String PROPERTY = "adbench.dir";
    private static final Path[] RELATIVE = {Paths.get("data", "adbench"), Paths.get("shared", "data", "adbench")};
    private static final String MARKER = "gmm_test.txt";

    private AdbenchData() {
    }

    /** One GMM input file: {@code d K n}, alphas, means, icf, points, then the Wishart prior's gamma and m. */
    record GmmInput(String name, int d, int k, int n, double[] alphas, double[] means, double[] icf, double[] x,
                    double gamma, int m) {

        /**
         * The number of active inputs, {@code K + K d + K d(d+1)/2}.
         *
         * @return the count
         */
        int parameters() {
            return alphas.length + means.length + icf.length;
        }
    }

    /** One LSTM input file: {@code l c b}, main and extra parameters, the initial state, the sequence. */
    record LstmInput(String name, int l, int c, int b, double[] main, double[] extra, double[] state,
                     double[] sequence) {

        /**
         * The number of active inputs, {@code 8lb + 3b}.
         *
         * @return the count
         */
        int parameters() {
            return main.length + extra.length;
        }
    }

    /**
     * The folder holding the ADBench files.
     *
     * @return the folder
     * @throws IllegalStateException if the property names a folder without the data, or none is found
     */
    static Path directory() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Paths.get(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + property + " names " + dir
                        + ", which holds no " + MARKER);
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
        throw new IllegalStateException("The ADBench data (data/adbench/" + MARKER + ") is neither beside "
                + start + " nor beside any folder above it; set -D" + PROPERTY + "=<folder>");
    }

    /**
     * Reads a GMM input.
     *
     * @param name the file's name without {@code .txt}, e.g. {@code gmm_1k_d10_K50}
     * @return the input
     */
    static GmmInput readGmm(String name) {
        Tokens in = new Tokens(directory().resolve(name + ".txt"));
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
        return new GmmInput(name, d, k, n, alphas, means, icf, x, gamma, m);
    }

    /**
     * Reads an LSTM input.
     *
     * @param name the file's name without {@code .txt}, e.g. {@code lstm_l2_c1024}
     * @return the input
     */
    static LstmInput readLstm(String name) {
        Tokens in = new Tokens(directory().resolve(name + ".txt"));
        int l = in.nextInt();
        int c = in.nextInt();
        int b = in.nextInt();
        double[] main = in.nextDoubles(8 * l * b);
        double[] extra = in.nextDoubles(3 * b);
        double[] state = in.nextDoubles(2 * l * b);
        double[] sequence = in.nextDoubles(c * b);
        in.expectEnd();
        return new LstmInput(name, l, c, b, main, extra, state, sequence);
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
