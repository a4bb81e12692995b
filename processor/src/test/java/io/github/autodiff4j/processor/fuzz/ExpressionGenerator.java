package io.github.autodiff4j.processor.fuzz;

import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random {@code double} expressions and conditions over a {@link Scope}. Every function is applied inside its smooth
 * domain (log and sqrt of quantities bounded away from 0, divisions by 2 + sin, asin of 0.9 sin), so the only
 * non-differentiable points are decisions, which go through {@link Trace} and which the checker keeps away from.
 */
final class ExpressionGenerator {
    /** The {@code String} arguments of recursions over an object. */
    static final String[] STRINGS = {"\"ab\"", "\"\"", "\"xyz\""};

    private static final String[] LITERALS = {"0.5", "1.5", "2.0", "3", "0.25", "0.1", "2", "1e-1"};
    private static final String[] COMPARISONS = {" < ", " > ", " <= ", " >= "};
    /** Smooth functions of one argument, {@code %s} being the argument, each within its domain for every argument. */
    private static final String[] UNARY = {
        "Math.sin(%s)",
        "Math.cos(%s)",
        "Math.atan(%s)",
        "Math.tanh(%s)",
        "Math.tan(0.5 * Math.sin(%s))",
        "Math.asin(0.9 * Math.sin(%s))",
        "Math.acos(0.9 * Math.tanh(%s))",
        "Math.exp(Math.sin(%s))",
        "Math.exp(-Math.pow(%s, 2))",
        "Math.expm1(Math.tanh(%s))",
        "Math.sinh(Math.cos(%s))",
        "Math.cosh(Math.sin(%s))",
        "Math.sinh(0.5 * Math.tanh(%s))",
        "Math.log(Math.hypot(1, %s))",
        "Math.log10(2 + Math.cos(%s))",
        "Math.log1p(Math.pow(%s, 2))",
        "Math.log(1.5 + Math.sin(%s))",
        "Math.sqrt(2 + Math.sin(%s))",
        "Math.sqrt(1 + Math.pow(%s, 2))",
        "Math.cbrt(2 + Math.cos(%s))",
        "Math.pow(%s, 3)",
        "Math.pow(%s, 2)",
        "Math.pow(Math.hypot(1, %s), 0.5)",
        "Math.pow(2, Math.sin(%s))",
        "Math.hypot(%s, 1.5)",
        "Math.toRadians(%s)",
        "Math.toDegrees(0.01 * %s)",
        "Math.exp(0.2 * %s)"
    };
    /** Smooth functions of two arguments. */
    private static final String[] BINARY = {
        "Math.atan2(%s, Math.hypot(1, %s))",
        "Math.atan2(Math.hypot(1, %s), %s)",
        "Math.pow(1.5 + Math.sin(%s), %s)",
        "Math.pow(Math.hypot(1, %s), Math.cos(%s))",
        "Math.hypot(%s, Math.hypot(1, %s))",
        "Math.fma(%s, %s, 0.5)",
        "(%s / (2 + Math.sin(%s)))",
        "(%s / Math.hypot(1, %s))",
        "(%s + %s)",
        "(%s - %s)",
        "(%s * %s)",
        "(%s + %s)",
        "(%s * %s)"
    };
    /** Non-smooth functions: the traced versions, written back as Math's by {@link Trace#plain}. */
    private static final String[] KINKED = {
        "Trace.abs(%s)",
        "Trace.max(%s, %s)",
        "Trace.min(%s, %s)",
        "Trace.signum(0.5 * %s)",
        "Trace.floor(%s)",
        "Trace.ceil(%s)",
        "Trace.rint(%s)",
        "Trace.toInt(%s)"
    };

    /**
     * The newer Math functions: smooth ones, and ones with jumps, traced. Their first argument is made a double: javac
     * picks the float overload for an int ({@code Math.scalb(3, -1)}), which is [autodiff4j:float].
     */
    private static final String[] JDK_SMOOTH = {
        "Math.nextUp(0.5 * %s)",
        "Math.nextDown(0.5 * %s)",
        "Math.nextAfter(0.5 * %s, 0.5)",
        "Math.scalb(0.5 * %s, -1)",
        "Math.scalb(0.5 * %s, 1)"
    };

