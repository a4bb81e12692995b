package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.emit.BytecodeSize;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Stmts;
import io.github.autodiff4j.processor.parse.Signature;
import io.github.autodiff4j.processor.transform.Derivatives;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Rejects, at the method, derivative code too large for one JVM method (64 KB of bytecode), rather than generating a
 * companion javac cannot compile. It happens when helpers that call helpers are inlined many times over.
 */
final class MethodSizes {
  private MethodSizes() {}

  /** Whether every member fits; otherwise reports the largest, and what the method inlines. */
  static boolean fit(Diagnostics diagnostics, Signature signature, Function inlined, Derivatives code) {
    ExecutableElement method = signature.method();
    String name = method.getSimpleName().toString();
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put(name + "Jvp", BytecodeSize.of(code.jvp().body()));
    sizes.put(name + (signature.isVector() ? "Vjp" : "Grad"), BytecodeSize.of(code.gradient().body()));
    if (code.hvp() != null) {
      sizes.put(name + "Hessian", BytecodeSize.of(code.hvp().body()));
    }
    if (code.partialsJvp() != null) {
      sizes.put(name + "ValueAndPartialsJvp", BytecodeSize.of(code.partialsJvp().body()));
    }
    Map.Entry<String, Long> largest = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    if (largest.getValue() <= BytecodeSize.LIMIT) {
      return true;
    }
    Set<String> callees = new LinkedHashSet<>();
    Stmts.walk(inlined.body(), s -> {
      if (s.origin() != null && s.origin().method() != null) {
        callees.add(s.origin().method());
      }
    });
    diagnostics.error(method, Message.TOO_LARGE, largest.getKey(), name, largest.getValue() / 1024,
        callees.isEmpty() ? "its own body is that long" : "it inlines the bodies of " + String.join(", ", callees));
    return false;
  }
}
