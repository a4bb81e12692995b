package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.DualVector;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.processor.emit.MethodCode.Form;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The companion members of a vector function {@code bar}: its record, barJacobian, barJvp, barVjp and barCheck, and
 * the two ways of building the Jacobian (a forward sweep per input, a reverse sweep per output).
 */
final class VectorMembers extends Members {

    VectorMembers(MethodCode code, ClassName companion) {
        super(code, companion);
    }

    @Override
    void addTo(TypeSpec.Builder companion) {
        companion.addType(gradientRecord(
                TypeName.get(double[].class),
                "the seed times its Jacobian, per parameter, from" + " {@link "
                        + record.enclosingClassName().simpleName() + "#" + name + "Vjp}"));
        companion.addMethod(jacobian());
        // A fooJvp the JVM's limits leave out was reported at the method (MethodSizes); reverse mode does the rest.
        if (code.jvp() != Form.OMITTED) {
            companion.addMethod(jvp(DualVector.class));
        }
        companion.addMethod(vjp());
        if (code.jvp() != Form.OMITTED) {
            companion.addMethod(byColumns());
        }
        companion.addMethod(byRows());
        companion.addMethod(check());
    }

    private MethodSpec jacobian() {
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String outputs = namer.fresh("outputs");
        return publicMethod(name + "Jacobian")
                .addJavadoc(
                        "The Jacobian of\n$L\n(outputs by flattened active inputs): by forward mode when there are"
                                + " fewer inputs than\noutputs, by reverse mode otherwise.\n",
                        link)
                .addJavadoc(tags(
                        userParams(),
                        Map.of(),
                        "the Jacobian, one row per output and one column per flattened" + " active input",
                        null))
                .returns(double[][].class)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addCode(
                        code.jvp() == Form.OMITTED
                                ? CodeBlock.builder()
                                        .addStatement("return $LJacobianByRows($L)", name, arguments(null))
                                        .build()
                                : CodeBlock.builder()
                                        .add(layout.declaration())
                                        .addStatement("int $L = $L.length", outputs, callOriginal(null))
                                        .addStatement(
                                                "return $L < $L ? $LJacobianByColumns($L) : $LJacobianByRows($L)",
                                                layout.size(),
                                                outputs,
                                                name,
                                                arguments(null),
                                                name,
                                                arguments(null))
                                        .build())
                .build();
    }