    private static final String[] JDK_KINKED = {
        "Trace.copySign(0.5 * %s, %s)",
        "Trace.rem(%s, 1.5 + Math.cos(%s))",
        "Trace.ieeeRemainder(%s, 2 + Math.sin(%s))",
        "(%s * Trace.ulp(1.5 + Math.cos(%s)) * 1e15)"
    };

    /** Special's functions, each with its rule in the runtime. */
    private static final String[] SPECIAL = {"Special.erf(%s)", "Special.erfc(%s)", "Special.normalCdf(%s)"};

    private final Random random;
    private final Coverage coverage = new Coverage();
    private int names;
    /** Whether the program declares the records {@code Pt} (and {@code Seg}), and the name of its checked record. */
    private boolean records;

    private boolean segments;
    private String box;

    ExpressionGenerator(Random random) {
        this.random = random;
    }

    Coverage coverage() {
        return coverage;
    }

    /** The program declares {@code Pt}, {@code Seg} when {@code segments}, and the checked record {@code box}. */
    void records(boolean segments, String box) {
        this.records = true;
        this.segments = segments;
        this.box = box;
    }

    boolean hasRecords() {
        return records;
    }

    boolean hasSegments() {
        return segments;
    }

    /** The program's top-level record with a checking constructor, or null. */
    String box() {
        return box;
    }

    /** A record type of the program: mostly {@code Pt}. */
    String recordType() {
        double r = random.nextDouble();
        if (r < 0.15 && segments) {
            return "Seg";
        }
        if (r < 0.3 && box != null) {
            return box;
        }
        return "Pt";
    }

    /**
     * A double read from records: an accessor (a chain through a {@code Seg}), an element of an array of records,
     * {@code dot}, {@code norm} or {@code Seg.len()} (the record's own methods, inlined); never a method of the checked
     * record, which JDK-8387215 keeps to accessors.
     */
    private String recordRead(Scope s) {
        cover(s, Coverage.Construct.RECORD);
        double r = random.nextDouble();
        if (r < 0.25 && !s.recordArrays.isEmpty()) {
            cover(s, Coverage.Construct.RECORD_ARRAY);
            return pick(s.recordArrays) + "[" + index(s) + "]." + pick(new String[] {"x()", "y()"});
        }
        if (r < 0.55 && !s.records.isEmpty()) {
            Scope.RecVar v = pick(s.records);
            return switch (v.type()) {
                case "Pt" -> v.name() + "." + pick(new String[] {"x()", "y()"});
                case "Seg" ->
                    v.name() + "." + pick(new String[] {"a()", "b()"}) + "." + pick(new String[] {"x()", "y()"});
                default -> {
                    cover(s, Coverage.Construct.CHECKED_RECORD);
                    yield v.name() + "." + pick(new String[] {"u()", "v()"});
                }
            };
        }
        if (r < 0.8) {
            return point(s, 0) + ".dot(" + point(s, 0) + ")";
        }
        List<String> segs = s.records.stream()
                .filter(v -> v.type().equals("Seg"))
                .map(Scope.RecVar::name)
                .toList();
        if (r < 0.88 && !segs.isEmpty()) {
            return pick(segs) + ".len()";
        }
        return point(s, 0) + ".norm()";
    }

    /** A {@code Pt} held by a variable: a {@code Pt}, a {@code Seg}'s end, an element of a {@code Pt[]}. */
    private List<String> heldPoints(Scope s) {
        List<String> out = new java.util.ArrayList<>();
        for (Scope.RecVar v : s.records) {
            if (v.type().equals("Pt")) {
                out.add(v.name());
            } else if (v.type().equals("Seg")) {
                out.add(v.name() + "." + pick(new String[] {"a()", "b()"}));
            }
        }
        for (String a : s.recordArrays) {
            out.add(a + "[" + index(s) + "]");
        }
        return out;
    }

