package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.NumericDiff;
import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls on the method's own object ({@code predict(x)}, {@code this.predict(x)}) are differentiated through the
 * declaring class's body, in loops, in branches and nested (an own call inside an inlined own call, any depth). A
 * receiver whose class runs those bodies (the class itself, a subclass that overrides none of them) gets derivatives
 * that agree with NumericDiff (tolerances in ScalarFunction: 1e-7 relative for first derivatives, 1e-6 for the
 * Hessian); a receiver whose class overrides one of them makes every generated member throw, naming the override.
 */
class OwnObjectCallsTest {
    private static final String MODEL = """
      package demo;
      import io.github.autodiff4j.Differentiable;
      public class Model {
        final double[] w;

        public Model(double[] w) {
          this.w = w;
        }

        double predict(double[] x, int i) {
          return Math.tanh(w[i] * x[i]) + 0.1 * x[i] * x[i];
        }

        double activation(double z) {
          return Math.sin(z) + z * z;
        }

        @Differentiable
        double loss(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              s += predict(x, i);
            } else {
              s += this.activation(x[i]) * 0.5;
            }
          }
          return s;
        }

        @Differentiable
        double scaledLoss(double[] x, double c) {
          return c * loss(x) + activation(c);
        }

        @Differentiable
        double deep(double[] x) {
          return level1(x) * x[1];
        }

        double level1(double[] x) {
          return level2(x) + x[0] * x[0];
        }

        double level2(double[] x) {
          return this.predict(x, 1) * activation(x[0]);
        }

        @Differentiable
        double[] features(double[] x) {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = predict(x, i) * activation(x[i]);
          }
          return out;
        }

        public static Model anonymous(double[] w) {
          return new Model(w) { };
        }
      }
      """;

    private static Compiled compiled;
    private static final double[] W = {0.5, -1.5, 2.0};
    /** Positive and negative entries: both branches of loss run. */
    private static final double[] X = {0.3, -0.2, 0.7};

    @BeforeAll
    static void compile() {
        compiled = Compiled.compileAll(
                "demo.Model", MODEL,
                "demo.Plain", subclass("Plain", "Model", "  final double extra = 3;\n"),
                "demo.Sharper",
                        subclass(
                                "Sharper",
                                "Model",
                                "  @Override\n  double predict(double[] x, int i) {\n    return 2 * x[i];\n  }\n"),
                "demo.OwnLoss",
                        subclass(
                                "OwnLoss",
                                "Model",
                                "  @Override\n  double loss(double[] x) {\n    return x[0];\n  }\n"),
                "demo.Heir",
                        subclass("Heir", "Plain", "  @Override\n  double activation(double z) {\n    return z;\n  }\n"),
                "demo.Deeper", subclass("Deeper", "Sharper", ""));
    }

    private static String subclass(String name, String parent, String body) {
        return "package demo;\npublic class " + name + " extends " + parent + " {\n  public " + name
                + "(double[] w) {\n    super(w);\n  }\n" + body + "}\n";
    }

