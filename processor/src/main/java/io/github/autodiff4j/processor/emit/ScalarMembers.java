package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.processor.emit.MethodCode.Form;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The companion members of a scalar function {@code foo}: its gradient record, fooGrad (and, when every active
 * parameter is an array, the allocation-free fooGrad), fooJvp, fooHessian and fooCheck.
 */
final class ScalarMembers extends Members {

    private static final String RECORD_RESULT = "the value and one partial derivative per active parameter";

    ScalarMembers(MethodCode code, ClassName companion) {
        super(code, companion);
    }

    @Override
    void addTo(TypeSpec.Builder companion) {
        companion.addType(gradientRecord(
                TypeName.DOUBLE,
                "its partial derivatives, from {@link "
                        + record.enclosingClassName().simpleName() + "#" + name + "Grad}"));
        boolean allArrays = !signature.activeParams().isEmpty()
                && signature.activeParams().stream()
                        .allMatch(p -> p.var().type().isArray());
        if (allArrays && code.gradInPlace()) {
            companion.addMethod(gradAllocating());
            companion.addMethod(gradInPlace());
        } else {
            companion.addMethod(grad());
        }
        // Members the JVM's limits leave out were reported at the method (MethodSizes).
        if (code.jvp() != Form.OMITTED) {
            companion.addMethod(jvp(Dual.class));
        }
        if (code.hvp() != Form.OMITTED) {
            companion.addMethod(hessian());
            companion.addMethod(hvp());
        }
        companion.addMethod(check());
        if (composable()) {
            for (Param p : doubleParams()) {
                companion.addMethod(partial(p));
                if (code.hvp() != Form.OMITTED) {
                    companion.addMethod(partialDerivative(p));
                }
            }
        }
        if (derivatives.partialsJvp() != null) {
            companion.addMethod(valueAndPartials());
            companion.addMethod(valueAndPartialsJvp());
        }
    }

    /**
     * A recursive function's value and partials from one gradient: what its recursive calls go through, so that each
     * level of the recursion runs once.
     */
    private MethodSpec valueAndPartials() {
        Namer namer = userNamer();
        String gradient = namer.fresh("gradient");
        CodeBlock entries = signature.activeParams().stream()
                .map(p -> CodeBlock.of("$L.$L()", gradient, p.name()))
                .collect(CodeBlock.joining(", "));
        return publicMethod(CompanionNames.valueAndPartials(name))
                .addJavadoc(
                        "The value of\n$L\nand its partial derivatives, from one reverse sweep: what its recursive calls"
                                + " go through.\n",
                        link)
                .addJavadoc(tags(
                        userParams(), Map.of(), "{@code {value, partials...}}, one partial per active parameter", null))
                .returns(double[].class)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addStatement("$T $L = $LGrad($L)", record, gradient, name, arguments(null))
                .addStatement("return new double[] {$L.value(), $L}", gradient, entries)
                .build();
    }

    /**
     * {@link #valueAndPartials} with its tangents, from one forward-over-reverse sweep: what the Hessians of recursive
     * calls go through, one call per level of the recursion and direction.
     */
    private MethodSpec valueAndPartialsJvp() {
        Function f = derivatives.partialsJvp();
        Namer namer = userNamer();
        int n = signature.activeParams().size();
        BodyWriter writer = writer(
                namer,
                values -> CodeBlock.of(
                        "return new double[][] {{$L}, {$L}};\n",
                        CodeBlock.join(values.subList(0, n + 1), ", "),
                        CodeBlock.join(values.subList(n + 1, 2 * n + 2), ", ")));
        List<ParameterSpec> params = params(f.params(), namer);
        return publicMethod(CompanionNames.valueAndPartialsJvp(name))
                .addJavadoc(
                        "{@link #$L} and its directional derivative along the tangents that follow each active"
                                + " parameter,\nfrom one forward-over-reverse sweep: what the Hessians of recursive calls go through.\n",
                        CompanionNames.valueAndPartials(name))
                .addJavadoc(
                        tangentTags(f.params(), namer, params, "{@code {{value, partials...}, {their tangents...}}}"))
                .returns(double[][].class)
                .addParameters(params)
                .addCode(writer.body(f))
                .build();
    }

