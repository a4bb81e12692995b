package io.github.autodiff4j.processor.fuzz;

import io.github.autodiff4j.processor.testing.Compiled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Shrinks a failing fuzz program to a small one that fails the same way: drops methods, deletes statements, unwraps
 * blocks, replaces calls by their arguments and drops elements of array literals, for as long as the first failure's
 * kind persists (the same compile error, or the same derivative member of the same method wrong, or leaving the
 * caller's arrays wrong, or not throwing for a receiver that overrides a helper). Not part of the
 * suite; run on demand with the seed and index of a failure:
 * {@code mvn -pl processor -am test -Dtest=FuzzReducer -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seed=S
 * -Dfuzz.reduce=I}. The result goes to {@code processor/target/fuzz-reduced-I.java}.
 */
class FuzzReducer {
    private static final Pattern DERIVATIVE = Pattern.compile(
            "(?s)^(\\w+) at .*?\\](?: on a \\w+)?: (\\w+(?: value| did not give| did not leave| on an Over)?)");
    private static final Pattern COMPILE_ERROR = Pattern.compile("(?s).*line \\d+: ([^\\n]*).*");
    private static final int POINTS = 4;

    @Test
    @EnabledIfSystemProperty(named = "fuzz.reduce", matches = "\\d+")
    void reduce() throws IOException {
        long seed = Long.getLong("fuzz.seed", 20261127L);
        int index = Integer.getInteger("fuzz.reduce");
        long deadline = System.nanoTime() + Long.getLong("fuzz.reduceMinutes", 20L) * 60_000_000_000L;
        Program original = Fuzzer.program(seed, index);
        Candidate start = Candidate.parse(original);
        String target = System.getProperty("fuzz.method");
        String key = null;
        for (FuzzMethod m : original.methods()) {
            if (target == null || m.name().equals(target)) {
                key = key(start.withTarget(m.name()).failures());
                if (key != null) {
                    start = start.withTarget(m.name());
                    break;
                }
            }
        }
        if (key == null) {
            throw new AssertionError("program " + index + " of seed " + seed + " does not fail");
        }
        System.out.println("Reducing on: " + key);
        Candidate best = start;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline) {
            progress = false;
            for (Candidate next : best.smaller()) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                if (key.equals(key(next.failures()))) {
                    best = next;
                    progress = true;
                    System.out.println("  " + best.size() + " lines");
                    break;
                }
            }
        }
        String out = "// seed " + seed + ", program " + index + ", method " + best.target + ": " + key + "\n"
                + best.program().source() + "\n/* failures:\n" + String.join("\n", best.failures()) + "\n*/\n";
        Files.writeString(Path.of("target", "fuzz-reduced-" + index + ".java"), out);
        System.out.println(out);
    }

    /** What a failure is, without its numbers: the compile error, or the method and the derivative member. */
    private static String key(List<String> failures) {
        for (String f : failures) {
            if (f.startsWith("does not compile")) {
                Matcher m = COMPILE_ERROR.matcher(f);
                return m.matches() ? "compile: " + m.group(1) : "compile";
            }
            Matcher m = DERIVATIVE.matcher(f);
            if (m.find()) {
                return m.group(1) + " " + m.group(2);
            }
            return f.replaceAll("[-0-9.eE]+", "#").lines().findFirst().orElse("");
        }
        return null;
    }

    /** A program as its methods' lines (in traced form), and the method whose failure is kept. */
    private record Candidate(Program original, List<List<String>> methods, String target) {
        static Candidate parse(Program program) {
            String source = program.source();
            List<String> lines = source.substring(
                            0, source.length() - program.topLevel().length())
                    .lines()
                    .toList();
            int from = lines.indexOf("  static final class Traced {") + 1;
            List<List<String>> methods = new ArrayList<>();
            List<String> current = null;
            for (String line : lines.subList(from, lines.size() - 2)) {
                // a method starts at the class's indent with its signature (a field ends with ';')
                if (line.startsWith("    ") && !line.startsWith("     ") && line.endsWith("{")) {
                    current = new ArrayList<>();
                    methods.add(current);
                }
                if (current != null && !line.isEmpty()) {
                    current.add(line.substring(2));
                }
            }
            return new Candidate(program, methods, null);
        }

        /** Whether {@code method} calls {@code helper}, directly or through other methods, as the text now stands. */
        boolean reaches(String method, String helper) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(method));
            while (!todo.isEmpty()) {
                String m = todo.pop();
                if (m.equals(helper)) {
                    return true;
                }
                if (!seen.add(m)) {
                    continue;
                }
                for (List<String> lines : methods) {
                    if (name(lines).equals(m)) {
                        for (List<String> other : methods) {
                            String callee = name(other);
                            if (lines.stream().skip(1).anyMatch(l -> l.matches(".*\\b" + callee + "\\(.*"))) {
                                todo.add(callee);
                            }
                        }
                    }
                }
            }
            return false;
        }

        /** The helper the subclass {@code Over} overrides, or "" when there is none. */
        private static String overridden(String library) {
            Matcher m = Pattern.compile("class Over extends \\w+ \\{\\s+[\\w\\[\\]]+ (\\w+)\\(")
                    .matcher(library);
            return m.find() ? m.group(1) : "";
        }

        Candidate withTarget(String name) {
            return new Candidate(original, methods, name);
        }

        int size() {
            return methods.stream().mapToInt(List::size).sum();
        }

        private static String name(List<String> method) {
            String signature = method.get(0);
            return signature.substring(0, signature.indexOf('(')).replaceFirst(".* ", "");
        }

        Program program() {
            StringBuilder plain = new StringBuilder();
            StringBuilder traced = new StringBuilder();
            for (List<String> method : methods) {
                String text = String.join("\n", method) + "\n";
                FuzzMethod annotated = original.methods().stream()
                        .filter(m -> m.name().equals(name(method)))
                        .findFirst()
                        .orElse(null);
                String signed = text;
                if (annotated != null) {
                    for (Param p : annotated.params()) {
                        if (p.kind() == Param.Kind.CONSTANT) {
                            signed = signed.replaceFirst(
                                    "\\bdouble " + p.name() + "\\b", "@NoDerivative double " + p.name());
                        } else if (p.kind() == Param.Kind.CONSTANT_POINT) {
                            signed = signed.replaceFirst("\\bPt " + p.name() + "\\b", "@NoDerivative Pt " + p.name());
                        }
                    }
                    plain.append("  @Differentiable\n");
                }
                plain.append(Trace.plain(signed)).append('\n');
                text.lines().forEach(l -> traced.append("  ").append(l).append('\n'));
            }
            String source = "package " + Program.PACKAGE + ";\n\nimport io.github.autodiff4j.DerivativeOf;\n"
                    + "import io.github.autodiff4j.Differentiable;\nimport io.github.autodiff4j.NoDerivative;\n"
                    + "import io.github.autodiff4j.Special;\nimport io.github.autodiff4j.processor.fuzz.Trace;\n"
                    // what the generator's programs import and declare (streams, Arrays, Mode), or every program
                    // using them reduces to "cannot find symbol"
                    + "import java.util.Arrays;\nimport java.util.stream.DoubleStream;\n"
                    + "import java.util.stream.IntStream;\n\n"
                    + "public class " + original.className() + " {\n  enum Mode { A, B, C }\n\n" + original.fields()
                    + original.library() + plain
                    + "  static final class Traced {\n" + original.fields().replace("  ", "    ") + traced + "  }\n}\n"
                    + original.topLevel();
            // the reduced method may no longer call the helper Over overrides: then a number is the right answer on an
            // Over
            List<FuzzMethod> kept = original.methods().stream()
                    .filter(m -> m.name().equals(target))
                    .map(m -> new FuzzMethod(
                            m.name(),
                            m.vector(),
                            m.params(),
                            m.instance(),
                            m.reachesOverride() && reaches(target, overridden(original.library()))))
                    .toList();
            return new Program(
                    original.className(),
                    source,
                    kept,
                    original.arrayLength(),
                    original.library(),
                    original.fields(),
                    original.overrides(),
                    original.coverage(),
                    original.topLevel());
        }

        List<String> failures() {
            Program program = program();
            Compiled compiled;
            try {
                compiled = Compiled.compile(program.qualifiedName(), program.source());
            } catch (AssertionError | RuntimeException e) {
                return List.of("does not compile: " + e.getMessage());
            }
            try {
                return new DerivativeChecker(
                                compiled, program, new Random(original.source().hashCode()))
                        .check(program.methods().get(0), POINTS);
            } catch (AssertionError | RuntimeException e) {
                return List.of(e.toString());
            }
        }

        /** Every one-step simplification, the largest cuts first. */
        List<Candidate> smaller() {
            List<Candidate> out = new ArrayList<>();
            for (int m = 0; m < methods.size(); m++) {
                if (!name(methods.get(m)).equals(target)) {
                    List<List<String>> fewer = new ArrayList<>(methods);
                    fewer.remove(m);
                    out.add(new Candidate(original, fewer, target));
                }
            }
            for (int m = 0; m < methods.size(); m++) {
                List<String> lines = methods.get(m);
                for (int i = 1; i < lines.size() - 1; i++) {
                    int end = end(lines, i);
                    if (end < 0) {
                        continue;
                    }
                    out.add(edit(m, without(lines, i, end)));
                    if (end > i) {
                        List<String> unwrapped = new ArrayList<>(lines);
                        unwrapped.remove(end);
                        unwrapped.remove(i);
                        out.add(edit(m, unwrapped));
                    }
                }
            }
            for (int m = 0; m < methods.size(); m++) {
                List<String> lines = methods.get(m);
                for (int i = 0; i < lines.size(); i++) {
                    for (String simpler : simplerLines(lines.get(i))) {
                        List<String> changed = new ArrayList<>(lines);
                        changed.set(i, simpler);
                        out.add(edit(m, changed));
                    }
                }
            }
            return out;
        }

        private Candidate edit(int method, List<String> lines) {
            List<List<String>> changed = new ArrayList<>(methods);
            changed.set(method, lines);
            return new Candidate(original, changed, target);
        }

        /** The last line of the statement starting at line {@code i}, or -1 if none starts there. */
        private static int end(List<String> lines, int i) {
            if (lines.get(i).trim().startsWith("}")) {
                return -1;
            }
            int depth = 0;
            for (int j = i; j < lines.size(); j++) {
                for (char c : lines.get(j).toCharArray()) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                }
                if (depth <= 0) {
                    return depth == 0 ? j : -1;
                }
            }
            return -1;
        }

        private static List<String> without(List<String> lines, int from, int to) {
            List<String> out = new ArrayList<>(lines.subList(0, from));
            out.addAll(lines.subList(to + 1, lines.size()));
            return out;
        }
    }

    /** The line with one call replaced by one of its arguments, or one element of an array literal dropped. */
    static List<String> simplerLines(String line) {
        List<String> out = new ArrayList<>();
        Matcher call = Pattern.compile("[A-Za-z_][\\w.]*\\(").matcher(line);
        while (call.find()) {
            int open = call.end() - 1;
            List<int[]> args = arguments(line, open, '(', ')');
            int close = args.isEmpty() ? -1 : args.get(args.size() - 1)[1];
            if (close < 0 || line.substring(call.start(), open).matches("if|while|for|switch|\\w+\\.b")) {
                continue;
            }
            for (int[] arg : args) {
                out.add(line.substring(0, call.start()) + "("
                        + line.substring(arg[0], arg[1]).trim() + ")" + line.substring(close + 1));
            }
        }
        int brace = line.indexOf("] {");
        if (brace >= 0) {
            List<int[]> elements = arguments(line, brace + 2, '{', '}');
            for (int k = 0; k < elements.size() && elements.size() > 1; k++) {
                int from = k == 0 ? elements.get(0)[0] : elements.get(k - 1)[1];
                int to = k == 0 ? elements.get(1)[0] : elements.get(k)[1];
                out.add(line.substring(0, from) + line.substring(to));
            }
        }
        out.add(line.replaceAll("StrictMath\\.", "Math."));
        out.removeIf(line::equals);
        return out;
    }

    /** The [start, end) of each top-level argument in the bracket opened at {@code open}; empty if unbalanced. */
    private static List<int[]> arguments(String line, int open, char left, char right) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    if (c != right) {
                        return List.of();
                    }
                    out.add(new int[] {start, i});
                    return out;
                }
            } else if (c == ',' && depth == 1) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return List.of();
    }
}
