package io.github.autodiff4j.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What generated code may refer to at one place of a method: variables by role, enclosing loops, callable methods.
 * Every {@code double[]} in a program has the program's array length, so any in-range index fits any array.
 */
final class Scope {
  /** An {@code int} variable; {@code index} when its values lie in [0, array length). */
  record IntVar(String name, boolean index) {}

  /** A method the code may call; {@code returnsArray} for {@code double[]} results. */
  record Callee(String name, List<Param.Kind> params, boolean returnsArray, boolean writesFirstArgument) {}

  final List<String> doubles = new ArrayList<>();
  final List<String> assignable = new ArrayList<>();
  final List<String> constants = new ArrayList<>();
  final List<String> arrays = new ArrayList<>();
  final List<String> writableArrays = new ArrayList<>();
  final List<IntVar> ints = new ArrayList<>();
  final List<String> labels = new ArrayList<>();
  final List<Callee> callees = new ArrayList<>();
  boolean inLoop;
  boolean inSwitch;
  /** Whether the method returns {@code double[]}; null in helpers, which have no early returns. */
  Boolean vector;

  /** A nested block's scope: sees everything here; what it declares is gone when it ends. */
  Scope child() {
    Scope c = new Scope();
    c.doubles.addAll(doubles);
    c.assignable.addAll(assignable);
    c.constants.addAll(constants);
    c.arrays.addAll(arrays);
    c.writableArrays.addAll(writableArrays);
    c.ints.addAll(ints);
    c.labels.addAll(labels);
    c.callees.addAll(callees);
    c.inLoop = inLoop;
    c.inSwitch = inSwitch;
    c.vector = vector;
    return c;
  }

  void local(String name) {
    doubles.add(name);
    assignable.add(name);
  }

  void localArray(String name) {
    arrays.add(name);
    writableArrays.add(name);
  }

  Scope loopBody(IntVar index, String label) {
    Scope c = child();
    c.inLoop = true;
    if (index != null) {
      c.ints.add(index);
    }
    if (label != null) {
      c.labels.add(label);
    }
    return c;
  }
}