    /** The adjoint arrays of the array parameters: the gradient function's parameters after the user's. */
    private List<Var> adjointArrays() {
        Function f = derivatives.gradient();
        return f.params().subList(signature.params().size(), f.params().size());
    }

    private MethodSpec grad() {
        Function f = derivatives.gradient();
        Namer namer = userNamer();
        BodyWriter writer =
                writer(namer, values -> CodeBlock.of("return new $T($L);\n", record, CodeBlock.join(values, ", ")));
        return publicMethod(name + "Grad")
                .addJavadoc(
                        "Reverse mode: the value of\n$L\nand its gradient, from one forward and one backward sweep.\n",
                        link)
                .addJavadoc(tags(userParams(), Map.of(), RECORD_RESULT, null))
                .returns(record)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addCode(allocateLocals(adjointArrays(), namer))
                .addCode(writer.body(f))
                .build();
    }

    /** Every active parameter is an array: the record form allocates the gradient and calls the in-place form. */
    private MethodSpec gradAllocating() {
        Namer namer = userNamer();
        List<Var> adjoints = adjointArrays();
        String value = namer.fresh("value");
        CodeBlock gradients =
                adjoints.stream().map(v -> CodeBlock.of("$L", namer.name(v))).collect(CodeBlock.joining(", "));
        return publicMethod(name + "Grad")
                .addJavadoc(
                        "Reverse mode: the value of\n$L\nand its gradient, in new arrays. For repeated calls, the"
                                + " overload that writes into\narrays the caller owns allocates nothing.\n",
                        link)
                .addJavadoc(tags(userParams(), Map.of(), RECORD_RESULT, null))
                .returns(record)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addCode(allocateLocals(adjoints, namer))
                .addStatement("double $L = $LGrad($L, $L)", value, name, arguments(null), gradients)
                .addStatement("return new $T($L, $L)", record, value, gradients)
                .build();
    }

    private MethodSpec gradInPlace() {
        Function f = derivatives.gradient();
        Namer namer = userNamer();
        BodyWriter writer = writer(namer, values -> CodeBlock.of("return $L;\n", values.get(0)));
        List<ParameterSpec> params = new ArrayList<>(userParams());
        CodeBlock.Builder checks = CodeBlock.builder();
        Map<String, String> roles = new HashMap<>();
        for (Var adjoint : adjointArrays()) {
            String adjointName = namer.name(adjoint);
            params.add(ParameterSpec.builder(javaType(adjoint), adjointName).build());
            roles.put(
                    adjointName,
                    "overwritten with the partial derivatives with respect to {@code "
                            + owner(adjoint).name() + "}");
            checks.add(requireSameShape(adjoint, adjointName, owner(adjoint).name()));
            if (adjoint.type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX) {
                checks.addStatement("fillZeros($L)", adjointName);
            } else {
                checks.addStatement("$T.fill($L, 0.0)", Arrays.class, adjointName);
            }
        }
        return publicMethod(name + "Grad")
                .addJavadoc(
                        "Reverse mode without allocation: overwrites each adjoint array with the gradient with respect"
                                + " to\nthe array before it, and returns the value of\n$L.\n",
                        link)
                .addJavadoc(tags(
                        params,
                        roles,
                        "the function's value",
                        "if an adjoint array's length differs from its" + " parameter's"))
                .returns(double.class)
                .addParameters(params)
                .addCode(checks.build())
                .addCode(writer.body(f))
                .build();
    }