    private MethodSpec byColumns() {
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String size = namer.fresh("size");
        String jacobian = namer.fresh("jacobian");
        String j = namer.fresh("j");
        String i = namer.fresh("i");
        String direction = namer.fresh("direction");
        String column = namer.fresh("column");
        MethodSpec.Builder method = privateMethod(name + "JacobianByColumns")
                .addJavadoc("The Jacobian, one column per forward sweep.\n")
                .returns(double[][].class)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addCode(layout.declaration())
                .addStatement("int $L = $L", size, layout.size())
                .addStatement("double[][] $L = null", jacobian);
        return forEachUnitDirection(method, size, j, direction)
                .addStatement(
                        "double[] $L = $LJvp($L).tangent()",
                        column,
                        name,
                        code.jvp() == Form.PACKED
                                ? CodeBlock.of("$L, $L", freshArguments(null), direction)
                                : freshArguments(k -> layout.unpack(direction, k)))
                .beginControlFlow("if ($L == null)", jacobian)
                .addStatement("$L = new double[$L.length][$L]", jacobian, column, size)
                .endControlFlow()
                .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, column, i)
                .addStatement("$L[$L][$L] = $L[$L]", jacobian, i, j, column, i)
                .endControlFlow()
                .endControlFlow()
                .addStatement(
                        "return $L != null ? $L : new double[$L.length][0]", jacobian, jacobian, callOriginal(null))
                .build();
    }

    private MethodSpec byRows() {
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String outputs = namer.fresh("outputs");
        String jacobian = namer.fresh("jacobian");
        String i = namer.fresh("i");
        String seed = namer.fresh("seed");
        String row = namer.fresh("row");
        List<Param> active = signature.activeParams();
        return privateMethod(name + "JacobianByRows")
                .addJavadoc("The Jacobian, one row per reverse sweep.\n")
                .returns(double[][].class)
                .addParameters(userParams())
                .varargs(signature.varargs())
                .addCode(layout.declaration())
                .addStatement("int $L = $L.length", outputs, callOriginal(null))
                .addStatement("double[][] $L = new double[$L][$L]", jacobian, outputs, layout.size())
                .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, outputs, i)
                .addStatement("double[] $L = new double[$L]", seed, outputs)
                .addStatement("$L[$L] = 1.0", seed, i)
                .addStatement("$T $L = $LVjp($L, $L)", record, row, name, freshArguments(null), seed)
                .addCode(layout.pack(
                        jacobian + "[" + i + "]",
                        k -> CodeBlock.of("$L.$L()", row, active.get(k).name())))
                .endControlFlow()
                .addStatement("return $L", jacobian)
                .build();
    }

    private MethodSpec vjp() {
        Function f = derivatives.gradient();
        Namer namer = userNamer();
        Var seed = f.params().get(f.params().size() - 1);
        List<Var> adjoints =
                f.params().subList(signature.params().size(), f.params().size() - 1);
        BodyWriter writer =
                writer(namer, values -> CodeBlock.of("return new $T($L);\n", record, CodeBlock.join(values, ", ")));
        List<ParameterSpec> params = new ArrayList<>(userParams());
        params.add(ParameterSpec.builder(double[].class, namer.name(seed)).build());
        return publicMethod(name + "Vjp")
                .addJavadoc(
                        "Reverse mode: the value of\n$L\nand the seed times its Jacobian, one component per active"
                                + " parameter, from one\nforward and one backward sweep.\n",
                        link)
                .addJavadoc(tags(
                        params,
                        Map.of(namer.name(seed), "the weight of each output, as many as the value has"),
                        "the value and, per active parameter, the seed times its Jacobian",
                        "if the seed's length differs from" + " the value's"))
                .returns(record)
                .addParameters(params)
                .addCode(allocateLocals(adjoints, namer))
                .addCode(writer.body(f))
                .build();
    }

    private MethodSpec check() {
        Namer namer = userNamer();
        Flattening.Layout layout = flat.in(namer);
        String size = namer.fresh("size");
        String point = namer.fresh("point");
        String names = namer.fresh("names");
        String p = namer.fresh("p");
        MethodSpec.Builder method = publicMethod(name + "Check")
                .addJavadoc(
                        code.jvp() == Form.OMITTED
                                ? CodeBlock.of(
                                        "Compares {@link #$LJacobian} at this point with numerical differentiation of $L.\n",
                                        name,
                                        link)
                                : CodeBlock.of(
                                        "Compares {@link #$LJacobian}, {@link #$LJvp} and {@link #$LVjp} at this point with"
                                                + " numerical\ndifferentiation of $L.\n",
                                        name,
                                        name,
                                        name,
                                        link))
                .addJavadoc(tags(userParams(), Map.of(), CHECK_RESULT, null))
                .returns(GradientCheck.Report.class)
                .addParameters(userParams())
                .varargs(signature.varargs());
        if (code.jvp() == Form.OMITTED) {
            // fooJvp does not fit the JVM's limits (reported at the method): the Jacobian is reverse mode's.
            return checkPoint(method, namer, layout, size, point, names)
                    .addStatement(
                            "return $T.vector($S, $L -> $L, $L, $L)\n.jacobian(\"Jacobian\", $LJacobian($L))\n"
                                    + ".report()",
                            GradientCheck.class,
                            user.simpleName() + "." + name,
                            p,
                            callOriginal(k -> layout.unpack(p, k)),
                            point,
                            names,
                            name,
                            arguments(null))
                    .build();
        }
        return checkPoint(method, namer, layout, size, point, names)
                .addStatement(
                        "return $T.vector($S, $L -> $L, $L, $L)\n.jacobian(\"Jacobian\", $LJacobian($L))\n"
                                + ".jacobian(\"JVP\", $LJacobianByColumns($L))\n.jacobian(\"VJP\", $LJacobianByRows($L))\n.report()",
                        GradientCheck.class,
                        user.simpleName() + "." + name,
                        p,
                        callOriginal(k -> layout.unpack(p, k)),
                        point,
                        names,
                        name,
                        arguments(null),
                        name,
                        arguments(null),
                        name,
                        arguments(null))
                .build();
    }
}
