package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Tape;
import io.github.autodiff4j.problems.AdbenchData;
import io.github.autodiff4j.problems.Gmm;
import io.github.autodiff4j.problems.GmmDiff;
import io.github.autodiff4j.problems.Lstm;
import io.github.autodiff4j.problems.LstmDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The reverse sweep's memory: for each benchmark problem whose gradient records loop iterations on the tape, the
 * tape's reserved bytes after one gradient at three trip counts of its outer loop, and the bytes per iteration. Each
 * gradient runs on a thread of its own, so it starts from an empty {@link Tape#local()} and the tape's capacity is
 * what that one call needed (rounded up to the tape's 4096-entry chunks, hence the large trip counts).
 *
 * <p>Growth must be linear: the bytes per iteration between the first two trip counts and between the last two must
 * agree within one chunk of each stack per step; the tool exits with status 1 when they do not.
 *
 * <p>Usage (after {@code mvn install -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.autodiff4j.benchmarks.TapeMemory}
 */
public final class TapeMemory {

    /** One chunk of each of the double, int and boolean stacks: the rounding of {@link Tape#capacityBytes()}. */
    private static final long CHUNKS = 4096L * (8 + 4 + 1);

    private TapeMemory() {}

    /** A gradient whose outer loop runs the given number of times. */
    private record Problem(String name, String iteration, int[] trips, IntConsumer gradient) {}

    /**
     * Prints the table and checks linear growth.
     *
     * @param args unused
     * @throws InterruptedException if interrupted while a gradient runs
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        System.out.println("| problem | outer loop iteration | trips | tape bytes | bytes per iteration |");
        System.out.println("|---|---|---|---|---:|");
        for (Problem p : problems()) {
            int[] n = p.trips();
            long[] bytes = new long[n.length];
            for (int t = 0; t < bytes.length; t++) {
                bytes[t] = tapeBytes(p.gradient(), n[t]);
            }
            // From the first trip count to the last; each end may be rounded up by up to one chunk of each stack.
            double perIteration = (double) (bytes[2] - bytes[0]) / (n[2] - n[0]);
            double rounding = (double) CHUNKS / (n[2] - n[0]);
            System.out.printf(
                    "| %s | %s | %d, %d, %d | %d, %d, %d | %.0f ± %.0f |%n",
                    p.name(), p.iteration(), n[0], n[1], n[2], bytes[0], bytes[1], bytes[2], perIteration, rounding);
            long firstStep = bytes[1] - bytes[0];
            long secondStep = bytes[2] - bytes[1];
            // Equal trip-count steps, so linear growth means equal byte steps, up to one chunk of rounding per end.
            if (n[1] - n[0] != n[2] - n[1] || Math.abs(firstStep - secondStep) > 2 * CHUNKS) {
                failures.add(p.name() + ": steps of " + firstStep + " and " + secondStep + " bytes");
            }
        }
        if (!failures.isEmpty()) {
            System.out.println("Not linear: " + failures);
            System.exit(1);
        }
        System.out.println("Linear in the trip count for every problem (within the tape's chunk rounding).");
    }

    private static List<Problem> problems() {
        Gmm.Input gmm = AdbenchData.readGmm("gmm_1k_d10_K5.txt");
        double[] dAlphas = new double[gmm.alphas().length];
        double[] dMeans = new double[gmm.means().length];
        double[] dIcf = new double[gmm.icf().length];
        Lstm.Input lstm = AdbenchData.readLstm("lstm_l2_c1024.txt");
        double[] dMain = new double[lstm.main().length];
        double[] dExtra = new double[lstm.extra().length];
        double[] x = new double[200_000];
        return List.of(
                new Problem(
                        "ADBench GMM d10 K5",
                        "one point (K = 5 components)",
                        new int[] {200, 600, 1000},
                        points -> GmmDiff.gmmGrad(
                                gmm.alphas(),
                                gmm.means(),
                                gmm.icf(),
                                gmm.x(),
                                gmm.gamma(),
                                gmm.m(),
                                points,
                                gmm.d(),
                                gmm.k(),
                                dAlphas,
                                dMeans,
                                dIcf)),
                new Problem(
                        "ADBench LSTM l2",
                        "one step of the sequence (b = " + lstm.b() + ")",
                        new int[] {200, 600, 1000},
                        steps -> LstmDiff.lstmGrad(
                                lstm.main(),
                                lstm.extra(),
                                lstm.state(),
                                lstm.sequence(),
                                lstm.l(),
                                steps,
                                lstm.b(),
                                dMain,
                                dExtra)),
                new Problem(
                        "Rosenbrock",
                        "one term",
                        new int[] {50_000, 100_000, 150_000},
                        n -> RosenbrockBenchDiff.rosenbrockGrad(java.util.Arrays.copyOf(x, n), new double[n])));
    }

    private static long tapeBytes(IntConsumer gradient, int trips) throws InterruptedException {
        AtomicLong bytes = new AtomicLong();
        Thread thread = new Thread(() -> {
            gradient.accept(trips);
            bytes.set(Tape.local().capacityBytes());
        });
        thread.start();
        thread.join();
        return bytes.get();
    }
}
