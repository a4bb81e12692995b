package io.github.autodiff4j.processor.fuzz;

import java.util.List;
import java.util.StringJoiner;

/**
 * Random statements over a {@link Scope}: locals and reassignment, compound assignment, {@code if}/{@code else},
 * {@code switch}, counted loops (literal, parameter and array-length bounds, backwards, for-each), loops whose trip
 * count depends on active values, {@code break}/{@code continue} (labelled too), early returns, local arrays and
 * their elements. Every loop terminates: counted loops by their bound, the others by a counter that grows first thing
 * in the body, so no {@code continue} can skip it.
 */
final class StatementGenerator {
  private static final int EXPR_DEPTH = 3;

  private final ExpressionGenerator e;
  private final int arrayLength;

  StatementGenerator(ExpressionGenerator e, int arrayLength) {
    this.e = e;
    this.arrayLength = arrayLength;
  }

  void block(Scope s, int depth, int count, Code out) {
    for (int i = 0; i < count; i++) {
      statement(s, depth, out);
    }
  }

  /** The final {@code return} of a method (or the expression of an early one). */
  String returned(Scope s) {
    if (!Boolean.TRUE.equals(s.vector)) {
      return e.expr(s, EXPR_DEPTH);
    }
    if (!s.arrays.isEmpty() && e.chance(0.4)) {
      return e.pick(s.arrays);
    }
    return newArray(s);
  }

  private void statement(Scope s, int depth, Code out) {
    double r = e.random().nextDouble();
    if (r < 0.2 || s.assignable.isEmpty()) {
      String v = e.fresh("v");
      out.line("double " + v + " = " + e.expr(s, EXPR_DEPTH) + ";");
      s.local(v);
    } else if (r < 0.38) {
      assignment(s, out);
    } else if (r < 0.5 && depth > 0) {
      conditional(s, depth, out);
    } else if (r < 0.66 && depth > 0) {
      loop(s, depth, out);
    } else if (r < 0.73) {
      localArray(s, out);
    } else if (r < 0.8 && !s.writableArrays.isEmpty()) {
      String element = e.pick(s.writableArrays) + "[" + e.index(s) + "]";
      out.line(element + e.pick(new String[] {" = ", " += ", " -= "}) + e.expr(s, EXPR_DEPTH) + ";");
    } else if (r < 0.84 && depth > 0 && !s.ints.isEmpty() && !s.inSwitch) {
      switchStatement(s, depth, out);
    } else if (r < 0.9 && s.inLoop) {
      jump(s, out);
    } else if (r < 0.93 && s.vector != null) {
      out.open("if (" + e.cond(s, 2) + ") {");
      out.line("return " + returned(s) + ";");
      out.close("}");
    } else if (r < 0.96) {
      out.line(e.pick(s.assignable) + e.pick(new String[] {"++;", "--;"}));
    } else {
      String call = e.call(s, 2, false);
      String v = e.fresh("v");
      out.line("double " + v + " = " + (call == null ? e.expr(s, EXPR_DEPTH) : call) + ";");
      s.local(v);
    }
  }

  private void assignment(Scope s, Code out) {
    String v = e.pick(s.assignable);
    switch (e.random().nextInt(5)) {
      case 0 -> out.line(v + " = " + e.expr(s, EXPR_DEPTH) + ";");
      case 1 -> out.line(v + " += " + e.expr(s, EXPR_DEPTH) + ";");
      case 2 -> out.line(v + " -= " + e.expr(s, EXPR_DEPTH) + ";");
      case 3 -> out.line(v + " *= " + e.factor(s, 2) + ";");
      default -> out.line(v + " /= " + e.divisor(s, 2) + ";");
    }
  }

  private void conditional(Scope s, int depth, Code out) {
    out.open("if (" + e.cond(s, 2) + ") {");
    block(s.child(), depth - 1, 1 + e.random().nextInt(3), out);
    if (e.chance(0.6)) {
      out.middle("} else {");
      block(s.child(), depth - 1, 1 + e.random().nextInt(3), out);
    }
    out.close("}");
  }

