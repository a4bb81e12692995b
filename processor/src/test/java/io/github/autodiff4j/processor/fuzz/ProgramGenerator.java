package io.github.autodiff4j.processor.fuzz;

import io.github.autodiff4j.processor.fuzz.Coverage.Construct;
import io.github.autodiff4j.processor.fuzz.Coverage.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Random classes of {@code @Differentiable} methods: scalar and vector functions of {@code double}, {@code double[]},
 * {@code double[][]}, {@code @NoDerivative double} and {@code int} parameters; functions with {@code @DerivativeOf}
 * rules (one or two doubles); unannotated helpers (of doubles, returning a new array, writing into an array argument,
 * writing into one array while reading another that may be the same, reading a matrix), calls between them; at
 * times a recursion, direct, mutual, over an array (returning a double or a double[]) or passing a {@code String} down
 * unchanged. About a third of the programs are instance programs: their methods and some helpers are instance methods
 * called on the own object, with a subclass {@code Same} that overrides nothing and, mostly, a subclass {@code Over}
 * that overrides one helper; their recursions are at times instance methods recursing on the own object (annotated, or
 * unannotated helpers that {@code Over} may override). The same seed gives the same program.
 */
final class ProgramGenerator {
    /** Functions of one double and their derivatives, in {@code x}: each smooth and finite for every finite x. */
    private static final String[][] RULES_ONE = {
        {"return x / (1 + x * x);", "return (1 - x * x) / ((1 + x * x) * (1 + x * x));"},
        {"return Math.sqrt(1 + x * x) - 1;", "return x / Math.sqrt(1 + x * x);"},
        {
            "return Math.sin(x) * Math.exp(-0.1 * x * x);",
            "return (Math.cos(x) - 0.2 * x * Math.sin(x)) * Math.exp(-0.1 * x * x);"
        }
    };
    /** Functions of two doubles and their partial derivatives, in {@code a} and {@code b}. */
    private static final String[][] RULES_TWO = {
        {"return a * Math.cos(b) + b;", "return new double[] {Math.cos(b), 1 - a * Math.sin(b)};"},
        {"return a / (1 + b * b);", "return new double[] {1 / (1 + b * b), -2 * a * b / ((1 + b * b) * (1 + b * b))};"},
        {
            "return a * b * Math.tanh(a);",
            "return new double[] {b * Math.tanh(a) + a * b / Math.pow(Math.cosh(a), 2), " + "a * Math.tanh(a)};"
        }
    };

    /**
     * The share of programs with records ({@code -Dfuzz.records}, 0.45 by default); 0 gives exactly the programs of the
     * generator before records, which draws no random number for them then.
     */
    private static final double RECORDS = Double.parseDouble(System.getProperty("fuzz.records", "0.45"));

    private final ExpressionGenerator e;
    private final StatementGenerator statements;
    private final int arrayLength;
    private final boolean instance;
    private final List<String> plain = new ArrayList<>();
    private final List<String> traced = new ArrayList<>();
    private final Code library = new Code(1);
    private final List<FuzzMethod> methods = new ArrayList<>();
    private final List<Scope.Callee> callees = new ArrayList<>();
    /** The static record helpers {@code Pt h(Pt p, Pt q)}. */
    private final List<String> pointHelpers = new ArrayList<>();
    /** What each method calls, to tell which ones reach the helper {@code Over} overrides. */
    private final Map<String, Set<String>> calls = new HashMap<>();
    /** The signatures of the instance helpers returning {@code double}, which {@code Over} may override. */
    private final Map<String, String> overridable = new HashMap<>();
    /** What {@code Over}'s override of each of them returns: a double parameter of it. */
    private final Map<String, String> overrideReturns = new HashMap<>();
    /** The overridable instance helpers that recurse on the own object: {@code Over} overrides one of them at times. */
    private final Set<String> recursiveOverridable = new HashSet<>();

    private ProgramGenerator(long seed) {
        this.e = new ExpressionGenerator(new Random(seed));
        this.arrayLength = 2 + e.random().nextInt(3);
        this.statements = new StatementGenerator(e, arrayLength);
        this.instance = e.chance(0.35);
    }

    /** The program of {@code seed}, as class {@code fuzz.<className>}. */
    static Program generate(long seed, String className) {
        return new ProgramGenerator(seed).program(className);
    }

