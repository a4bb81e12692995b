package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.github.autodiff4j.ReceiverCheck;
import io.github.autodiff4j.processor.emit.MethodCode.Form;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.Derivatives;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** What the members of scalar and vector functions share: names, parameters, flattening, argument lists. */
abstract class Members {
    final MethodCode code;
    final Signature signature;
    final Derivatives derivatives;
    final ClassName user;
    final ClassName record;
    final String name;
    final String link;
    final Flattening flat;
    /** The receiver's type variables ({@code T} of {@code G<T>}), which every member declares as its own. */
    final List<TypeVariableName> typeVariables;
    /** The field holding the receiver check, or null when no receiver's class can override a body differentiated. */
    final String receiverCheck;

    private final List<String> receiverBodies;
    /** What the public members check first of the arrays they are passed: see {@link AliasedArguments}. */
    private final CodeBlock aliasCheck;

    final ClassName companion;
    static final String CHECK_RESULT =
            "the largest differences found, where, and whether they are within the tolerance";

    Members(MethodCode code, ClassName companion) {
        this.code = code;
        this.signature = code.signature();
        this.derivatives = code.derivatives();
        this.user = signature.owner();
        this.name = signature.name();
        this.record = companion.nestedClass(CompanionNames.gradientRecord(name));
        String types = signature.declaredParams().stream()
                .map(p -> p.type().toString())
                .collect(Collectors.joining(", "));
        this.link = "{@link " + user.canonicalName() + "#" + name + "(" + types + ")}";
        this.flat = new Flattening(signature.activeParams());
        this.typeVariables = signature.typeVariables();
        this.receiverCheck = code.receiverBodies().isEmpty() ? null : name + "Bodies";
        this.receiverBodies = code.receiverBodies();
        this.aliasCheck = AliasedArguments.check(signature, derivatives.jvp());
        this.companion = companion;
    }

    /**
     * The receiver check the public members run first, for an instance method whose differentiated bodies a subclass
     * could override.
     */
    void addReceiverCheck(TypeSpec.Builder builder) {
        if (receiverCheck == null) {
            return;
        }
        CodeBlock bodies =
                receiverBodies.stream().map(b -> CodeBlock.of("\n$S", b)).collect(CodeBlock.joining(","));
        builder.addField(
                FieldSpec.builder(ReceiverCheck.class, receiverCheck, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                "The methods whose bodies the members of {@code $L} differentiate, its own first, then\nthose it"
                                        + " runs on its own object. A subclass that overrides one runs another body: the members\nthrow for such a"
                                        + " receiver. Decided once per receiver class: each call costs one ClassValue lookup.\n",
                                name)
                        .initializer("$T.of($S,$>$L)$<", ReceiverCheck.class, companion.simpleName(), bodies)
                        .build());
    }

    abstract void addTo(TypeSpec.Builder companion);

    /** A record {@code (value, one component per active parameter)}, documented. */
    TypeSpec gradientRecord(TypeName valueType, String purpose) {
        MethodSpec.Builder components = MethodSpec.constructorBuilder().addParameter(valueType, "value");
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The value of\n$L\nand $L.\n\n", link, purpose)
                .add("@param value the function's value\n");
        for (Param p : signature.activeParams()) {
            components.addParameter(p.type(), p.name());
            doc.add("@param $L the component for {@code $L}\n", p.name(), p.name());
        }
        return TypeSpec.recordBuilder(record)
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(components.build())
                .addJavadoc(doc.build())
                .build();
    }

    /**
     * The Javadoc tags of a public member: each parameter (the function's own by their role, the derivative ones from
     * {@code derivativeParams}), then its result and, if it checks lengths, the exception.
     */
    CodeBlock tags(List<ParameterSpec> params, Map<String, String> derivativeParams, String returns, String throwing) {
        CodeBlock.Builder doc = CodeBlock.builder().add("\n");
        for (ParameterSpec spec : params) {
            Param own = signature.params().stream()
                    .filter(p -> p.name().equals(spec.name()))
                    .findFirst()
                    .orElse(null);
            String role = own == null
                    ? derivativeParams.get(spec.name())
                    : own.receiver()
                            ? "the object whose method this is; its fields are constants"
                            : own.active()
                                    ? "the function's argument, an active input"
                                    : "the function's argument, a constant";
            doc.add("@param $L $L\n", spec.name(), role);
        }
        doc.add("@return $L\n", returns);
        if (throwing != null) {
            doc.add("@throws IllegalArgumentException $L\n", throwing);
        }
        if (receiverCheck != null) {
            doc.add("@throws IllegalArgumentException if the receiver's class overrides a method whose body this"
                    + " differentiates\n");
        }
        return doc.build();
    }

