package io.github.autodiff4j.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.DifferentiableProcessor;
import io.github.autodiff4j.processor.testing.Compiled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates programs from a seed, compiles them with the processor in batches (one javac run per batch), and checks
 * every derivative of every method with {@link DerivativeChecker}. Program {@code i} of seed {@code s} is the same in
 * every run, so a failure names the seed and index that reproduce it, and carries the program's source.
 */
final class Fuzzer {
    /** The figures of a run and a description of each failure. */
    record Result(
            int programs,
            int rejected,
            int methods,
            int points,
            int skipped,
            int zeroTimesInfinity,
            int overflows,
            long checks,
            List<String> failures,
            Coverage coverage) {
        /** The indices of the programs with a failure. */
        Set<Integer> failingPrograms() {
            Set<Integer> out = new java.util.TreeSet<>();
            failures.forEach(
                    f -> out.add(Integer.parseInt(f.replaceFirst("(?s)^seed -?\\d+, program (\\d+) .*", "$1"))));
            return out;
        }

        String summary() {
            return String.format(
                    "%d programs (%d rejected as too large), %d methods, %d points (%d skipped: near a "
                            + "decision, or where reverse mode meets 0 x infinity (%d), or where an intermediate overflowed (%d)), %d "
                            + "derivative checks, %d failures",
                    programs,
                    rejected,
                    methods,
                    points,
                    skipped,
                    zeroTimesInfinity,
                    overflows,
                    checks,
                    failures.size());
        }
    }

    private static final String TOO_LARGE = "[autodiff4j:too-large]";

    private final long seed;
    private final int pointsPerMethod;
    private final List<String> failures = new ArrayList<>();
    private int rejected;
    private int methods;
    private int points;
    private int skipped;
    private int zeroTimesInfinity;
    private int overflows;
    private long checks;
    private final Coverage coverage = new Coverage();

    private Fuzzer(long seed, int pointsPerMethod) {
        this.seed = seed;
        this.pointsPerMethod = pointsPerMethod;
    }

    /** Runs {@code count} programs of {@code seed}, compiled {@code batch} at a time. */
    static Result run(long seed, int count, int batch, int pointsPerMethod) {
        Fuzzer fuzzer = new Fuzzer(seed, pointsPerMethod);
        for (int first = 0; first < count; first += batch) {
            List<Program> programs = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + batch); i++) {
                programs.add(program(seed, i));
                fuzzer.coverage.add(programs.get(programs.size() - 1).coverage());
            }
            fuzzer.batch(programs);
        }
        return new Result(
                count,
                fuzzer.rejected,
                fuzzer.methods,
                fuzzer.points,
                fuzzer.skipped,
                fuzzer.zeroTimesInfinity,
                fuzzer.overflows,
                fuzzer.checks,
                List.copyOf(fuzzer.failures),
                fuzzer.coverage);
    }

    /** Program {@code index} of {@code seed}, as class {@code fuzz.P<index>}. */
    static Program program(long seed, int index) {
        return ProgramGenerator.generate(seed * 0x9E3779B97F4A7C15L + index, "P" + index);
    }

    private void batch(List<Program> programs) {
        // One javac run finds the programs that do not compile (by the file of each error: P7.java or P7Diff.java);
        // if there are any, a second compiles the others, whose derivatives are then checked. A method whose derivative
        // code would not fit
        // in a JVM method is rejected with an error, as it must be: not a failure.
        Map<Program, List<String>> errors = new LinkedHashMap<>();
        Compilation trial;
        try {
            trial = Compiler.javac()
                    .withProcessors(new DifferentiableProcessor())
                    .withOptions("-parameters")
                    .compile(programs.stream()
                            .map(p -> JavaFileObjects.forSourceString(p.qualifiedName(), p.source()))
                            .toList());
            for (Diagnostic<? extends JavaFileObject> d : trial.errors()) {
                String file = d.getSource() == null ? "" : d.getSource().toUri().getPath();
                String name = file.substring(file.lastIndexOf('/') + 1);
                programs.stream()
                        .filter(p -> name.equals(p.className() + ".java") || name.equals(p.className() + "Diff.java"))
                        .findFirst()
                        .ifPresent(p -> errors.computeIfAbsent(p, k -> new ArrayList<>())
                                .add("line " + d.getLineNumber() + ": " + d.getMessage(null)));
            }
        } catch (RuntimeException crash) {
            programs.forEach(this::checkAlone);
            return;
        }
        errors.forEach(this::notCompiled);
        List<Program> good =
                programs.stream().filter(p -> !errors.containsKey(p)).toList();
        if (trial.errors().isEmpty()) {
            // nothing to leave out: the trial's classes are the ones to check
            Compiled compiled = Compiled.of(trial);
            good.forEach(p -> check(compiled, p));
            return;
        }
        String[] sources = new String[2 * good.size()];
        for (int i = 0; i < good.size(); i++) {
            sources[2 * i] = good.get(i).qualifiedName();
            sources[2 * i + 1] = good.get(i).source();
        }
        Compiled compiled;
        try {
            compiled = good.isEmpty() ? null : Compiled.compileAll(sources);
        } catch (AssertionError | RuntimeException e) {
            good.forEach(this::checkAlone);
            return;
        }
        good.forEach(p -> check(compiled, p));
    }

    /** A program alone, when its batch crashed javac. */
    private void checkAlone(Program program) {
        Compiled compiled;
        try {
            compiled = Compiled.compile(program.qualifiedName(), program.source());
        } catch (AssertionError | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            List<String> errors =
                    message.lines().filter(l -> l.startsWith("ERROR")).toList();
            notCompiled(program, errors.isEmpty() ? List.of(message) : errors);
            return;
        }
        check(compiled, program);
    }

    /** A program with compile errors: rejected if they all say a method is too large, a failure otherwise. */
    private void notCompiled(Program program, List<String> errors) {
        List<String> others =
                errors.stream().filter(e -> !e.contains(TOO_LARGE)).toList();
        if (others.isEmpty()) {
            rejected++;
        } else {
            fail(program, "does not compile: " + others.get(0));
        }
    }

    private void check(Compiled compiled, Program program) {
        try {
            DerivativeChecker checker = new DerivativeChecker(
                    compiled, program, new Random(program.source().hashCode()));
            for (FuzzMethod method : program.methods()) {
                methods++;
                checker.check(method, pointsPerMethod).forEach(m -> fail(program, m));
            }
            points += checker.points;
            skipped += checker.skipped;
            zeroTimesInfinity += checker.zeroTimesInfinity;
            overflows += checker.overflows;
            checks += checker.checks;
        } catch (AssertionError | RuntimeException e) {
            fail(program, e.toString());
        }
    }

    private void fail(Program program, String what) {
        failures.add(String.format(
                "seed %d, program %d (%s): %s%n%s",
                seed,
                Integer.parseInt(program.className().substring(1)),
                program.qualifiedName(),
                what,
                program.source()));
    }
}