    private static Object receiver(String className) {
        try {
            return compiled.load("demo." + className)
                    .getConstructor(double[].class)
                    .newInstance((Object) W.clone());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static ScalarFunction function(String name) {
        return new ScalarFunction(compiled, "demo.Model", name);
    }

    @Test
    void ownCallsInLoopsAndBranchesOnTheDeclaringClass() {
        function("loss").assertDerivatives(receiver("Model"), X);
    }

    /** Regression: scaledLoss -> loss -> predict was rejected as [autodiff4j:virtual-call]. */
    @Test
    void nestedOwnCallsAreDifferentiatedLikeDirectOnes() {
        function("scaledLoss").assertDerivatives(receiver("Model"), X, 1.3);
        function("deep").assertDerivatives(receiver("Model"), X);
    }

    @Test
    void subclassesThatOverrideNothingDifferentiatedGetTheDerivatives() throws Exception {
        Object anonymous = compiled.load("demo.Model")
                .getMethod("anonymous", double[].class)
                .invoke(null, (Object) W.clone());
        for (Object self : List.of(receiver("Plain"), anonymous)) {
            function("loss").assertDerivatives(self, X);
            function("scaledLoss").assertDerivatives(self, X, 1.3);
            function("deep").assertDerivatives(self, X);
        }
        // OwnLoss overrides loss, which deep never runs.
        function("deep").assertDerivatives(receiver("OwnLoss"), X);
    }

    @Test
    void aVectorFunctionWithOwnCallsMatchesNumericDiff() throws Exception {
        Class<?> model = compiled.load("demo.Model");
        Method features = model.getDeclaredMethod("features", double[].class);
        Method jacobian = companion().getMethod("featuresJacobian", model, double[].class);
        for (Object self : List.of(receiver("Model"), receiver("Plain"))) {
            double[][] numeric = NumericDiff.jacobian(p -> (double[]) call(features, self, p.clone()), X);
            double[][] generated = (double[][]) call(jacobian, null, self, X.clone());
            for (int i = 0; i < X.length; i++) {
                for (int j = 0; j < X.length; j++) {
                    double scale = Math.max(1, Math.abs(numeric[i][j]));
                    assertEquals(numeric[i][j], generated[i][j], 1e-7 * scale, "d features_" + i + " / d x_" + j);
                }
            }
        }
    }

    /** Regression: the base class's body was differentiated for a receiver that runs the override, silently. */
    @Test
    void anOverriddenHelperMakesEveryMemberThrowNamingTheOverride() {
        String expected =
                "ModelDiff's members for loss differentiate the body of demo.Model.predict(double[], int), which"
                        + " demo.Model.loss runs on its own object, but this receiver is a demo.Sharper, which overrides it with"
                        + " demo.Sharper.predict: its derivatives would be wrong. Make demo.Model.predict final (or private, or"
                        + " static), or override loss in Sharper too, annotate that override with @Differentiable and call"
                        + " SharperDiff's members.";
        Object self = receiver("Sharper");
        for (String member : List.of("lossGrad", "lossJvp", "lossHessian", "lossCheck")) {
            assertEquals(expected, refusal(member, self), member);
        }
        assertEquals(expected, refusal(inPlaceGrad(), self, X.clone(), new double[3]), "allocation-free lossGrad");
        for (String member : List.of("scaledLossGrad", "scaledLossJvp", "scaledLossHessian", "scaledLossCheck")) {
            assertTrue(
                    refusal(member, self)
                            .contains("demo.Model.predict(double[], int), which demo.Model.scaledLoss runs"
                                    + " on its own object"),
                    member);
        }
        for (String member : List.of(
                "deepGrad",
                "deepJvp",
                "deepHessian",
                "deepCheck",
                "featuresJacobian",
                "featuresJvp",
                "featuresVjp",
                "featuresCheck")) {
            assertTrue(
                    refusal(member, self).contains("a demo.Sharper, which overrides it with demo.Sharper.predict"),
                    member);
        }
    }

    @Test
    void anOverriddenDifferentiableMethodMakesItsMembersThrow() {
        String expected = "ModelDiff's members for loss differentiate the body of demo.Model.loss(double[]) but this"
                + " receiver is a demo.OwnLoss, which overrides it with demo.OwnLoss.loss: its derivatives would be wrong."
                + " Make demo.Model.loss final, or annotate demo.OwnLoss.loss with @Differentiable and call OwnLossDiff's"
                + " members.";
        Object self = receiver("OwnLoss");
        for (String member : List.of("lossGrad", "lossJvp", "lossHessian", "lossCheck")) {
            assertEquals(expected, refusal(member, self), member);
        }
        // scaledLoss runs loss on its own object: the override changes its value too.
        assertTrue(refusal("scaledLossGrad", self)
                .contains("demo.Model.loss(double[]), which demo.Model.scaledLoss"
                        + " runs on its own object, but this receiver is a demo.OwnLoss"));
    }

    @Test
    void anOverrideAnywhereBetweenTheReceiversClassAndTheDeclaringClassCounts() {
        assertTrue(refusal("lossGrad", receiver("Heir"))
                .contains("this receiver is a demo.Heir, which overrides it" + " with demo.Heir.activation"));
        assertTrue(refusal("lossGrad", receiver("Deeper"))
                .contains("this receiver is a demo.Deeper, and demo.Sharper"
                        + " overrides it with demo.Sharper.predict"));
    }

    @Test
    void noCheckWhereNoSubclassCanOverride() {
        Compiled frozen = Compiled.compileAll("demo.Frozen", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public final class Frozen {
          double w = 2;
          double predict(double x) {
            return w * x * x;
          }
          @Differentiable
          double loss(double x) {
            return predict(x) * 3;
          }
        }
        """, "demo.Steady", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Steady {
          private double square(double x) {
            return x * x;
          }
          final double predict(double x) {
            return square(x) * 2;
          }
          @Differentiable
          final double loss(double x) {
            return predict(x) * 3;
          }
        }
        """);
        assertFalse(frozen.generatedSource("demo.FrozenDiff").contains("ReceiverCheck"));
        assertFalse(frozen.generatedSource("demo.SteadyDiff").contains("ReceiverCheck"));
        assertTrue(compiled.generatedSource("demo.ModelDiff").contains("lossBodies.check(self);"));
    }

    /**
     * Regression: every enum was taken for final, but a constant with a body of its own is a subclass that may override
     * a method. {@code m.f(x)} on such a constant ran its override while the derivative was the enum's body's; an own
     * call now goes through the receiver check, and a call on another enum object is a virtual call. An enum without
     * such constants is final, and calls on its objects are still differentiated through.
     */
    @Test
    void anEnumConstantWithABodyMayOverride() throws Exception {
        String modes = """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public enum Mode {
          SQUARE,
          TRIPLE {
            @Override
            double f(double x) {
              return 3 * x;
            }
          };

          double f(double x) {
            return x * x * x;
          }

          @Differentiable
          double g(double x) {
            return f(x) * 2;
          }
          %s
        }
        """;
        String viaOther = "\n  @Differentiable\n  static double viaOther(Mode m, double x) {\n    return m.f(x);\n  }";
        String source = modes.formatted(viaOther);
        List<javax.tools.Diagnostic<? extends javax.tools.JavaFileObject>> errors =
                Compiled.run("demo.Mode", source).errors();
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(
                errors.get(0)
                        .getMessage(null)
                        .startsWith("[autodiff4j:virtual-call] Mode.f(double) can be" + " overridden"),
                errors.get(0)::toString);
        assertEquals(
                DiagnosticsTest.at(source, "m.f(x)"),
                new DiagnosticsTest.Position(
                        errors.get(0).getLineNumber(), errors.get(0).getColumnNumber()));

        Compiled mode = Compiled.compile("demo.Mode", modes.formatted(""));
        Class<?> type = mode.load("demo.Mode");
        new ScalarFunction(mode, "demo.Mode", "g")
                .assertDerivatives(type.getField("SQUARE").get(null), 0.7);
        Method grad = mode.load("demo.ModeDiff").getMethod("gGrad", type, double.class);
        String refused = refusal(grad, type.getField("TRIPLE").get(null), 0.7);
        assertTrue(
                refused.contains(
                        "which overrides it with demo.Mode$1.f: its derivatives would be wrong. Make"
                                + " demo.Mode.f final (or private, or static): an anonymous or local class has no companion of its own."),
                refused);

        Compiled finalEnum = Compiled.compile("demo.Plain", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public enum Plain {
          ONE;

          double f(double x) {
            return x * x * x;
          }

          @Differentiable
          static double viaOther(Plain m, double x) {
            return m.f(x);
          }
        }
        """);
        new ScalarFunction(finalEnum, "demo.Plain", "viaOther")
                .assertDerivatives(Enum.valueOf(finalEnum.load("demo.Plain").asSubclass(Enum.class), "ONE"), 0.7);
    }

    private static Class<?> companion() {
        return compiled.load("demo.ModelDiff");
    }

    private static Method inPlaceGrad() {
        return Arrays.stream(companion().getMethods())
                .filter(m -> m.getName().equals("lossGrad") && m.getReturnType() == double.class)
                .findFirst()
                .orElseThrow();
    }

    /** The message of the IllegalArgumentException the member throws for this receiver, at X (and c = 1.3). */
    private static String refusal(String member, Object self) {
        Method m = Arrays.stream(companion().getMethods())
                .filter(c -> c.getName().equals(member))
                .filter(c -> !(c.getName().endsWith("Grad") && c.getReturnType() == double.class))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no member " + member));
        Object[] args = new Object[m.getParameterCount()];
        args[0] = self;
        for (int i = 1; i < args.length; i++) {
            Class<?> type = m.getParameterTypes()[i];
            args[i] = type == double[].class ? X.clone() : type == double.class ? (Object) 1.3 : null;
        }
        return refusal(m, args);
    }

    private static String refusal(Method member, Object... args) {
        InvocationTargetException thrown =
                assertThrows(InvocationTargetException.class, () -> member.invoke(null, args), member.getName());
        assertEquals(
                IllegalArgumentException.class,
                thrown.getCause().getClass(),
                () -> thrown.getCause().toString());
        return thrown.getCause().getMessage();
    }

    private static Object call(Method m, Object receiver, Object... args) {
        try {
            m.setAccessible(true);
            return m.invoke(receiver, args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
