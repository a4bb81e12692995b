package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.processor.Message.Lambda.FunctionKind;
import io.github.autodiff4j.processor.Message.NameTaken.Holder;
import io.github.autodiff4j.processor.Message.NoActiveParameter.Constant;
import io.github.autodiff4j.processor.Message.OpaqueCall.RuleSketch;
import io.github.autodiff4j.processor.Message.SignatureProblem;
import io.github.autodiff4j.processor.transform.InlineProblem.Recursion.Why;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Renders one example of every message, and of each variant of its text, against {@code messages.txt}: the texts
 * users, tests and the README match on, pinned byte for byte (the file was written by the enum these records
 * replaced). A record without an example, or a tag shared outside its problem's variants, fails here.
 */
class MessageCatalogueTest {
    private static final List<Message> EXAMPLES = List.of(
            new Message.PrivateMethod("f", "FooDiff"),
            new Message.ReturnType("f", "int"),
            new Message.FloatParameter("x", "float"),
            new Message.UnsupportedParameter("x", "short"),
            new Message.ParameterNamedValue("FGradient"),
            new Message.Overload("f", "FGradient"),
            new Message.NoSource("f(double)"),
            new Message.Try(),
            new Message.Synchronized(),
            new Message.LocalClass("record"),
            new Message.PrivateClass("parameter n", "Node"),
            new Message.RecordConstructor("new Vec3(s)", "Vec3"),
            new Message.JavacRecordConstructor("Market"),
            new Message.ConstantRecord("o", "Option", "kind, a Kind"),
            new Message.RecordIdentity("a == b"),
            new Message.SwitchType("Integer"),
            new Message.ForEach("list", "List<Double>"),
            new Message.UnusedResult("Math.sin(x)"),
            new Message.VoidCall("sink.accept(x)"),
            new Message.UnsupportedStatement("this break"),
            new Message.ArraycopyTypes("double[]", "int[]"),
            new Message.RowAssignment("m[i]"),
            new Message.FieldWrite("total"),
            new Message.UnsupportedExpression("'x' (identifier)"),
            new Message.UnsupportedType("local variable n", "Short"),
            new Message.FloatType("literal 1.5f", "float"),
            new Message.RaggedArray("new double[n][]"),
            new Message.Null(),
            new Message.Stream(
                    "Arrays.stream(a).sorted().sum()", "its call sorted(...)", "autodiff4j reads map and filter"),
            new Message.Lambda("x -> x", FunctionKind.LAMBDA),
            new Message.Lambda("Math::sin", FunctionKind.METHOD_REFERENCE),
            new Message.NewObject("new Point(x, y)"),
            new Message.InstanceOf("o instanceof Point p"),
            new Message.AssignmentInExpression("a = b"),
            new Message.Inaccessible("W"),
            new Message.GenericMethod("twice", "t", "T", "double", true),
            new Message.GenericMethod("twice", "t", "T", "int", false),
            new Message.Varargs("sum"),
            new Message.VirtualCall("Shape.area(double)"),
            new Message.OpaqueCall("Lib.f(double)", Optional.empty()),
            new Message.OpaqueCall(
                    "Lib.f(double)", Optional.of(new RuleSketch("Lib", "f", List.of("double x"), List.of("x")))),
            new Message.OpaqueCall(
                    "Lib.g(double,int,double)",
                    Optional.of(
                            new RuleSketch("Lib", "g", List.of("double x", "int n", "double y"), List.of("x", "y")))),
            new Message.Recursion("f", List.of("f", "f"), Why.RESULT, "double[][]"),
            new Message.Recursion("f", List.of("f", "f"), Why.NO_BODY, null),
            new Message.Recursion("f", List.of("f", "f"), Why.WRITES_PARAMETER, null),
            new Message.Recursion("f", List.of("f", "f"), Why.RETURNS_PARAMETER, null),
            new Message.Recursion("f", List.of("f", "f"), Why.TOO_MANY_SLOTS, null),
            new Message.LoopConditionCall("step", true),
            new Message.LoopConditionCall("step", false),
            new Message.ActiveString("label"),
            new Message.DerivativeTarget("Lib", "f", "double, double"),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.WrtNotDouble("n", "f")),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.PartialNotDouble("x")),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.NoDoubleParameter()),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.NotDouble()),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.NotDoubleArray(3)),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.NotStatic()),
            new Message.DerivativeSignature("fDerivative", "f", new SignatureProblem.Private()),
            new Message.DerivativeIncomplete("f", List.of("x", "y")),
            new Message.RuleArrayArgument("f", List.of("a")),
            new Message.SecondDerivative("fDx", "f"),
            new Message.CompanionShared("f", "p.Outer_InnerDiff", "p.Outer.Inner"),
            new Message.CompanionExists("f", "p.FooDiff", "Attempt to recreate a file for type p.FooDiff"),
            new Message.NameTaken("f", "record FooDiff", new Holder.Companion()),
            new Message.NameTaken("f", "member lookUp", new Holder.Helper()),
            new Message.NameTaken("F", "record FGradient", new Holder.Method("f")),
            new Message.HandleTaken("g", "FOO_A_B", "a_b", "aB", "Foo"),
            new Message.PartialsOfOneName("f", "fPartialT", "T", "t"),
            new Message.RecordComponent("f", "FGradient", "hashCode"),
            new Message.ZeroDerivative("f"),
            new Message.ZeroPartial("f", "y"),
            new Message.NoActiveParameter("f", List.of()),
            new Message.NoActiveParameter(
                    "f", List.of(new Constant.OfType("n", "int"), new Constant.NoDerivative("y"))),
            new Message.NoActiveParameter("f", List.of(new Constant.Receiver(), new Constant.OfType("p", "Point"))),
            new Message.TooLarge("fGrad", "f", 70, List.of()),
            new Message.TooLarge("fValueAndPartialsJvp", "f", 70, List.of("g", "h")),
            new Message.TooLargeMember("fJvp", "f", 65, List.of(), false),
            new Message.TooLargeMember("fHessian", "f", 65, List.of("g", "h"), true),
            new Message.TooManyParameters("record FGradient", "f", 257, true),
            new Message.TooManyParameters("fJvp", "f", 256, false),
            new Message.NeedsJavac("org.eclipse.jdt.internal.apt.pluggable.core.dispatch.IdeBuildProcessingEnvImpl"),
            new Message.VarOfCompanion("g", "FooDiff", "demo.Foo", "FooDiff.FGradient"),
            new Message.Internal("Foo.f(double)", "java.lang.IllegalStateException: boom at A.b(A.java:1)"));

    /** Tags several records share: the variants of one problem, each said in its own words. */
    private static final Map<String, Set<Class<?>>> FAMILIES = Map.of(
            "zero-derivative",
            Set.of(Message.ZeroDerivative.class, Message.ZeroPartial.class, Message.NoActiveParameter.class),
            "too-large",
            Set.of(Message.TooLarge.class, Message.TooLargeMember.class),
            "statement",
            Set.of(Message.UnsupportedStatement.class, Message.ArraycopyTypes.class, Message.RowAssignment.class),
            Message.NAME_CLASH,
            Set.of(
                    Message.CompanionShared.class,
                    Message.CompanionExists.class,
                    Message.NameTaken.class,
                    Message.HandleTaken.class,
                    Message.PartialsOfOneName.class,
                    Message.RecordComponent.class));

    /** One example of every message: {@link MessageTagsTest} checks that a test asserts each one's tag. */
    static List<Message> examples() {
        return EXAMPLES;
    }

    @Test
    void everyExampleRendersItsPinnedText() throws IOException {
        List<String> expected = pinned();
        assertEquals(expected.size(), EXAMPLES.size(), "one line of messages.txt per example");
        for (int i = 0; i < EXAMPLES.size(); i++) {
            assertEquals(
                    expected.get(i),
                    EXAMPLES.get(i).render(),
                    EXAMPLES.get(i).getClass().getSimpleName());
        }
    }

    @Test
    void everyMessageHasAnExample() {
        Set<String> records = Arrays.stream(Message.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        EXAMPLES.forEach(m -> records.remove(m.getClass().getSimpleName()));
        assertEquals(Set.of(), records, "messages without an example here");
    }

    @Test
    void renderingIsTheTagThenTheText() {
        for (Message m : EXAMPLES) {
            assertTrue(m.tag().matches("[a-z]+(-[a-z]+)*"), m.tag());
            assertEquals("[autodiff4j:" + m.tag() + "] " + m.text(), m.render());
        }
    }

    /** A tag names one problem: records share one only as the declared variants of a problem. */
    @Test
    void tagsAreUniqueOutsideTheirFamilies() {
        Map<String, Set<Class<?>>> byTag = new HashMap<>();
        for (Message m : EXAMPLES) {
            byTag.computeIfAbsent(m.tag(), t -> new java.util.HashSet<>()).add(m.getClass());
        }
        byTag.forEach((tag, records) -> {
            if (records.size() > 1) {
                assertEquals(FAMILIES.get(tag), records, "records sharing [autodiff4j:" + tag + "]");
            }
        });
    }

    private static List<String> pinned() throws IOException {
        try (InputStream in = MessageCatalogueTest.class.getResourceAsStream("messages.txt")) {
            assertTrue(in != null, "messages.txt is on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
