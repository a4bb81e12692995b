package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The companion's private helpers between records of doubles and their arrays ({@code components(Point)}, {@code
 * point(double[], int)}), and the tangent records of records that declare their constructor, each written once, for
 * the types a method's members use.
 */
final class RecordConversions {
    private final ClassName companion;
    private final Map<String, MethodSpec> methods = new LinkedHashMap<>();
    private final Map<String, TypeSpec> types = new LinkedHashMap<>();

    RecordConversions(ClassName companion) {
        this.companion = companion;
    }

    /**
     * Whether derivatives of the record need a tangent record of its own: it, or a record it holds, declares its
     * canonical constructor, which checks or adjusts its arguments and must not run on derivatives.
     */
    static boolean needsTangent(RecordShape shape) {
        return shape.declaredConstructor()
                || shape.components().stream().anyMatch(c -> c.nested() != null && needsTangent(c.nested()));
    }

    /** The parameter's type as the user declared it: the record, or an array of it. */
    TypeName userType(Param p) {
        return userType(p.record(), p.var().type() == Type.DOUBLE_MATRIX);
    }

    TypeName userType(RecordShape shape, boolean array) {
        return array ? ArrayTypeName.of(shape.type()) : shape.type();
    }

    /** The type of the parameter's tangents and partial derivatives. */
    TypeName derivativeType(Param p) {
        TypeName type = derivativeType(p.record());
        return p.var().type() == Type.DOUBLE_MATRIX ? ArrayTypeName.of(type) : type;
    }

