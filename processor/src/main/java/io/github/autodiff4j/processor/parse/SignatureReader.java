package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.autodiff4j.NoDerivative;
import io.github.autodiff4j.processor.Context;
import io.github.autodiff4j.processor.Message;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.RecordShape;
import io.github.autodiff4j.processor.model.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;

/** Checks that a @Differentiable method has a shape autodiff4j supports, and decides which parameters are active. */
public final class SignatureReader {
    /** Names a record component may not have (JLS 8.10.1): the gradient record has one per active parameter. */
    private static final java.util.Set<String> NOT_RECORD_COMPONENTS =
            java.util.Set.of("clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    private final Context context;

    public SignatureReader(Context context) {
        this.context = context;
    }

    /**
     * The method's signature, after reporting every problem with it. A parameter with an unsupported type is kept as an
     * inactive object, so that the body can still be read and its own problems reported in the same compilation.
     */
    public Signature read(ExecutableElement method, String companionName, String recordName) {
        String name = method.getSimpleName().toString();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            context.diagnostics().error(method, new Message.PrivateMethod(name, companionName));
        }
        TypeElement checked = Records.withDeclaredConstructor(method.getEnclosingElement(), context.elements());
        if (checked != null) {
            context.diagnostics()
                    .error(
                            method,
                            new Message.JavacRecordConstructor(
                                    checked.getSimpleName().toString()));
        }
        TypeElement hiddenOwner =
                TypeMapper.privateClass(method.getEnclosingElement().asType());
        if (hiddenOwner != null) {
            context.diagnostics()
                    .error(
                            method,
                            new Message.PrivateClass(
                                    "method " + name,
                                    hiddenOwner.getSimpleName().toString()));
        }
        Type returns = TypeMapper.map(method.getReturnType()).orElse(Type.OBJECT);
        // A matrix is differentiable as a parameter, not as a result: the companion has no members for it.
        if (returns != Type.DOUBLE && returns != Type.DOUBLE_ARRAY) {
            context.diagnostics()
                    .error(
                            method,
                            new Message.ReturnType(name, method.getReturnType().toString()));
        }
        List<Param> params = new ArrayList<>();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            params.add(new Param(
                    typeName(method.getEnclosingElement().asType()),
                    new Var(receiverName(method), Type.OBJECT),
                    false,
                    true));
        }
        for (VariableElement p : method.getParameters()) {
            params.add(read(p, recordName)
                    .orElseGet(() -> new Param(
                            typeName(p.asType()), new Var(p.getSimpleName().toString(), Type.OBJECT), false, false)));
        }
        Signature signature = new Signature(
                ClassName.get((TypeElement) method.getEnclosingElement()),
                name,
                method.getModifiers().contains(Modifier.STATIC)
                        ? List.of()
                        : TypeVariables.of(method.getEnclosingElement().asType()),
                params,
                returns,
                method.isVarArgs(),
                Records.shape(method.getReturnType(), context.elements()).orElse(null));
        reportPartialsOfOneName(method, signature);
        return signature;
    }

    /** The type as generated members declare it; null for one JavaPoet cannot name (a local class's). */
    private static TypeName typeName(TypeMirror type) {
        try {
            return TypeName.get(type);
        } catch (IllegalArgumentException unnameable) {
            return null;
        }
    }

    /**
     * A static function of doubles gets a member per partial derivative, {@code fPartialT}: parameters {@code t} and
     * {@code T} (time and temperature) would give two of one name.
     */
    private void reportPartialsOfOneName(ExecutableElement method, Signature signature) {
        List<Param> active = signature.activeParams();
        if (!method.getModifiers().contains(Modifier.STATIC)
                || active.stream().anyMatch(p -> p.var().type() != Type.DOUBLE)) {
            return;
        }
        Map<String, String> partials = new HashMap<>();
        for (Param p : active) {
            String member = CompanionNames.partial(signature.name(), p.name());
            String other = partials.putIfAbsent(member, p.name());
            if (other != null) {
                VariableElement element = method.getParameters().stream()
                        .filter(v -> v.getSimpleName().contentEquals(p.name()))
                        .findFirst()
                        .orElseThrow();
                context.diagnostics()
                        .error(element, new Message.PartialsOfOneName(signature.name(), member, p.name(), other));
            }
        }
    }

    private static String simpleName(TypeMirror type) {
        return type instanceof javax.lang.model.type.DeclaredType d
                ? d.asElement().getSimpleName().toString()
                : type.toString();
    }

    /** "self", unless a parameter already has that name. */
    private static String receiverName(ExecutableElement method) {
        String name = "self";
        for (int n = 2; hasParameter(method, name); n++) {
            name = "self_" + n;
        }
        return name;
    }

    private static boolean hasParameter(ExecutableElement method, String name) {
        return method.getParameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(name));
    }

    private Optional<Param> read(VariableElement p, String recordName) {
        String name = p.getSimpleName().toString();
        boolean constant = p.getAnnotation(NoDerivative.class) != null;
        if (TypeMapper.isFloatLike(p.asType())) {
            context.diagnostics()
                    .error(p, new Message.FloatParameter(name, p.asType().toString()));
            return Optional.empty();
        }
        Optional<Type> type = TypeMapper.map(p.asType());
        if (type.isEmpty()) {
            context.diagnostics()
                    .error(p, new Message.UnsupportedParameter(name, p.asType().toString()));
            return Optional.empty();
        }
        TypeElement hidden = TypeMapper.privateClass(p.asType());
        if (hidden != null) {
            context.diagnostics()
                    .error(
                            p,
                            new Message.PrivateClass(
                                    "parameter " + name, hidden.getSimpleName().toString()));
            return Optional.empty();
        }
        if (!constant) {
            Records.constantComponent(p.asType())
                    .ifPresent(component -> context.diagnostics()
                            .warning(p, new Message.ConstantRecord(name, simpleName(p.asType()), component)));
        }
        boolean active = type.get().isDifferentiable() && !constant;
        if (active && name.equals("value")) {
            context.diagnostics().error(p, new Message.ParameterNamedValue(recordName));
            return Optional.empty();
        }
        if (active && NOT_RECORD_COMPONENTS.contains(name)) {
            context.diagnostics()
                    .error(
                            p,
                            new Message.RecordComponent(
                                    p.getEnclosingElement().getSimpleName().toString(), recordName, name));
            return Optional.empty();
        }
        Optional<RecordShape> record = Records.shape(
                p.asType() instanceof ArrayType array ? array.getComponentType() : p.asType(), context.elements());
        if (record.isPresent()) {
            // The function's code computes with the record's array (a row per record of an array of them).
            TypeName flat =
                    type.get() == Type.DOUBLE_MATRIX ? TypeName.get(double[][].class) : TypeName.get(double[].class);
            return Optional.of(new Param(flat, new Var(name, type.get()), active, false, record.get()));
        }
        return Optional.of(new Param(typeName(p.asType()), new Var(name, type.get()), active, false));
    }
}
