package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.FieldRef;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.IrPrinter;
import io.github.autodiff4j.processor.ir.Stmts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The private fields that generated code reads (a model's weights, in an instance method): the companion, a class of
 * its own, reads them through VarHandles it looks up once, with the private access its package shares.
 */
public final class PrivateFields {
    private static final TypeName ANY_CLASS = com.palantir.javapoet.ParameterizedTypeName.get(
            ClassName.get(Class.class), com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class));

    private PrivateFields() {}

    /** The private fields a method's derivative code reads, by the name of their handle in the companion. */
    public static Map<FieldRef, String> handles(MethodCode method) {
        Map<FieldRef, String> fields = new LinkedHashMap<>();
        Function[] functions = {
            method.derivatives().jvp(),
            method.derivatives().gradient(),
            method.derivatives().hvp()
        };
        // The members of the recursions it calls read their methods' fields as well.
        Stream.concat(
                        Stream.of(functions),
                        method.derivatives().recursions().stream().flatMap(r -> r.functions().stream()))
                .filter(Objects::nonNull)
                .forEach(f -> Stmts.walk(f.body(), s -> Stmts.expressions(s).forEach(e -> collect(e, fields))));
        return fields;
    }

    static void declare(List<MethodCode> methods, TypeSpec.Builder builder) {
        // Two fields with one handle name are a clash GeneratedNames reports: the methods here have none.
        Map<String, FieldRef> fields = new LinkedHashMap<>();
        for (MethodCode method : methods) {
            handles(method).forEach((field, name) -> fields.putIfAbsent(name, field));
        }
        for (FieldRef field : fields.values()) {
            CodeBlock lookup =
                    CodeBlock.of("lookUp($T.class, $S, $T.class)", field.owner(), field.name(), field.type());
            builder.addField(FieldSpec.builder(
                            VarHandle.class,
                            IrPrinter.fieldHandle(field),
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(lookup)
                    .build());
        }
        if (!fields.isEmpty()) {
            builder.addMethod(com.palantir.javapoet.MethodSpec.methodBuilder("lookUp")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(VarHandle.class)
                    .addParameter(ANY_CLASS, "owner")
                    .addParameter(String.class, "name")
                    .addParameter(ANY_CLASS, "type")
                    .beginControlFlow("try")
                    .addStatement(
                            "return $T.privateLookupIn(owner, $T.lookup()).findVarHandle(owner, name, type)",
                            MethodHandles.class,
                            MethodHandles.class)
                    .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                    .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                    .endControlFlow()
                    .build());
        }
    }

    private static void collect(Expr e, Map<FieldRef, String> fields) {
        if (e instanceof Expr.FieldRead r && r.field().isPrivate()) {
            fields.putIfAbsent(r.field(), IrPrinter.fieldHandle(r.field()));
        }
        Exprs.forEachChild(e, child -> collect(child, fields));
    }
}