    /** The tags of a forward-mode member, whose parameters are the function's, each active one followed by its tangent. */
    CodeBlock tangentTags(List<Var> vars, Namer namer, List<ParameterSpec> params, String returns) {
        Map<String, String> roles = new HashMap<>();
        boolean arrays = false;
        for (Var v : vars) {
            if (userParam(v) == null) {
                roles.put(namer.name(v), "the tangent of {@code " + owner(v).name() + "}: its part of the direction");
                arrays |= v.type().isArray();
            }
        }
        return tags(params, roles, returns, arrays ? "if a tangent array's length differs from its parameter's" : null);
    }

    /** A public member: it refuses a receiver that runs other bodies than the ones differentiated. */
    MethodSpec.Builder publicMethod(String methodName) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addTypeVariables(typeVariables)
                .addCode(aliasCheck);
        return receiverCheck == null
                ? method
                : method.addStatement(
                        "$L.check($L)", receiverCheck, signature.receiver().name());
    }

    /** A private member, called by the public ones. */
    MethodSpec.Builder privateMethod(String methodName) {
        return MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(typeVariables);
    }

    /** A namer that keeps the user's parameter names. */
    Namer userNamer() {
        Namer namer = new Namer();
        for (Param p : signature.params()) {
            namer.fix(p.var(), p.name());
        }
        return namer;
    }

    List<ParameterSpec> userParams() {
        return signature.params().stream()
                .map(p -> ParameterSpec.builder(p.type(), p.name()).build())
                .toList();
    }

    /** The parameter list of a derivative function: the user's with their types, the others doubles or arrays. */
    List<ParameterSpec> params(List<Var> vars, Namer namer) {
        List<ParameterSpec> specs = new ArrayList<>();
        for (Var v : vars) {
            Param own = userParam(v);
            TypeName type = own != null ? own.type() : javaType(v);
            specs.add(ParameterSpec.builder(type, namer.name(v)).build());
        }
        return specs;
    }

    Param userParam(Var v) {
        return signature.params().stream().filter(p -> p.var() == v).findFirst().orElse(null);
    }

    /** The user parameter a derivative variable belongs to ({@code dw} and {@code dw_dot} belong to {@code w}). */
    Param owner(Var v) {
        for (Var base = v; base != null; base = base.base()) {
            Param p = userParam(base);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static TypeName javaType(Var v) {
        return switch (v.type()) {
            case DOUBLE_ARRAY -> TypeName.get(double[].class);
            case DOUBLE_MATRIX -> TypeName.get(double[][].class);
            default -> TypeName.DOUBLE;
        };
    }

    /** The user's arguments, with {@code after(k)} inserted after the k-th active parameter (a tangent, say). */
    CodeBlock arguments(IntFunction<CodeBlock> after) {
        return arguments(after, false);
    }

    /**
     * The user's arguments for one of several calls in a row (a Hessian's rows, a check's sweeps): arrays are copied,
     * so that a method writing into its array parameters cannot change what the next call sees.
     */
    CodeBlock freshArguments(IntFunction<CodeBlock> after) {
        return arguments(after, true);
    }

    private CodeBlock arguments(IntFunction<CodeBlock> after, boolean copies) {
        List<CodeBlock> args = new ArrayList<>();
        List<Param> active = signature.activeParams();
        for (Param p : signature.params()) {
            args.add(copies ? copyOf(p) : CodeBlock.of("$L", p.name()));
            if (p.active() && after != null) {
                args.add(after.apply(active.indexOf(p)));
            }
        }
        return CodeBlock.join(args, ", ");
    }

    /**
     * The user's arguments (receiver first) for a call of a companion member at another point: each active one is
     * {@code value(k)}, each other array a copy.
     */
    CodeBlock argumentsAt(IntFunction<CodeBlock> value) {
        List<Param> active = signature.activeParams();
        return signature.params().stream()
                .map(p -> p.active() ? value.apply(active.indexOf(p)) : copyOf(p))
                .collect(CodeBlock.joining(", "));
    }

    /**
     * A parameter's value, copied if it is an array: a matrix row by row ({@code clone()} would share its rows, which
     * the method may write into).
     */
    static CodeBlock copyOf(Param p) {
        if (!p.isArray()
                || (p.record() != null && p.var().type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_ARRAY)) {
            // A record's array is never written (and may be null, for a constant record the function checks).
            return CodeBlock.of("$L", p.name());
        }
        return p.var().type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX
                ? CodeBlock.of("copyOf($L)", p.name())
                : CodeBlock.of("$L.clone()", p.name());
    }

    /**
     * A call of the user's own method, with each active argument replaced by {@code value(k)} (null: unchanged). Arrays
     * passed unchanged are copies: the method may write into its array parameters, and the caller's arrays are still
     * needed.
     */
    CodeBlock callOriginal(IntFunction<CodeBlock> value) {
        List<Param> active = signature.activeParams();
        CodeBlock args = signature.declaredParams().stream()
                .map(p -> asUserArgument(p, p.active() && value != null ? value.apply(active.indexOf(p)) : copyOf(p)))
                .collect(CodeBlock.joining(", "));
        Param receiver = signature.receiver();
        CodeBlock call = receiver == null
                ? CodeBlock.of("$T.$L($L)", user, name, args)
                : CodeBlock.of("$L.$L($L)", receiver.name(), name, args);
        // A record the function returns, as the array the members compute it as.
        return signature.result() == null
                ? call
                : RecordConversions.flattenCall(signature.result().type(), false, call);
    }

    /** The argument the user's method takes: a record of doubles from its array (the companion's helpers build it). */
    private static CodeBlock asUserArgument(Param p, CodeBlock flat) {
        return p.record() == null
                ? flat
                : RecordConversions.buildCall(
                        p.record().type(),
                        p.var().type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX,
                        flat);
    }

    /** Opens {@code for (i < size)} over the unit directions e_i; the caller adds the body and closes the loop. */
    static MethodSpec.Builder forEachUnitDirection(MethodSpec.Builder method, String size, String i, String direction) {
        return method.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, size, i)
                .addStatement("double[] $L = new double[$L]", direction, size)
                .addStatement("$L[$L] = 1.0", direction, i);
    }

    /** Declares the flattened point and the label of each of its entries, for a check against NumericDiff. */
    MethodSpec.Builder checkPoint(
            MethodSpec.Builder method, Namer namer, Flattening.Layout layout, String size, String point, String names) {
        List<Param> active = signature.activeParams();
        return method.addCode(layout.declaration())
                .addStatement("int $L = $L", size, layout.size())
                .addStatement("double[] $L = new double[$L]", point, size)
                .addCode(
                        layout.pack(point, k -> CodeBlock.of("$L", active.get(k).name())))
                .addStatement("String[] $L = new String[$L]", names, size)
                .addCode(layout.labels(names, namer.fresh("k")));
    }

    /** Rejects an array (or matrix) argument whose shape differs from the parameter it goes with. */
    static CodeBlock requireSameShape(Var v, String array, String like) {
        if (v.type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX) {
            return CodeBlock.builder()
                    .addStatement("requireSameShape($L, $L, $S, $S)", array, like, array, like)
                    .build();
        }
        return requireSameLength(array, like);
    }

    /** Rejects an array argument whose length differs from the parameter it goes with. */
    static CodeBlock requireSameLength(String array, String like) {
        return CodeBlock.builder()
                .beginControlFlow("if ($L.length != $L.length)", array, like)
                .addStatement(
                        "throw new $T($S + $L.length + $S + $L.length)",
                        IllegalArgumentException.class,
                        array + " has length ",
                        array,
                        " but " + like + " has length ",
                        like)
                .endControlFlow()
                .build();
    }

    /**
     * The start of a member whose direction comes flattened into one array, {@code packed} (the JVM's 255 parameter
     * slots would not take a tangent per parameter): checks its length, then declares each tangent from its entries.
     */
    CodeBlock unpackDirection(List<Var> tangents, Namer namer, Flattening.Layout layout, String packed) {
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("if ($L.length != $L)", packed, layout.size())
                .addStatement(
                        "throw new $T($S + $L.length + $S + ($L) + $S)",
                        IllegalArgumentException.class,
                        packed + " has length ",
                        packed,
                        " but there are ",
                        layout.size(),
                        " active inputs, flattened")
                .endControlFlow();
        List<Param> active = signature.activeParams();
        for (Var v : tangents) {
            code.addStatement(
                    "$T $L = $L", javaType(v), namer.name(v), layout.unpack(packed, active.indexOf(owner(v))));
        }
        return code.build();
    }

    /**
     * Forward mode, returning a {@code result} ({@code Dual} or {@code DualVector}). The direction comes as a tangent
     * after each active parameter or, where those would pass the JVM's 255 parameter slots, flattened into one array.
     */
    MethodSpec jvp(Class<?> result) {
        Function f = derivatives.jvp();
        Namer namer = userNamer();
        BodyWriter writer =
                writer(namer, values -> CodeBlock.of("return new $T($L);\n", result, CodeBlock.join(values, ", ")));
        List<Var> tangents =
                f.params().stream().filter(v -> userParam(v) == null).toList();
        MethodSpec.Builder method = publicMethod(name + "Jvp").returns(result);
        if (code.jvp() == Form.PACKED) {
            Flattening.Layout layout = flat.in(namer);
            String tangent = namer.fresh("tangent");
            List<ParameterSpec> params = new ArrayList<>(userParams());
            params.add(ParameterSpec.builder(double[].class, tangent).build());
            method.addJavadoc(
                            "Forward mode: the value of\n$L\nand its directional derivative along {@code $L}. The direction"
                                    + " comes flattened into one\narray, a tangent per parameter would pass the JVM's 255 parameter"
                                    + " slots.\n",
                            link,
                            tangent)
                    .addJavadoc(tags(
                            params,
                            Map.of(tangent, "the direction: one entry per flattened active input"),
                            "the value and the directional derivative",
                            "if the direction's length differs from the number of" + " flattened active inputs"))
                    .addParameters(params)
                    .addCode(layout.declaration())
                    .addCode(unpackDirection(tangents, namer, layout, tangent));
        } else {
            List<ParameterSpec> params = params(f.params(), namer);
            method.addJavadoc(
                            "Forward mode: the value of\n$L\nand its directional derivative along the tangents that"
                                    + " follow each active\nparameter.\n",
                            link)
                    .addJavadoc(tangentTags(f.params(), namer, params, "the value and the directional derivative"))
                    .addParameters(params);
            for (Var v : tangents) {
                if (v.type().isArray()) {
                    method.addCode(requireSameShape(v, namer.name(v), owner(v).name()));
                }
            }
        }
        return method.addCode(writer.body(f)).build();
    }

    /** Allocates, as locals, the function parameters that are not the generated member's parameters. */
    CodeBlock allocateLocals(List<Var> locals, Namer namer) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Var v : locals) {
            if (v.type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX) {
                code.addStatement("double[][] $L = zerosLike($L)", namer.name(v), owner(v).name());
            } else {
                code.addStatement("double[] $L = new double[$L.length]", namer.name(v), owner(v).name());
            }
        }
        return code.build();
    }

    /** A writer whose returns are written by {@code returns}, from the printed values of the return statement. */
    BodyWriter writer(Namer namer, java.util.function.Function<List<CodeBlock>, CodeBlock> returns) {
        BodyWriter[] self = new BodyWriter[1];
        self[0] = new BodyWriter(
                namer,
                (Stmt.Return r) ->
                        returns.apply(r.values().stream().map(self[0]::expr).toList()));
        return self[0];
    }
}
