package io.github.autodiff4j.processor.emit;

import io.github.autodiff4j.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives each variable of one generated method a unique, valid Java name close to its hint: the user's names where
 * possible, {@code x_2} for a second version of {@code x}, {@code t0, t1, ...} for temporaries, and {@code dx} for the
 * derivative of whatever {@code x} ended up being called.
 */
final class Namer {
    /**
     * The words no Java name can be: the keywords, the literals, and {@code _} (what
     * {@code javax.lang.model.SourceVersion.isKeyword} says for the latest version).
     */
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "false",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "null",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "true",
            "try",
            "void",
            "volatile",
            "while",
            "_");

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
        return !taken.contains(name) && !KEYWORDS.contains(name);
    }
}
