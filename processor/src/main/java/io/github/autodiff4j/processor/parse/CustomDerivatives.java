package io.github.autodiff4j.processor.parse;

import io.github.autodiff4j.DerivativeOf;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The user-supplied derivatives ({@code @DerivativeOf}) the differentiated code can call: those compiled in this round,
 * checked here with errors at their annotation, and those declared next to a function in a compiled library, found
 * when the function is called.
 */
public final class CustomDerivatives {
  private final Context context;
  private final Map<ExecutableElement, ExecutableElement> byFunction = new HashMap<>();

  public CustomDerivatives(Context context, RoundEnvironment round) {
    this.context = context;
    for (Element element : round.getElementsAnnotatedWith(DerivativeOf.class)) {
      if (element instanceof ExecutableElement derivative) {
        register(derivative, true);
      }
    }
  }

  /** The derivative supplied for this function, if any. */
  public Optional<ExecutableElement> of(ExecutableElement function) {
    if (!byFunction.containsKey(function)) {
      // A library's own derivatives sit next to the function: look for them once.
      for (Element member : function.getEnclosingElement().getEnclosedElements()) {
        if (member instanceof ExecutableElement candidate && annotation(candidate) != null) {
          register(candidate, false);
        }
      }
      byFunction.putIfAbsent(function, null);
    }
    return Optional.ofNullable(byFunction.get(function));
  }

  /** Whether this method is itself a supplied derivative. */
  public boolean isDerivative(ExecutableElement method) {
    return annotation(method) != null;
  }

  /** Matches a derivative with its function; in this round's sources, reports a mismatch at the annotation. */
  private void register(ExecutableElement derivative, boolean report) {
    AnnotationMirror annotation = annotation(derivative);
    String name = (String) value(annotation, "value");
    TypeMirror of = (TypeMirror) value(annotation, "of");
    TypeElement owner = of == null || of.getKind() == TypeKind.VOID
        ? (TypeElement) derivative.getEnclosingElement()
        : (TypeElement) ((DeclaredType) of).asElement();
    Optional<ExecutableElement> function = owner.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name))
        .map(ExecutableElement.class::cast)
        .filter(f -> sameParameters(f, derivative))
        .findFirst();
    if (function.isEmpty()) {
      if (report) {
        error(derivative, annotation, Message.DERIVATIVE_TARGET, owner.getSimpleName(), name,
            parameters(derivative));
      }
      return;
    }
    String problem = problem(function.get(), derivative);
    if (problem != null) {
      if (report) {
        error(derivative, annotation, Message.DERIVATIVE_SIGNATURE, derivative.getSimpleName(), name, problem);
      }
      return;
    }
    byFunction.put(function.get(), derivative);
  }

  /** What is wrong with the derivative's signature, or null. */
  private String problem(ExecutableElement function, ExecutableElement derivative) {
    long doubles = function.getParameters().stream().filter(p -> p.asType().getKind() == TypeKind.DOUBLE).count();
    TypeMirror returns = derivative.getReturnType();
    boolean scalar = returns.getKind() == TypeKind.DOUBLE;
    boolean array = returns.getKind() == TypeKind.ARRAY && returns.toString().equals("double[]");
    if (doubles == 0) {
      return "the function has no double parameter to differentiate";
    }
    if (doubles == 1 && !scalar) {
      return "it must return double, the derivative with respect to the one double parameter";
    }
    if (doubles > 1 && !array) {
      return "it must return double[], one partial derivative per double parameter (" + doubles + ")";
    }
    if (!derivative.getModifiers().contains(Modifier.STATIC) || !function.getModifiers().contains(Modifier.STATIC)) {
      return "both methods must be static";
    }
    if (derivative.getModifiers().contains(Modifier.PRIVATE)) {
      return "it must not be private: generated code calls it";
    }
    return null;
  }

  private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    List<? extends javax.lang.model.element.VariableElement> pa = a.getParameters();
    List<? extends javax.lang.model.element.VariableElement> pb = b.getParameters();
    if (pa.size() != pb.size()) {
      return false;
    }
    for (int i = 0; i < pa.size(); i++) {
      if (!context.types().isSameType(context.types().erasure(pa.get(i).asType()),
          context.types().erasure(pb.get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  private static String parameters(ExecutableElement method) {
    return method.getParameters().stream().map(p -> p.asType().toString())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private void error(ExecutableElement where, AnnotationMirror annotation, Message message, Object... args) {
    context.diagnostics().error(where, annotation, message, args);
  }

  private static AnnotationMirror annotation(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(DerivativeOf.class.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  private static Object value(AnnotationMirror annotation, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    return null;
  }
}
