package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps generated companions under review: src/test/golden (outside the class path, where javac would pick the sources up) holds inputs and the exact code generated for
 * them, so a change to the generator shows up as a diff a reviewer reads. After an intended change, regenerate with
 * {@code mvn -pl processor test -Dtest=GoldenTest -Dgolden.update=true} and review the diff. The derivatives in the
 * golden files are checked against numerical differentiation here too, so a golden file cannot enshrine a wrong one.
 */
class GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/golden");

    @Test
    void pendulum() throws IOException {
        Compiled compiled = Compiled.compile("golden.Pendulum", read("Pendulum.java"));
        assertGolden("PendulumDiff.java", compiled.generatedSource("golden.PendulumDiff"));
        new ScalarFunction(compiled, "golden.Pendulum", "energy").assertDerivatives(0.3, -1.2, 2.0);
        new ScalarFunction(compiled, "golden.Pendulum", "logistic").assertDerivatives(0.8, -0.1, 1.5, -1);
    }

    @Test
    void loops() throws IOException {
        Compiled compiled = Compiled.compile("golden.Loops", read("Loops.java"));
        assertGolden("LoopsDiff.java", compiled.generatedSource("golden.LoopsDiff"));
        new ScalarFunction(compiled, "golden.Loops", "rosenbrock")
                .assertDerivatives((Object) new double[] {-1.2, 1, 0.7});
        new ScalarFunction(compiled, "golden.Loops", "newtonSqrt").assertDerivatives(2.0);
        new ScalarFunction(compiled, "golden.Loops", "huber").assertDerivatives(0.3, 1.0);
        new ScalarFunction(compiled, "golden.Loops", "huber").assertDerivatives(-2.5, 1.0);
    }

    private static void assertGolden(String file, String generated) throws IOException {
        Path path = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(path, generated, StandardCharsets.UTF_8);
        }
        assertEquals(read(file), generated, "generated code differs from " + path + "; see GoldenTest to update it");
    }

    private static String read(String file) throws IOException {
        return Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
    }
}