    /**
     * A {@code Pt}-valued expression: a variable's, {@code new Pt(..)}, the factory {@code Pt.of(..)}, the record's
     * methods {@code plus}, {@code minus}, {@code scale} (by a bounded factor), a record helper's result, or a
     * {@code ?:} of records.
     */
    String point(Scope s, int depth) {
        cover(s, Coverage.Construct.RECORD);
        double r = random.nextDouble();
        if (depth <= 0 || r < 0.3) {
            List<String> held = heldPoints(s);
            if (!held.isEmpty() && chance(0.75)) {
                String p = pick(held);
                if (p.contains("[")) {
                    cover(s, Coverage.Construct.RECORD_ARRAY);
                }
                return p;
            }
            return (chance(0.5) ? "new Pt(" : "Pt.of(") + plainLeaf(s) + ", " + plainLeaf(s) + ")";
        }
        if (r < 0.5) {
            return (chance(0.5) ? "new Pt(" : "Pt.of(") + expr(s, depth - 1) + ", " + expr(s, depth - 1) + ")";
        }
        if (r < 0.62) {
            return point(s, depth - 1) + ".plus(" + point(s, depth - 1) + ")";
        }
        if (r < 0.72) {
            return point(s, depth - 1) + ".minus(" + point(s, depth - 1) + ")";
        }
        if (r < 0.82) {
            return point(s, depth - 1) + ".scale(" + factor(s, depth - 1) + ")";
        }
        if (r < 0.9 && !s.pointHelpers.isEmpty()) {
            String name = pick(s.pointHelpers);
            s.calls.add(name);
            cover(s, Coverage.Construct.HELPER_CALL);
            return name + "(" + point(s, 0) + ", " + point(s, 0) + ")";
        }
        Scope arms = s.in(Coverage.Context.CONDITIONAL);
        cover(arms, Coverage.Construct.RECORD);
        return "(" + cond(s, 1) + " ? " + point(arms, depth - 1) + " : " + point(arms, depth - 1) + ")";
    }

    /** An expression of record type {@code type}: {@code Pt}, {@code Seg} or the checked record. */
    String record(Scope s, String type, int depth) {
        if (type.equals("Pt")) {
            return point(s, depth);
        }
        cover(s, Coverage.Construct.RECORD);
        List<String> held = s.records.stream()
                .filter(v -> v.type().equals(type))
                .map(Scope.RecVar::name)
                .toList();
        if (!held.isEmpty() && chance(0.3)) {
            return pick(held);
        }
        if (type.equals("Seg")) {
            return "new Seg(" + point(s, depth - 1) + ", " + point(s, depth - 1) + ")";
        }
        cover(s, Coverage.Construct.CHECKED_RECORD);
        return "new " + type + "(" + expr(s, Math.max(0, depth - 1)) + ", " + expr(s, Math.max(0, depth - 1)) + ")";
    }

    /** Counts one {@code construct} written in scope {@code s}. */
    void cover(Scope s, Coverage.Construct construct) {
        coverage.count(construct, s.contexts);
    }

    Random random() {
        return random;
    }