    private MethodSpec hvp() {
        Function f = derivatives.hvp();
        Namer namer = userNamer();
        List<Var> methodParams = new ArrayList<>();
        List<Var> locals = new ArrayList<>();
        List<Var> adjoints = adjointArrays();
        for (Var v : f.params()) {
            boolean adjoint = adjoints.contains(v) || (v.base() != null && adjoints.contains(v.base()));
            (adjoint ? locals : methodParams).add(v);
        }
        Flattening.Layout layout = flat.in(namer);
        BodyWriter writer = writer(namer, values -> {
            if (!flat.hasArrays()) {
                return CodeBlock.of("return new double[] {$L};\n", CodeBlock.join(values, ", "));
            }
            String row = namer.fresh("row");
            return CodeBlock.builder()
                    .addStatement("double[] $L = new double[$L]", row, layout.size())
                    .add(layout.pack(row, values::get))
                    .addStatement("return $L", row)
                    .build();
        });
        MethodSpec.Builder method = privateMethod(name + "Hvp")
                .addJavadoc(
                        "Forward over reverse: the tangent of the gradient along the {@code _dot} direction, which is"
                                + " the\nHessian times that direction, flattened.\n")
                .returns(double[].class);
        if (code.hvp() == Form.PACKED) {
            String direction = namer.fresh("direction");
            method.addParameters(userParams())
                    .addParameter(double[].class, direction)
                    .addCode(layout.declaration())
                    .addCode(unpackDirection(tangents(methodParams), namer, layout, direction));
        } else {
            method.addParameters(params(methodParams, namer)).addCode(layout.declaration());
        }
        if (derivatives.partialsJvp() != null && code.hvp() == Form.SPREAD) {
            // A recursive function has the same sweep with every result kept: one copy of it is enough.
            CodeBlock args = methodParams.stream()
                    .map(v -> CodeBlock.of("$L", namer.name(v)))
                    .collect(CodeBlock.joining(", "));
            return method.addStatement(
                            "return $T.copyOfRange($L($L)[1], 1, $L)",
                            Arrays.class,
                            CompanionNames.valueAndPartialsJvp(name),
                            args,
                            signature.activeParams().size() + 1)
                    .build();
        }
        return method.addCode(allocateLocals(locals, namer))
                .addCode(writer.body(f))
                .build();
    }

