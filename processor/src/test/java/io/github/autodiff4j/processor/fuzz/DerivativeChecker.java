package io.github.autodiff4j.processor.fuzz;

import io.github.autodiff4j.Dual;
import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.Flat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Compares every generated derivative of a compiled {@link Program} with {@link NumericDiff} applied to the original
 * method: fooGrad, fooJvp, fooHessian and the in-place fooGrad of scalar functions; barJacobian, barJvp and barVjp of
 * vector functions.
 *
 * <p>Points are drawn in [-2, 2] and kept only where every decision the program takes (see {@link Trace}) is the same
 * a step of 1% (at least 0.01) away along every input and along the JVP direction: there the function is smooth on
 * the scale of NumericDiff's steps, whose first is 10% but which restarts from 16 and 256 times smaller when that does
 * not converge. Values above 1e6 in magnitude are also skipped, and so are points where NumericDiff cannot confirm a
 * first derivative (it returns NaN when no two of its runs agree, as near sin(x^3) at x = 74). Last, points where
 * reverse mode meets IEEE 0 x infinity are skipped and counted apart (see {@link Subject#zeroTimesInfinity}), and so are
 * points where an intermediate overflowed and both modes give NaN (see {@link Subject#overflowed}).
 *
 * <p>Tolerance: |generated - numeric| <= tol * (1 + scale), scale being the magnitude of the expected entry (for a
 * JVP or VJP, the sum of the magnitudes of its terms, since cancellation leaves their rounding behind). Relative
 * because values span orders of magnitude; absolute near 0, where relative error means nothing. tol is
 * {@value #FIRST_ORDER} for first derivatives (NumericDiff is good to about 1e-10 on smooth functions, and random
 * compositions are not always that smooth) and {@value #SECOND_ORDER} for Hessians, compared with the numerical
 * Jacobian of the generated gradient. A value returned by a derivative member must equal the function's value to
 * {@value #SAME_VALUE}, and the in-place gradient the record's.
 *
 * <p>The caller's arrays: after fooJvp and barJvp they must hold what the method itself leaves in them; after fooGrad
 * (both forms), fooHessian, barJacobian and barVjp they must be as they were; fooCheck and barCheck (called once per
 * method, where it has array parameters) must leave them unchanged. Each to {@value #SAME_VALUE}, relative.
 *
 * <p>Instance methods are checked on a receiver of the class, of its subclass {@code Same} (which overrides nothing)
 * and, for methods that do not reach the helper {@code Over} overrides, of {@code Over}, point by point in turn. For
 * a method that calls it, every member called on an {@code Over} must throw an {@code IllegalArgumentException}
 * (checked once per method), or else all of them must return the right numbers for an {@code Over} (where the call is
 * not inlined, so the override does not change the derivative code): never a number computed from the base class's
 * body.
 */
final class DerivativeChecker {
    static final double FIRST_ORDER = 1e-6;
    static final double SECOND_ORDER = 1e-5;
    static final double SAME_VALUE = 1e-12;
    private static final double STABLE_STEP = 0.01;
    private static final double LARGEST = 1e6;
    private static final int TRIES = 8;

    private final Program program;
    private final Class<?> user;
    /** The constants of the program's enum {@code Mode}, for its parameters. */
    private final Object[] modes;

    /** The program's records {@code Pt} and {@code Seg}, or null. */
    private final Class<?> pt;

    private final Class<?> seg;
    private final Compiled compiled;
    private final Class<?> traced;
    private final Class<?> companion;
    private final Random random;
    /** The receivers of instance methods: the class's own, {@code Same}'s, {@code Over}'s or null; the twin's. */
    private final Object base;

    private final Object same;
    private final Object over;
    private final Object twinReceiver;
    long checks;
    int points;
    int skipped;
    int zeroTimesInfinity;
    int overflows;

    DerivativeChecker(Compiled compiled, Program program, Random random) {
        this.program = program;
        this.user = compiled.load(program.qualifiedName());
        // A hand-written program (ZeroTimesInfinityTest's) may have no Mode.
        this.modes = Arrays.stream(user.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals("Mode"))
                .<Object[]>map(Class::getEnumConstants)
                .findFirst()
                .orElse(new Object[0]);
        this.pt = nested(user, "Pt");
        this.seg = nested(user, "Seg");
        this.compiled = compiled;
        this.traced = compiled.load(program.qualifiedName() + "$Traced");
        this.companion = compiled.load(program.qualifiedName() + "Diff");
        this.random = random;
        boolean instance = program.instance();
        this.base = instance ? construct(user) : null;
        this.same = instance ? construct(compiled.load(program.qualifiedName() + "$Same")) : null;
        this.over = program.overrides() ? construct(compiled.load(program.qualifiedName() + "$Over")) : null;
        this.twinReceiver = instance ? construct(traced) : null;
    }

    private static Class<?> nested(Class<?> user, String name) {
        return Arrays.stream(user.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** A record of {@code type} from its components, by its canonical constructor. */
    private static Object record(Class<?> type, Object... components) {
        try {
            var constructor = type.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            return constructor.newInstance(components);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private Object randomPoint() {
        return record(pt, uniform(), uniform());
    }

    private static Object construct(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Checks {@code method} at {@code count} points; returns a description of each mismatch. */
    List<String> check(FuzzMethod method, int count) {
        List<String> failures = new ArrayList<>();
        Subject f = new Subject(method);
        List<Object> receivers = new ArrayList<>();
        if (method.instance()) {
            receivers.add(base);
            receivers.add(same);
            if (over != null && !method.reachesOverride()) {
                receivers.add(over);
            }
        }
        boolean once = true;
        for (int p = 0; p < count; p++) {
            f.receiver = receivers.isEmpty() ? null : receivers.get(p % receivers.size());
            Object[] args = point(f);
            if (args == null) {
                skipped++;
                continue;
            }
            List<String> found = method.vector() ? f.checkVector(args) : f.checkScalar(args);
            if (found == null || f.inconclusive(args, found)) {
                skipped++;
                continue;
            }
            points++;
            if (once) {
                once = false;
                f.checkOnce(args, found);
            }
            String where =
                    f.receiver == null ? "" : " on a " + f.receiver.getClass().getSimpleName();
            found.forEach(m -> failures.add(method.name() + " at " + Arrays.deepToString(args) + where + ": " + m));
        }
        return failures;
    }

    /** A point where the method is smooth on NumericDiff's scale, or null after {@value #TRIES} tries. */
    private Object[] point(Subject f) {
        for (int t = 0; t < TRIES; t++) {
            Object[] args = new Object[f.params.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = switch (f.params.get(i).kind()) {
                    case DOUBLE, CONSTANT -> uniform();
                    case ARRAY -> random.doubles(program.arrayLength(), -2, 2).toArray();
                    case MATRIX -> {
                        double[][] m = new double[program.arrayLength()][];
                        for (int r = 0; r < m.length; r++) {
                            m[r] = random.doubles(program.arrayLength(), -2, 2).toArray();
                        }
                        yield m;
                    }
                    case INT -> random.nextInt(5);
                    case CHAR -> "abc".charAt(random.nextInt(3));
                    case MODE -> modes[random.nextInt(modes.length)];
                    case STRING -> "ab";
                    case POINT, CONSTANT_POINT -> randomPoint();
                    case SEGMENT -> record(seg, randomPoint(), randomPoint());
                    case BOX ->
                        record(
                                compiled.load(
                                        Program.PACKAGE + "." + f.params.get(i).type()),
                                uniform(),
                                uniform());
                    case POINTS -> {
                        Object[] ps = (Object[]) java.lang.reflect.Array.newInstance(pt, program.arrayLength());
                        for (int k = 0; k < ps.length; k++) {
                            ps[k] = randomPoint();
                        }
                        yield ps;
                    }
                };
            }
            if (f.usable(args)) {
                return args;
            }
        }
        return null;
    }

    private double uniform() {
        return -2 + 4 * random.nextDouble();
    }

    /** One method, its traced twin and its companion's members. */
    private final class Subject {
        final FuzzMethod method;
        final List<Param> params;
        final boolean[] active;
        final Method original;
        final Method twin;
        /** The receiver of an instance method at the current point; null for a static one. */
        Object receiver;
        /** Whether the method has array parameters, whose contents the members must treat as the README says. */
        final boolean hasArrays;

        Subject(FuzzMethod method) {
            this.method = method;
            this.params = method.params();
            this.active = new boolean[params.size()];
            for (int i = 0; i < active.length; i++) {
                active[i] = params.get(i).active();
            }
            this.original = declared(user, method.name());
            this.twin = declared(traced, method.name());
            this.hasArrays = params.stream().anyMatch(p -> isArray(p.kind()));
        }

        double[] value(Object[] args) {
            Object out = invoke(original, receiver, Flat.copy(args));
            // a record result flattened: its components in order, recursively
            return method.vector() ? Flat.values(out) : new double[] {(double) out};
        }

        /**
         * A VJP's seed: {@code seed} itself for a double[] result, or a record of the member's seed type (the result's
         * type, or its tangent record) holding it.
         */
        Object seed(Object[] args, double[] seed) {
            Object out = invoke(original, receiver, Flat.copy(args));
            if (out instanceof double[]) {
                return seed;
            }
            Class<?>[] types = member("Vjp", false).getParameterTypes();
            return Flat.rebuild(out, types[types.length - 1], seed, new int[1]);
        }

        double scalar(Object[] args) {
            return (double) invoke(original, receiver, Flat.copy(args));
        }

        /** What the method leaves in fresh copies of the point's arrays. */
        Object[] written(Object[] args) {
            Object[] copy = Flat.copy(args);
            invoke(original, receiver, copy);
            return copy;
        }

        /** A companion member called with this point's receiver (for an instance method) and {@code args}. */
        Object call(Method member, Object[] args) {
            return callOn(receiver, member, Flat.copy(args));
        }

        Object callOn(Object self, Method member, Object[] args) {
            if (!method.instance()) {
                return invoke(member, null, args);
            }
            Object[] all = new Object[args.length + 1];
            all[0] = self;
            System.arraycopy(args, 0, all, 1, args.length);
            return invoke(member, null, all);
        }

        /**
         * A member called on fresh copies of the point's arrays ({@code extra} adds tangents, seeds or adjoints after
         * them), then the arrays compared with {@code expected}: the point itself (restored) or what the method wrote.
         */
        Object checked(
                String what,
                Method member,
                Object[] args,
                UnaryOperator<Object[]> extra,
                Object[] expected,
                List<String> failures) {
            Object[] copy = Flat.copy(args);
            Object out = callOn(receiver, member, extra.apply(copy));
            if (hasArrays) {
                double[] want = arrays(expected);
                double[] got = arrays(copy);
                for (int i = 0; i < want.length; i++) {
                    if (!(Math.abs(want[i] - got[i]) <= SAME_VALUE * (1 + Math.abs(want[i])))
                            && !(Double.isNaN(want[i]) && Double.isNaN(got[i]))) {
                        failures.add(what
                                + (expected == args
                                        ? " did not give the caller's arrays back unchanged"
                                        : " did not leave the caller's arrays as the method does")
                                + ": expected "
                                + Arrays.toString(want) + ", left " + Arrays.toString(got));
                        break;
                    }
                }
            }
            return out;
        }

        /** The array parameters' contents, flattened. */
        double[] arrays(Object[] args) {
            boolean[] isArray = new boolean[params.size()];
            for (int i = 0; i < isArray.length; i++) {
                isArray[i] = isArray(params.get(i).kind());
            }
            return Flat.flatten(args, isArray);
        }

        /**
         * Once per method: fooCheck (or barCheck) leaves the caller's arrays unchanged; on a receiver whose class
         * overrides a helper the method reaches, every member throws.
         */
        void checkOnce(Object[] args, List<String> failures) {
            if (hasArrays) {
                try {
                    checked(
                            method.vector() ? "barCheck" : "fooCheck",
                            member("Check", false),
                            args,
                            a -> a,
                            args,
                            failures);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
                checks++;
            }
            if (!method.reachesOverride()) {
                return;
            }
            double[] tangent = direction(Flat.flatten(args, active).length);
            List<String> members = new ArrayList<>(
                    method.vector()
                            ? List.of("Jacobian", "Jvp", "Vjp", "Check")
                            : List.of("Grad", "Jvp", "Hessian", "Check"));
            // A member over 64 KB is left out, with a too-large warning (seed 9990031 program 2323): nothing to call.
            members.removeIf(suffix -> Arrays.stream(companion.getDeclaredMethods())
                    .noneMatch(m -> m.getName().equals(method.name() + suffix)));
            List<String> threw = new ArrayList<>();
            List<String> returned = new ArrayList<>();
            for (String suffix : members) {
                Method m = member(suffix, false);
                Object[] in = switch (suffix) {
                    case "Jvp" -> withTangents(Flat.copy(args), tangent);
                    case "Vjp" -> {
                        Object[] withSeed = Arrays.copyOf(Flat.copy(args), args.length + 1);
                        withSeed[args.length] = seed(args, new double[value(args).length]);
                        yield withSeed;
                    }
                    default -> Flat.copy(args);
                };
                try {
                    callOn(over, m, in);
                    returned.add(method.name() + suffix);
                } catch (AssertionError expected) {
                    threw.add(method.name() + suffix);
                    // The documented refusal of a receiver whose class overrides a differentiated body; anything
                    // else (a StackOverflowError of a recursion, a NullPointerException) is a bug, not a refusal.
                    if (!(expected.getCause() instanceof IllegalArgumentException)) {
                        failures.add("on an Over, which overrides a helper the method calls, " + method.name() + suffix
                                + " threw " + expected.getCause() + " instead of an IllegalArgumentException");
                    }
                }
                checks++;
            }
            if (returned.isEmpty()) {
                return;
            }
            if (!threw.isEmpty()) {
                failures.add("on an Over, which overrides a helper the method calls, " + threw + " threw but "
                        + returned + " returned numbers");
                return;
            }
            // None threw: then the override must not matter to the derivative code (the call is not inlined, as where
            // its
            // result only decides a branch), and every number must be right for an Over. Never a wrong number.
            Object saved = receiver;
            receiver = over;
            try {
                List<String> found = method.vector() ? checkVector(args) : checkScalar(args);
                if (found != null) {
                    found.forEach(
                            f -> failures.add("on an Over, which overrides a helper the method calls, and for which "
                                    + "the members returned numbers instead of throwing: " + f));
                }
            } finally {
                receiver = saved;
            }
        }

        boolean usable(Object[] args) {
            if (!Arrays.stream(value(args)).allMatch(v -> Math.abs(v) <= LARGEST)) {
                return false;
            }
            long decisions = Trace.of(() -> invoke(twin, twinReceiver, Flat.copy(args)));
            double[] x = Flat.flatten(args, active);
            double[] direction = direction(x.length);
            for (int j = -1; j < x.length; j++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] moved = x.clone();
                    for (int i = 0; i < x.length; i++) {
                        double step = STABLE_STEP * Math.max(1, Math.abs(x[i]));
                        moved[i] += j < 0 ? sign * STABLE_STEP * direction[i] : i == j ? sign * step : 0;
                    }
                    Object[] near = Flat.replace(args, active, moved);
                    if (Trace.of(() -> invoke(twin, twinReceiver, Flat.copy(near))) != decisions) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The JVP direction at a point; the same one the stability check walks along. */
        double[] direction(int n) {
            return new Random(n).doubles(n, -1, 1).toArray();
        }

        /**
         * Whether the only mismatches are with NumericDiff, at a point where the function is not smooth on the scales of
         * its steps along some input ({@link NumericDiff#smooth}, as the generated fooCheck decides INCONCLUSIVE): a
         * function that jumps 1e-4 away (pow of pow of sin, seed 7770002 program 1393) lets two runs agree on an estimate
         * whose own error passes the tolerance, and so does a kink within the coarsest step, which the finest runs do
         * not see. Values, the caller's arrays and exceptions are checked exactly regardless.
         */
        boolean inconclusive(Object[] args, List<String> mismatches) {
            if (mismatches.isEmpty() || !mismatches.stream().allMatch(m -> m.contains(": NumericDiff "))) {
                return false;
            }
            double[] x = Flat.flatten(args, active);
            for (int j = 0; j < x.length; j++) {
                int input = j;
                double[] outputs = value(args);
                for (int i = 0; i < outputs.length; i++) {
                    int output = i;
                    DoubleUnaryOperator along = t -> {
                        double[] moved = x.clone();
                        moved[input] = t;
                        return value(Flat.replace(args, active, moved))[output];
                    };
                    List<NumericDiff.Run> runs = NumericDiff.runs(along, x[j]);
                    if (!NumericDiff.smooth(runs)) {
                        return true;
                    }
                    // Exactly flat at every step, up to 10% away: the input reaches the value only below its rounding
                    // (through sin(pi) = 1.2e-16 as a coefficient, amplified by cos of 1e12: seed 9990013 program
                    // 2431), where a derivative can be large and no finite difference sees it.
                    if (runs.stream().allMatch(r -> r.estimate() == 0 && r.error() == 0)) {
                        return true;
                    }
                    // Smooth within the runs' own error bars, yet those bars pass the tolerance: the estimate
                    // NumericDiff returns may be a coarse one that steps over a kink (seed 9990012 program 1694).
                    double finest = runs.stream()
                            .filter(r -> r.kind().equals("central"))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .estimate();
                    double returned = NumericDiff.derivative(along, x[j]);
                    if (!(Math.abs(finest - returned) <= FIRST_ORDER * (1 + Math.abs(returned)))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The mismatches at a point, or null where NumericDiff cannot confirm the first derivatives. */
        List<String> checkScalar(Object[] args) {
            List<String> failures = new ArrayList<>();
            double[] x = Flat.flatten(args, active);
            double f = scalar(args);
            double[] numeric = NumericDiff.gradient(p -> scalar(Flat.replace(args, active, p)), x);
            if (unconfirmed(numeric)) {
                return null;
            }
            Object record = checked("fooGrad", member("Grad", false), args, a -> a, args, failures);
            double[] all = flatten(record);
            same("fooGrad value", f, all[0], failures);
            double[] grad = Arrays.copyOfRange(all, 1, all.length);
            if (zeroTimesInfinity(args, x.length, new double[][] {grad}, new double[][] {numeric})
                    || overflowed(args, x.length, new double[][] {grad})) {
                return null;
            }
            compare("fooGrad", numeric, grad, magnitudes(numeric), FIRST_ORDER, failures);

            double[] d = direction(x.length);
            Dual dual = (Dual)
                    checked("fooJvp", member("Jvp", false), args, a -> withTangents(a, d), written(args), failures);
            same("fooJvp value", f, dual.value(), failures);
            double directional = NumericDiff.derivative(t -> scalar(Flat.replace(args, active, shifted(x, d, t))), 0);
            compare(
                    "fooJvp",
                    new double[] {directional},
                    new double[] {dual.tangent()},
                    new double[] {dot(magnitudes(numeric), magnitudes(d))},
                    FIRST_ORDER,
                    failures);

            checks += 2;
            // A Hessian over 64 KB of code is left out, with a too-large warning (the other members are generated).
            boolean hessianGenerated = Arrays.stream(companion.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(method.name() + "Hessian"));
            if (hessianGenerated) {
                double[][] hessian =
                        (double[][]) checked("fooHessian", member("Hessian", false), args, a -> a, args, failures);
                double[][] numericHessian = NumericDiff.jacobian(p -> gradient(Flat.replace(args, active, p)), x);
                if (!hessianZeroTimesInfinity(args, x, hessian, numericHessian)) {
                    for (int i = 0; i < x.length; i++) {
                        compareConfirmed("fooHessian row " + i, numericHessian[i], hessian[i], SECOND_ORDER, failures);
                    }
                    checks++;
                }
            }

            Method inPlace = member("Grad", true);
            if (inPlace != null) {
                checkInPlace(inPlace, args, f, grad, failures);
            }
            return failures;
        }

        /** The allocation-free fooGrad, given adjoint arrays full of garbage it must overwrite. */
        private void checkInPlace(Method inPlace, Object[] args, double f, double[] grad, List<String> failures) {
            List<Object> adjoints = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (active[i]) {
                    Object garbage = Flat.copy(new Object[] {args[i]})[0];
                    if (garbage instanceof double[][] rows) {
                        Arrays.stream(rows).forEach(r -> Arrays.fill(r, 7.0));
                    } else {
                        Arrays.fill((double[]) garbage, 7.0);
                    }
                    adjoints.add(garbage);
                }
            }
            double value = (double) checked(
                    "in-place fooGrad",
                    inPlace,
                    args,
                    a -> {
                        List<Object> all = new ArrayList<>(Arrays.asList(a));
                        all.addAll(adjoints);
                        return all.toArray();
                    },
                    args,
                    failures);
            same("in-place fooGrad value", f, value, failures);
            boolean[] all = new boolean[adjoints.size()];
            Arrays.fill(all, true);
            double[] filled = Flat.flatten(adjoints.toArray(), all);
            compare("in-place fooGrad", grad, filled, magnitudes(grad), SAME_VALUE, failures);
            checks++;
        }

        double[] gradient(Object[] args) {
            double[] all = flatten(call(member("Grad", false), args));
            return Arrays.copyOfRange(all, 1, all.length);
        }

        /** The mismatches at a point, or null where NumericDiff cannot confirm the first derivatives. */
        List<String> checkVector(Object[] args) {
            List<String> failures = new ArrayList<>();
            double[] x = Flat.flatten(args, active);
            double[] f = value(args);
            double[][] numeric = NumericDiff.jacobian(p -> value(Flat.replace(args, active, p)), x);
            if (Arrays.stream(numeric).anyMatch(DerivativeChecker::unconfirmed)) {
                return null;
            }
            double[][] jacobian =
                    (double[][]) checked("barJacobian", member("Jacobian", false), args, a -> a, args, failures);
            if (jacobian.length != f.length) {
                failures.add("barJacobian has " + jacobian.length + " rows for " + f.length + " outputs");
                return failures;
            }
            if (zeroTimesInfinity(args, x.length, jacobian, numeric) || overflowed(args, x.length, jacobian)) {
                return null;
            }
            for (int i = 0; i < f.length; i++) {
                compare("barJacobian row " + i, numeric[i], jacobian[i], magnitudes(numeric[i]), FIRST_ORDER, failures);
            }

            double[] d = direction(x.length);
            DualVector dual = (DualVector)
                    checked("barJvp", member("Jvp", false), args, a -> withTangents(a, d), written(args), failures);
            compare("barJvp value", f, dual.value(), magnitudes(f), SAME_VALUE, failures);
            double[][] directional =
                    NumericDiff.jacobian(t -> value(Flat.replace(args, active, shifted(x, d, t[0]))), new double[] {0});
            double[] expectedTangent = new double[f.length];
            double[] tangentScale = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                expectedTangent[i] = directional[i][0];
                tangentScale[i] = dot(magnitudes(numeric[i]), magnitudes(d));
            }
            compare("barJvp", expectedTangent, dual.tangent(), tangentScale, FIRST_ORDER, failures);

            double[] seed = random.doubles(f.length, -1, 1).toArray();
            Object record = checked(
                    "barVjp",
                    member("Vjp", false),
                    args,
                    a -> {
                        Object[] withSeed = Arrays.copyOf(a, a.length + 1);
                        withSeed[a.length] = seed(args, seed);
                        return withSeed;
                    },
                    args,
                    failures);
            RecordComponent[] components = record.getClass().getRecordComponents();
            compare("barVjp value", f, Flat.values(read(components[0], record)), magnitudes(f), SAME_VALUE, failures);
            double[] adjoint = Arrays.copyOfRange(flatten(record, 1), 0, x.length);
            double[] expectedAdjoint = new double[x.length];
            double[] adjointScale = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                for (int i = 0; i < f.length; i++) {
                    expectedAdjoint[j] += seed[i] * numeric[i][j];
                    adjointScale[j] += Math.abs(seed[i] * numeric[i][j]);
                }
            }
            if (Arrays.stream(adjoint).allMatch(Double::isFinite)) {
                compare("barVjp", expectedAdjoint, adjoint, adjointScale, FIRST_ORDER, failures);
            } else {
                // barJacobian may have gone by forward mode: the VJP's NaN is classified on its own, each non-finite
                // entry standing for its column of the Jacobian.
                double[][] columns = new double[f.length][];
                Arrays.fill(columns, adjoint);
                if (!zeroTimesInfinity(args, x.length, columns, numeric)) {
                    compare("barVjp", expectedAdjoint, adjoint, adjointScale, FIRST_ORDER, failures);
                }
            }
            checks += 3;
            return failures;
        }

        /**
         * Whether reverse mode gave NaN (or an infinity) where NumericDiff and forward mode agree on a finite derivative:
         * an intermediate overflowed to infinity though the result does not depend on it (a value only compared, stored
         * in an array that is never read, or overwritten). Its adjoint is exactly 0, and its partial derivative infinite;
         * IEEE defines 0 x infinity as NaN, and generated code follows IEEE (README, "Threads and IEEE"). Forward mode
         * never multiplies by that zero: its derivative along each such input, compared with NumericDiff, shows that the
         * NaN comes from there and not from a wrong rule. Such points are skipped, and counted; a NaN that forward mode
         * does not confirm stays a failure. {@code reverse[i][j]} and {@code numeric[i][j]} are d output i / d input j.
         */
        boolean zeroTimesInfinity(Object[] args, int inputs, double[][] reverse, double[][] numeric) {
            boolean any = false;
            for (int j = 0; j < inputs; j++) {
                if (finiteColumn(reverse, j)) {
                    continue;
                }
                double[] unit = new double[inputs];
                unit[j] = 1;
                double[] tangent = forward(args, unit);
                for (int i = 0; i < reverse.length; i++) {
                    double error = Math.abs(tangent[i] - numeric[i][j]);
                    if (!(error <= FIRST_ORDER * (1 + Math.abs(numeric[i][j])))) {
                        return false;
                    }
                }
                any = true;
            }
            if (any) {
                DerivativeChecker.this.zeroTimesInfinity++;
            }
            return any;
        }

        /**
         * The same for the Hessian: NaN (or infinite) entries where the first derivatives of forward mode, differentiated
         * numerically, agree with NumericDiff of the gradient. The Hessian's sweep multiplies the tangent of a partial that
         * overflowed ({@code x * x / cosh(x)^2} at x = 1000 in a rule) by an adjoint that is exactly 0; forward mode never
         * does. A NaN that this does not confirm stays a failure, and so does any finite wrong entry.
         */
        private boolean hessianZeroTimesInfinity(Object[] args, double[] x, double[][] hessian, double[][] numeric) {
            boolean any = false;
            for (int j = 0; j < x.length; j++) {
                if (finiteColumn(hessian, j)) {
                    continue;
                }
                double[] unit = new double[x.length];
                unit[j] = 1;
                double[] column = NumericDiff.gradient(p -> forward(Flat.replace(args, active, p), unit)[0], x);
                for (int i = 0; i < x.length; i++) {
                    double error = Math.abs(column[i] - numeric[i][j]);
                    if (!(error <= SECOND_ORDER * (1 + Math.abs(numeric[i][j])))) {
                        return false;
                    }
                }
                any = true;
            }
            if (any) {
                DerivativeChecker.this.zeroTimesInfinity++;
            }
            return any;
        }

        /**
         * Whether reverse and forward mode both give NaN (or an infinity) along an input where NumericDiff, confirmed,
         * found a finite derivative: an intermediate overflowed on the way to a finite result ({@code exp(727)} at the
         * bottom of a recursion whose next level takes {@code pow(hypot(1, r), -0.4)} of it, seed 7770003 program 959),
         * and the chain rule met its infinite partial times a zero one, in both modes, as IEEE defines. Such points are
         * skipped and counted apart; a finite wrong derivative, or a NaN in one mode only, stays a failure.
         */
        boolean overflowed(Object[] args, int inputs, double[][] reverse) {
            for (int j = 0; j < inputs; j++) {
                if (finiteColumn(reverse, j)) {
                    continue;
                }
                double[] unit = new double[inputs];
                unit[j] = 1;
                if (Arrays.stream(forward(args, unit)).allMatch(Double::isFinite)) {
                    return false;
                }
                DerivativeChecker.this.overflows++;
                return true;
            }
            return false;
        }

        /** Whether column j of {@code matrix} (d output i / d input j, by rows) holds finite numbers only. */
        private static boolean finiteColumn(double[][] matrix, int j) {
            return Arrays.stream(matrix).allMatch(row -> Double.isFinite(row[j]));
        }

        /** The forward-mode derivative of every output along {@code direction}. */
        private double[] forward(Object[] args, double[] direction) {
            Object dual = call(member("Jvp", false), withTangents(args, direction));
            return method.vector() ? ((DualVector) dual).tangent() : new double[] {((Dual) dual).tangent()};
        }

        Object[] withTangents(Object[] args, double[] direction) {
            // A record's tangent is of the member's parameter type: the record's, or its tangent record.
            Class<?>[] types = member("Jvp", false).getParameterTypes();
            int offset = method.instance() ? 1 : 0;
            List<Object> out = new ArrayList<>();
            int[] at = {0};
            for (int i = 0; i < args.length; i++) {
                out.add(args[i]);
                if (active[i]) {
                    out.add(Flat.rebuild(args[i], types[offset + out.size()], direction, at));
                }
            }
            return out.toArray();
        }

        /** The public companion member {@code name + suffix}: of the two fooGrad, the in-place one or the other. */
        Method member(String suffix, boolean returnsDouble) {
            return Arrays.stream(companion.getDeclaredMethods())
                    .filter(m -> m.getName().equals(method.name() + suffix) && Modifier.isPublic(m.getModifiers()))
                    .filter(m -> (m.getReturnType() == double.class) == returnsDouble)
                    .findFirst()
                    .orElseGet(() -> {
                        if (returnsDouble) {
                            return null;
                        }
                        throw new AssertionError("not generated: " + method.name() + suffix);
                    });
        }
    }

    /** Parameters whose contents the caller sees written: arrays, matrices and arrays of records. */
    private static boolean isArray(Param.Kind kind) {
        return kind == Param.Kind.ARRAY || kind == Param.Kind.MATRIX || kind == Param.Kind.POINTS;
    }

    private static Method declared(Class<?> type, String name) {
        Method m = Arrays.stream(type.getDeclaredMethods())
                .filter(d -> d.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no method " + name + " in " + type));
        m.setAccessible(true);
        return m;
    }

    private static Object invoke(Method m, Object self, Object[] args) {
        try {
            return m.invoke(self, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    m.getDeclaringClass().getSimpleName() + "." + m.getName() + " threw " + e.getCause(), e.getCause());
        }
    }

    /** A record's components from {@code first} on, flattened (arrays entry by entry). */
    private static double[] flatten(Object record, int first) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        List<Double> out = new ArrayList<>();
        for (int i = first; i < components.length; i++) {
            // doubles, arrays, matrices, records (Pt partials, tangent records) and arrays of records
            Flat.add(read(components[i], record), out);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] flatten(Object record) {
        return flatten(record, 0);
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void same(String what, double expected, double actual, List<String> failures) {
        compare(
                what,
                new double[] {expected},
                new double[] {actual},
                new double[] {Math.abs(expected)},
                SAME_VALUE,
                failures);
    }

    private static void compare(
            String what, double[] expected, double[] actual, double[] scale, double tolerance, List<String> failures) {
        if (expected.length != actual.length) {
            failures.add(what + ": " + actual.length + " entries, expected " + expected.length);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            if (!(error <= tolerance * (1 + scale[i]))) {
                failures.add(String.format(
                        "%s [%d]: NumericDiff %.17g, generated %.17g (error %.3g > %.0g x %.3g)",
                        what, i, expected[i], actual[i], error, tolerance, 1 + scale[i]));
            }
        }
    }

    /**
     * Compares the entries NumericDiff confirms. A gradient confirmed at the point may still have a kink or an event
     * nearby, within the steps of its Jacobian: NumericDiff then gives NaN for those entries, and they prove nothing.
     */
    private static void compareConfirmed(
            String what, double[] expected, double[] actual, double tolerance, List<String> failures) {
        double[] confirmed = expected.clone();
        double[] generated = actual.clone();
        for (int i = 0; i < confirmed.length && i < generated.length; i++) {
            if (Double.isNaN(confirmed[i])) {
                confirmed[i] = 0;
                generated[i] = 0;
            }
        }
        compare(what, confirmed, generated, magnitudes(confirmed), tolerance, failures);
    }

    /** NumericDiff returns NaN where no two of its runs agree: the function is not smooth on its scale there. */
    private static boolean unconfirmed(double[] numeric) {
        return Arrays.stream(numeric).anyMatch(Double::isNaN);
    }

    private static double[] magnitudes(double[] v) {
        return Arrays.stream(v).map(Math::abs).toArray();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] shifted(double[] x, double[] direction, double t) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += t * direction[i];
        }
        return out;
    }
}
