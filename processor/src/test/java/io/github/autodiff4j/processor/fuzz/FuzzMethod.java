package io.github.autodiff4j.processor.fuzz;

import java.util.List;

/** A generated {@code @Differentiable} method: scalar ({@code double}) or vector ({@code double[]}). */
record FuzzMethod(String name, boolean vector, List<Param> params) {}
