package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import java.util.List;

/**
 * An upper estimate of the bytecode javac makes of a generated body. The JVM takes at most 64 KB of code per method;
 * a method whose derivative code would be larger (helpers inlined many times over) is reported at the method rather
 * than generated for javac to reject. Each node is charged the most its instructions can take: local loads and
 * stores with the {@code wide} prefix (4 bytes: large bodies have more than 256 locals), constants from the constant
 * pool (3), calls (3 and the arguments), branches (3), double comparisons (4), and the tape's calls.
 */
public final class BytecodeSize {
    /** The JVM's limit on a method's code, in bytes. */
    public static final int LIMIT = 65_535;

    private static final int LOCAL = 4;
    private static final int CONSTANT = 3;
    private static final int CALL = 3;
    private static final int BRANCH = 3;

    private BytecodeSize() {}

    public static long of(List<Stmt> body) {
        long size = 0;
        for (Stmt stmt : body) {
            size += statement(stmt);
            for (List<Stmt> nested : Stmts.children(stmt)) {
                size += of(nested);
            }
        }
        return size;
    }

    private static long statement(Stmt stmt) {
        long own =
                Stmts.expressions(stmt).stream().mapToLong(BytecodeSize::expr).sum();
        if (stmt instanceof Stmt.Assign) {
            return own + LOCAL;
        }
        if (stmt instanceof Stmt.Store) {
            return own + 1;
        }
        if (stmt instanceof Stmt.Push) {
            // tape.pushDouble(v): the tape, the value, the call.
            return own + LOCAL + CALL;
        }
        if (stmt instanceof Stmt.Switch s) {
            // A lookup table: 8 bytes a case, and a jump out of each.
            return own + 16 + 11L * s.cases().size();
        }
        if (stmt instanceof Stmt.Return r) {
            // A record of the results: new, dup, the constructor.
            return own + 7 + LOCAL * r.values().size();
        }
        if (stmt instanceof Stmt.Effect) {
            // A call, or a condition and an exception built and thrown.
            return own + 2L * BRANCH + CALL;
        }
        if (stmt instanceof Stmt.RequireSameLength) {
            // The lengths compared and, when they differ, the message built and thrown.
            return 60;
        }
        return own + 2L * BRANCH;
    }

    private static long expr(Expr e) {
        long[] children = {0};
        Exprs.mapChildren(e, child -> {
            children[0] += expr(child);
            return child;
        });
        if (e instanceof Expr.Ref) {
            return LOCAL;
        }
        if (e instanceof Expr.Literal l) {
            return l.is(0) || l.is(1) ? 1 : CONSTANT;
        }
        if (e instanceof Expr.StaticField) {
            return CONSTANT;
        }
        if (e instanceof Expr.Binary b) {
            // A comparison is a compare and a branch to push the boolean; && and || branch too.
            return children[0] + (b.op().isArithmetic() ? 1 : 8);
        }
        if (e instanceof Expr.Select) {
            return children[0] + 2 * BRANCH;
        }
        if (e instanceof Expr.TapePop || e instanceof Expr.TapeSize) {
            return LOCAL + CALL;
        }
        if (e instanceof Expr.ArrayLiteral l) {
            // newarray, then for each element: dup, index, value, store.
            return children[0] + 6 + 6L * l.elements().size();
        }
        if (e instanceof Expr.MathCall
                || e instanceof Expr.Invoke
                || e instanceof Expr.CustomCall
                || e instanceof Expr.RuleCall
                || e instanceof Expr.Recursion
                || e instanceof Expr.RecursiveCall
                || e instanceof Expr.ArrayCopy
                || e instanceof Expr.Concat
                || e instanceof Expr.New
                || e instanceof Expr.ZerosLike
                || e instanceof Expr.FieldRead) {
            return children[0] + CALL + LOCAL;
        }
        return children[0] + 2;
    }
}
