package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The few lines of code matrices need in a companion: zeros of the same (possibly ragged) shape, flattening row by
 * row as the README ("The API") defines it, deep copies, and shape checks. Written once into each companion that has a matrix.
 */
final class MatrixHelpers {
    private MatrixHelpers() {}

    static void addIfNeeded(List<MethodCode> methods, TypeSpec.Builder companion) {
        if (methods.stream().anyMatch(MatrixHelpers::usesMatrices)) {
            companion.addMethods(List.of(
                    zerosLike(), copyOf(), size(), pack(), unpack(), labels(), requireSameShape(), fillZeros()));
        }
    }

    private static boolean usesMatrices(MethodCode method) {
        if (method.signature().params().stream().map(Param::var).anyMatch(v -> v.type() == Type.DOUBLE_MATRIX)) {
            return true;
        }
        boolean[] found = {false};
        Function[] functions = {
            method.derivatives().jvp(),
            method.derivatives().gradient(),
            method.derivatives().hvp()
        };
        Stream.concat(
                        Stream.of(functions),
                        method.derivatives().recursions().stream().flatMap(r -> r.functions().stream()))
                .filter(Objects::nonNull)
                .forEach(f -> {
                    java.util.Set<Var> recursions = recursionResults(f);
                    Stmts.walk(
                            f.body(),
                            s -> Stmts.expressions(s).forEach(e -> found[0] |= mentionsMatrix(e, recursions)));
                });
        return found[0];
    }

    /** A recursive call's values and tangents are a double[][] that needs none of the helpers. */
    private static boolean mentionsMatrix(Expr e, java.util.Set<Var> recursions) {
        return Exprs.anyMatch(
                e,
                child -> child.type() == Type.DOUBLE_MATRIX
                        && !(child instanceof Expr.Recursion)
                        && !(child instanceof Expr.RecursiveCall)
                        && !(child instanceof Expr.Ref r && recursions.contains(r.var())));
    }

    private static java.util.Set<Var> recursionResults(Function f) {
        java.util.Set<Var> out = new java.util.HashSet<>();
        Stmts.walk(f.body(), s -> {
            if (s instanceof Stmt.Assign a
                    && (a.value() instanceof Expr.Recursion || a.value() instanceof Expr.RecursiveCall)) {
                out.add(a.target());
            }
        });
        return out;
    }

    private static MethodSpec.Builder helper(String name, String doc) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc(doc + "\n");
    }

    private static MethodSpec zerosLike() {
        return helper("zerosLike", "A matrix of zeros shaped like {@code a}, row by row.")
                .returns(double[][].class)
                .addParameter(double[][].class, "a")
                .addStatement("double[][] zeros = new double[a.length][]")
                .beginControlFlow("for (int i = 0; i < a.length; i++)")
                .addStatement("zeros[i] = new double[a[i].length]")
                .endControlFlow()
                .addStatement("return zeros")
                .build();
    }

    private static MethodSpec copyOf() {
        return helper("copyOf", "A copy of {@code a} that shares no row with it, for calls that may write into it.")
                .returns(double[][].class)
                .addParameter(double[][].class, "a")
                .addStatement("double[][] copy = new double[a.length][]")
                .beginControlFlow("for (int i = 0; i < a.length; i++)")
                .addStatement("copy[i] = a[i].clone()")
                .endControlFlow()
                .addStatement("return copy")
                .build();
    }

    private static MethodSpec size() {
        return helper("size", "The number of entries of {@code a}.")
                .returns(int.class)
                .addParameter(double[][].class, "a")
                .addStatement("int size = 0")
                .beginControlFlow("for (double[] row : a)")
                .addStatement("size += row.length")
                .endControlFlow()
                .addStatement("return size")
                .build();
    }

    private static MethodSpec pack() {
        return helper("pack", "Copies {@code a} into {@code flat} from {@code offset} on, row by row.")
                .addParameter(double[][].class, "a")
                .addParameter(double[].class, "flat")
                .addParameter(int.class, "offset")
                .beginControlFlow("for (double[] row : a)")
                .addStatement("$T.arraycopy(row, 0, flat, offset, row.length)", System.class)
                .addStatement("offset += row.length")
                .endControlFlow()
                .build();
    }

    private static MethodSpec unpack() {
        return helper("unpack", "A matrix shaped like {@code like}, read from {@code flat} from {@code offset} on.")
                .returns(double[][].class)
                .addParameter(double[].class, "flat")
                .addParameter(int.class, "offset")
                .addParameter(double[][].class, "like")
                .addStatement("double[][] a = zerosLike(like)")
                .beginControlFlow("for (double[] row : a)")
                .addStatement("$T.arraycopy(flat, offset, row, 0, row.length)", System.class)
                .addStatement("offset += row.length")
                .endControlFlow()
                .addStatement("return a")
                .build();
    }

    private static MethodSpec labels() {
        return helper("labels", "Names the entries of a matrix parameter, {@code w[0][0]} on, from {@code offset} on.")
                .addParameter(String[].class, "names")
                .addParameter(int.class, "offset")
                .addParameter(String.class, "name")
                .addParameter(double[][].class, "a")
                .beginControlFlow("for (int i = 0; i < a.length; i++)")
                .beginControlFlow("for (int j = 0; j < a[i].length; j++)")
                .addStatement("names[offset++] = name + \"[\" + i + \"][\" + j + \"]\"")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private static MethodSpec requireSameShape() {
        return helper("requireSameShape", "Rejects a matrix argument whose shape differs from its parameter's.")
                .addParameter(double[][].class, "a")
                .addParameter(double[][].class, "like")
                .addParameter(String.class, "name")
                .addParameter(String.class, "likeName")
                .beginControlFlow("if (a.length != like.length)")
                .addStatement(
                        "throw new $T(name + \" has \" + a.length + \" rows but \" + likeName + \" has \" + like.length)",
                        IllegalArgumentException.class)
                .endControlFlow()
                .beginControlFlow("for (int i = 0; i < a.length; i++)")
                .beginControlFlow("if (a[i].length != like[i].length)")
                .addStatement(
                        "throw new $T(name + \"[\" + i + \"] has length \" + a[i].length + \" but \" + likeName + \"[\" + i"
                                + " + \"] has length \" + like[i].length)",
                        IllegalArgumentException.class)
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private static MethodSpec fillZeros() {
        return helper("fillZeros", "Sets every entry of {@code a} to zero.")
                .addParameter(double[][].class, "a")
                .beginControlFlow("for (double[] row : a)")
                .addStatement("$T.fill(row, 0.0)", Arrays.class)
                .endControlFlow()
                .build();
    }
}