    private MethodSpec hessian() {
        MethodSpec.Builder method = publicMethod(name + "Hessian")
                .addJavadoc(
                        "The Hessian of\n$L\nover its active parameters, flattened; one row per forward-over-reverse"
                                + " sweep.\n",
                        link)
                .addJavadoc(tags(
                        userParams(),
                        Map.of(),
                        "the symmetric matrix of second derivatives over the active" + " parameters, flattened",
                        null))
                .returns(double[][].class)
                .addParameters(userParams())
                .varargs(signature.varargs());
        int n = signature.activeParams().size();
        boolean packed = code.hvp() == Form.PACKED;
        if (!flat.hasArrays() && !packed) {
            List<CodeBlock> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int row = i;
                rows.add(
                        CodeBlock.of("\n$LHvp($L)", name, freshArguments(k -> CodeBlock.of(k == row ? "1.0" : "0.0"))));
            }
            return method.addStatement("return new double[][] {$L}", CodeBlock.join(rows, ","))
                    .build();
        }
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String size = namer.fresh("size");
        String hessian = namer.fresh("hessian");
        String i = namer.fresh("i");
        String direction = namer.fresh("direction");
        method.addCode(layout.declaration())
                .addStatement("int $L = $L", size, layout.size())
                .addStatement("double[][] $L = new double[$L][]", hessian, size);
        return forEachUnitDirection(method, size, i, direction)
                .addStatement(
                        "$L[$L] = $LHvp($L)",
                        hessian,
                        i,
                        name,
                        packed
                                ? CodeBlock.of("$L, $L", freshArguments(null), direction)
                                : freshArguments(k -> layout.unpack(direction, k)))
                .endControlFlow()
                .addStatement("return $L", hessian)
                .build();
    }

    private MethodSpec check() {
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String size = namer.fresh("size");
        String point = namer.fresh("point");
        String reverse = namer.fresh("reverse");
        String gradient = namer.fresh("gradient");
        String forward = namer.fresh("forward");
        String i = namer.fresh("i");
        String direction = namer.fresh("direction");
        String names = namer.fresh("names");
        String p = namer.fresh("p");
        String check = namer.fresh("check");
        List<Param> active = signature.activeParams();
        boolean hessian = derivatives.hvp() != null && code.hvp() != Form.OMITTED;
        MethodSpec.Builder method = publicMethod(name + "Check")
                .addJavadoc(
                        code.jvp() == Form.OMITTED
                                ? CodeBlock.of(
                                        "Compares {@link #$LGrad} at this point with numerical differentiation of\n$L",
                                        name,
                                        link)
                                : CodeBlock.of(
                                        "Compares {@link #$LGrad} and {@link #$LJvp} at this point with numerical differentiation"
                                                + " of\n$L",
                                        name,
                                        name,
                                        link))
                .addJavadoc(
                        "$L.\nIt works on copies of the caller's arrays.\n",
                        hessian
                                ? ",\nand {@link #" + name + "Hessian} with the numerical Jacobian of the gradient"
                                : "")
                .addJavadoc(tags(userParams(), Map.of(), CHECK_RESULT, null))
                .returns(GradientCheck.Report.class)
                .addParameters(userParams())
                .varargs(signature.varargs());
        checkPoint(method, namer, layout, size, point, names)
                .addStatement("$T $L = $LGrad($L)", record, reverse, name, freshArguments(null))
                .addStatement("double[] $L = new double[$L]", gradient, size)
                .addCode(layout.pack(
                        gradient,
                        k -> CodeBlock.of("$L.$L()", reverse, active.get(k).name())));
        if (code.jvp() == Form.OMITTED) {
            // fooJvp does not fit the JVM's limits (reported at the method): the check covers reverse mode without it.
            method.addStatement(
                    "$T.Scalar $L = $T.scalar($S, $L -> $L, $L, $L)\n.gradient(\"reverse mode\", $L)",
                    GradientCheck.class,
                    check,
                    GradientCheck.class,
                    user.simpleName() + "." + name,
                    p,
                    callOriginal(k -> layout.unpack(p, k)),
                    point,
                    names,
                    gradient);
        } else {
            CodeBlock jvpArguments = code.jvp() == Form.PACKED
                    ? CodeBlock.of("$L, $L", freshArguments(null), direction)
                    : freshArguments(k -> layout.unpack(direction, k));
            method.addStatement("double[] $L = new double[$L]", forward, size);
            forEachUnitDirection(method, size, i, direction)
                    .addStatement("$L[$L] = $LJvp($L).tangent()", forward, i, name, jvpArguments)
                    .endControlFlow()
                    .addStatement(
                            "$T.Scalar $L = $T.scalar($S, $L -> $L, $L, $L)\n.gradient(\"reverse mode\", $L)\n"
                                    + ".gradient(\"forward mode\", $L)",
                            GradientCheck.class,
                            check,
                            GradientCheck.class,
                            user.simpleName() + "." + name,
                            p,
                            callOriginal(k -> layout.unpack(p, k)),
                            point,
                            names,
                            gradient,
                            forward);
        }
        if (hessian) {
            String q = namer.fresh("q");
            String at = namer.fresh("at");
            String row = namer.fresh("row");
            method.addComment("The Hessian, against the numerical Jacobian of the gradient checked above")
                    .addCode(
                            "$L.hessian(\"forward over reverse\", () -> $LHessian($L), $L -> {\n$>",
                            check,
                            name,
                            freshArguments(null),
                            q)
                    .addStatement("$T $L = $LGrad($L)", record, at, name, argumentsAt(k -> layout.unpack(q, k)))
                    .addStatement("double[] $L = new double[$L]", row, size)
                    .addCode(layout.pack(
                            row, k -> CodeBlock.of("$L.$L()", at, active.get(k).name())))
                    .addStatement("return $L", row)
                    .addCode("$<});\n");
        }
        return method.addStatement("return $L.report()", check).build();
    }

    /**
     * Whether the function gets the members that let other compilations differentiate through it: a static function
     * whose active parameters are all doubles.
     */
    private boolean composable() {
        // A function over records keeps its members over arrays private: its partials would take arrays.
        return signature.receiver() == null
                && !signature.hasRecords()
                && !signature.activeParams().isEmpty()
                && signature.activeParams().stream()
                        .noneMatch(p -> p.var().type().isArray());
    }

    private List<Param> doubleParams() {
        return signature.params().stream().filter(Param::isDouble).toList();
    }

    /**
     * The partial derivative with respect to one double parameter, as {@code @DerivativeOf} wants it: how code compiled
     * against this library differentiates through calls of the function.
     */
    private MethodSpec partial(Param p) {
        MethodSpec.Builder method = publicMethod(partialName(p))
                .addAnnotation(derivativeOf(name, p.name()))
                .addJavadoc(
                        "The partial derivative of\n$L\nwith respect to {@code $L}, for code that calls it from another"
                                + " compilation.\n",
                        link,
                        p.name())
                .addJavadoc(tags(
                        userParams(),
                        Map.of(),
                        "the partial derivative with respect to {@code " + p.name() + "}",
                        null))
                .returns(double.class)
                .addParameters(userParams())
                .varargs(signature.varargs());
        return p.active()
                ? method.addStatement("return $LGrad($L).$L()", name, arguments(null), p.name())
                        .build()
                : method.addStatement("return 0.0").build();
    }

    /**
     * The derivative of a partial: a row of the Hessian over the double parameters, from one forward-over-reverse sweep
     * along that parameter, for the Hessians of code that calls the function.
     */
    private MethodSpec partialDerivative(Param p) {
        List<Param> doubles = doubleParams();
        List<Param> active = signature.activeParams();
        Namer namer = userNamer();
        String row = namer.fresh("row");
        List<CodeBlock> entries = new ArrayList<>();
        for (Param q : doubles) {
            entries.add(
                    p.active() && q.active() ? CodeBlock.of("$L[$L]", row, active.indexOf(q)) : CodeBlock.of("0.0"));
        }
        MethodSpec.Builder method = publicMethod(partialName(p) + "Derivative")
                .addAnnotation(derivativeOf(partialName(p), ""))
                .addJavadoc(
                        "The derivative of {@link #$L}: second derivatives of\n$L,\nfor the Hessians of code that calls"
                                + " it.\n",
                        partialName(p),
                        link)
                .addJavadoc(tags(
                        userParams(),
                        Map.of(),
                        doubles.size() == 1
                                ? "its derivative"
                                : "its derivatives with respect to each {@code double} parameter",
                        null))
                .returns(doubles.size() == 1 ? TypeName.DOUBLE : TypeName.get(double[].class))
                .addParameters(userParams())
                .varargs(signature.varargs());
        if (p.active() && code.hvp() == Form.PACKED) {
            String direction = namer.fresh("direction");
            method.addStatement("double[] $L = new double[$L]", direction, active.size())
                    .addStatement("$L[$L] = 1.0", direction, active.indexOf(p))
                    .addStatement("double[] $L = $LHvp($L, $L)", row, name, arguments(null), direction);
        } else if (p.active()) {
            int k = active.indexOf(p);
            method.addStatement(
                    "double[] $L = $LHvp($L)", row, name, arguments(j -> CodeBlock.of(j == k ? "1.0" : "0.0")));
        }
        return doubles.size() == 1
                ? method.addStatement("return $L", entries.get(0)).build()
                : method.addStatement("return new double[] {$L}", CodeBlock.join(entries, ", "))
                        .build();
    }

    private String partialName(Param p) {
        return CompanionNames.partial(name, p.name());
    }

    private AnnotationSpec derivativeOf(String function, String wrt) {
        AnnotationSpec.Builder annotation =
                AnnotationSpec.builder(io.github.autodiff4j.DerivativeOf.class).addMember("value", "$S", function);
        if (function.equals(name)) {
            annotation.addMember("of", "$T.class", user);
        }
        return wrt.isEmpty()
                ? annotation.build()
                : annotation.addMember("wrt", "$S", wrt).build();
    }

    /** The direction's variables among a member's parameters: those that are not the function's own. */
    private List<Var> tangents(List<Var> params) {
        return params.stream().filter(v -> userParam(v) == null).toList();
    }
}
