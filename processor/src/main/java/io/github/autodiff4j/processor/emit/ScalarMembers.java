package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.autodiff4j.Dual;
import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.parse.Param;
import io.github.autodiff4j.processor.parse.Signature;
import io.github.autodiff4j.processor.transform.Derivatives;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** The companion members of one scalar function {@code foo}: its gradient record, fooGrad, fooJvp, fooHessian, fooCheck. */
final class ScalarMembers {
  private final Signature signature;
  private final Derivatives derivatives;
  private final ClassName user;
  private final ClassName record;
  private final String name;
  private final String link;

  ScalarMembers(MethodCode code, ClassName companion) {
    this.signature = code.signature();
    this.derivatives = code.derivatives();
    this.user = ClassName.get((TypeElement) signature.method().getEnclosingElement());
    this.name = signature.name();
    this.record = companion.nestedClass(CompanionNames.gradientRecord(name));
    String types = signature.params().stream().map(p -> TypeName.get(p.element().asType()).toString())
        .collect(Collectors.joining(", "));
    this.link = "{@link " + user.canonicalName() + "#" + name + "(" + types + ")}";
  }

  void addTo(TypeSpec.Builder companion) {
    companion.addType(gradientRecord());
    companion.addMethod(grad());
    companion.addMethod(jvp());
    companion.addMethod(hessian());
    companion.addMethod(hvp());
    companion.addMethod(check());
  }

  private TypeSpec gradientRecord() {
    MethodSpec.Builder components = MethodSpec.constructorBuilder()
        .addParameter(double.class, "value");
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("The value of\n$L\nand its partial derivatives, from {@link $L#$LGrad}.\n\n", link,
            record.enclosingClassName().simpleName(), name)
        .add("@param value the function's value\n");
    for (Param p : signature.activeParams()) {
      components.addParameter(double.class, p.name());
      doc.add("@param $L the partial derivative with respect to {@code $L}\n", p.name(), p.name());
    }
    return TypeSpec.recordBuilder(record)
        .addModifiers(Modifier.PUBLIC)
        .recordConstructor(components.build())
        .addJavadoc(doc.build())
        .build();
  }

  private MethodSpec grad() {
    Function f = derivatives.gradient();
    Namer namer = userNamer();
    BodyWriter writer = new BodyWriter(namer, f.params());
    return publicMethod(name + "Grad")
        .addJavadoc("Reverse mode: the value of\n$L\nand its gradient, from one forward and one backward sweep.\n", link)
        .returns(record)
        .addParameters(userParams())
        .addCode(writer.body(f))
        .addCode("\n")
        .addStatement("return new $T($L)", record, results(f.results(), writer))
        .build();
  }

  private MethodSpec jvp() {
    Function f = derivatives.jvp();
    Namer namer = userNamer();
    BodyWriter writer = new BodyWriter(namer, f.params());
    return publicMethod(name + "Jvp")
        .addJavadoc("Forward mode: the value of\n$L\nand its directional derivative along the tangents that follow"
            + " each active\nparameter.\n", link)
        .returns(Dual.class)
        .addParameters(params(f.params(), namer))
        .addCode(writer.body(f))
        .addCode("\n")
        .addStatement("return new $T($L)", Dual.class, results(f.results(), writer))
        .build();
  }

