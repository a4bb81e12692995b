package io.github.autodiff4j.processor.fuzz;

/**
 * Records the decisions a generated program takes: each branch condition and the piece each non-smooth function
 * ({@code abs}, {@code max}, {@code floor}, ...) lands on. A program's traced twin calls these in place of the plain
 * operations, so two points with the same trace run the same smooth computation, and finite differences between them
 * are meaningful. The generator writes programs with these calls; {@link #plain} turns them back into plain Java.
 *
 * <p>One recording at a time (the fuzzer is single-threaded): {@link #of} resets, runs, and returns the hash.
 */
public final class Trace {
    private static long hash;

    private Trace() {}

    /** The decisions taken while running {@code program}, as a hash of their sequence. */
    public static long of(Runnable program) {
        hash = 17;
        program.run();
        return hash;
    }

    /** {@code source} with every recording call replaced by the operation it stands for. */
    public static String plain(String source) {
        return source.replace(".reduce(Trace::max)", ".max()")
                .replace(".reduce(Trace::min)", ".min()")
                .replace("Trace.b(", "(")
                .replace("Trace.toInt(", "(int) (")
                .replace("Trace.abs(", "Math.abs(")
                .replace("Trace.max(", "Math.max(")
                .replace("Trace.min(", "Math.min(")
                .replace("Trace.signum(", "Math.signum(")
                .replace("Trace.floor(", "Math.floor(")
                .replace("Trace.ceil(", "Math.ceil(")
                .replace("Trace.rint(", "Math.rint(")
                .replace("Trace.copySign(", "Math.copySign(")
                .replace("Trace.ieeeRemainder(", "Math.IEEEremainder(")
                .replace("Trace.ulp(", "Math.ulp(")
                // % has no call form: the program's own helper rem(a, b) returns a % b.
                .replace("Trace.rem(", "rem(");
    }

    private static void record(long decision) {
        hash = hash * 1_000_003 + decision;
    }

    public static boolean b(boolean condition) {
        record(condition ? 1 : 2);
        return condition;
    }

    public static int toInt(double x) {
        int result = (int) x;
        record(result);
        return result;
    }

    public static double abs(double x) {
        record(x < 0 ? 3 : 4);
        return Math.abs(x);
    }

    public static double max(double a, double b) {
        record(a < b ? 5 : 6);
        return Math.max(a, b);
    }

    public static double min(double a, double b) {
        record(a < b ? 7 : 8);
        return Math.min(a, b);
    }

    public static double signum(double x) {
        double result = Math.signum(x);
        record((long) result + 10);
        return result;
    }

    public static double floor(double x) {
        double result = Math.floor(x);
        record((long) result);
        return result;
    }

    public static double ceil(double x) {
        double result = Math.ceil(x);
        record((long) result);
        return result;
    }

    public static double copySign(double a, double b) {
        record(a < 0 ? 21 : a > 0 ? 22 : 23);
        record(Math.copySign(1.0, b) > 0 ? 24 : 25);
        return Math.copySign(a, b);
    }

    /** {@code a % b}, recording the truncated quotient, on which the function is smooth. */
    public static double rem(double a, double b) {
        double r = a % b;
        record(Math.round((a - r) / b) + 1000);
        return r;
    }

    public static double ieeeRemainder(double a, double b) {
        double r = Math.IEEEremainder(a, b);
        record(Math.round((a - r) / b) + 2000);
        return r;
    }

    public static double ulp(double x) {
        record(Math.getExponent(x) + 3000L);
        return Math.ulp(x);
    }

    public static double rint(double x) {
        double result = Math.rint(x);
        record((long) result);
        return result;
    }
}
