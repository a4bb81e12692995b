package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import io.github.autodiff4j.processor.testing.VectorFunction;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Programs written the way users write them, not the way the fuzzer's generator does: custom rules, special functions
 * and recursion inside loops, branches and helpers; helpers with early returns; matrices; in-place updates. Each file
 * in {@code src/test/resources/adversarial/} is compiled with the processor, and every {@code @Differentiable} method
 * in it is checked at three random points: the gradient, JVP, Hessian and fooCheck of a scalar function (tolerances of
 * ScalarFunction), the Jacobian, JVP, VJP and barCheck of a vector function (tolerances of VectorFunction), and the
 * caller's arrays after each reverse-mode member, which must be given back bit for bit.
 *
 * <p>Arguments by parameter type: a {@code double} in [-1.5, 1.5], a {@code double[]} of length 3, a
 * {@code double[][]} of 2 x 3, an {@code int} in [0, 4]. A file's methods must be defined for all of them.
 */
class AdversarialCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/adversarial");
    private static final int POINTS = 3;

    @TestFactory
    Stream<DynamicTest> everyMethodOfEveryProgram() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".java", "");
                String name = "adversarial." + simple;
                Compiled compiled = Compiled.compile(name, Files.readString(file));
                Class<?> user = compiled.load(name);
                // @Differentiable is not kept at run time: a method is differentiated when its companion has a
                // gradient.
                Set<String> members = Arrays.stream(compiled.load(name + "Diff").getMethods())
                        .map(Method::getName)
                        .collect(Collectors.toSet());
                List<Method> differentiated = Arrays.stream(user.getDeclaredMethods())
                        .filter(m ->
                                members.contains(m.getName() + "Grad") || members.contains(m.getName() + "Jacobian"))
                        .sorted(Comparator.comparing(Method::getName))
                        .toList();
                assertFalse(differentiated.isEmpty(), file + " has no differentiated method");
                differentiated.forEach(m ->
                        tests.add(DynamicTest.dynamicTest(simple + "." + m.getName(), () -> check(compiled, name, m))));
            }
        }
        return tests.stream();
    }

    private static void check(Compiled compiled, String className, Method method) throws ReflectiveOperationException {
        Random random = new Random(method.getName().hashCode());
        for (int point = 0; point < POINTS; point++) {
            Object[] args = arguments(method, random);
            Object[] withReceiver = args;
            if (!Modifier.isStatic(method.getModifiers())) {
                withReceiver = new Object[args.length + 1];
                withReceiver[0] =
                        compiled.load(className).getDeclaredConstructor().newInstance();
                System.arraycopy(args, 0, withReceiver, 1, args.length);
            }
            if (method.getReturnType() == double[].class) {
                new VectorFunction(compiled, className, method.getName()).assertDerivatives(withReceiver);
            } else {
                new ScalarFunction(compiled, className, method.getName()).assertDerivatives(withReceiver);
            }
            assertArraysGivenBack(compiled, className, method.getName(), withReceiver);
        }
    }

    private static Object[] arguments(Method method, Random random) {
        return Arrays.stream(method.getParameterTypes())
                .map(type -> {
                    if (type == double.class) {
                        return (Object) (random.nextDouble() * 3 - 1.5);
                    }
                    if (type == double[].class) {
                        return random.doubles(3, -1.5, 1.5).toArray();
                    }
                    if (type == double[][].class) {
                        return new double[][] {
                            random.doubles(3, -1.5, 1.5).toArray(),
                            random.doubles(3, -1.5, 1.5).toArray()
                        };
                    }
                    if (type == int.class) {
                        return random.nextInt(5);
                    }
                    throw new AssertionError("no argument of type " + type + " for " + method);
                })
                .toArray();
    }

    /** fooGrad, fooHessian, barJacobian and barVjp leave the caller's arrays as they found them. */
    private static void assertArraysGivenBack(Compiled compiled, String className, String name, Object[] args)
            throws ReflectiveOperationException {
        Class<?> companion = compiled.load(className + "Diff");
        for (String suffix : List.of("Grad", "Hessian", "Jacobian")) {
            for (Method member : companion.getMethods()) {
                if (!member.getName().equals(name + suffix) || member.getParameterCount() != args.length) {
                    continue;
                }
                Object[] before = deepCopy(args);
                member.invoke(null, args);
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof double[][] m) {
                        assertArrayEquals((double[][]) before[i], m, member.getName() + " changed argument " + i);
                    } else if (args[i] instanceof double[] a) {
                        assertArrayEquals((double[]) before[i], a, 0.0, member.getName() + " changed argument " + i);
                    } else {
                        assertEquals(before[i], args[i]);
                    }
                }
            }
        }
    }

    private static Object[] deepCopy(Object[] args) {
        return Arrays.stream(args)
                .map(a -> a instanceof double[][] m
                        ? Arrays.stream(m).map(double[]::clone).toArray(double[][]::new)
                        : a instanceof double[] d ? d.clone() : a)
                .toArray();
    }
}