    private Program program(String className) {
        // What Trace.rem(a, b) is in the plain methods: a % b has no call form (see Trace#plain).
        library.line("static double rem(double a, double b) {\n    return a % b;\n  }\n");
        String topLevel = records(className);
        rules();
        // a recursion before the helpers can be called from them; one after them can call them
        // More often in instance programs, which also recurse on the own object.
        boolean recursion = e.chance(instance ? 0.4 : 0.3);
        boolean first = e.chance(0.5);
        if (recursion && first) {
            recursion();
        }
        int helpers = e.random().nextInt(3);
        for (int i = 0; i < helpers; i++) {
            helper();
        }
        if (recursion && !first) {
            recursion();
        }
        int count = 1 + e.random().nextInt(2);
        for (int i = 0; i < count; i++) {
            differentiable();
        }
        String overridden = subclasses(className);
        List<FuzzMethod> checked = methods.stream()
                .map(m -> new FuzzMethod(
                        m.name(),
                        m.vector(),
                        m.params(),
                        m.instance(),
                        overridden != null && reaches(m.name(), overridden)))
                .toList();
        String fields = instance ? "  double scale = 1.5;\n" : "";
        Code out = new Code(0);
        out.line("package " + Program.PACKAGE + ";");
        out.line("");
        out.line("import io.github.autodiff4j.DerivativeOf;");
        out.line("import io.github.autodiff4j.Differentiable;");
        out.line("import io.github.autodiff4j.NoDerivative;");
        out.line("import io.github.autodiff4j.Special;");
        out.line("import io.github.autodiff4j.processor.fuzz.Trace;");
        out.line("import java.util.Arrays;");
        out.line("import java.util.stream.DoubleStream;");
        out.line("import java.util.stream.IntStream;");
        out.line("");
        out.line("public class " + className + " {");
        out.line("  enum Mode { A, B, C }");
        out.line("");
        String source = out + fields + library + String.join("\n", plain) + "  /** The same methods, unannotated, "
                + "recording their decisions. */\n  static final class Traced {\n" + fields.replace("  ", "    ")
                + String.join("\n", traced) + "  }\n}\n" + topLevel;
        return new Program(
                className,
                source,
                checked,
                arrayLength,
                library.toString(),
                fields,
                overridden != null,
                e.coverage(),
                topLevel);
    }

    /**
     * In some programs, records of doubles: {@code Pt(double x, double y)} with a factory and methods ({@code plus},
     * {@code minus}, {@code scale}, {@code dot}, {@code norm}, smooth everywhere), at times {@code Seg(Pt a, Pt b)},
     * a record of records, both nested; and at times a record of two doubles whose compact constructor checks its
     * arguments (never failing at the checker's points), which must be a top-level type (JDK-8387215) and which
     * differentiable code may only build and read: it is returned, after the class, as what the source ends with.
     */
    private String records(String className) {
        if (RECORDS <= 0 || !e.chance(RECORDS)) {
            return "";
        }
        boolean segments = e.chance(0.5);
        String box = e.chance(0.4) ? className + "Box" : null;
        e.records(segments, box);
        library.line("record Pt(double x, double y) {");
        library.line("  static Pt of(double x, double y) {\n      return new Pt(x, y);\n    }\n");
        library.line("  Pt plus(Pt o) {\n      return new Pt(x + o.x, y + o.y());\n    }\n");
        library.line("  Pt minus(Pt o) {\n      return new Pt(x - o.x(), y - o.y);\n    }\n");
        library.line("  Pt scale(double s) {\n      return new Pt(s * x, s * y);\n    }\n");
        library.line("  double dot(Pt o) {\n      return x * o.x() + y * o.y();\n    }\n");
        library.line("  double norm() {\n      return Math.sqrt(0.5 + dot(this));\n    }");
        library.line("}");
        library.line("");
        if (segments) {
            library.line("record Seg(Pt a, Pt b) {");
            library.line("  Pt dir() {\n      return b.minus(a);\n    }\n");
            library.line("  double len() {\n      return dir().norm();\n    }");
            library.line("}");
            library.line("");
        }
        if (box == null) {
            return "";
        }
        return "\n/** A record whose compact constructor checks its arguments: top-level, as JDK-8387215 requires. */\n"
                + "record " + box + "(double u, double v) {\n  " + box + " {\n    if (u < -1e12 || Double.isNaN(v)) {\n"
                + "      throw new IllegalArgumentException(\"u = \" + u + \", v = \" + v);\n    }\n  }\n}\n";
    }

    /**
     * A helper on records (static): {@code Pt h(Pt p, Pt q)}, returning a record, or {@code double h(Pt p, double q)}.
     */
    private void recordHelper() {
        String name = e.fresh("h");
        boolean point = e.chance(0.5);
        Scope s = scope(name, false, Context.HELPER);
        s.records.add(new Scope.RecVar("p", "Pt"));
        if (point) {
            s.records.add(new Scope.RecVar("q", "Pt"));
        } else {
            s.local("q");
        }
        e.cover(s, Construct.RECORD);
        Code body = new Code(2);
        statements.block(s, 1, 1 + e.random().nextInt(3), body);
        if (point) {
            e.cover(s, Construct.RECORD_RESULT);
            body.line("return " + e.point(s, 2) + ";");
            add("static Pt " + name + "(Pt p, Pt q)", body, false);
            pointHelpers.add(name);
        } else {
            body.line("return " + e.expr(s, 3) + ";");
            add("static double " + name + "(Pt p, double q)", body, false);
            callees.add(new Scope.Callee(
                    name, List.of(Param.Kind.POINT, Param.Kind.DOUBLE), false, false, false, Construct.HELPER_CALL));
        }
    }

