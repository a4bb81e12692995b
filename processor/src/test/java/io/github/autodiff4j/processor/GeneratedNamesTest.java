package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * Two methods never generate one name in a companion: the later method (in source order) gets a
 * {@code [autodiff4j:name-clash]} error at its name, saying which name and what to rename, and the earlier one is
 * generated, with derivatives that agree with {@code NumericDiff} (tolerances in {@link ScalarFunction}).
 */
class GeneratedNamesTest {
    private static final String CLASS = "demo.Foo";

    /** f and F both made a record FGradient, and javac rejected the companion. */
    @Test
    void methodsDifferingInTheCaseOfTheirFirstLetter() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x * x;
          }
          @Differentiable
          static double F(double x) {
            return Math.sin(x);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "F(double x)"),
                "method F would generate record FGradient",
                "method f generates too",
                "Rename one of them");
        assertEarlierMethodGenerated(source, " FGrad(", "Math.sin");
    }

    /** f's partial with respect to grad is fPartialGrad, fPartial's gradient too. */
    @Test
    void aPartialAndAGradientWithOneName() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double grad) {
            return grad * grad;
          }
          @Differentiable
          static double fPartial(double x) {
            return Math.exp(x);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "fPartial(double x)"),
                "method fPartial would generate member fPartialGrad",
                "method f generates too",
                "Rename one of them");
        assertEarlierMethodGenerated(source, "FPartialGradient", "Math.exp");
    }

    /** Private fields aB and a_b of one class would both be read through a VarHandle named FOO_A_B. */
    @Test
    void privateFieldsWithOneHandleName() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          private final double aB = 2;
          private final double a_b = 3;
          @Differentiable
          double f(double x) {
            return aB * x * x;
          }
          @Differentiable
          double g(double x) {
            return a_b * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "g(double x)"),
                "method g would generate the handle FOO_A_B for private field a_b",
                "the companion already has for field aB of Foo",
                "Rename one of the two fields");
    }

    /** A record component may not be called hashCode: the gradient record has one per active parameter. */
    @Test
    void parameterNamedLikeAnObjectMethod() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x * x;
          }
          @Differentiable
          static double g(double x, double hashCode, @NoDerivative double toString) {
            return x * hashCode * toString;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "hashCode,"),
                "method g would generate record GGradient with a component hashCode",
                "Java does not allow in a record",
                "Rename the parameter");
        assertEarlierMethodGenerated(source, "GGradient");
    }

    /** Names that differ only where Java tells them apart are not clashes. */
    @Test
    void distinctNamesCompile() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x * x;
          }
          @Differentiable
          static double fGrad(double x) {
            return Math.sin(x);
          }
          @Differentiable
          static double g(double x, double y) {
            return x * y;
          }
        }
        """;
        Compiled compiled = Compiled.compile(CLASS, source);
        compiled.assertNoWarnings();
        new ScalarFunction(compiled, CLASS, "f").assertDerivatives(0.9);
        new ScalarFunction(compiled, CLASS, "fGrad").assertDerivatives(0.9);
        new ScalarFunction(compiled, CLASS, "g").assertDerivatives(0.9, -2.0);
    }

    /**
     * A static function of doubles gets a member per partial derivative: t and T (time and temperature) would both give
     * fPartialT, and javac rejected the companion (adversarial finding 03). The error is at the second parameter.
     */
    @Test
    void parametersDifferingInTheCaseOfTheirFirstLetter() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            return x * x * x;
          }
          @Differentiable
          static double decay(double t, double T) {
            return Math.exp(-t / T);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "T) {"),
                "method decay would generate member decayPartialT",
                "parameter t too",
                "Rename one of the two parameters");
        assertEarlierMethodGenerated(source, "decayGrad");
    }

    /** The same names in a method that gets no partial members (not static): nothing clashes, nothing is reported. */
    @Test
    void parametersDifferingInCaseWithoutPartialMembers() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          double decay(double t, double T) {
            return Math.exp(-t / T);
          }
        }
        """;
        Compiled compiled = Compiled.compile(CLASS, source);
        compiled.assertNoWarnings();
    }

    /**
     * The companion of nested class Outer.Inner is Outer_InnerDiff, as is that of a class Outer_Inner: the second gets
     * the error, naming the first (adversarial finding 05; was [autodiff4j:internal] from the Filer).
     */
    @Test
    void classesWithOneCompanionName() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          static class Inner {
            @Differentiable
            static double f(double x) {
              return x * x;
            }
          }
        }
        class Foo_Inner {
          @Differentiable
          static double g(double x) {
            return x * x * x;
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:name-clash]",
                at(source, "g(double x)"),
                "would generate class demo.Foo_InnerDiff",
                "the companion of demo.Foo.Inner too",
                "Rename one of the two classes");
    }

    /** The companion, written despite the error, has f's members and none of the clashing method's. */
    private static void assertEarlierMethodGenerated(String source, String... absent) {
        String companion = DiagnosticsTest.generatedSourceDespiteErrors(source, "demo.FooDiff");
        for (String text : absent) {
            assertFalse(companion.contains(text), companion);
        }
        assertTrue(companion.contains(" fGrad("), companion);
        Compiled compiled = Compiled.compileWithoutProcessor(CLASS, source, "demo.FooDiff", companion);
        new ScalarFunction(compiled, CLASS, "f").assertDerivatives(0.9);
    }
}
