package io.github.autodiff4j.processor;

import static io.github.autodiff4j.processor.DiagnosticsTest.assertSingleError;
import static io.github.autodiff4j.processor.DiagnosticsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.processor.testing.Compiled;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What autodiff4j says about records it does not differentiate, each message at its line. */
class RecordDiagnosticsTest {
    @Test
    void aConstructorThatAdjustsItsArgumentsIsAnError() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          @Differentiable
          static double f(double x) {
            Angle a = new Angle(x);
            return a.rad();
          }
        }
        record Angle(double rad) {
          Angle {
            rad = rad % (2 * Math.PI);
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:record-constructor]",
                at(source, "new Angle(x)"),
                "new Angle(x) calls a constructor of Angle that autodiff4j cannot read",
                "Call the canonical constructor, from a static factory method");
    }

    @Test
    void aRecordWithAConstructorNestedInTheClassMeetsJavacsBug() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          record Market(double spot, double vol) {
            Market {
              if (vol <= 0) {
                throw new IllegalArgumentException("vol");
              }
            }
          }
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """;
        Compilation compilation = Compiled.run("demo.Foo", source);
        assertEquals(Compilation.Status.FAILURE, compilation.status());
        String ours = compilation.errors().stream()
                .map(e -> e.getMessage(Locale.ROOT))
                .filter(m -> m.contains("[autodiff4j:javac-record-constructor]"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(compilation.errors()));
        assertTrue(ours.contains("record Market declares its canonical constructor"), ours);
        assertTrue(ours.contains("Declare Market at the top level"), ours);
        long line = compilation.errors().stream()
                .filter(e -> e.getMessage(Locale.ROOT).contains("[autodiff4j:javac-record-constructor]"))
                .findFirst()
                .orElseThrow()
                .getLineNumber();
        assertEquals(5, line, "at the constructor");
    }

    @Test
    void aNonCanonicalConstructorIsAnError() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          record Vec3(double x, double y, double z) {
            Vec3(double s) {
              this(s, s, s);
            }
          }
          @Differentiable
          static double f(double x) {
            return new Vec3(x).z();
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:record-constructor]",
                at(source, "new Vec3(x)"),
                "calls a constructor of Vec3 that autodiff4j cannot read",
                "or write the constructor as a compact one");
    }

    @Test
    void aRecordWithAComponentOfAnotherTypeIsAConstantAndSaysSo() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        import io.github.autodiff4j.NoDerivative;
        public class Foo {
          enum Kind { CALL, PUT }
          record Option(double strike, Kind kind) {}
          @Differentiable
          static double f(Option o, double x) {
            return o.strike() * x;
          }
          @Differentiable
          static double g(@NoDerivative Option o, double x) {
            return o.strike() * x;
          }
        }
        """;
        Compilation compilation = Compiled.run("demo.Foo", source);
        assertEquals(
                Compilation.Status.SUCCESS,
                compilation.status(),
                () -> compilation.diagnostics().toString());
        List<Diagnostic<? extends JavaFileObject>> warnings = compilation.warnings().stream()
                .filter(w -> w.getMessage(Locale.ROOT).contains("[autodiff4j:"))
                .toList();
        assertEquals(1, warnings.size(), warnings::toString);
        String text = warnings.get(0).getMessage(Locale.ROOT);
        assertTrue(text.startsWith("[autodiff4j:constant-record] parameter o is a record Option"), text);
        assertTrue(text.contains("(kind, a Kind)"), text);
        assertTrue(text.contains("mark o @NoDerivative"), text);
        assertEquals(8, warnings.get(0).getLineNumber());
    }

    @Test
    void recordsComparedByIdentity() {
        String source = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Foo {
          record P(double x, double y) {}
          @Differentiable
          static double f(P a, P b) {
            return a == b ? a.x() : a.x() * b.y();
          }
        }
        """;
        assertSingleError(
                source,
                "[autodiff4j:record-identity]",
                at(source, "a == b"),
                "a == b compares two records by identity",
                "Compare them with equals");
    }
}
