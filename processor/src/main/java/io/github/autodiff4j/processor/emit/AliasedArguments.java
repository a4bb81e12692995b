package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check a public member runs first when the function writes into an array parameter: that the caller did not pass
 * the same array as another array parameter too. The derivative code keeps one adjoint (and one tangent) per
 * parameter, so for {@code f(v, v)} it would take the two for independent inputs while the function's writes through
 * one are read through the other: a wrong derivative, with the right value. An array only read may be passed twice
 * ({@code dot(x, x)}): the partials with respect to each are right, and their sum is the derivative with respect to x.
 */
final class AliasedArguments {
    private AliasedArguments() {}

    /** The statements that throw IllegalArgumentException for such a call; empty when the function writes no array. */
    static CodeBlock check(Signature signature, Function primal) {
        Set<Var> written = written(primal);
        CodeBlock.Builder code = CodeBlock.builder();
        List<Param> arrays = signature.declaredParams().stream()
                .filter(p -> p.isArray() && p.var().type().isArray())
                .toList();
        for (Param p : arrays) {
            if (!written.contains(p.var())) {
                continue;
            }
            for (Param other : arrays) {
                // A pair of written arrays is checked once, from the first.
                boolean checkedFromOther = written.contains(other.var()) && arrays.indexOf(other) < arrays.indexOf(p);
                if (other != p && other.var().type() == p.var().type() && !checkedFromOther) {
                    code.beginControlFlow("if ($L == $L)", p.name(), other.name())
                            .addStatement(
                                    "throw new $T($S)",
                                    IllegalArgumentException.class,
                                    signature.name() + ": " + p.name() + " and " + other.name() + " are the same array."
                                            + " " + signature.name() + " writes into " + p.name()
                                            + ", so its derivatives would take them for two inputs: pass a copy of"
                                            + " one (" + other.name() + ".clone())")
                            .endControlFlow();
                }
            }
        }
        return code.build();
    }

    /** The variables whose arrays the function stores into, directly or through a local naming one (a row, an alias). */
    private static Set<Var> written(Function function) {
        Set<Var> written = new HashSet<>();
        List<Stmt.Assign> aliases = new ArrayList<>();
        Stmts.walk(function.body(), s -> {
            if (s instanceof Stmt.Store store) {
                written.add(store.base());
            } else if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
                aliases.add(a);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt.Assign a : aliases) {
                Var named = a.value() instanceof Expr.Ref || a.value() instanceof Expr.ArrayRead
                        ? Exprs.base(a.value())
                        : null;
                if (named != null && written.contains(a.target())) {
                    changed |= written.add(named);
                }
            }
        }
        return written;
    }
}