  private MethodSpec hvp() {
    Function f = derivatives.hvp();
    Namer namer = userNamer();
    BodyWriter writer = new BodyWriter(namer, f.params());
    return MethodSpec.methodBuilder(hvpName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Forward over reverse: the tangent of {@link #$LGrad} along the {@code _dot} direction,\n"
            + "which is the Hessian times that direction.\n", name)
        .returns(double[].class)
        .addParameters(params(f.params(), namer))
        .addCode(writer.body(f))
        .addCode("\n")
        .addStatement("return new double[] {$L}", results(f.results(), writer))
        .build();
  }

  private MethodSpec hessian() {
    int n = signature.activeParams().size();
    CodeBlock rows = unitDirections(n, i -> CodeBlock.of("$L($L)", hvpName(), seededArguments(i)));
    return publicMethod(name + "Hessian")
        .addJavadoc("The Hessian of\n$L\nover its active parameters ($L), one row per forward-over-reverse sweep.\n",
            link, activeNames())
        .returns(double[][].class)
        .addParameters(userParams())
        .addStatement("return new double[][] {$L}", rows)
        .build();
  }

  private MethodSpec check() {
    Namer namer = userNamer();
    String reverse = namer.fresh("reverse");
    String forward = namer.fresh("forward");
    String point = namer.fresh("point");
    int n = signature.activeParams().size();
    CodeBlock jvps = unitDirections(n, i -> CodeBlock.of("$LJvp($L).tangent()", name, seededArguments(i)));
    CodeBlock call = signature.params().stream()
        .map(p -> p.active()
            ? CodeBlock.of("$L[$L]", point, signature.activeParams().indexOf(p))
            : CodeBlock.of("$L", p.name()))
        .collect(CodeBlock.joining(", "));
    CodeBlock reverseComponents = signature.activeParams().stream()
        .map(p -> CodeBlock.of("$L.$L()", reverse, p.name())).collect(CodeBlock.joining(", "));
    return publicMethod(name + "Check")
        .addJavadoc("Compares {@link #$LGrad} and {@link #$LJvp} at this point with numerical differentiation of\n"
            + "$L.\n", name, name, link)
        .returns(GradientCheck.Report.class)
        .addParameters(userParams())
        .addStatement("$T $L = $LGrad($L)", record, reverse, name, userArguments())
        .addStatement("double[] $L = {$L}", forward, jvps)
        .addStatement("return $T.scalar($S, $L -> $T.$L($L),\nnew double[] {$L},\nnew String[] {$L})\n"
                + ".gradient(\"reverse mode\", new double[] {$L})\n.gradient(\"forward mode\", $L)\n.report()",
            GradientCheck.class, user.simpleName() + "." + name, point, user, name, call,
            activeNames(), activeLabels(), reverseComponents, forward)
        .build();
  }

  /** One argument list per unit direction e_i, for fooJvp or fooHvp. */
  private static CodeBlock unitDirections(int n, IntFunction<CodeBlock> direction) {
    List<CodeBlock> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(CodeBlock.of("\n$L", direction.apply(i)));
    }
    return CodeBlock.join(rows, ",");
  }

  /** The user's arguments with, after the k-th active one, a tangent of 1 and 0 after the others. */
  private CodeBlock seededArguments(int k) {
    List<CodeBlock> args = new ArrayList<>();
    List<Param> active = signature.activeParams();
    for (Param p : signature.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (p.active()) {
        args.add(CodeBlock.of("$L", active.indexOf(p) == k ? "1.0" : "0.0"));
      }
    }
    return CodeBlock.join(args, ", ");
  }

  private CodeBlock results(List<Expr> results, BodyWriter writer) {
    return results.stream().map(writer::expr).collect(CodeBlock.joining(", "));
  }

  private MethodSpec.Builder publicMethod(String methodName) {
    return MethodSpec.methodBuilder(methodName).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
  }

  private Namer userNamer() {
    Namer namer = new Namer();
    for (Param p : signature.params()) {
      namer.fix(p.var(), p.name());
    }
    return namer;
  }

  private List<ParameterSpec> userParams() {
    return signature.params().stream()
        .map(p -> ParameterSpec.builder(TypeName.get(p.element().asType()), p.name()).build())
        .toList();
  }

  /** The function's parameters: the user's, with their types, and the derivative parameters, doubles. */
  private List<ParameterSpec> params(List<Var> vars, Namer namer) {
    List<ParameterSpec> specs = new ArrayList<>();
    for (Var v : vars) {
      Param user = signature.params().stream().filter(p -> p.var() == v).findFirst().orElse(null);
      TypeName type = user != null ? TypeName.get(user.element().asType()) : TypeName.DOUBLE;
      specs.add(ParameterSpec.builder(type, namer.name(v)).build());
    }
    return specs;
  }

  private String userArguments() {
    return signature.params().stream().map(Param::name).collect(Collectors.joining(", "));
  }

  private String activeNames() {
    return signature.activeParams().stream().map(Param::name).collect(Collectors.joining(", "));
  }

  private String activeLabels() {
    return signature.activeParams().stream().map(p -> "\"" + p.name() + "\"").collect(Collectors.joining(", "));
  }

  private String hvpName() {
    return name + "Hvp";
  }
}
