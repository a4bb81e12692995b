package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Gives each variable of one generated method a unique, valid Java name close to its hint: the user's names where
 * possible, {@code x_2} for a second version of {@code x}, {@code t0, t1, ...} for temporaries, and {@code dx} for the
 * derivative of whatever {@code x} ended up being called.
 */
final class Namer {
    private final Set<String> taken = new HashSet<>();
    private final Map<Var, String> names = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** Claims a name for the variable, which must be free (a user's parameter name). */
    void fix(Var v, String name) {
        taken.add(name);
        names.put(v, name);
    }

    String name(Var v) {
        String name = names.get(v);
        if (name == null) {
            String hint = v.base() == null ? v.pattern() : String.format(v.pattern(), name(v.base()));
            name = fresh(hint);
            names.put(v, name);
        }
        return name;
    }

    /** A name for a helper local of the generated method (a loop index, a result array) that clashes with nothing. */
    String fresh(String hint) {
        if (hint.endsWith(Var.NUMBERED)) {
            String stem = hint.substring(0, hint.length() - Var.NUMBERED.length());
            String name;
            do {
                int n = counters.merge(stem, 1, Integer::sum) - 1;
                name = stem + n;
            } while (!available(name));
            taken.add(name);
            return name;
        }
        String name = hint;
        for (int n = 2; !available(name); n++) {
            name = hint + "_" + n;
        }
        taken.add(name);
        return name;
    }

    private boolean available(String name) {
        return !taken.contains(name) && !SourceVersion.isKeyword(name);
    }
}
