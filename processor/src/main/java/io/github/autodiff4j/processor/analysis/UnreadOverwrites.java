package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Exprs;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assignments of a double whose overwritten value no partial derivative reads: nothing the backward sweep computes
 * needs that value back, so the forward sweep need not save it. Position matters where {@link NeededValues} looks at
 * the whole function:
 * <pre>
 *   t = exp(u); s = t;                              // exp's partial reads t, not s
 *   for (i = 1; i &lt; k; i++) s += exp(v[i] - m);  // overwrites s values nobody reads: no saves
 *   r = log(s);                                     // reads the final s: the next iteration's "s = t" saves it
 * </pre>
 * The value an assignment overwrites is read if a partial that reads the variable can run after the value was made and
 * before the assignment: scanning backwards from the assignment through the statements that can run just before it,
 * up to an assignment of the variable that always runs. A loop met on the way may repeat, so any read inside it counts.
 * Only for functions without jumps, whose control flow the statement lists mirror.
 */
public final class UnreadOverwrites {
    private final Activity activity;
    private final Set<Stmt.Assign> unread = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Var> partlyUnsaved = new HashSet<>();
    /** Where each statement sits: its list, and the statement that owns the list (null at the top). */
    private final Map<Stmt, List<Stmt>> lists = new IdentityHashMap<>();

    private final Map<List<Stmt>, Stmt> owners = new IdentityHashMap<>();
    private final Set<Var> returned = new HashSet<>();

    private UnreadOverwrites(Activity activity) {
        this.activity = activity;
    }

    public static UnreadOverwrites of(Function function, Activity activity, boolean structured) {
        UnreadOverwrites result = new UnreadOverwrites(activity);
        if (structured) {
            result.index(function.body(), null);
            Stmts.walk(function.body(), s -> {
                if (s instanceof Stmt.Return r) {
                    r.values().forEach(e -> Exprs.collectReads(e, result.returned));
                }
            });
            Stmts.walk(function.body(), s -> {
                if (s instanceof Stmt.Assign a
                        && a.target().type() == Type.DOUBLE
                        && !result.returned.contains(a.target())
                        && !result.isRead(a)) {
                    result.unread.add(a);
                    result.partlyUnsaved.add(a.target());
                }
            });
        }
        return result;
    }

    /** Whether no partial derivative reads the value this assignment overwrites. */
    public boolean isUnread(Stmt.Assign a) {
        return unread.contains(a);
    }

    /** Whether some assignment of the variable does not save what it overwrites: the backward sweep cannot rely on it. */
    public boolean isPartlyUnsaved(Var v) {
        return partlyUnsaved.contains(v);
    }

    private void index(List<Stmt> list, Stmt owner) {
        owners.put(list, owner);
        for (Stmt stmt : list) {
            lists.put(stmt, list);
            for (List<Stmt> nested : Stmts.children(stmt)) {
                index(nested, stmt);
            }
        }
    }

    private boolean isRead(Stmt.Assign a) {
        Var v = a.target();
        if (PartialReads.reads(List.of(a), v, activity)) {
            return true;
        }
        Stmt at = a;
        while (true) {
            List<Stmt> list = lists.get(at);
            for (int k = indexOf(list, at) - 1; k >= 0; k--) {
                Stmt before = list.get(k);
                if (PartialReads.reads(List.of(before), v, activity)) {
                    return true;
                }
                if (before instanceof Stmt.Assign b && b.target() == v) {
                    return false;
                }
            }
            Stmt owner = owners.get(list);
            if (owner == null) {
                return false;
            }
            if (owner instanceof Stmt.Loop && PartialReads.reads(List.of(owner), v, activity)) {
                return true;
            }
            at = owner;
        }
    }

    private static int indexOf(List<Stmt> list, Stmt stmt) {
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k) == stmt) {
                return k;
            }
        }
        throw new IllegalStateException("not in its list: " + stmt);
    }
}
