package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of a library compiled apart, whose constructors autodiff4j cannot read: a function builds them as its own,
 * and its members check at run time that the constructor kept its arguments (RecordCheck), throwing where the
 * derivatives would otherwise be wrong. Derivatives against NumericDiff (ScalarFunction: gradient and JVP 1e-7
 * relative, Hessian 1e-6). Before, building such a record was a compile error, or an internal error.
 */
class LibraryRecordsTest {
    @TempDir
    static Path library;

    private static Compiled application;

    @BeforeAll
    static void compileLibraryThenApplication() throws IOException {
        Compiled.compileLibrary(library, "lib.Angle", """
        package lib;
        /** Changes its argument: the derivative code could not know. */
        public record Angle(double rad) {
          public Angle {
            rad = rad % (2 * Math.PI);
          }
        }
        """);
        Compiled.compileLibrary(library, "lib.Shapes", """
        package lib;
        import io.github.autodiff4j.Differentiable;
        public class Shapes {
          public record Pt(double x, double y) {}
          @Differentiable
          public static double norm2(Pt p) {
            return p.x() * p.x() + 3 * p.y() * p.y();
          }
        }
        """);
        application = Compiled.compileAgainst(library, "app.Uses", """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Angle;
        import lib.Shapes;
        public class Uses {
          @Differentiable
          static double area(double s) {
            Shapes.Pt p = new Shapes.Pt(s, 2 * s);
            return p.x() * p.y();
          }
          @Differentiable
          static double turned(double a) {
            return Math.sin(new Angle(a).rad());
          }
        }
        """);
    }

    @Test
    void aLibrarysRecordBuiltInTheFunction() {
        ScalarFunction area = new ScalarFunction(application, "app.Uses", "area");
        area.assertDerivatives(0.7);
        assertEquals(4 * 0.7, area.gradient(0.7)[0], 1e-15);
    }

    @Test
    void aConstructorThatChangesItsArgumentsIsRefusedWhereItDoes() {
        ScalarFunction turned = new ScalarFunction(application, "app.Uses", "turned");
        // Below 2 pi the constructor keeps the angle: exact.
        turned.assertDerivatives(1.2);
        AssertionError thrown = assertThrows(AssertionError.class, () -> turned.gradient(7.0));
        assertTrue(thrown.getCause() instanceof IllegalStateException, String.valueOf(thrown.getCause()));
        assertTrue(thrown.getCause().getMessage().contains("the constructor of Angle changed its arguments"));
    }

    @Test
    void aLibraryFunctionOverRecordsIsAnOpaqueCall() throws IOException {
        String source = """
        package app;
        import io.github.autodiff4j.Differentiable;
        import lib.Shapes;
        public class Calls {
          @Differentiable
          static double f(double s) {
            return Shapes.norm2(new Shapes.Pt(s, s * s));
          }
        }
        """;
        Compilation compilation = Compiled.runAgainst(library, "app.Calls", source);
        assertEquals(Compilation.Status.FAILURE, compilation.status());
        String message = compilation.errors().get(0).getMessage(Locale.ROOT);
        assertTrue(message.startsWith("[autodiff4j:opaque-call] cannot differentiate through Shapes.norm2"), message);
        assertEquals(7, compilation.errors().get(0).getLineNumber());
    }
}