  private void loop(Scope s, int depth, Code out) {
    String label = e.chance(0.2) ? e.fresh("l") : null;
    String prefix = label == null ? "" : label + ": ";
    String i = e.fresh("i");
    int count = 1 + e.random().nextInt(3);
    String closing = "}";
    switch (e.random().nextInt(7)) {
      case 0 -> {
        int trips = 1 + e.random().nextInt(4);
        out.open(prefix + "for (int " + i + " = 0; " + i + " < " + trips + "; " + i + "++) {");
        block(s.loopBody(new Scope.IntVar(i, trips <= arrayLength), label), depth - 1, count, out);
      }
      case 1 -> {
        if (s.ints.isEmpty()) {
          out.open(prefix + "for (int " + i + " = 0; " + i + " < 2; " + i + "++) {");
          block(s.loopBody(new Scope.IntVar(i, true), label), depth - 1, count, out);
        } else {
          Scope.IntVar bound = e.pick(s.ints);
          out.open(prefix + "for (int " + i + " = 0; " + i + " < " + bound.name() + "; " + i + "++) {");
          block(s.loopBody(new Scope.IntVar(i, bound.index()), label), depth - 1, count, out);
        }
      }
      case 2, 3 -> {
        if (s.arrays.isEmpty()) {
          localArray(s, out);
        }
        String a = e.pick(s.arrays);
        out.open(e.chance(0.7)
            ? prefix + "for (int " + i + " = 0; " + i + " < " + a + ".length; " + i + "++) {"
            : prefix + "for (int " + i + " = " + a + ".length - 1; " + i + " >= 0; " + i + "--) {");
        block(s.loopBody(new Scope.IntVar(i, true), label), depth - 1, count, out);
      }
      case 4 -> {
        if (s.arrays.isEmpty()) {
          localArray(s, out);
        }
        String element = e.fresh("e");
        out.open(prefix + "for (double " + element + " : " + e.pick(s.arrays) + ") {");
        Scope body = s.loopBody(null, label);
        body.doubles.add(element);
        block(body, depth - 1, count, out);
      }
      default -> closing = dataDependentLoop(s, depth, prefix, label, count, out);
    }
    out.close(closing);
  }

  /**
   * A while or do-while loop that runs until an active quantity passes a limit, at most 6 times; returns the line
   * that closes it.
   */
  private String dataDependentLoop(Scope s, int depth, String prefix, String label, int count, Code out) {
    String v = e.fresh("v");
    String k = e.fresh("k");
    out.line("double " + v + " = " + e.expr(s, 2) + ";");
    out.line("int " + k + " = 0;");
    String condition = "Trace.b(" + v + " < " + e.pick(new String[] {"1", "2.5", "4"}) + ") && " + k + " < 6";
    boolean doWhile = e.chance(0.4);
    out.open(prefix + (doWhile ? "do {" : "while (" + condition + ") {"));
    out.line(k + "++;");
    Scope body = s.loopBody(new Scope.IntVar(k, false), label);
    out.line(v + " += 0.25 + Math.pow(" + e.expr(body, 2) + ", 2);");
    body.local(v);
    block(body, depth - 1, count, out);
    s.local(v);
    s.ints.add(new Scope.IntVar(k, false));
    return doWhile ? "} while (" + condition + ");" : "}";
  }

  private void switchStatement(Scope s, int depth, Code out) {
    Scope.IntVar selector = e.pick(s.ints);
    boolean arrows = e.chance(0.5);
    out.open("switch (" + selector.name() + " % 3) {");
    for (String label : List.of("case 0", "case 1", "default")) {
      out.open(label + (arrows ? " -> {" : ": {"));
      Scope body = s.child();
      body.inSwitch = true; // a switch nested in a switch's case is rejected for now (see the report of issue 6)
      block(body, depth - 1, 1 + e.random().nextInt(2), out);
      out.close("}");
      if (!arrows && e.chance(0.6)) {
        out.line("break;");
      }
    }
    out.close("}");
  }

  private void jump(Scope s, Code out) {
    String target = !s.labels.isEmpty() && e.chance(0.3) ? " " + e.pick(s.labels) : "";
    out.open("if (" + e.cond(s, 2) + ") {");
    out.line((e.chance(0.5) ? "break" : "continue") + target + ";");
    out.close("}");
  }

  private void localArray(Scope s, Code out) {
    String a = e.fresh("a");
    double r = e.random().nextDouble();
    String call = r < 0.3 ? e.call(s, 2, true) : null;
    if (call != null) {
      out.line("double[] " + a + " = " + call + ";");
    } else if (r < 0.6) {
      out.line("double[] " + a + " = " + newArray(s).substring("new double[] ".length()) + ";");
    } else {
      String i = e.fresh("i");
      out.line("double[] " + a + " = new double[" + arrayLength + "];");
      out.open("for (int " + i + " = 0; " + i + " < " + a + ".length; " + i + "++) {");
      out.line(a + "[" + i + "] = " + e.expr(s.loopBody(new Scope.IntVar(i, true), null), EXPR_DEPTH) + ";");
      out.close("}");
    }
    s.localArray(a);
  }

  private String newArray(Scope s) {
    StringJoiner elements = new StringJoiner(", ", "new double[] {", "}");
    for (int i = 0; i < arrayLength; i++) {
      elements.add(e.expr(s, EXPR_DEPTH - 1));
    }
    return elements.toString();
  }
}
