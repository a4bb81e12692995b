package io.github.autodiff4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.util.Trees;
import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.processor.emit.CompanionWriter;
import io.github.autodiff4j.processor.emit.GeneratedNames;
import io.github.autodiff4j.processor.emit.MethodCode;
import io.github.autodiff4j.processor.emit.PrivateFields;
import io.github.autodiff4j.processor.ir.Function;
import io.github.autodiff4j.processor.ir.InjectedFailure;
import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.CompanionNames;
import io.github.autodiff4j.processor.model.Param;
import io.github.autodiff4j.processor.model.Signature;
import io.github.autodiff4j.processor.parse.CalleeLoader;
import io.github.autodiff4j.processor.parse.CompanionVars;
import io.github.autodiff4j.processor.parse.CustomDerivatives;
import io.github.autodiff4j.processor.parse.ErroneousTypes;
import io.github.autodiff4j.processor.parse.MethodParser;
import io.github.autodiff4j.processor.parse.MethodPaths;
import io.github.autodiff4j.processor.parse.MethodRefs;
import io.github.autodiff4j.processor.parse.SignatureReader;
import io.github.autodiff4j.processor.simplify.ScalarReplacement;
import io.github.autodiff4j.processor.transform.Differentiation;
import io.github.autodiff4j.processor.transform.Inliner;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;

