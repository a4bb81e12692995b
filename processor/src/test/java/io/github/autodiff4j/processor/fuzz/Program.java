package io.github.autodiff4j.processor.fuzz;

import java.util.List;

/**
 * One generated class: its {@code @Differentiable} methods and helpers, and a nested class {@code Traced} with the same
 * methods unannotated and recording their decisions (see {@link Trace}). {@code arrayLength} is the length of every
 * {@code double[]} parameter the checker passes.
 */
record Program(String className, String source, List<FuzzMethod> methods, int arrayLength) {
  static final String PACKAGE = "fuzz";

  String qualifiedName() {
    return PACKAGE + "." + className;
  }
}