    /** The record itself, or its tangent record ({@code MarketTangent}, nested in the companion). */
    ClassName derivativeType(RecordShape shape) {
        if (!needsTangent(shape)) {
            return shape.type();
        }
        ClassName tangent = companion.nestedClass(simpleName(shape) + "Tangent");
        if (!types.containsKey(tangent.simpleName())) {
            TypeSpec.Builder record = TypeSpec.recordBuilder(tangent)
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                            "Tangents and partial derivatives of a {@link $T}, component by component: a record of"
                                    + " their own, as\n{@code $T}'s constructor checks or adjusts its arguments, which"
                                    + " derivatives must not go through.\n",
                            shape.type(),
                            shape.type());
            MethodSpec.Builder components = MethodSpec.constructorBuilder();
            for (RecordShape.Component c : shape.components()) {
                components.addParameter(c.nested() == null ? TypeName.DOUBLE : derivativeType(c.nested()), c.name());
            }
            types.put(
                    tangent.simpleName(),
                    record.recordConstructor(components.build()).build());
        }
        return tangent;
    }

    /** {@code components(value)}, as {@link #flatten} registers the helper. */
    static CodeBlock flattenCall(TypeName type, boolean array, CodeBlock value) {
        return CodeBlock.of("components($L)", value);
    }

    /** {@code toPoint(flat, 0)}, or {@code toPointArray(rows)}, as {@link #build} registers the helper. */
    static CodeBlock buildCall(ClassName type, boolean array, CodeBlock flat) {
        String single = "to" + String.join("", type.simpleNames());
        return array ? CodeBlock.of("$LArray($L)", single, flat) : CodeBlock.of("$L($L, 0)", single, flat);
    }

    /** {@code components(value)}: the array (a matrix, for an array of records) of a record of type {@code type}. */
    CodeBlock flatten(RecordShape shape, TypeName type, boolean array, CodeBlock value) {
        flattener(shape, type);
        if (array) {
            TypeName arrayType = ArrayTypeName.of(type);
            methods.computeIfAbsent(
                    "components(" + arrayType + ")",
                    key -> MethodSpec.methodBuilder("components")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(double[][].class)
                            .addParameter(arrayType, "records")
                            .beginControlFlow("if (records == null)")
                            .addStatement("return null")
                            .endControlFlow()
                            .addStatement("double[][] rows = new double[records.length][]")
                            .beginControlFlow("for (int i = 0; i < records.length; i++)")
                            .addStatement("rows[i] = components(records[i])")
                            .endControlFlow()
                            .addStatement("return rows")
                            .build());
        }
        return CodeBlock.of("components($L)", value);
    }

    /** The record of type {@code type} (or an array of them) that the array (or matrix) {@code flat} holds. */
    CodeBlock build(RecordShape shape, ClassName type, boolean array, CodeBlock flat) {
        String single = builder(shape, type);
        if (!array) {
            return CodeBlock.of("$L($L, 0)", single, flat);
        }
        String many = single + "Array";
        methods.computeIfAbsent(
                many + "(double[][])",
                key -> MethodSpec.methodBuilder(many)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(ArrayTypeName.of(type))
                        .addParameter(double[][].class, "rows")
                        .addStatement("$T[] records = new $T[rows.length]", type, type)
                        .beginControlFlow("for (int i = 0; i < rows.length; i++)")
                        .addStatement("records[i] = $L(rows[i], 0)", single)
                        .endControlFlow()
                        .addStatement("return records")
                        .build());
        return CodeBlock.of("$L($L)", many, flat);
    }

    /**
     * {@code store(rows, records)}: each row back into the caller's array of records, as a new record of its doubles
     * (a record the method did not replace comes back equal).
     */
    CodeBlock storeInto(RecordShape shape, CodeBlock rows, String records) {
        String single = builder(shape, shape.type());
        TypeName arrayType = ArrayTypeName.of(shape.type());
        methods.computeIfAbsent(
                "store(double[][], " + arrayType + ")",
                key -> MethodSpec.methodBuilder("store")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addParameter(double[][].class, "rows")
                        .addParameter(arrayType, "records")
                        .beginControlFlow("for (int i = 0; rows != null && i < rows.length; i++)")
                        .addStatement("records[i] = rows[i] == null ? null : $L(rows[i], 0)", single)
                        .endControlFlow()
                        .build());
        return CodeBlock.of("store($L, $L)", rows, records);
    }

    /** {@code components(Point record)}: its doubles in declaration order, a nested record's in place. */
    private void flattener(RecordShape shape, TypeName type) {
        methods.computeIfAbsent("components(" + type + ")", key -> {
            List<CodeBlock> doubles = new ArrayList<>();
            reads(shape, CodeBlock.of("record"), doubles);
            return MethodSpec.methodBuilder("components")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(double[].class)
                    .addParameter(type, "record")
                    // A null record (a constant the function checks for) is a null array to the members.
                    .addStatement("return record == null ? null : new double[] {$L}", CodeBlock.join(doubles, ", "))
                    .build();
        });
    }

    private static void reads(RecordShape shape, CodeBlock record, List<CodeBlock> out) {
        for (RecordShape.Component c : shape.components()) {
            CodeBlock read = CodeBlock.of("$L.$L()", record, c.name());
            if (c.nested() == null) {
                out.add(read);
            } else {
                reads(c.nested(), read, out);
            }
        }
    }

    /** {@code toPoint(double[] components, int at)}: the record of type {@code type} whose doubles start at {@code at}. */
    private String builder(RecordShape shape, ClassName type) {
        String name = "to"
                + String.join(
                        "",
                        type.enclosingClassName() != null
                                        && type.enclosingClassName().equals(companion)
                                ? List.of(type.simpleName())
                                : type.simpleNames());
        String key = name + "(double[], int)";
        if (!methods.containsKey(key)) {
            List<CodeBlock> args = new ArrayList<>();
            for (int i = 0; i < shape.components().size(); i++) {
                RecordShape.Component c = shape.components().get(i);
                CodeBlock at = shape.offset(i) == 0 ? CodeBlock.of("at") : CodeBlock.of("at + $L", shape.offset(i));
                if (c.nested() == null) {
                    args.add(CodeBlock.of("components[$L]", at));
                } else {
                    ClassName nested = type.equals(shape.type()) ? c.nested().type() : derivativeType(c.nested());
                    args.add(CodeBlock.of("$L(components, $L)", builder(c.nested(), nested), at));
                }
            }
            methods.put(
                    key,
                    MethodSpec.methodBuilder(name)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(type)
                            .addParameter(double[].class, "components")
                            .addParameter(int.class, "at")
                            .addStatement(
                                    "return components == null ? null : new $T($L)", type, CodeBlock.join(args, ", "))
                            .build());
        }
        return name;
    }

    private static String simpleName(RecordShape shape) {
        return String.join("_", shape.type().simpleNames());
    }

    /** Whether the member is one of these helpers, which the methods of a companion share. */
    static boolean isHelper(MethodSpec m) {
        return m.modifiers().contains(Modifier.PRIVATE)
                && (m.name().equals("components")
                        || m.name().equals("store")
                        || (m.name().startsWith("to")
                                && m.parameters().get(0).type().toString().startsWith("double[]")));
    }

    /** Adds the helpers and tangent records used so far. */
    void addTo(TypeSpec.Builder part) {
        types.values().forEach(part::addType);
        methods.values().forEach(part::addMethod);
    }
}