/**
 * The entry point: gathers the {@code @Differentiable} methods of each class and writes one companion class per class.
 * It never throws: every failure becomes a diagnostic, and a failure in one method does not stop the others.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({"io.github.autodiff4j.Differentiable", "io.github.autodiff4j.DerivativeOf"})
@SupportedOptions(InjectedFailure.OPTION)
public final class DifferentiableProcessor extends AbstractProcessor {
    private Trees trees;
    private boolean toldNeedsJavac;
    /** Classes that wait for the next round, by name: their elements are new in each round. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** A companion rendered and ready to write, or null {@code file} when no method of the class gave members. */
    private record Companion(
            TypeElement type, List<ExecutableElement> methods, ClassName name, JavaFile file, boolean waits) {}
    /** The classes whose companions this compilation writes, by the companion's name, across rounds. */
    private final Map<String, String> companions = new HashMap<>();

    private final JavacRecordBug javacRecordBug = new JavacRecordBug();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        trees = JavacEnvironment.trees(env).orElse(null);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (annotations.isEmpty() && deferred.isEmpty()) {
            return false;
        }
        if (trees == null) {
            // Once per compilation, and only where autodiff4j is used: a module without annotated methods still builds.
            if (!toldNeedsJavac) {
                toldNeedsJavac = true;
                processingEnv.getMessager().printMessage(Kind.ERROR, new Message.NeedsJavac(compilerName()).render());
            }
            return false;
        }
        try {
            Map<TypeElement, List<ExecutableElement>> types = methodsByType(round);
            for (String name : deferred) {
                TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
                if (type != null) {
                    types.putIfAbsent(type, differentiableMethods(type));
                }
            }
            deferred.clear();
            Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
            Context roundContext = new Context(
                    processingEnv,
                    trees,
                    diagnostics,
                    new CompanionVars(trees, diagnostics, List.copyOf(types.keySet())));
            CalleeLoader callees = new CalleeLoader(roundContext);
            CustomDerivatives derivatives = new CustomDerivatives(roundContext, round);
            List<Companion> companions = new ArrayList<>();
            for (Map.Entry<TypeElement, List<ExecutableElement>> type : types.entrySet()) {
                generate(roundContext, callees, derivatives, type.getKey(), type.getValue())
                        .ifPresent(companions::add);
            }
            write(roundContext, companions, round.processingOver());
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError bug) {
            // A last resort: failures are caught per method below; javac must never see an exception from us.
            processingEnv
                    .getMessager()
                    .printMessage(Kind.ERROR, new Message.Internal("this round", describe(bug)).render());
        } finally {
            InjectedFailure.arm(null, null);
        }
        return false;
    }

    /** The class of the environment the compiler gave us, which names the compiler (or the tool that wrapped it). */
    private String compilerName() {
        return processingEnv.getClass().getName();
    }

    /**
     * Writes the companions, except those of classes whose methods used code that did not resolve (a companion that
     * another class of this round generates: {@code OtherDiff.innerGrad(x)} in a helper) and reported nothing: while
     * this round writes other companions, such a class waits for the next round, where they exist.
     */
    private void write(Context context, List<Companion> companions, boolean lastRound) {
        boolean newSources = companions.stream().anyMatch(c -> !c.waits() && c.file() != null);
        for (Companion c : companions) {
            if (c.waits() && newSources && !lastRound) {
                deferred.add(c.type().getQualifiedName().toString());
            } else if (c.file() != null) {
                write(context, c);
            }
        }
    }

    private static List<ExecutableElement> differentiableMethods(TypeElement type) {
        return type.getEnclosedElements().stream()
                .filter(e -> e.getKind() == ElementKind.METHOD && e.getAnnotation(Differentiable.class) != null)
                .map(ExecutableElement.class::cast)
                .toList();
    }

    private static Map<TypeElement, List<ExecutableElement>> methodsByType(RoundEnvironment round) {
        Map<TypeElement, List<ExecutableElement>> byType = new LinkedHashMap<>();
        for (Element element : round.getElementsAnnotatedWith(Differentiable.class)) {
            if (element.getKind() == ElementKind.METHOD) {
                byType.computeIfAbsent((TypeElement) element.getEnclosingElement(), t -> new ArrayList<>())
                        .add((ExecutableElement) element);
            }
        }
        return byType;
    }

    /**
     * The companion of one class, rendered; empty when nothing is to be written. It waits for the next round when a
     * method gave up on code javac could not resolve yet and nothing was reported for the class.
     */
    private Optional<Companion> generate(
            Context context,
            CalleeLoader callees,
            CustomDerivatives derivatives,
            TypeElement type,
            List<ExecutableElement> methods) {
        if (context.companionVars().blockReading(type)) {
            return Optional.empty();
        }
        int reported = context.diagnostics().reportedCount();
        int leftToJavac = context.diagnostics().leftToJavacCount();
        ClassName companion = CompanionNames.companion(ClassName.get(type));
        String owner = companions.putIfAbsent(
                companion.canonicalName(), type.getQualifiedName().toString());
        if (owner != null && !owner.contentEquals(type.getQualifiedName())) {
            // p.Outer.Inner and p.Outer_Inner: both would have the companion p.Outer_InnerDiff.
            context.diagnostics()
                    .error(
                            methods.get(0),
                            new Message.CompanionShared(
                                    methods.get(0).getSimpleName().toString(), companion.canonicalName(), owner));
            return Optional.empty();
        }
        javacRecordBug.reportNested(context, type);
        String failAt = context.env().getOptions().get(InjectedFailure.OPTION);
        List<MethodCode> generated = new ArrayList<>();
        List<TypeSpec> members = new ArrayList<>();
        MethodPaths paths = new MethodPaths(context, type);
        GeneratedNames claimed = new GeneratedNames(companion);
        Set<String> names = new HashSet<>();
        for (ExecutableElement method : methods) {
            if (!names.add(method.getSimpleName().toString())) {
                String name = method.getSimpleName().toString();
                context.diagnostics().error(method, new Message.Overload(name, CompanionNames.gradientRecord(name)));
                continue;
            }
            try {
                InjectedFailure.arm(failAt, method.getSimpleName().toString());
                Optional<MethodCode> code = differentiate(context, callees, derivatives, paths, type, method);
                if (code.isPresent()) {
                    // Written apart first, so that a failure or a name clash leaves this method out and the others in.
                    TypeSpec written = CompanionWriter.members(code.get(), companion);
                    Optional<GeneratedNames.Clash> clash = claimed.clash(written, PrivateFields.handles(code.get()));
                    if (clash.isPresent()) {
                        context.diagnostics()
                                .error(method, nameClash(method.getSimpleName().toString(), clash.get()));
                    } else {
                        claimed.claim(method.getSimpleName().toString(), written, PrivateFields.handles(code.get()));
                        generated.add(code.get());
                        members.add(written);
                    }
                }
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError bug) {
                context.diagnostics()
                        .error(method, new Message.Internal(type.getSimpleName() + "." + method, describe(bug)));
            } finally {
                InjectedFailure.arm(null, null);
            }
        }
        boolean waits = context.diagnostics().leftToJavacCount() != leftToJavac
                && context.diagnostics().reportedCount() == reported;
        try {
            JavaFile file = generated.isEmpty() ? null : CompanionWriter.write(ClassName.get(type), generated, members);
            return Optional.of(new Companion(type, methods, companion, file, waits));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            context.diagnostics()
                    .error(
                            type,
                            new Message.Internal(
                                    type.getQualifiedName().toString(), "cannot write " + companion + ": " + e));
            return Optional.empty();
        }
    }

    private void write(Context context, Companion c) {
        TypeElement type = c.type();
        ClassName companion = c.name();
        List<ExecutableElement> methods = c.methods();
        try {
            // Rendered whole, then written at once: JavaPoet's many small appends would each go through the encoder of
            // the Filer's writer.
            String source = c.file().toString();
            JavaFileObject out = processingEnv.getFiler().createSourceFile(companion.canonicalName(), type);
            try (Writer writer = out.openWriter()) {
                writer.write(source);
            }
        } catch (FilerException e) {
            // A class of the companion's name exists already: the user's own, or one another processor generated.
            context.diagnostics()
                    .error(
                            methods.get(0),
                            new Message.CompanionExists(
                                    methods.get(0).getSimpleName().toString(),
                                    companion.canonicalName(),
                                    e.getMessage()));
        } catch (IOException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            context.diagnostics()
                    .error(
                            type,
                            new Message.Internal(
                                    type.getQualifiedName().toString(), "cannot write " + companion + ": " + e));
        }
    }

    /** The message for a name a method would generate that is taken. */
    private static Message nameClash(String method, GeneratedNames.Clash clash) {
        if (clash instanceof GeneratedNames.Clash.CompanionName c) {
            return new Message.NameTaken(method, "record " + c.record(), new Message.NameTaken.Holder.Companion());
        } else if (clash instanceof GeneratedNames.Clash.HelperName h) {
            return new Message.NameTaken(method, "member " + h.member(), new Message.NameTaken.Holder.Helper());
        } else if (clash instanceof GeneratedNames.Clash.Generated g) {
            return new Message.NameTaken(
                    method, g.kind() + " " + g.name(), new Message.NameTaken.Holder.Method(g.method()));
        }
        GeneratedNames.Clash.Handle h = (GeneratedNames.Clash.Handle) clash;
        return new Message.HandleTaken(method, h.handle(), h.field(), h.earlierField(), h.earlierOwner());
    }

    /** The exception and where it happened, for the bug report the message asks for. */
    private static String describe(Throwable bug) {
        StackTraceElement[] trace = bug.getStackTrace();
        if (Boolean.getBoolean("autodiff4j.trace")) {
            bug.printStackTrace();
        }
        return trace.length == 0 ? bug.toString() : bug + " at " + trace[0];
    }

    private static Optional<MethodCode> differentiate(
            Context context,
            CalleeLoader callees,
            CustomDerivatives derivatives,
            MethodPaths paths,
            TypeElement type,
            ExecutableElement method) {
        if (ErroneousTypes.inSignature(method)) {
            // javac reports the missing type; the companion goes on without this method, so that calls of the others
            // still compile and the user sees javac's error alone.
            return Optional.empty();
        }
        String record = CompanionNames.gradientRecord(method.getSimpleName().toString());
        int errorsBefore = context.diagnostics().errorCount();
        Signature signature = new SignatureReader(context)
                .read(method, CompanionNames.companion(ClassName.get(type)).simpleName(), record);
        List<Var> params = signature.params().stream().map(Param::var).toList();
        List<Var> active = signature.activeParams().stream().map(Param::var).toList();
        // The body is read even after a signature error, so that all of a method's problems show in one compilation.
        Optional<Function> parsed = new MethodParser(context).parse(method, paths.of(method), params);
        if (context.diagnostics().errorCount() != errorsBefore) {
            return Optional.empty();
        }
        if (ParameterSlots.userMethodOverLimit(signature)) {
            // javac reports the method's own "too many parameters"; its members would only repeat it.
            return Optional.empty();
        }
        Inliner inliner = new Inliner(new JavacCallees(context, callees, derivatives));
        MethodRef ref = MethodRefs.of(method, context.trees());
        // Records of doubles, arrays to the front end, become scalars where they are only ever read by component.
        Optional<Function> inlined =
                parsed.flatMap(body -> inliner.inline(body, ref, active)).map(ScalarReplacement::apply);
        inlined.ifPresent(body -> ZeroDerivatives.check(context.diagnostics(), method, signature, body));
        return inlined.flatMap(body -> Differentiation.of(body, active, signature.isVector(), inliner, ref))
                .flatMap(code -> MethodSizes.plan(context.diagnostics(), method, signature, inlined.get(), code))
                .map(code -> code.withReceiverBodies(ReceiverBodies.describe(context, inliner.overridableBodies(ref))));
    }
}
