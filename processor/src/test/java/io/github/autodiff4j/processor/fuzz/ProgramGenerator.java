package io.github.autodiff4j.processor.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random classes of {@code @Differentiable} methods: scalar and vector functions of {@code double}, {@code double[]},
 * {@code @NoDerivative double} and {@code int} parameters, unannotated helpers (of doubles, returning a new array, or
 * writing into an array argument), calls between them, and sometimes a recursive method. The same seed gives the
 * same program.
 */
final class ProgramGenerator {
  private final ExpressionGenerator e;
  private final StatementGenerator statements;
  private final int arrayLength;
  private final List<String> plain = new ArrayList<>();
  private final List<String> traced = new ArrayList<>();
  private final List<FuzzMethod> methods = new ArrayList<>();
  private final List<Scope.Callee> callees = new ArrayList<>();

  private ProgramGenerator(long seed) {
    this.e = new ExpressionGenerator(new Random(seed));
    this.arrayLength = 2 + e.random().nextInt(3);
    this.statements = new StatementGenerator(e, arrayLength);
  }

  /** The program of {@code seed}, as class {@code fuzz.<className>}. */
  static Program generate(long seed, String className) {
    return new ProgramGenerator(seed).program(className);
  }

  private Program program(String className) {
    int helpers = e.random().nextInt(3);
    for (int i = 0; i < helpers; i++) {
      helper();
    }
    if (e.chance(0.15)) {
      recursive();
    }
    int count = 1 + e.random().nextInt(3);
    for (int i = 0; i < count; i++) {
      differentiable();
    }
    Code out = new Code(0);
    out.line("package " + Program.PACKAGE + ";");
    out.line("");
    out.line("import io.github.autodiff4j.Differentiable;");
    out.line("import io.github.autodiff4j.NoDerivative;");
    out.line("import io.github.autodiff4j.processor.fuzz.Trace;");
    out.line("");
    out.line("public class " + className + " {");
    plain.forEach(m -> out.line(m));
    out.line("  /** The same methods, unannotated, recording their decisions. */");
    out.line("  static final class Traced {");
    traced.forEach(m -> out.line(m));
    out.line("  }");
    out.line("}");
    return new Program(className, out.toString(), List.copyOf(methods), arrayLength);
  }

  private void helper() {
    String name = e.fresh("h");
    Scope s = new Scope();
    s.callees.addAll(callees);
    Code body = new Code(2);
    switch (e.random().nextInt(3)) {
      case 0 -> {
        s.local("p");
        s.local("q");
        statements.block(s, 1, 1 + e.random().nextInt(3), body);
        body.line("return " + statements.returned(s) + ";");
        add("static double " + name + "(double p, double q)", body, false);
        callees.add(new Scope.Callee(name, List.of(Param.Kind.DOUBLE, Param.Kind.DOUBLE), false, false));
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
        add("static double[] " + name + "(double[] p, double q)", body, false);
        callees.add(new Scope.Callee(name, List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE), true, false));
      }
      default -> {
        s.localArray("out");
        s.local("q");
        body.open("for (int i = 0; i < out.length; i++) {");
        Scope loop = s.loopBody(new Scope.IntVar("i", true), null);
        body.line("out[i] = " + e.expr(loop, 3) + ";");
        body.close("}");
        body.line("return out[0] + q;");
        add("static double " + name + "(double[] out, double q)", body, false);
        callees.add(new Scope.Callee(name, List.of(Param.Kind.ARRAY, Param.Kind.DOUBLE), false, true));
      }
    }
  }

  /** {@code r(x, n)}: a random function of x, then n times a random function of the previous level and x. */
  private void recursive() {
    String name = e.fresh("rec");
    Code body = new Code(2);
    Scope base = new Scope();
    base.local("x");
    body.open("if (n <= 0) {");
    body.line("return " + e.expr(base, 2) + ";");
    body.close("}");
    body.line("double r = " + name + "(x, n - 1);");
    Scope step = new Scope();
    step.local("x");
    step.local("r");
    body.line("return " + e.expr(step, 2) + ";");
    add("static double " + name + "(double x, int n)", body, true);
    List<Param> params = List.of(new Param("x", Param.Kind.DOUBLE), new Param("n", Param.Kind.INT));
    methods.add(new FuzzMethod(name, false, params));
    callees.add(new Scope.Callee(name, List.of(Param.Kind.DOUBLE, Param.Kind.INT), false, false));
  }

  private void differentiable() {
    boolean vector = e.chance(0.3);
    String name = e.fresh(vector ? "g" : "f");
    List<Param> params = new ArrayList<>();
    int active = 1 + e.random().nextInt(3);
    for (int i = 0; i < active; i++) {
      params.add(e.chance(0.65) ? new Param(e.fresh("x"), Param.Kind.DOUBLE) : new Param(e.fresh("w"), Param.Kind.ARRAY));
    }
    if (e.chance(0.25)) {
      params.add(new Param(e.fresh("c"), Param.Kind.CONSTANT));
    }
    if (e.chance(0.35)) {
      params.add(new Param(e.fresh("n"), Param.Kind.INT));
    }
    Collections.shuffle(params, e.random());
    Scope s = new Scope();
    s.vector = vector;
    s.callees.addAll(callees);
    for (Param p : params) {
      switch (p.kind()) {
        case DOUBLE -> s.local(p.name());
        case CONSTANT -> s.constants.add(p.name());
        case ARRAY -> {
          if (e.chance(0.1)) {
            s.localArray(p.name());
          } else {
            s.arrays.add(p.name());
          }
        }
        case INT -> s.ints.add(new Scope.IntVar(p.name(), false));
      }
    }
    Code body = new Code(2);
    statements.block(s, 2, 2 + e.random().nextInt(5), body);
    body.line("return " + statements.returned(s) + ";");
    StringJoiner signature = new StringJoiner(", ", "static " + (vector ? "double[] " : "double ") + name + "(", ")");
    params.forEach(p -> signature.add(p.declaration()));
    add(signature.toString(), body, true);
    methods.add(new FuzzMethod(name, vector, List.copyOf(params)));
    callees.add(new Scope.Callee(name, params.stream().map(Param::kind).toList(), vector, false));
  }

  /** The method in both classes: annotated and plain in the outer, unannotated and traced in {@code Traced}. */
  private void add(String signature, Code body, boolean annotated) {
    String method = signature + " {\n" + body + "  }\n";
    plain.add((annotated ? "  @Differentiable\n" : "") + "  " + Trace.plain(method));
    traced.add(indent("  " + method.replace("@NoDerivative ", "")));
  }

  private static String indent(String text) {
    return text.lines().map(l -> l.isEmpty() ? l : "  " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
  }
}
