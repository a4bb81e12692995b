package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.NumericDiff;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What the benchmarks share: the peers' ways of getting a gradient (central finite differences with a fixed step,
 * Hipparchus's {@link Gradient} and {@link DerivativeStructure} seeded from plain arrays), and the check that every
 * benchmarked way computes the same gradient as the generated reverse mode, so that the benchmarks compare equal work.
 */
final class Peers {

    /**
     * The relative step of the central differences: the cube root of the machine epsilon (about 6.1e-6), which
     * balances the truncation error (of order h^2) against the rounding error (of order eps/h). The step of a
     * component {@code x} is {@code STEP * max(1, |x|)}.
     */
    static final double STEP = Math.cbrt(Math.ulp(1.0));

    /**
     * The JVM option every benchmark's fork runs with: a young generation of fixed size, so that the allocating
     * benchmarks (Hipparchus above all, and the record forms) reuse memory the way a long-running program does. By
     * default G1 grows the young generation to gigabytes when the live set is large (Hipparchus's DSCompiler cache
     * at n = 1000 is over 1 GB), so that every allocation in a short run touches fresh pages, and a page fault costs
     * far more on this virtual machine than the computation: 216 ms a call instead of 15 ms for
     * {@code RosenbrockBench.hipparchusDS} at n = 1000.
     */
    static final String YOUNG_GENERATION = "-Xmn256m";

    private Peers() {}

    /**
     * The gradient by central differences with a fixed step, {@link NumericDiff#centralDifference} per component:
     * two evaluations of the function per active input, and no extrapolation. (Not {@link NumericDiff#gradient},
     * whose Ridders extrapolation costs some 20 to 80 evaluations per input: it is meant for checking, not for use
     * in an optimiser.)
     *
     * <p>The active inputs are the entries of {@code parts}: each array is perturbed in place, one entry at a
     * time, and restored exactly, so the rows of a matrix can be passed as parts of their own.
     *
     * @param f         evaluates the function at the current contents of {@code parts}
     * @param parts     the active arrays, in the order of {@code gradient}'s parts
     * @param gradients receives the partial derivatives, one array per part, of the same lengths
     * @return the function's value at the unperturbed point (one more evaluation)
     */
    static double centralDifferences(DoubleSupplier f, double[][] parts, double[][] gradients) {
        for (int p = 0; p < parts.length; p++) {
            double[] part = parts[p];
            double[] gradient = gradients[p];
            for (int i = 0; i < part.length; i++) {
                int at = i;
                double saved = part[at];
                gradient[at] = NumericDiff.centralDifference(
                        t -> {
                            part[at] = t;
                            return f.getAsDouble();
                        },
                        saved,
                        STEP * Math.max(1, Math.abs(saved)));
                part[at] = saved;
            }
        }
        return f.getAsDouble();
    }

    /**
     * Hipparchus {@link Gradient} variables for one array of active inputs: entry {@code i} is variable
     * {@code offset + i} of {@code total}. Each carries a dense gradient of length {@code total}.
     *
     * @param values the values
     * @param offset the index of the first one among all the function's variables
     * @param total  the number of variables of the function
     * @return the variables
     */
    static Gradient[] gradientVariables(double[] values, int offset, int total) {
        Gradient[] variables = new Gradient[values.length];
        for (int i = 0; i < values.length; i++) {
            variables[i] = Gradient.variable(total, offset + i, values[i]);
        }
        return variables;
    }

    /**
     * Hipparchus {@link DerivativeStructure} variables for one array of active inputs, from a factory whose number
     * of free parameters is the function's number of variables.
     *
     * @param factory the factory, {@code new DSFactory(total, order)}
     * @param values  the values
     * @param offset  the index of the first one among all the function's variables
     * @return the variables
     */
    static DerivativeStructure[] dsVariables(DSFactory factory, double[] values, int offset) {
        DerivativeStructure[] variables = new DerivativeStructure[values.length];
        for (int i = 0; i < values.length; i++) {
            variables[i] = factory.variable(offset + i, values[i]);
        }
        return variables;
    }

    /**
     * A constant 0 of the kind of {@code like}: for a {@link Gradient}, with as many free parameters. The field
     * versions of the functions start their sums from this rather than from {@code getField().getZero()}: for a
     * {@link Gradient} in n variables, {@code getField()} builds a {@link DSFactory} in n variables once, and
     * Hipparchus's {@code DSCompiler} cache then holds compilers for every count of parameters up to n, memory of
     * order n^3 (over 1 GB at n = 1000). Those who use {@link DerivativeStructure} pay that anyway.
     *
     * @param like an element of the field
     * @param <T>  the field's element type
     * @return zero
     */
    static <T extends CalculusFieldElement<T>> T zero(T like) {
        return like.newInstance(0);
    }

    /**
     * An array of zeros of the kind of {@code like[0]} (see {@link #zero}).
     *
     * @param like   an array of elements of the field, not empty
     * @param length the new array's length
     * @param <T>    the field's element type
     * @return the array
     */
    static <T extends CalculusFieldElement<T>> T[] zeros(T[] like, int length) {
        T[] array = Arrays.copyOf(like, length);
        Arrays.fill(array, zero(like[0]));
        return array;
    }

    /**
     * The first-order partial derivatives of a {@link DerivativeStructure} of order 1 or more.
     *
     * @param ds the structure
     * @return its gradient, one entry per free parameter
     */
    static double[] dsGradient(DerivativeStructure ds) {
        int n = ds.getFreeParameters();
        double[] gradient = new double[n];
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            orders[i] = 1;
            gradient[i] = ds.getPartialDerivative(orders);
            orders[i] = 0;
        }
        return gradient;
    }

    /**
     * The benchmark method a JMH trial runs, so that a state's setup checks only what that method computes.
     *
     * @param params JMH's parameters of the trial
     * @return the method's simple name, e.g. {@code hipparchusGradient}
     */
    static String method(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Fails unless {@code actual} matches {@code expected} entry by entry, to {@code tolerance} relative to
     * {@code max(1, max |expected|)}: one scale for the whole vector, since finite differences have absolute errors
     * of the order of the largest partials.
     *
     * @param what      what is compared, for the message
     * @param expected  the reference (the generated reverse mode's gradient)
     * @param actual    the peer's
     * @param tolerance the relative tolerance
     * @throws IllegalStateException on a mismatch
     */
    static void check(String what, double[] expected, double[] actual, double tolerance) {
        if (expected.length != actual.length) {
            throw new IllegalStateException(what + ": length " + actual.length + " != " + expected.length);
        }
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance * scale)) {
                throw new IllegalStateException(what + ": component " + i + " is " + actual[i] + ", expected "
                        + expected[i] + " (tolerance " + tolerance + " x " + scale + ")");
            }
        }
    }

    /**
     * Fails unless two values match to {@code tolerance} relative to {@code max(1, |expected|)}.
     *
     * @param what      what is compared, for the message
     * @param expected  the reference
     * @param actual    the peer's
     * @param tolerance the relative tolerance
     * @throws IllegalStateException on a mismatch
     */
    static void check(String what, double expected, double actual, double tolerance) {
        check(what, new double[] {expected}, new double[] {actual}, tolerance);
    }
}
