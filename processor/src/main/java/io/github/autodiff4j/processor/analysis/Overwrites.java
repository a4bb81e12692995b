package io.github.autodiff4j.processor.analysis;

import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.ir.Var;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the forward sweep may overwrite while an older value is still needed: variables assigned in more than one
 * place or inside a loop (a parameter assigned anywhere), and arrays whose elements are stored to. A variable assigned once, outside loops, keeps its
 * value for the whole call.
 *
 * <p>The first assignment of a local, outside loops, overwrites nothing anyone reads: Java's definite assignment
 * rules mean no earlier statement reads the local, so the backward sweep need not restore what it held before.
 */
public final class Overwrites {
    private final Set<Var> reassigned = new HashSet<>();
    private final Set<Var> storedInto = new HashSet<>();
    private final Set<Var> defined = new HashSet<>();
    private final Set<Stmt.Assign> firstDefinitions = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Stmt.Assign> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private Overwrites() {}

    public static Overwrites of(Function function) {
        Overwrites result = new Overwrites();
        Map<Var, Integer> assignments = new HashMap<>();
        result.defined.addAll(function.params());
        // A parameter is assigned its argument first: assigning it in the body overwrites that.
        function.params().forEach(p -> assignments.put(p, 1));
        result.scan(function.body(), false, assignments);
        assignments.forEach((v, n) -> {
            if (n > 1) {
                result.reassigned.add(v);
            }
        });
        return result;
    }

    private void scan(List<Stmt> body, boolean inLoop, Map<Var, Integer> assignments) {
        for (Stmt stmt : body) {
            if (stmt instanceof Stmt.Assign a) {
                assignments.merge(a.target(), 1, Integer::sum);
                if (!seen.add(a)) {
                    firstDefinitions.remove(a); // one statement reached from two places: not a first definition
                } else if (defined.add(a.target()) && !inLoop) {
                    firstDefinitions.add(a);
                }
                if (inLoop) {
                    reassigned.add(a.target());
                }
            } else if (stmt instanceof Stmt.Store s) {
                storedInto.add(s.base());
            } else {
                boolean loop = inLoop || stmt instanceof Stmt.Loop;
                for (List<Stmt> nested : Stmts.children(stmt)) {
                    scan(nested, loop, assignments);
                }
            }
        }
    }

    /** Whether the variable itself may be assigned again: in a loop, or in more than one place. */
    public boolean isReassigned(Var v) {
        return reassigned.contains(v);
    }

    /** Whether this assignment is the first of a local, outside loops: the value it overwrites is never read. */
    public boolean isFirstDefinition(Stmt.Assign a) {
        return firstDefinitions.contains(a);
    }

    /** Whether elements of the array are written. */
    public boolean isStoredInto(Var array) {
        return storedInto.contains(array);
    }
}
