package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the backward sweep of some statements reads in partial derivatives. */
final class PartialReads {
    private PartialReads() {}

    /**
     * Whether the backward sweep of these statements (and of those nested in them) reads the variable in a partial: an
     * operation's partials with respect to its active arguments; for anything but an operation or a plain copy, all it
     * reads.
     */
    static boolean reads(List<Stmt> list, Var v, Activity activity) {
        boolean[] found = {false};
        Stmts.walk(list, s -> {
            if (!found[0]
                    && s instanceof Stmt.Assign a
                    && activity.isActive(a.target())
                    && activity.isActive(a.value())) {
                Expr value = a.value();
                Set<Var> reads = new HashSet<>();
                if (NeededValues.isOperation(value)) {
                    NeededValues.collectPartialReads(a, activity, reads);
                } else if (!(value instanceof Expr.Ref) && !(value instanceof Expr.ArrayRead)) {
                    Exprs.collectReads(value, reads);
                }
                found[0] = reads.contains(v);
            }
        });
        return found[0];
    }
}
