package io.github.autodiff4j.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.Dual;
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
 * A compiled {@code @Differentiable} scalar method and its generated members, called by reflection, with assertions
 * that compare every generated derivative with numerical differentiation of the original method.
 *
 * <p>Tolerances: first derivatives agree with {@link NumericDiff} to {@link #FIRST_ORDER} relative (absolute for
 * magnitudes below 1); the JVP agrees with the gradient projected on the same direction to {@link #CONSISTENCY}; the
 * Hessian agrees with the numerical Jacobian of the generated gradient to {@link #SECOND_ORDER}.
 */
public final class ScalarFunction {
    public static final double FIRST_ORDER = 1e-7;
    public static final double CONSISTENCY = 1e-12;
    public static final double SECOND_ORDER = 1e-6;

    private final Method function;
    private final Class<?> companion;
    private final String name;
    private final boolean[] active;
    private final boolean instance;

    public ScalarFunction(Compiled compiled, String className, String method) {
        Class<?> user = compiled.load(className);
        // A nested class p.Outer$Inner has the companion p.Outer_InnerDiff.
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '_');
        this.companion = compiled.load(className.substring(0, className.lastIndexOf('.') + 1) + simple + "Diff");
        this.function = Arrays.stream(user.getDeclaredMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow();
        this.function.setAccessible(true);
        this.name = method;
        Method grad = member("Grad");
        List<String> components = Arrays.stream(grad.getReturnType().getRecordComponents())
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

    public double value(Object... args) {
        if (!instance) {
            return (double) invoke(function, args);
        }
        try {
            return (double) function.invoke(args[0], Flat.copy(Arrays.copyOfRange(args, 1, args.length)));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code fooGrad}: the value, then the partials, flattened (array components entry by entry). */
    public double[] valueAndGradient(Object... args) {
        Object record = invoke(member("Grad"), args);
        List<Double> out = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Flat.add(read(component.getAccessor(), record), out);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] gradient(Object... args) {
        double[] all = valueAndGradient(args);
        return Arrays.copyOfRange(all, 1, all.length);
    }

    public Dual jvp(Object[] args, double[] direction) {
        return (Dual) invoke(member("Jvp"), Tangents.interleave(member("Jvp"), args, active, direction));
    }

    public double[][] hessian(Object... args) {
        return (double[][]) invoke(member("Hessian"), args);
    }

    public GradientCheck.Report check(Object... args) {
        return (GradientCheck.Report) invoke(member("Check"), args);
    }

    /** The active inputs of {@code args}, flattened: a double as one entry, a double[] as its elements. */
    public double[] activeInputs(Object[] args) {
        return Flat.flatten(args, active);
    }

    /** {@code args} with the active inputs replaced by the flattened {@code x} (new arrays, never the callers'). */
    public Object[] withActiveInputs(Object[] args, double[] x) {
        return Flat.replace(args, active, x);
    }

    /** Asserts the gradient, the JVP, the Hessian and the generated check at this point. */
    public void assertDerivatives(Object... args) {
        assertFirstOrder(args);
        assertHessian(args);
    }

    /** Asserts the value, the gradient, the JVP and the generated check, without the Hessian. */
    public void assertFirstOrder(Object... args) {
        double[] x = activeInputs(args);
        double[] all = valueAndGradient(args);
        assertEquals(value(args), all[0], 0.0, name + ": fooGrad's value must be the function's own value");
        double[] grad = Arrays.copyOfRange(all, 1, all.length);
        double[] numeric = NumericDiff.gradient(p -> value(withActiveInputs(args, p)), x);
        assertClose(numeric, grad, FIRST_ORDER, "reverse mode");

        double[] direction = new Random(42).doubles(x.length, -1, 1).toArray();
        Dual dual = jvp(args, direction);
        assertEquals(value(args), dual.value(), 0.0, name + ": fooJvp's value must be the function's own value");
        double projected = 0;
        for (int i = 0; i < x.length; i++) {
            projected += grad[i] * direction[i];
        }
        double numericDirectional =
                NumericDiff.derivative(t -> value(withActiveInputs(args, shifted(x, direction, t))), 0);
        assertClose(new double[] {numericDirectional}, new double[] {dual.tangent()}, FIRST_ORDER, "forward mode");
        assertClose(
                new double[] {projected},
                new double[] {dual.tangent()},
                CONSISTENCY * (1 + norm(grad)),
                "forward vs reverse");
        GradientCheck.Report report = check(args);
        assertTrue(report.passed(), () -> name + " at " + Arrays.toString(args) + ": " + report);
    }

    public void assertHessian(Object... args) {
        double[] x = activeInputs(args);
        double[][] hessian = hessian(args);
        double[][] numeric = NumericDiff.jacobian(p -> gradient(withActiveInputs(args, p)), x);
        assertEquals(x.length, hessian.length, name + ": Hessian rows");
        for (int i = 0; i < x.length; i++) {
            assertClose(numeric[i], hessian[i], SECOND_ORDER, "Hessian row " + i);
            for (int j = 0; j < x.length; j++) {
                double scale = 1 + Math.abs(hessian[i][j]);
                assertEquals(hessian[i][j], hessian[j][i], 1e-9 * scale, name + ": Hessian symmetry at " + i + "," + j);
            }
        }
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

    private static double[] shifted(double[] x, double[] direction, double t) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += t * direction[i];
        }
        return out;
    }

    private static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
    }

    /** The public member {@code name + suffix}; of the two fooGrad overloads, the one returning the record. */
    private Method member(String suffix) {
        return Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals(name + suffix) && java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .filter(m -> !m.getReturnType().isPrimitive())
                .findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + name + suffix));
    }

    /** The allocation-free {@code fooGrad(args..., adjoints...)}: fills the adjoint arrays, returns the value. */
    public double gradInPlace(Object[] args, Object... adjoints) {
        Method inPlace = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals(name + "Grad") && m.getReturnType() == double.class)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no allocation-free " + name + "Grad"));
        Object[] all = Arrays.copyOf(args, args.length + adjoints.length);
        System.arraycopy(adjoints, 0, all, args.length, adjoints.length);
        try {
            return (double) inPlace.invoke(null, all);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        }
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
