package io.github.autodiff4j.benchmarks;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.State;

/**
 * Runs, without JMH, the check every benchmark's setup runs: for each {@code @Benchmark} method and each value of
 * its state's {@code @Param}, computes once what the method computes and compares it with the generated reverse-mode
 * gradient (and that with the hand-written gradient, where there is one). A quick way to see that every benchmark
 * does the work it claims, before spending minutes measuring it; {@code run-all.sh} runs it first.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.autodiff4j.benchmarks.SelfCheck [Class...]}
 * (simple names; all benchmark classes by default).
 */
public final class SelfCheck {

    /** The benchmark classes, in the order of the report. */
    static final List<Class<?>> BENCHMARKS = List.of(
            RosenbrockBench.class,
            GmmBench.class,
            ReferenceGmmBench.class,
            LogisticBench.class,
            MlpBench.class,
            LstmBench.class,
            ReferenceLstmBench.class,
            BlackScholesBench.class);

    private SelfCheck() {}

    /**
     * Checks the named benchmark classes, or all.
     *
     * @param args simple class names, e.g. {@code RosenbrockBench}; none for all
     * @throws Exception if a check cannot be run
     */
    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.asList(args);
        int checked = 0;
        for (Class<?> bench : BENCHMARKS) {
            if (!only.isEmpty() && !only.contains(bench.getSimpleName())) {
                continue;
            }
            Method[] methods = bench.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                Class<?> state = stateOf(bench, method);
                Field param = paramOf(state);
                List<String> values = param == null
                        ? List.of("")
                        : List.of(param.getAnnotation(Param.class).value());
                for (String value : values) {
                    long start = System.nanoTime();
                    Object instance = state.getDeclaredConstructor().newInstance();
                    if (param != null) {
                        param.setAccessible(true);
                        if (param.getType() == int.class) {
                            param.setInt(instance, Integer.parseInt(value));
                        } else {
                            param.set(instance, value);
                        }
                    }
                    Method prepare = state.getDeclaredMethod("prepare", String.class);
                    prepare.setAccessible(true);
                    try {
                        prepare.invoke(instance, method.getName());
                    } catch (InvocationTargetException e) {
                        System.out.printf(
                                "FAILED %s.%s %s: %s%n",
                                bench.getSimpleName(),
                                method.getName(),
                                param == null ? "" : param.getName() + "=" + value,
                                e.getCause());
                        throw e;
                    }
                    checked++;
                    System.out.printf(
                            "ok %-20s %-24s %-24s %8.1f ms%n",
                            bench.getSimpleName(),
                            method.getName(),
                            param == null ? "" : param.getName() + "=" + value,
                            (System.nanoTime() - start) / 1e6);
                }
            }
        }
        System.out.println(checked + " benchmark checks passed");
    }

    private static Class<?> stateOf(Class<?> bench, Method method) {
        List<Class<?>> states = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            if (type.isAnnotationPresent(State.class)) {
                states.add(type);
            }
        }
        if (states.isEmpty()) {
            return bench;
        }
        if (states.size() > 1) {
            throw new IllegalStateException(method + " takes several states");
        }
        return states.get(0);
    }

    private static Field paramOf(Class<?> state) {
        Field found = null;
        for (Class<?> c = state; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Param.class)) {
                    if (found != null) {
                        throw new IllegalStateException(state + " has several parameters");
                    }
                    found = field;
                }
            }
        }
        return found;
    }
}
