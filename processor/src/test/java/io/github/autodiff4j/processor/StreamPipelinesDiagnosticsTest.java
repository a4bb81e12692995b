package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream pipelines autodiff4j does not read as loops: one error each, {@code [autodiff4j:stream]}, at the start of
 * the pipeline (or at the method reference it cannot read), naming what it does not read and saying to write the loop.
 */
class StreamPipelinesDiagnosticsTest {
    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("Arrays.stream(a).boxed().mapToDouble(d -> d).sum()", "Arrays.stream(a)", "boxed"),
                Arguments.of("Arrays.stream(a).sorted().sum()", "Arrays.stream(a)", "sorted"),
                Arguments.of("Arrays.stream(a).parallel().sum()", "Arrays.stream(a)", "parallel"),
                Arguments.of("Arrays.stream(a).limit(2).sum()", "Arrays.stream(a)", "limit"),
                Arguments.of("Arrays.stream(a).distinct().sum()", "Arrays.stream(a)", "distinct"),
                Arguments.of("(double) Arrays.stream(a).count()", "Arrays.stream(a)", "count"),
                Arguments.of("Arrays.stream(a, 0, 2).sum()", "Arrays.stream(a, 0, 2)", "source"),
                Arguments.of("Arrays.stream(a).iterator().nextDouble()", "Arrays.stream(a)", "nextDouble"),
                Arguments.of("IntStream.range(0, a.length).sum()", "IntStream.range", "sum"),
                Arguments.of(
                        "java.util.List.of(1.0, 2.0).stream().mapToDouble(d -> d).sum()", "java.util.List", "source"),
                Arguments.of("Arrays.stream(a).map(Foo::g).sum()", "Foo::g", "method reference"),
                Arguments.of("Arrays.stream(a).summaryStatistics().getMax()", "Arrays.stream(a)", "getMax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedWithItsCallNamedAndTheLoopAdvised(String pipeline, String where, String named) {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import java.util.Arrays;
        import java.util.stream.IntStream;
        public class Foo {
          static double g(double v) {
            return v * v;
          }
          @Differentiable
          static double f(double[] a) {
            return %s;
          }
        }
        """.formatted(pipeline);
        assertSingleError(source, "[autodiff4j:stream]", at(source, where), "stream pipeline", named, "loop");
    }
}
