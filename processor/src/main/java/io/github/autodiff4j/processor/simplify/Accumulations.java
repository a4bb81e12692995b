package io.github.autodiff4j.processor.simplify;

import io.github.autodiff4j.processor.ir.Algebra;
import io.github.autodiff4j.processor.ir.BinaryOp;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the contributions a backward sweep adds to one adjoint element: {@code dx[i] -= db; ...; dx[i] += dt0 * 2x}
 * becomes one {@code dx[i] += dt0 * 2x - db}, one read and one write of the element instead of two, as a hand-written
 * gradient has. The earlier contribution moves to the later one only when nothing in between changes what it reads,
 * reads the array, or may write the same element. Arrays that alias others ({@code da = dw}, {@code drow = dm[0]})
 * are one array to this: a statement that touches any of them stops the move.
 */
public final class Accumulations {
    private Accumulations() {}

    /**
     * The straight-line statements with each element's contributions merged into its last one.
     *
     * @param aliased the arrays that may share their elements with another array variable
     */
    public static List<Stmt> merge(List<Stmt> run, Set<Var> aliased) {
        List<Stmt> out = new ArrayList<>(run);
        for (int k = out.size() - 1; k >= 0; k--) {
            if (!(out.get(k) instanceof Stmt.Store later) || contribution(later) == null) {
                continue;
            }
            for (int j = k - 1; j >= 0; j--) {
                Stmt stmt = out.get(j);
                if (stmt instanceof Stmt.Store earlier
                        && contribution(earlier) != null
                        && earlier.array().equals(later.array())
                        && earlier.index().equals(later.index())
                        && undisturbed(out.subList(j + 1, k), earlier, aliased)) {
                    Expr sum = Algebra.add(contribution(earlier), contribution(later));
                    Expr element = new Expr.ArrayRead(later.array(), later.index());
                    out.set(k, new Stmt.Store(later.array(), later.index(), Algebra.add(element, sum), later.origin()));
                    out.remove(j);
                    // The merged store is now at k - 1, where the loop goes next: it may take an earlier contribution
                    // too.
                    break;
                }
                if (stmt instanceof Stmt.Store other
                        && sameArray(other, later)
                        && !distinct(other.index(), later.index())) {
                    break;
                }
                if (aliased.contains(base(later)) && touches(stmt, aliased)) {
                    break;
                }
            }
        }
        return out;
    }

    /** For {@code a[i] = a[i] + e}, e; for {@code a[i] = a[i] - e}, -e; null for other stores. */
    private static Expr contribution(Stmt.Store s) {
        if (!(s.array() instanceof Expr.Ref)
                || !(s.value() instanceof Expr.Binary b)
                || (b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB)
                || !b.left().equals(new Expr.ArrayRead(s.array(), s.index()))
                || Exprs.reads(b.right(), base(s))) {
            return null;
        }
        return b.op() == BinaryOp.ADD ? b.right() : Algebra.neg(b.right());
    }

    /**
     * Whether the statements between leave alone what the earlier contribution reads (its index, its value's
     * variables) and its array (no reads, no writes that may hit the same element).
     */
    private static boolean undisturbed(List<Stmt> between, Stmt.Store earlier, Set<Var> aliased) {
        if (aliased.contains(base(earlier)) && between.stream().anyMatch(stmt -> touches(stmt, aliased))) {
            return false;
        }
        Set<Var> reads = new HashSet<>();
        Exprs.collectReads(earlier.index(), reads);
        Exprs.collectReads(contribution(earlier), reads);
        for (Stmt stmt : between) {
            if (Stmts.expressions(stmt).stream()
                    .anyMatch(e -> Exprs.anyMatch(e, Expr.RecursiveCall.class::isInstance))) {
                return false; // a recursion's pullback adds into the adjoint arrays it is passed
            }
            if (reads.contains(Stmts.target(stmt))) {
                return false; // a variable it reads, or an element of an array it reads, changes
            }
            if (stmt instanceof Stmt.Store s && Stmts.target(s) == base(earlier)) {
                // Another element of the array: fine if it surely is another, and its value reads no element but its
                // own.
                Expr value = contribution(s) != null ? contribution(s) : s.value();
                if (!(s.array() instanceof Expr.Ref)
                        || !distinct(s.index(), earlier.index())
                        || Exprs.reads(value, base(earlier))) {
                    return false;
                }
                continue;
            }
            for (Expr e : Stmts.expressions(stmt)) {
                if (Exprs.reads(e, base(earlier))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a statement reads or writes one of these arrays. */
    private static boolean touches(Stmt stmt, Set<Var> arrays) {
        Set<Var> mentioned = new HashSet<>();
        if (Stmts.target(stmt) != null) {
            mentioned.add(Stmts.target(stmt));
        }
        Stmts.expressions(stmt).forEach(e -> Exprs.collectReads(e, mentioned));
        return mentioned.stream().anyMatch(arrays::contains);
    }

    private static Var base(Stmt.Store s) {
        return Exprs.base(s.array());
    }

    private static boolean sameArray(Stmt.Store a, Stmt.Store b) {
        return base(a) == base(b);
    }

    /** Whether two indices differ whatever their variables hold: {@code i} and {@code i + 1}. */
    private static boolean distinct(Expr a, Expr b) {
        return withoutOffset(a).equals(withoutOffset(b)) && offset(a) != offset(b);
    }

    private static Expr withoutOffset(Expr index) {
        return index instanceof Expr.Binary b
                        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                        && b.right() instanceof Expr.Literal
                ? b.left()
                : index;
    }

    private static long offset(Expr index) {
        if (index instanceof Expr.Binary b && b.right() instanceof Expr.Literal l) {
            if (b.op() == BinaryOp.ADD) {
                return l.integral();
            }
            if (b.op() == BinaryOp.SUB) {
                return -l.integral();
            }
        }
        return 0;
    }
}
