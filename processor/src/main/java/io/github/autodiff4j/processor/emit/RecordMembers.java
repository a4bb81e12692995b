package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.RecordShape;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The public members of a function over records of doubles. Its derivative code computes with each record as the array
 * of its components ({@link RecordShape}); those members, over arrays, go into a private nested class, and the public
 * members of the same names take and return records: they flatten the records they are passed, call the member over
 * arrays, and build records of what it returns. The partial derivatives with respect to a record are a record of the
 * same type, or of a tangent type of its own ({@code MarketTangent}, same components) when the record declares its
 * canonical constructor, which must not run on derivatives.
 */
final class RecordMembers {
    private final Signature signature;
    private final boolean spreadTangents;
    private final String name;
    private final ClassName companion;
    private final ClassName arrays;
    private final RecordConversions conversions;

    private RecordMembers(MethodCode code, ClassName companion, ClassName arrays) {
        this.signature = code.signature();
        this.spreadTangents = code.jvp() == MethodCode.Form.SPREAD;
        this.name = signature.name();
        this.companion = companion;
        this.arrays = arrays;
        this.conversions = new RecordConversions(companion);
    }

    /** The method's part of the companion: {@code overArrays} nested, and the public members over records. */
    static TypeSpec around(MethodCode method, ClassName companion, ClassName arrays, TypeSpec overArrays) {
        return new RecordMembers(method, companion, arrays).part(overArrays);
    }

    private TypeSpec part(TypeSpec overArrays) {
        TypeSpec.Builder part = TypeSpec.classBuilder(companion);
        part.addType(TypeSpec.classBuilder(arrays)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "The members of {@code $L} over the arrays its code computes records as (their components"
                                + " in\ndeclaration order), which the public members over records call.\n",
                        name)
                .addTypes(overArrays.typeSpecs())
                .addFields(overArrays.fieldSpecs())
                .addMethods(overArrays.methodSpecs())
                .build());
        // The helpers the members over arrays call the function itself with.
        for (Param p : signature.params()) {
            if (p.record() != null) {
                conversions.build(
                        p.record(), p.record().type(), p.var().type() == Type.DOUBLE_MATRIX, CodeBlock.of("rows"));
            }
        }
        if (signature.result() != null) {
            conversions.flatten(signature.result(), signature.result().type(), false, CodeBlock.of("result"));
        }
        ClassName flatRecord = arrays.nestedClass(CompanionNames.gradientRecord(name));
        ClassName record = companion.nestedClass(CompanionNames.gradientRecord(name));
        boolean hasRecord = false;
        for (MethodSpec m : overArrays.methodSpecs()) {
            if (!m.modifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            Optional<MethodSpec> facade = facade(m, flatRecord, record);
            facade.ifPresent(part::addMethod);
            hasRecord |= facade.isPresent() && m.returnType().equals(flatRecord);
        }
        if (hasRecord) {
            part.addType(gradientRecord(overArrays, flatRecord, record));
        }
        conversions.addTo(part);
        return part.build();
    }

