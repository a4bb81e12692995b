package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.RecursionMembers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the private members through which the derivatives of recursive methods of the build go ({@link
 * RecursionMembers}): once per companion, however many of its methods call the recursion.
 */
final class RecursionWriter {
    private static final ClassName RECURSION_TAPE = ClassName.get("io.github.autodiff4j", "RecursionTape");

    private RecursionWriter() {}

    static void addTo(List<MethodCode> methods, TypeSpec.Builder companion) {
        // One set per method, the public one where its own function exports them (the same code, built alike).
        Map<String, RecursionMembers> chosen = new LinkedHashMap<>();
        for (MethodCode code : methods) {
            for (RecursionMembers r : code.derivatives().recursions()) {
                String name = r.base();
                RecursionMembers earlier = chosen.get(name);
                if (earlier != null && !earlier.method().equals(r.method())) {
                    // The members are named after the method: two recursions of one name would share them.
                    throw new IllegalStateException("two recursive methods named " + name + " ("
                            + earlier.method().ownerName() + " and "
                            + r.method().ownerName()
                            + "): rename one of them");
                }
                if (earlier == null || (r.exported() && !earlier.exported())) {
                    chosen.put(name, r);
                }
            }
        }
        chosen.values().forEach(r -> add(r, companion));
    }

    private static void add(RecursionMembers r, TypeSpec.Builder companion) {
        io.github.autodiff4j.processor.ir.MethodRef m = r.method();
        Modifier visibility = r.exported() ? Modifier.PUBLIC : Modifier.PRIVATE;
        String method = "{@code " + m.ownerName() + "." + m.name() + "}";
        // A vector function's value is an array, and a value with its tangent two of them.
        boolean vector = r.result() == Type.DOUBLE_ARRAY;
        TypeName value = vector ? ArrayTypeName.of(double.class) : TypeName.DOUBLE;
        TypeName both = ArrayTypeName.of(value);
        java.util.function.Function<List<CodeBlock>, CodeBlock> pair =
                values -> CodeBlock.of("return new $T {$L};\n", both, CodeBlock.join(values, ", "));
        if (r.value() != null) {
            companion.addMethod(member(
                    visibility,
                    CompanionNames.recursionValue(r.base()),
                    "The value of " + method + ", which is private: a copy of its body, whose recursive calls call this"
                            + " copy.",
                    value,
                    r.value(),
                    false,
                    values -> CodeBlock.of("return $L;\n", values.get(0))));
        }
        companion.addMethod(member(
                visibility,
                CompanionNames.recursionRecord(r.base()),
                "What a caller's gradient calls for " + method + " in its forward sweep: the value. It keeps, on\n"
                        + "the thread's {@link RecursionTape}, the values the method's recursive calls returned (if it"
                        + " makes any),\nwhich the matching {@link #" + CompanionNames.recursionPullback(r.base())
                        + "} takes back rather than calling again.",
                value,
                r.record(),
                true,
                values -> CodeBlock.of("return $L;\n", values.get(0))));
        companion.addMethod(member(
                visibility,
                CompanionNames.recursionRecordJvp(r.base()),
                "Forward mode of {@link #" + CompanionNames.recursionRecord(r.base()) + "}, for Hessians: keeps the"
                        + " values and their tangents.\nReturns {@code {value, tangent}}.",
                both,
                r.recordJvp(),
                true,
                pair));
        companion.addMethod(member(
                visibility,
                CompanionNames.recursionPushforward(r.base()),
                "Forward mode of " + method + ", one call per call (and per level of a recursion): a tangent follows\n"
                        + "each double or array parameter. Returns {@code {value, tangent}}.",
                both,
                r.pushforward(),
                false,
                pair));
        companion.addMethod(member(
                visibility,
                CompanionNames.recursionPullback(r.base()),
                "Reverse mode of " + method + ", called in the caller's backward sweep after the matching {@link #"
                        + CompanionNames.recursionRecord(r.base()) + "},\nwith the parameters' values at the record"
                        + " and the adjoint of the result ({@code seed}): runs the method's forward\nsweep (taking back"
                        + " the values of its recursive calls that the record kept), then adds {@code seed} times\nthe"
                        + " gradient into the adjoint array that follows the parameters for each array parameter"
                        + " (added into,\nnot overwritten). "
                        + (vector
                                ? "The seed is the adjoint of the result, an array as long as it.\nReturns {@code {the"
                                        + " adjoint of each double parameter...}}."
                                : "Returns {@code {value, the adjoint of each double parameter...}}."),
                ArrayTypeName.of(double.class),
                r.pullback(),
                false,
                null));
        companion.addMethod(member(
                visibility,
                CompanionNames.recursionPullbackJvp(r.base()),
                "Forward mode of {@link #" + CompanionNames.recursionPullback(r.base()) + "}, for Hessians: a tangent"
                        + " follows each of its parameters\nthat carries a derivative. Returns {@code {{"
                        + (vector ? "" : "value, ")
                        + "adjoints...}, {their tangents...}}}.",
                ArrayTypeName.of(ArrayTypeName.of(double.class)),
                r.pullbackJvp(),
                false,
                null));
    }