    /** A fresh name, unique in the program. */
    String fresh(String prefix) {
        return prefix + names++;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    <T> T pick(T[] array) {
        return array[random.nextInt(array.length)];
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    String expr(Scope s, int depth) {
        if (depth <= 0 || chance(0.2)) {
            return leaf(s);
        }
        double r = random.nextDouble();
        if (r < 0.33) {
            String template = pick(BINARY);
            cover(s, template.startsWith("Math.") ? Coverage.Construct.MATH : Coverage.Construct.ARITHMETIC);
            return apply(template, expr(s, depth - 1), expr(s, depth - 1));
        }
        if (r < 0.6) {
            cover(s, Coverage.Construct.MATH);
            return strict(apply(pick(UNARY), expr(s, depth - 1)));
        }
        if (r < 0.69) {
            cover(s, Coverage.Construct.MATH);
            return apply(pick(KINKED), expr(s, depth - 1), expr(s, depth - 1));
        }
        if (r < 0.75) {
            Scope arms = s.in(Coverage.Context.CONDITIONAL);
            return "(" + cond(s, depth - 1) + " ? " + expr(arms, depth - 1) + " : " + expr(arms, depth - 1) + ")";
        }
        if (r < 0.78) {
            return "(-" + expr(s, depth - 1) + ")";
        }
        if (r < 0.82) {
            cover(s, Coverage.Construct.SPECIAL);
            return pick(SPECIAL).formatted(expr(s, depth - 1));
        }
        if (r < 0.86) {
            cover(s, Coverage.Construct.JDK_MATH);
            return chance(0.5)
                    ? strict(apply(pick(JDK_SMOOTH), expr(s, depth - 1)))
                    : apply(pick(JDK_KINKED), expr(s, depth - 1), expr(s, depth - 1));
        }
        if (r < 0.89) {
            return stream(s, depth - 1);
        }
        if (r < 0.95) {
            String call = call(s, depth - 1, false);
            if (call != null) {
                return call;
            }
        }
        return leaf(s);
    }

    /**
     * A stream pipeline over doubles: {@code DoubleStream.of(...)}, {@code Arrays.stream(a)}, a matrix's rows mapped to
     * doubles, or {@code IntStream.range/rangeClosed} over an array's indices, then {@code map} and {@code filter}
     * stages, ending in {@code sum()}, {@code average()}, {@code max()}/{@code min()} (written
     * {@code reduce(Trace::max)}, which {@link Trace#plain} turns back into {@code max()}), or {@code reduce} with an
     * identity and {@code Double::sum} or a lambda of two parameters. A stage that may
     * leave the stream empty is followed by {@code orElse}, never {@code getAsDouble()}.
     */
    private String stream(Scope s, int depth) {
        cover(s, Coverage.Construct.STREAM);
        int d = Math.min(depth, 2);
        StringBuilder out = new StringBuilder();
        double r = random.nextDouble();
        if (r < 0.3 || s.arrays.isEmpty()) {
            StringJoiner values = new StringJoiner(", ", "DoubleStream.of(", ")");
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                values.add(expr(s, d));
            }
            out.append(values);
        } else if (r < 0.4 && !s.matrices.isEmpty()) {
            String row = fresh("row");
            Scope rows = lambdaScope(s);
            rows.arrays.add(row);
            out.append("Arrays.stream(")
                    .append(pick(s.matrices))
                    .append(").mapToDouble(")
                    .append(row)
                    .append(" -> ");
            out.append(lambdaBody(rows, d)).append(')');
        } else if (r < 0.65) {
            out.append("Arrays.stream(").append(pick(s.arrays)).append(')');
        } else {
            String i = fresh("i");
            Scope indexed = lambdaScope(s);
            indexed.ints.add(new Scope.IntVar(i, true));
            String bound = pick(s.arrays) + ".length";
            out.append(
                    chance(0.5) ? "IntStream.range(0, " + bound + ")" : "IntStream.rangeClosed(0, " + bound + " - 1)");
            out.append(".mapToDouble(")
                    .append(i)
                    .append(" -> ")
                    .append(lambdaBody(indexed, d))
                    .append(')');
        }
        boolean mayBeEmpty = false;
        for (int k = random.nextInt(3); k > 0; k--) {
            String v = fresh("v");
            Scope element = lambdaScope(s);
            element.doubles.add(v);
            if (chance(0.3)) {
                out.append(".filter(")
                        .append(v)
                        .append(" -> ")
                        .append(cond(element, d))
                        .append(')');
                mayBeEmpty = true;
            } else {
                out.append(".map(")
                        .append(v)
                        .append(" -> ")
                        .append(lambdaBody(element, d))
                        .append(')');
            }
        }
        double t = random.nextDouble();
        if (t < 0.4) {
            return out.append(".sum()").toString();
        }
        if (t < 0.45) {
            return out.append(".reduce(")
                    .append(expr(s, d))
                    .append(", Double::sum)")
                    .toString();
        }
        if (t < 0.5) {
            String p = fresh("p");
            String q = fresh("q");
            Scope pair = lambdaScope(s);
            pair.doubles.add(q);
            String identity = expr(s, d);
            return out.append(".reduce(" + identity + ", (" + p + ", " + q + ") -> " + p + " + " + expr(pair, d) + ")")
                    .toString();
        }
        out.append(t < 0.7 ? ".average()" : chance(0.5) ? ".reduce(Trace::max)" : ".reduce(Trace::min)");
        return (mayBeEmpty ? out.append(".orElse(").append(expr(s, d)).append(')') : out.append(".getAsDouble()"))
                .toString();
    }

    /**
     * What a lambda sees: its own parameter (which the caller adds) and the method's variables that are effectively
     * final (the arrays, matrices and constants) and the callees; the doubles and ints may be assigned, which a lambda
     * cannot capture.
     */
    private static Scope lambdaScope(Scope s) {
        Scope l = new Scope();
        l.constants.addAll(s.constants);
        l.arrays.addAll(s.arrays);
        l.matrices.addAll(s.matrices);
        l.callees.addAll(s.callees);
        l.contexts.addAll(s.contexts);
        l.calls = s.calls;
        return l;
    }

    /** An expression, or a block with a local, a branch and two returns. */
    private String lambdaBody(Scope l, int depth) {
        if (chance(0.7)) {
            return expr(l, depth);
        }
        String t = fresh("t");
        String first = expr(l, depth);
        l.local(t);
        return "{ double " + t + " = " + first + "; if (" + cond(l, depth) + ") { return " + expr(l, depth)
                + "; } return " + expr(l, depth) + "; }";
    }

    /** A call of a callee returning {@code double[]} ({@code array}) or {@code double}; null if none fits here. */
    String call(Scope s, int depth, boolean array) {
        return call(s, array, false);
    }

    /** A call of a helper that writes into its array (void, or its result left unused), as a statement; null if none fits. */
    String voidCall(Scope s) {
        return call(s, false, true);
    }

    private String call(Scope s, boolean array, boolean statement) {
        List<Scope.Callee> fits = s.callees.stream()
                .filter(c -> c.returnsArray() == array)
                .filter(c -> statement
                        ? c.construct() == Coverage.Construct.VOID_HELPER || (c.writesFirstArgument() && !array)
                        : c.construct() != Coverage.Construct.VOID_HELPER)
                .filter(c -> !c.params().contains(Param.Kind.ARRAY) || !s.arrays.isEmpty())
                .filter(c -> !c.params().contains(Param.Kind.MATRIX) || !s.matrices.isEmpty())
                .filter(c -> !c.params().contains(Param.Kind.POINTS) || !s.recordArrays.isEmpty())
                .filter(c -> !c.writesFirstArgument() || !s.writableArrays.isEmpty())
                .toList();
        if (fits.isEmpty()) {
            return null;
        }
        Scope.Callee callee = pick(fits);
        cover(s, callee.construct());
        if (statement && callee.construct() != Coverage.Construct.VOID_HELPER) {
            // A helper that writes into its array and returns a value, called for what it writes.
            cover(s, Coverage.Construct.UNUSED_RESULT);
        }
        if (callee.writesFirstArgument()) {
            cover(s, Coverage.Construct.HELPER_WRITES);
        }
        s.calls.add(callee.name());
        String written = callee.writesFirstArgument() ? pick(s.writableArrays) : null;
        StringBuilder out = new StringBuilder(callee.name()).append('(');
        for (int i = 0; i < callee.params().size(); i++) {
            out.append(i == 0 ? "" : ", ");
            out.append(
                    switch (callee.params().get(i)) {
                        case DOUBLE ->
                            leaf(s); // not a call: nested calls inline copies of copies, and the companion grows fast
                        case CONSTANT -> s.constants.isEmpty() || chance(0.5) ? pick(LITERALS) : pick(s.constants);
                        case ARRAY -> i == 0 && written != null ? written : sameArray(s, written);
                        case MATRIX -> {
                            cover(s, Coverage.Construct.MATRIX);
                            yield pick(s.matrices);
                        }
                        case INT -> Integer.toString(random.nextInt(4));
                        case CHAR -> "'" + "abc".charAt(random.nextInt(3)) + "'";
                        case MODE -> "Mode." + "ABC".charAt(random.nextInt(3));
                        case STRING -> pick(STRINGS);
                        case POINT, CONSTANT_POINT -> point(s, 0);
                        case SEGMENT -> record(s, "Seg", 1);
                        case BOX -> record(s, box, 1);
                        case POINTS -> pick(s.recordArrays);
                    });
        }
        return out.append(')').toString();
    }

    /** An array argument: often the one the callee writes into, passed a second time. */
    private String sameArray(Scope s, String written) {
        if (written != null && chance(0.6)) {
            cover(s, Coverage.Construct.SAME_ARRAY_TWICE);
            return written;
        }
        return pick(s.arrays);
    }

    String leaf(Scope s) {
        if (records
                && (!s.records.isEmpty() || !s.recordArrays.isEmpty())
                && chance(s.contexts.contains(Coverage.Context.RECURSION) ? 0.2 : 0.12)) {
            return recordRead(s);
        }
        return plainLeaf(s);
    }

    /** A leaf that reads no record. */
    private String plainLeaf(Scope s) {
        double r = random.nextDouble();
        if (r < 0.5 && !s.doubles.isEmpty()) {
            return pick(s.doubles);
        }
        if (r < 0.66 && !s.arrays.isEmpty()) {
            return pick(s.arrays) + "[" + index(s) + "]";
        }
        if (r < 0.7 && !s.matrices.isEmpty()) {
            cover(s, Coverage.Construct.MATRIX);
            return pick(s.matrices) + "[" + index(s) + "][" + index(s) + "]";
        }
        if (r < 0.78 && !s.constants.isEmpty()) {
            return pick(s.constants);
        }
        if (r < 0.86 && !s.ints.isEmpty()) {
            return pick(s.ints).name();
        }
        if (r < 0.9) {
            return "Math.PI";
        }
        return pick(LITERALS);
    }

    /** An index in [0, array length): a literal, or an int variable made to fit. */
    String index(Scope s) {
        List<Scope.IntVar> indices = s.ints.stream().filter(Scope.IntVar::index).toList();
        double r = random.nextDouble();
        if (r < 0.4 && !indices.isEmpty()) {
            return pick(indices).name();
        }
        if (r < 0.6 && !s.ints.isEmpty() && !s.arrays.isEmpty()) {
            return "(" + pick(s.ints).name() + " + 1) % " + pick(s.arrays) + ".length";
        }
        if (r < 0.7 && !indices.isEmpty() && !s.arrays.isEmpty()) {
            return pick(s.arrays) + ".length - 1 - " + pick(indices).name();
        }
        return Integer.toString(random.nextInt(2));
    }

    /** A boolean condition; every comparison of doubles goes through {@link Trace#b}. */
    String cond(Scope s, int depth) {
        double r = random.nextDouble();
        if (r < 0.15 && !s.ints.isEmpty()) {
            return "(" + pick(s.ints).name() + " % 2 == 0)";
        }
        if (r < 0.25) {
            return "(" + comparison(s, depth) + " && " + comparison(s, depth) + ")";
        }
        if (r < 0.35) {
            return "(" + comparison(s, depth) + " || " + comparison(s, depth) + ")";
        }
        if (r < 0.42) {
            return "!" + comparison(s, depth);
        }
        return comparison(s, depth);
    }

    private String comparison(Scope s, int depth) {
        return "Trace.b(" + expr(s, Math.min(depth, 2)) + pick(COMPARISONS) + expr(s, Math.min(depth, 2)) + ")";
    }

    /** A smooth function of {@code v} and a random expression, so that the result depends on {@code v}. */
    String around(Scope s, String v, int depth) {
        String template = pick(BINARY);
        cover(s, template.startsWith("Math.") ? Coverage.Construct.MATH : Coverage.Construct.ARITHMETIC);
        return apply(template, v, expr(s, depth));
    }

    /** A bounded factor, for {@code *=} in loops that should not overflow. */
    String factor(Scope s, int depth) {
        return pick(new String[] {"Math.cos(%s)", "Math.tanh(%s)", "(1 + 0.25 * Math.sin(%s))"})
                .formatted(expr(s, depth));
    }

    /** A divisor bounded away from 0. */
    String divisor(Scope s, int depth) {
        return pick(new String[] {"(2 + Math.sin(%s))", "Math.hypot(1, %s)", "(1.5 + Math.cos(%s))"})
                .formatted(expr(s, depth));
    }

    /** The template with its one or two arguments; {@code b} is unused by one-argument templates. */
    private static String apply(String template, String a, String b) {
        return template.indexOf("%s") != template.lastIndexOf("%s") ? template.formatted(a, b) : template.formatted(a);
    }

    private static String apply(String template, String a) {
        return template.formatted(a);
    }

    /** Sometimes StrictMath, which the processor must treat as Math. */
    private String strict(String call) {
        return chance(0.1) && call.startsWith("Math.") ? "Strict" + call : call;
    }
}