    /** The member over records that calls {@code m}; empty for a member records have no form of (in-place ones). */
    private Optional<MethodSpec> facade(MethodSpec m, ClassName flatRecord, ClassName record) {
        boolean returnsRecord = m.returnType().equals(flatRecord);
        String kind = m.name().substring(name.length());
        boolean tangents = kind.equals("Jvp") && spreadTangents;
        boolean seed = kind.equals("Vjp");
        if (!m.name().startsWith(name)
                || !List.of("Grad", "Jvp", "Hessian", "Check", "Jacobian", "Vjp")
                        .contains(kind)
                || (kind.equals("Grad") && !returnsRecord)) {
            return Optional.empty();
        }
        List<ParameterSpec> params = new ArrayList<>();
        List<CodeBlock> args = new ArrayList<>();
        CodeBlock.Builder before = CodeBlock.builder();
        CodeBlock.Builder after = CodeBlock.builder();
        int at = 0;
        for (Param p : signature.params()) {
            ParameterSpec own = m.parameters().get(at++);
            add(own, p.record() == null ? own.type() : conversions.userType(p), p, params, args);
            if (p.record() != null && p.var().type() == Type.DOUBLE_MATRIX) {
                // The function may write records into the array: they go back into the caller's, as with a double[].
                String rows = own.name() + "Components";
                before.addStatement("double[][] $L = $L", rows, args.remove(args.size() - 1));
                args.add(CodeBlock.of("$L", rows));
                after.addStatement(conversions.storeInto(p.record(), CodeBlock.of("$L", rows), own.name()));
            }
            if (tangents && p.active()) {
                ParameterSpec tangent = m.parameters().get(at++);
                add(tangent, p.record() == null ? tangent.type() : conversions.derivativeType(p), p, params, args);
            }
        }
        for (; at < m.parameters().size(); at++) {
            // A Vjp's seed (of the result's type), or a JVP's packed direction.
            ParameterSpec rest = m.parameters().get(at);
            if (seed && signature.result() != null) {
                TypeName type = conversions.derivativeType(signature.result());
                params.add(ParameterSpec.builder(type, rest.name()).build());
                args.add(conversions.flatten(signature.result(), type, false, CodeBlock.of("$L", rest.name())));
            } else {
                params.add(rest);
                args.add(CodeBlock.of("$L", rest.name()));
            }
        }
        MethodSpec.Builder facade = MethodSpec.methodBuilder(m.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addTypeVariables(m.typeVariables())
                .addJavadoc(m.javadoc())
                .addParameters(params)
                .varargs(m.varargs() && params.get(params.size() - 1).type() instanceof ArrayTypeName)
                .addExceptions(m.exceptions());
        CodeBlock call = CodeBlock.of("$T.$L($L)", arrays, m.name(), CodeBlock.join(args, ", "));
        facade.addCode(before.build());
        if (!returnsRecord) {
            return Optional.of(facade.returns(m.returnType())
                    .addStatement("$T result = $L", m.returnType(), call)
                    .addCode(after.build())
                    .addStatement("return result")
                    .build());
        }
        facade.returns(record)
                .addStatement("$T derivatives = $L", flatRecord, call)
                .addCode(after.build());
        List<CodeBlock> components = new ArrayList<>();
        components.add(value(seed));
        for (Param p : signature.activeParams()) {
            CodeBlock flat = CodeBlock.of("derivatives.$L()", p.name());
            components.add(
                    p.record() == null
                            ? flat
                            : conversions.build(
                                    p.record(),
                                    conversions.derivativeType(p.record()),
                                    p.var().type() == Type.DOUBLE_MATRIX,
                                    flat));
        }
        return Optional.of(facade.addStatement("return new $T($L)", record, CodeBlock.join(components, ", "))
                .build());
    }

    /**
     * The value a VJP's record holds: the result record, built from its doubles. A constructor the record declares only
     * checks (autodiff4j rejects one that changes its arguments), and the function's own call passed its checks.
     */
    private CodeBlock value(boolean vjp) {
        RecordShape result = signature.result();
        if (!vjp || result == null) {
            return CodeBlock.of("derivatives.value()");
        }
        return conversions.build(result, result.type(), false, CodeBlock.of("derivatives.value()"));
    }

    private void add(ParameterSpec own, TypeName type, Param p, List<ParameterSpec> params, List<CodeBlock> args) {
        params.add(ParameterSpec.builder(type, own.name()).build());
        if (p.record() == null) {
            args.add(CodeBlock.of("$L", own.name()));
            return;
        }
        boolean array = p.var().type() == Type.DOUBLE_MATRIX;
        TypeName single = array ? ((ArrayTypeName) type).componentType() : type;
        args.add(conversions.flatten(p.record(), single, array, CodeBlock.of("$L", own.name())));
    }

    /** The gradient record over records: the one over arrays with each record's partials as a record. */
    private TypeSpec gradientRecord(TypeSpec overArrays, ClassName flatRecord, ClassName record) {
        TypeSpec flat = overArrays.typeSpecs().stream()
                .filter(t -> t.name().equals(flatRecord.simpleName()))
                .findFirst()
                .orElseThrow();
        MethodSpec.Builder components = MethodSpec.constructorBuilder();
        RecordShape result = signature.result();
        TypeName value =
                result != null ? result.type() : signature.isVector() ? TypeName.get(double[].class) : TypeName.DOUBLE;
        components.addParameter(value, "value");
        for (Param p : signature.activeParams()) {
            components.addParameter(p.record() == null ? p.type() : conversions.derivativeType(p), p.name());
        }
        return TypeSpec.recordBuilder(record)
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(components.build())
                .addJavadoc(flat.javadoc())
                .addJavadoc("\n<p>The partial derivatives with respect to a record are a record of its type (or of its"
                        + " tangent type, for a\nrecord that declares its constructor).\n")
                .build();
    }
}
