package io.github.autodiff4j.processor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.NumericDiff;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A compiled {@code @Differentiable} vector method ({@code double[] bar(...)}) and its generated members, with
 * assertions comparing the Jacobian, a JVP and a VJP with numerical differentiation of the original method.
 *
 * <p>Tolerances: the Jacobian agrees with {@link NumericDiff#jacobian} to {@link #FIRST_ORDER} relative (absolute for
 * magnitudes below 1); the JVP and VJP agree with the generated Jacobian times the same vector to
 * {@link #CONSISTENCY}.
 */
public final class VectorFunction {
    public static final double FIRST_ORDER = 1e-7;
    public static final double CONSISTENCY = 1e-11;

    private final Method function;
    private final Class<?> companion;
    private final String name;
    private final boolean[] active;
    private final boolean instance;

    public VectorFunction(Compiled compiled, String className, String method) {
        Class<?> user = compiled.load(className);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        this.companion = compiled.load(className.substring(0, className.lastIndexOf('.') + 1) + simple + "Diff");
        this.function = Arrays.stream(user.getDeclaredMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow();
        this.function.setAccessible(true);
        this.name = method;
        List<String> components = Arrays.stream(member("Vjp").getReturnType().getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        // An instance method's arguments start with its receiver, as the generated members' parameters do.
        this.instance = !java.lang.reflect.Modifier.isStatic(function.getModifiers());
        int offset = instance ? 1 : 0;
        this.active = new boolean[function.getParameterCount() + offset];
        for (int i = offset; i < active.length; i++) {
            active[i] = components.contains(function.getParameters()[i - offset].getName());
        }
    }

    /** The function's value, flattened: a record result component by component. */
    public double[] value(Object... args) {
        return Flat.values(result(args));
    }

    private Object result(Object... args) {
        if (!instance) {
            return invoke(function, args);
        }
        try {
            return function.invoke(args[0], Flat.copy(Arrays.copyOfRange(args, 1, args.length)));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    public double[][] jacobian(Object... args) {
        return (double[][]) invoke(member("Jacobian"), args);
    }

    public DualVector jvp(Object[] args, double[] direction) {
        return (DualVector) invoke(member("Jvp"), Tangents.interleave(member("Jvp"), args, active, direction));
    }

    /** The VJP's value and the seed times the Jacobian, flattened. */
    public double[][] vjp(Object[] args, double[] seed) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        // A record result's seed is a record of its derivative type, the Vjp's last parameter.
        Class<?>[] types = member("Vjp").getParameterTypes();
        all[args.length] = Flat.rebuild(result(args), types[types.length - 1], seed, new int[1]);
        Object record = invoke(member("Vjp"), all);
        RecordComponent[] components = record.getClass().getRecordComponents();
        double[] value = Flat.values(read(components[0].getAccessor(), record));
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < components.length; i++) {
            Flat.add(read(components[i].getAccessor(), record), out);
        }
        return new double[][] {
            value, out.stream().mapToDouble(Double::doubleValue).toArray()
        };
    }

    public GradientCheck.Report check(Object... args) {
        return (GradientCheck.Report) invoke(member("Check"), args);
    }

    /** Asserts the Jacobian, a JVP, a VJP and the generated check at this point. */
    public void assertDerivatives(Object... args) {
        double[] x = Flat.flatten(args, active);
        double[] value = value(args);
        double[][] jacobian = jacobian(args);
        double[][] numeric = NumericDiff.jacobian(p -> value(Flat.replace(args, active, p)), x);
        assertEquals(value.length, jacobian.length, name + ": Jacobian rows");
        for (int i = 0; i < value.length; i++) {
            assertClose(numeric[i], jacobian[i], FIRST_ORDER, "Jacobian row " + i);
        }

        Random random = new Random(7);
        double[] direction = random.doubles(x.length, -1, 1).toArray();
        DualVector dual = jvp(args, direction);
        assertArrayEquals(value, dual.value(), 0.0, name + ": barJvp's value must be the function's own value");
        double[] expectedTangent = new double[value.length];
        for (int i = 0; i < value.length; i++) {
            for (int j = 0; j < x.length; j++) {
                expectedTangent[i] += jacobian[i][j] * direction[j];
            }
        }
        assertClose(expectedTangent, dual.tangent(), CONSISTENCY * (1 + norm(expectedTangent)), "JVP vs Jacobian");

        double[] seed = random.doubles(value.length, -1, 1).toArray();
        double[][] vjp = vjp(args, seed);
        assertArrayEquals(value, vjp[0], 0.0, name + ": barVjp's value must be the function's own value");
        double[] expectedAdjoint = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            for (int i = 0; i < value.length; i++) {
                expectedAdjoint[j] += seed[i] * jacobian[i][j];
            }
        }
        assertClose(expectedAdjoint, vjp[1], CONSISTENCY * (1 + norm(expectedAdjoint)), "VJP vs Jacobian");

        GradientCheck.Report report = check(args);
        assertTrue(report.passed(), () -> name + " at " + Arrays.deepToString(args) + ": " + report);
    }

    private void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, name + " " + what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            double scale = Math.max(1, Math.abs(expected[i]));
            int index = i;
            assertTrue(
                    error <= tolerance * scale,
                    () -> String.format(
                            "%s %s component %d: expected %.17g, got %.17g (error %.3g, tolerance %.1g x %.3g)",
                            name, what, index, expected[index], actual[index], error, tolerance, scale));
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
    }

    private Method member(String suffix) {
        return Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals(name + suffix) && java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + name + suffix));
    }

    private static Object invoke(Method m, Object... args) {
        try {
            return m.invoke(null, Flat.copy(args));
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError("threw " + e.getCause(), e.getCause());
        }
    }

    private static Object read(Method m, Object receiver) {
        try {
            return m.invoke(receiver);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