    private void recursion() {
        if (instance && e.chance(0.5)) {
            double r = e.random().nextDouble();
            if (r < 0.45) {
                instanceRecursion();
            } else if (r < 0.75) {
                recursive(true);
            } else {
                objectRecursion();
            }
            return;
        }
        double r = e.random().nextDouble();
        if (r < 0.2) {
            objectRecursion();
        } else if (r < 0.45) {
            recursive(false);
        } else if (r < 0.72) {
            mutual();
        } else if (r < 0.86) {
            arrayRecursion();
        } else {
            vectorRecursion();
        }
    }

    /**
     * {@code rv(w, x)}, annotated, calling a recursive helper that is not annotated (private at times) and returns a
     * new {@code double[]} of two elements, {@code rvSteps(w, x, at)}, one level per element: its derivatives go
     * through private members whose pullback takes the result's adjoint array as its seed.
     */
    private void vectorRecursion() {
        String name = e.fresh("rv");
        String helper = name + "Steps";
        String modifier = e.chance(0.5) ? "private static" : "static";
        Code body = new Code(2);
        Scope base = recursionScope(helper);
        base.local("x");
        base.arrays.add("w");
        e.cover(base, Construct.ARRAY_RECURSION);
        base.calls.add(helper);
        body.open("if (at >= w.length) {");
        Scope leaf = base.in(Context.IF);
        body.line("return new double[] {" + e.expr(leaf, 2) + ", " + e.expr(leaf, 2) + "};");
        body.close("}");
        Scope s = base.child();
        s.ints.add(new Scope.IntVar("at", true));
        body.line("double[] r = " + helper + "(w, Math.sin(" + e.around(s, "x", 1) + "), at + 1);");
        body.line("double r0 = r[0];");
        body.line("double r1 = r[1];");
        s.local("r0");
        s.local("r1");
        body.line("return new double[] {" + e.around(s, "r0", 2) + ", " + e.around(s, "r1", 2) + "};");
        add(modifier + " double[] " + helper + "(double[] w, double x, int at)", body, false);
        Code entry = new Code(2);
        entry.line("double[] r = " + helper + "(w, x, 0);");
        entry.line("return r[0] * r[1] + r[0];");
        add("static double " + name + "(double[] w, double x)", entry, true);
        List<Param> params = List.of(new Param("w", Param.Kind.ARRAY), new Param("x", Param.Kind.DOUBLE));
        methods.add(new FuzzMethod(name, false, params));
        callees.add(new Scope.Callee(
                name, List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE), false, false, false, Construct.ARRAY_RECURSION));
    }

    /**
     * {@code rw(w, x)}, annotated, calling a recursive helper over the array that is not annotated (private at times):
     * by index, {@code rwAt(w, x, at)} one level per element, or a tree, {@code rwTree(w, x, lo, hi)} splitting the
     * range in halves with two recursive calls per level. Its derivatives go through private members of the
     * companion.
     */
    private void arrayRecursion() {
        String name = e.fresh("rw");
        boolean tree = e.chance(0.5);
        String helper = name + (tree ? "Tree" : "At");
        String modifier = e.chance(0.5) ? "private static" : "static";
        Code body = new Code(2);
        Scope base = recursionScope(helper);
        base.local("x");
        base.arrays.add("w");
        e.cover(base, Construct.ARRAY_RECURSION);
        base.calls.add(helper);
        if (tree) {
            body.open("if (hi - lo <= 1) {");
            Scope leaf = base.in(Context.IF);
            leaf.ints.add(new Scope.IntVar("lo", true));
            body.line("return " + e.around(leaf, "w[lo]", 2) + ";");
            body.close("}");
            body.line("int mid = (lo + hi) >>> 1;");
            Scope s = base.child();
            s.ints.add(new Scope.IntVar("mid", true));
            body.line("double r = " + helper + "(w, Math.sin(" + e.around(s, "x", 1) + "), lo, mid);");
            body.line("double r2 = " + helper + "(w, x, mid, hi);");
            s.local("r2");
            step(s, body);
            add(modifier + " double " + helper + "(double[] w, double x, int lo, int hi)", body, false);
        } else {
            // The index is "at": step's loop counts with i.
            body.open("if (at >= w.length) {");
            body.line("return " + e.expr(base.in(Context.IF), 2) + ";");
            body.close("}");
            Scope s = base.child();
            s.ints.add(new Scope.IntVar("at", true));
            body.line("double r = " + helper + "(w, Math.sin(" + e.around(s, "x", 1) + "), at + 1);");
            step(s, body);
            add(modifier + " double " + helper + "(double[] w, double x, int at)", body, false);
        }
        Code entry = new Code(2);
        entry.line("return " + helper + (tree ? "(w, x, 0, w.length);" : "(w, x, 0);"));
        add("static double " + name + "(double[] w, double x)", entry, true);
        List<Param> params = List.of(new Param("w", Param.Kind.ARRAY), new Param("x", Param.Kind.DOUBLE));
        methods.add(new FuzzMethod(name, false, params));
        callees.add(new Scope.Callee(
                name, List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE), false, false, false, Construct.ARRAY_RECURSION));
    }

    /** One or two functions with {@code @DerivativeOf} rules, callable everywhere. */
    private void rules() {
        String one = e.fresh("u");
        String[] rule = e.pick(RULES_ONE);
        library.line("static double " + one + "(double x) {\n    " + rule[0] + "\n  }\n");
        library.line("@DerivativeOf(\"" + one + "\")");
        library.line("static double " + one + "Derivative(double x) {\n    " + rule[1] + "\n  }\n");
        callees.add(new Scope.Callee(one, List.of(Param.Kind.DOUBLE), false, false, false, Construct.RULE_ONE));
        if (e.chance(0.7)) {
            String two = e.fresh("u");
            rule = e.pick(RULES_TWO);
            library.line("static double " + two + "(double a, double b) {\n    " + rule[0] + "\n  }\n");
            library.line("@DerivativeOf(\"" + two + "\")");
            library.line("static double[] " + two + "Derivative(double a, double b) {\n    " + rule[1] + "\n  }\n");
            callees.add(new Scope.Callee(
                    two, List.of(Param.Kind.DOUBLE, Param.Kind.DOUBLE), false, false, false, Construct.RULE_TWO));
        }
    }

    /** A scope for a new method: what it may call (no instance method from a static one), in which contexts. */
    private Scope scope(String name, boolean isInstance, Context kind) {
        Scope s = new Scope();
        callees.stream().filter(c -> isInstance || !c.instance()).forEach(s.callees::add);
        s.pointHelpers.addAll(pointHelpers);
        if (isInstance) {
            s.contexts.add(Context.INSTANCE);
            s.constants.add("scale");
        }
        if (kind != null) {
            s.contexts.add(kind);
        }
        calls.put(name, s.calls);
        return s;
    }

    private void helper() {
        if (e.hasRecords() && e.chance(0.35)) {
            recordHelper();
            return;
        }
        String name = e.fresh("h");
        boolean own = instance && e.chance(0.6);
        String modifier = own ? "" : "static ";
        Construct construct = own ? Construct.OWN_CALL : Construct.HELPER_CALL;
        Scope s = scope(name, own, Context.HELPER);
        Code body = new Code(2);
        String signature;
        switch (e.random().nextInt(5)) {
            case 0 -> {
                s.local("p");
                s.local("q");
                // At times a char or a Mode too, which the body may switch on.
                Param.Kind selector = e.chance(0.3) ? (e.chance(0.5) ? Param.Kind.CHAR : Param.Kind.MODE) : null;
                if (selector == Param.Kind.CHAR) {
                    s.chars.add("k");
                } else if (selector == Param.Kind.MODE) {
                    s.modes.add("k");
                }
                String call = e.chance(0.5) ? e.call(s, 1, false) : null;
                if (call != null) {
                    // a helper calling a helper (or a rule, or a recursion)
                    body.line("double c = " + call + ";");
                    s.local("c");
                }
                statements.block(s, 1, 1 + e.random().nextInt(3), body);
                body.line("return " + statements.returned(s) + ";");
                signature = "double " + name + "(double p, double q"
                        + (selector == null ? "" : ", " + new Param("k", selector).declaration()) + ")";
                callees.add(new Scope.Callee(
                        name,
                        selector == null
                                ? List.of(Param.Kind.DOUBLE, Param.Kind.DOUBLE)
                                : List.of(Param.Kind.DOUBLE, Param.Kind.DOUBLE, selector),
                        false,
                        false,
                        own,
                        construct));
            }
            case 1 -> {
                s.arrays.add("p");
                s.local("q");
                body.line("double[] r = new double[p.length];");
                body.open("for (int i = 0; i < p.length; i++) {");
                Scope loop = s.loopBody(new Scope.IntVar("i", true), null);
                body.line("r[i] = " + e.expr(loop, 3) + ";");
                body.close("}");
                s.localArray("r");
                statements.block(s, 1, e.random().nextInt(2), body);
                body.line("return r;");
                add(modifier + "double[] " + name + "(double[] p, double q)", body, false);
                callees.add(new Scope.Callee(
                        name, List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE), true, false, own, construct));
                return;
            }
            case 2 -> {
                s.localArray("out");
                s.local("q");
                boolean isVoid = e.chance(0.35);
                body.open("for (int i = 0; i < out.length; i++) {");
                Scope loop = s.loopBody(new Scope.IntVar("i", true), null);
                if (isVoid) {
                    earlyReturn(loop, body);
                }
                if (e.chance(0.5)) {
                    // the element's old value kept in a local, then overwritten: reverse mode must restore it
                    body.line("double a = out[i];");
                    loop.local("a");
                    e.cover(loop, Construct.WRITE_AFTER_COPY);
                    body.line("out[i] = " + e.around(loop, "a", 2) + ";");
                } else {
                    body.line("out[i] = " + e.expr(loop, 3) + ";");
                }
                body.close("}");
                if (!isVoid) {
                    body.line("return out[0] + q;");
                }
                signature = (isVoid ? "void " : "double ") + name + "(double[] out, double q)";
                callees.add(new Scope.Callee(
                        name,
                        List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE),
                        false,
                        true,
                        own,
                        isVoid ? Construct.VOID_HELPER : construct));
            }
            case 3 -> {
                // callers pass the same array as out and p at times
                s.localArray("out");
                s.arrays.add("p");
                s.local("q");
                boolean isVoid = e.chance(0.35);
                body.open("for (int i = 0; i < out.length; i++) {");
                Scope loop = s.loopBody(new Scope.IntVar("i", true), null);
                body.line("out[i] = " + e.around(loop, "p[(i + 1) % p.length]", 2) + ";");
                if (isVoid) {
                    earlyReturn(loop, body);
                }
                body.close("}");
                if (!isVoid) {
                    body.line("return out[0] + p[1] * q;");
                }
                signature = (isVoid ? "void " : "double ") + name + "(double[] out, double[] p, double q)";
                callees.add(new Scope.Callee(
                        name,
                        List.of(Param.Kind.ARRAY, Param.Kind.ARRAY, Param.Kind.DOUBLE),
                        false,
                        true,
                        own,
                        isVoid ? Construct.VOID_HELPER : construct));
            }
            default -> {
                s.matrices.add("m");
                s.local("q");
                e.cover(s, Construct.MATRIX);
                body.line("double s = q;");
                body.open("for (double[] row : m) {");
                Scope loop = s.loopBody(null, null);
                loop.arrays.add("row");
                loop.local("s");
                body.line("s += " + e.around(loop, "row[" + e.random().nextInt(2) + "]", 2) + ";");
                body.close("}");
                body.line("return s;");
                signature = "double " + name + "(double[][] m, double q)";
                callees.add(new Scope.Callee(
                        name, List.of(Param.Kind.MATRIX, Param.Kind.DOUBLE), false, false, own, construct));
            }
        }
        add(modifier + signature, body, false);
        if (own) {
            overridable.put(name, signature);
        }
    }

    /** At times, in a void helper's loop: {@code if (...) { return; }}, which leaves the helper, not the caller. */
    private void earlyReturn(Scope loop, Code body) {
        if (e.chance(0.5)) {
            body.open("if (" + e.cond(loop, 1) + ") {");
            body.line("return;");
            body.close("}");
        }
    }

    /**
     * The callees a recursive function may use: rules, Special (through expressions) and helpers of doubles, static
     * ones or, in an instance method ({@code own}), instance ones too.
     */
    private Scope recursionScope(String name) {
        return recursionScope(name, false);
    }

    private Scope recursionScope(String name, boolean own) {
        Scope s = scope(name, own, Context.RECURSION);
        s.callees.removeIf(c -> c.params().stream().anyMatch(k -> k != Param.Kind.DOUBLE) || c.returnsArray());
        return s;
    }

    /**
     * {@code r(x, n)}: a random function of x, then n times a random function of the previous level and x, at times
     * summed in a loop. Static, or ({@code own}) an annotated instance method recursing on itself, with {@code this.}
     * at times, reading the field {@code scale}.
     */
    private void recursive(boolean own) {
        String name = e.fresh("rec");
        Code body = new Code(2);
        Scope base = recursionScope(name, own);
        base.local("x");
        body.open("if (n <= 0) {");
        body.line("return " + e.expr(base.in(Context.IF), 2) + ";");
        body.close("}");
        base.calls.add(name);
        e.cover(base, own ? Construct.INSTANCE_RECURSION : Construct.RECURSION);
        // The argument goes through sin, so that depth does not compound its growth (x * x + 0.5 four times over is
        // 1e40, whose cos oscillates far below the rounding of the value that carries it: derivatives that no finite
        // difference can see, seed 8880002 program 3311).
        String callee = own && e.chance(0.5) ? "this." + name : name;
        body.line("double r = " + (own ? "scale * " : "") + callee + "(Math.sin(" + e.around(base, "x", 1)
                + "), n - 1);");
        step(base, body);
        add((own ? "" : "static ") + "double " + name + "(double x, int n)", body, true);
        List<Param> params = List.of(new Param("x", Param.Kind.DOUBLE), new Param("n", Param.Kind.INT));
        methods.add(new FuzzMethod(name, false, params, own, false));
        callees.add(new Scope.Callee(
                name,
                List.of(Param.Kind.DOUBLE, Param.Kind.INT),
                false,
                false,
                own,
                own ? Construct.INSTANCE_RECURSION : Construct.RECURSION));
    }

    /**
     * An unannotated instance helper recursing on the own object (private at times), {@code rec(x, n)} counting down
     * to 0 or {@code rec(x, at)} counting up to 3, called as {@code rec(...)} or {@code this.rec(...)} and reading the
     * field {@code scale}; and an annotated instance method calling it. Its derivatives go through members that take
     * the receiver as a constant parameter; {@code Over} overrides the helper at times (unless private), and then they
     * must throw.
     */
    private void instanceRecursion() {
        String name = e.fresh("rec");
        boolean up = e.chance(0.5);
        // Not i: step's loop counts with i.
        String depth = up ? "at" : "n";
        boolean isPrivate = e.chance(0.35);
        Code body = new Code(2);
        Scope base = recursionScope(name, true);
        base.local("x");
        body.open(up ? "if (at >= 3) {" : "if (n <= 0) {");
        body.line("return scale * " + e.around(base.in(Context.IF), "x", 2) + ";");
        body.close("}");
        base.calls.add(name);
        e.cover(base, Construct.INSTANCE_RECURSION);
        String callee = e.chance(0.5) ? "this." + name : name;
        body.line("double r = " + callee + "(Math.sin(" + e.around(base, "x", 1) + "), " + (up ? "at + 1" : "n - 1")
                + ");");
        step(base, body);
        String signature = "double " + name + "(double x, int " + depth + ")";
        add((isPrivate ? "private " : "") + signature, body, false);
        if (!isPrivate) {
            overridable.put(name, signature);
            overrideReturns.put(name, "x");
            recursiveOverridable.add(name);
        }
        callees.add(new Scope.Callee(
                name, List.of(Param.Kind.DOUBLE, Param.Kind.INT), false, false, true, Construct.INSTANCE_RECURSION));
        String entry = e.fresh("ri");
        Scope s = scope(entry, true, null);
        s.calls.add(name);
        e.cover(s, Construct.INSTANCE_RECURSION);
        Code entryBody = new Code(2);
        entryBody.line("return " + name + "(x, " + e.random().nextInt(3) + ") + scale * x;");
        add("double " + entry + "(double x)", entryBody, true);
        methods.add(new FuzzMethod(entry, false, List.of(new Param("x", Param.Kind.DOUBLE)), true, false));
    }

    /**
     * {@code rs(s, x, n)}: a recursion passing a {@code String}, a constant object, down unchanged and reading its
     * {@code length()}; static, or in an instance program at times an instance method recursing on the own object
     * (private at times, overridden by {@code Over} at times). Callers pass a literal; an annotated method calls it.
     */
    private void objectRecursion() {
        String name = e.fresh("rs");
        boolean own = instance && e.chance(0.6);
        boolean isPrivate = e.chance(0.35);
        Code body = new Code(2);
        Scope base = recursionScope(name, own);
        base.local("x");
        body.open("if (n <= 0) {");
        body.line("return (1 + 0.25 * s.length()) * " + e.around(base.in(Context.IF), "x", 2) + ";");
        body.close("}");
        base.calls.add(name);
        e.cover(base, Construct.OBJECT_RECURSION);
        if (own) {
            e.cover(base, Construct.INSTANCE_RECURSION);
        }
        String callee = own && e.chance(0.5) ? "this." + name : name;
        String level = e.chance(0.5) ? "s.length()" : "0.5";
        body.line("double r = " + callee + "(s, Math.sin(" + e.around(base, "x", 1) + "), n - 1) + " + level + " * x;");
        step(base, body);
        String signature = "double " + name + "(String s, double x, int n)";
        add((isPrivate ? "private " : "") + (own ? "" : "static ") + signature, body, false);
        if (own && !isPrivate) {
            overridable.put(name, signature);
            overrideReturns.put(name, "x");
            recursiveOverridable.add(name);
        }
        callees.add(new Scope.Callee(
                name,
                List.of(Param.Kind.STRING, Param.Kind.DOUBLE, Param.Kind.INT),
                false,
                false,
                own,
                Construct.OBJECT_RECURSION));
        String entry = e.fresh("rt");
        Scope s = scope(entry, own, null);
        s.calls.add(name);
        e.cover(s, Construct.OBJECT_RECURSION);
        Code entryBody = new Code(2);
        entryBody.line(
                "return " + name + "(" + ExpressionGenerator.STRINGS[e.random().nextInt(3)] + ", x, "
                        + e.random().nextInt(4) + ");");
        add((own ? "" : "static ") + "double " + entry + "(double x)", entryBody, true);
        methods.add(new FuzzMethod(entry, false, List.of(new Param("x", Param.Kind.DOUBLE)), own, false));
    }

    /** After the recursive call: a local, sometimes updated in a loop, and the returned value. */
    private void step(Scope s, Code body) {
        s.local("r");
        if (e.hasRecords() && e.chance(0.5)) {
            // a record local in the recursive function, built from the recursive call's result
            body.line("Pt q = Pt.of(r, " + e.expr(s, 1) + ");");
            s.records.add(new Scope.RecVar("q", "Pt"));
            e.cover(s, Construct.RECORD);
            body.line("double v = " + e.around(s, "r", 2) + " + 0.25 * q." + e.pick(new String[] {"norm()", "dot(q)"})
                    + ";");
        } else {
            body.line("double v = " + e.around(s, "r", 2) + ";");
        }
        s.local("v");
        if (e.chance(0.5)) {
            body.open("for (int i = 0; i < 2; i++) {");
            Scope loop = s.loopBody(new Scope.IntVar("i", true), null);
            body.line("v += 0.5 * " + e.around(loop, "v", 2) + ";");
            body.close("}");
        }
        body.line("return " + e.around(s, "v", 2) + ";");
    }

    /** {@code a(x, y, n)} and {@code b(x, y, n)}, each calling the other with n - 1. */
    private void mutual() {
        String a = e.fresh("ra");
        String b = e.fresh("rb");
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            Code body = new Code(2);
            Scope s = recursionScope(pair[0]);
            s.local("x");
            s.local("y");
            body.open("if (n <= 0) {");
            body.line("return " + e.expr(s.in(Context.IF), 2) + ";");
            body.close("}");
            s.calls.add(pair[1]);
            e.cover(s, Construct.RECURSION);
            body.line("double r = " + pair[1] + "(Math.sin(" + e.around(s, "y", 1) + "), x, n - 1);");
            step(s, body);
            add("static double " + pair[0] + "(double x, double y, int n)", body, true);
            List<Param> params = List.of(
                    new Param("x", Param.Kind.DOUBLE),
                    new Param("y", Param.Kind.DOUBLE),
                    new Param("n", Param.Kind.INT));
            methods.add(new FuzzMethod(pair[0], false, params));
        }
        callees.add(new Scope.Callee(
                a,
                List.of(Param.Kind.DOUBLE, Param.Kind.DOUBLE, Param.Kind.INT),
                false,
                false,
                false,
                Construct.RECURSION));
    }

    private void differentiable() {
        boolean vector = e.chance(0.3);
        boolean own = instance && e.chance(0.8);
        String name = e.fresh(vector ? "g" : "f");
        List<Param> params = new ArrayList<>();
        int active = 1 + e.random().nextInt(3);
        for (int i = 0; i < active; i++) {
            double r = e.random().nextDouble();
            if (e.hasRecords() && e.chance(0.4)) {
                params.add(recordParam());
                continue;
            }
            params.add(
                    r < 0.55
                            ? new Param(e.fresh("x"), Param.Kind.DOUBLE)
                            : r < 0.88
                                    ? new Param(e.fresh("w"), Param.Kind.ARRAY)
                                    : new Param(e.fresh("m"), Param.Kind.MATRIX));
        }
        if (e.chance(0.25)) {
            params.add(new Param(e.fresh("c"), Param.Kind.CONSTANT));
        }
        // Not in a function of doubles: the companion's fooPartialX members declare a @NoDerivative record as a
        // double[], an uncompilable @DerivativeOf (found by this fuzzer, see the README's fuzzing section).
        if (e.hasRecords() && e.chance(0.2) && params.stream().anyMatch(p -> p.kind() != Param.Kind.DOUBLE)) {
            params.add(new Param(e.fresh("cp"), Param.Kind.CONSTANT_POINT));
        }
        if (e.chance(0.35)) {
            params.add(new Param(e.fresh("n"), Param.Kind.INT));
        }
        if (e.chance(0.25)) {
            params.add(new Param(e.fresh("k"), Param.Kind.CHAR));
        }
        if (e.chance(0.25)) {
            params.add(new Param(e.fresh("o"), Param.Kind.MODE));
        }
        Collections.shuffle(params, e.random());
        Scope s = scope(name, own, vector ? Context.VECTOR : null);
        s.vector = vector;
        // A vector function returning a record: named outputs.
        String result = vector && e.hasRecords() && e.chance(0.5) ? e.recordType() : null;
        s.result = result;
        for (Param p : params) {
            switch (p.kind()) {
                case DOUBLE -> s.local(p.name());
                case CONSTANT -> s.constants.add(p.name());
                case ARRAY -> {
                    // written into at times: the caller's array then holds what the method wrote
                    if (e.chance(0.35)) {
                        s.localArray(p.name());
                    } else {
                        s.arrays.add(p.name());
                    }
                }
                case MATRIX -> {
                    e.cover(s, Construct.MATRIX);
                    s.matrices.add(p.name());
                    if (e.chance(0.3)) {
                        s.writableMatrices.add(p.name());
                    }
                }
                case INT -> s.ints.add(new Scope.IntVar(p.name(), false));
                case CHAR -> s.chars.add(p.name());
                case MODE -> s.modes.add(p.name());
                case POINT, CONSTANT_POINT -> {
                    e.cover(s, Construct.RECORD);
                    s.records.add(new Scope.RecVar(p.name(), "Pt"));
                }
                case SEGMENT -> {
                    e.cover(s, Construct.RECORD);
                    s.records.add(new Scope.RecVar(p.name(), "Seg"));
                }
                case BOX -> {
                    e.cover(s, Construct.RECORD);
                    e.cover(s, Construct.CHECKED_RECORD);
                    s.records.add(new Scope.RecVar(p.name(), p.type()));
                }
                case POINTS -> {
                    e.cover(s, Construct.RECORD_ARRAY);
                    s.recordArrays.add(p.name());
                    if (e.chance(0.4)) {
                        s.writableRecordArrays.add(p.name());
                    }
                }
                default -> {}
            }
        }
        Code body = new Code(2);
        statements.block(s, 2, 2 + e.random().nextInt(4), body);
        body.line("return " + statements.returned(s) + ";");
        StringJoiner signature = new StringJoiner(
                ", ",
                (own ? "" : "static ") + (result != null ? result + " " : vector ? "double[] " : "double ") + name
                        + "(",
                ")");
        params.forEach(p -> signature.add(p.declaration()));
        add(signature.toString(), body, true);
        methods.add(new FuzzMethod(name, vector, List.copyOf(params), own, false));
        if (result != null) {
            return; // a record result: no caller here takes one
        }
        callees.add(new Scope.Callee(
                name,
                params.stream().map(Param::kind).toList(),
                vector,
                false,
                own,
                own ? Construct.OWN_CALL : Construct.HELPER_CALL));
    }

    /** An active record parameter: a {@code Pt}, a {@code Seg}, the checked record or a {@code Pt[]}. */
    private Param recordParam() {
        double r = e.random().nextDouble();
        if (r < 0.2 && e.hasSegments()) {
            return new Param(e.fresh("s"), Param.Kind.SEGMENT);
        }
        if (r < 0.4 && e.box() != null) {
            return new Param(e.fresh("b"), Param.Kind.BOX, e.box());
        }
        if (r < 0.65) {
            return new Param(e.fresh("ps"), Param.Kind.POINTS);
        }
        return new Param(e.fresh("p"), Param.Kind.POINT);
    }

    /**
     * In an instance program, {@code Same} (no override) and mostly {@code Over}, which overrides one instance helper
     * returning double (without {@code @Override}, so that the reducer may drop the helper); returns the name of the
     * overridden helper, or null.
     */
    private String subclasses(String className) {
        if (!instance) {
            return null;
        }
        e.coverage().plainSubclasses++;
        library.line("/** A subclass that overrides nothing: derivatives through the declaring class's bodies. */");
        library.line("static class Same extends " + className + " {");
        library.line("}");
        library.line("");
        if (overridable.isEmpty() || !e.chance(0.8)) {
            return null;
        }
        // The recursion on the own object itself at times: its members must throw for an Over then.
        String name = !recursiveOverridable.isEmpty() && e.chance(0.5)
                ? e.pick(recursiveOverridable.stream().sorted().toList())
                : e.pick(overridable.keySet().stream().sorted().toList());
        e.coverage().overridingSubclasses++;
        if (recursiveOverridable.contains(name)) {
            e.coverage().overridingRecursions++;
        }
        library.line("/** A subclass that overrides a helper: the generated members must throw for it. */");
        library.line("static class Over extends " + className + " {");
        String signature = overridable.get(name);
        library.line("  " + signature
                + (signature.startsWith("void ")
                        ? " {\n    }"
                        : " {\n      return " + overrideReturns.getOrDefault(name, "q") + ";\n    }"));
        library.line("}");
        library.line("");
        return name;
    }

    /** Whether {@code method} calls {@code target}, directly or through the methods it calls. */
    private boolean reaches(String method, String target) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(method));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (m.equals(target)) {
                return true;
            }
            if (seen.add(m)) {
                todo.addAll(calls.getOrDefault(m, Set.of()));
            }
        }
        return false;
    }

    /** The method in both classes: annotated and plain in the outer, unannotated and traced in {@code Traced}. */
    private void add(String signature, Code body, boolean annotated) {
        String method = signature + " {\n" + body + "  }\n";
        plain.add((annotated ? "  @Differentiable\n" : "") + "  " + Trace.plain(method));
        traced.add(indent("  " + method.replace("@NoDerivative ", "")));
    }

    private static String indent(String text) {
        return text.lines()
                        .map(l -> l.isEmpty() ? l : "  " + l)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("") + "\n";
    }
}