    /**
     * One member: the function's body, returning what {@code returns} makes of the printed values, or, when it is
     * null, the double ones (the adjoint arrays are the caller's): in one array, or in two rows for a function that
     * returns its values then their tangents.
     *
     * @param records whether the member is one level of a recording, whose recursive calls' kept values are laid
     *     down for its pullback when it returns, on every path ({@code finally})
     */
    private static MethodSpec member(
            Modifier visibility,
            String name,
            String doc,
            TypeName result,
            Function f,
            boolean records,
            java.util.function.Function<List<CodeBlock>, CodeBlock> returns) {
        Namer namer = new Namer();
        for (Var p : f.params()) {
            namer.name(p);
        }
        BodyWriter[] self = new BodyWriter[1];
        self[0] = new BodyWriter(namer, (Stmt.Return r) -> {
            if (returns != null) {
                return returns.apply(r.values().stream().map(self[0]::expr).toList());
            }
            boolean rows = result.equals(ArrayTypeName.of(ArrayTypeName.of(double.class)));
            int half = r.values().size() / 2;
            List<CodeBlock> first =
                    doubles(r.values().subList(0, rows ? half : r.values().size()), self[0]);
            if (!rows) {
                return CodeBlock.of("return new double[] {$L};\n", CodeBlock.join(first, ", "));
            }
            List<CodeBlock> second = doubles(r.values().subList(half, r.values().size()), self[0]);
            return CodeBlock.of(
                    "return new double[][] {{$L}, {$L}};\n", CodeBlock.join(first, ", "), CodeBlock.join(second, ", "));
        });
        List<ParameterSpec> params = new ArrayList<>();
        for (Var p : f.params()) {
            params.add(ParameterSpec.builder(javaType(p), namer.name(p)).build());
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(visibility, Modifier.STATIC)
                .addJavadoc(doc + "\n")
                .returns(result)
                .addParameters(params);
        if (!records) {
            return method.addCode(self[0].body(f)).build();
        }
        String level = namer.fresh("level");
        return method.addStatement("int $L = $T.open()", level, RECURSION_TAPE)
                .beginControlFlow("try")
                .addCode(self[0].body(f))
                .nextControlFlow("finally")
                .addStatement("$T.close($L)", RECURSION_TAPE, level)
                .endControlFlow()
                .build();
    }

    private static List<CodeBlock> doubles(List<Expr> values, BodyWriter writer) {
        return values.stream()
                .filter(v -> v.type() == Type.DOUBLE)
                .map(writer::expr)
                .toList();
    }

    private static TypeName javaType(Var v) {
        return switch (v.type()) {
            case DOUBLE -> TypeName.DOUBLE;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case BOOLEAN -> TypeName.BOOLEAN;
            case CHAR -> TypeName.CHAR;
            case DOUBLE_ARRAY -> ArrayTypeName.of(double.class);
            case DOUBLE_MATRIX -> ArrayTypeName.of(ArrayTypeName.of(double.class));
            case INT_ARRAY -> ArrayTypeName.of(int.class);
            case LONG_ARRAY -> ArrayTypeName.of(long.class);
            case BOOLEAN_ARRAY -> ArrayTypeName.of(boolean.class);
            case OBJECT -> v.javaType();
        };
    }
}
