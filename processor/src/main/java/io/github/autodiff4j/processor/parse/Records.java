package io.github.autodiff4j.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.github.autodiff4j.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Which types are records of doubles ({@link RecordShape}), which the front end lowers to the {@code double[]} of their
 * components: a record parameter, local or result is an array the code never writes (records are immutable), an
 * accessor a read of one element, {@code new Point(a, b)} the array {@code {a, b}}, an array of records a matrix with
 * one row per record.
 */
public final class Records {
    private Records() {}

    /** The shape of a record of doubles; empty for any other type. */
    public static Optional<RecordShape> shape(TypeMirror type) {
        return shape(type, new HashSet<>(), null);
    }

    /** The shape, with which of the records declare their canonical constructor, for the members of a signature. */
    static Optional<RecordShape> shape(TypeMirror type, Elements elements) {
        return shape(type, new HashSet<>(), elements);
    }

    private static Optional<RecordShape> shape(TypeMirror type, Set<TypeElement> enclosing, Elements elements) {
        if (!(type instanceof DeclaredType declared)
                || !(declared.asElement() instanceof TypeElement record)
                || record.getKind() != ElementKind.RECORD
                || !record.getTypeParameters().isEmpty()
                || record.getNestingKind() == NestingKind.LOCAL
                || isGenerated(record)
                || !enclosing.add(record)) {
            return Optional.empty();
        }
        try {
            List<RecordShape.Component> components = new ArrayList<>();
            for (RecordComponentElement c : record.getRecordComponents()) {
                String name = c.getSimpleName().toString();
                if (c.asType().getKind() == TypeKind.DOUBLE) {
                    components.add(new RecordShape.Component(name, null));
                    continue;
                }
                Optional<RecordShape> nested = shape(c.asType(), enclosing, elements);
                if (nested.isEmpty()) {
                    return Optional.empty();
                }
                components.add(new RecordShape.Component(name, nested.get()));
            }
            boolean explicit = elements != null && declaredCanonicalConstructor(record, elements) != null;
            return components.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new RecordShape(ClassName.get(record), components, explicit));
        } finally {
            enclosing.remove(record);
        }
    }

    /**
     * Whether a canonical constructor the record declares only checks its arguments ({@code if (vol <= 0) throw ...}):
     * it assigns no component. Read from the source alone: javac must not attribute a record constructor while
     * annotations are processed (JDK-8387215: it would then reject the constructor).
     */
    static boolean checksOnly(ExecutableElement constructor, Trees trees) {
        com.sun.source.tree.MethodTree tree = trees.getTree(constructor);
        if (!isCanonical(constructor) || tree == null || tree.getBody() == null) {
            return false;
        }
        Set<String> components = new HashSet<>();
        ((TypeElement) constructor.getEnclosingElement())
                .getRecordComponents()
                .forEach(c -> components.add(c.getSimpleName().toString()));
        boolean[] assigns = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                assigns[0] |= writesComponent(node.getVariable(), components);
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                assigns[0] |= writesComponent(node.getVariable(), components);
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                assigns[0] |= writesComponent(node.getExpression(), components);
                return super.visitUnary(node, unused);
            }
        }.scan(tree.getBody(), null);
        return !assigns[0];
    }

    /** {@code vol = ...} or {@code this.vol = ...}, by name: a constructor's body cannot declare a local of its name. */
    private static boolean writesComponent(ExpressionTree target, Set<String> components) {
        while (target instanceof ParenthesizedTree parens) {
            target = parens.getExpression();
        }
        return (target instanceof IdentifierTree id
                        && components.contains(id.getName().toString()))
                || (target instanceof MemberSelectTree select
                        && select.getExpression() instanceof IdentifierTree self
                        && self.getName().contentEquals("this"));
    }

    /**
     * The canonical constructor the record declares (compact or in full), which javac rejects once a processor has
     * made it attribute the record during processing (JDK-8387215); null for a record that leaves it to Java, or a
     * class.
     */
    public static ExecutableElement declaredCanonicalConstructor(TypeElement type, Elements elements) {
        if (type.getKind() != ElementKind.RECORD) {
            return null;
        }
        return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(c -> elements.getOrigin(c) == Elements.Origin.EXPLICIT && isCanonical(c))
                .findFirst()
                .orElse(null);
    }

    /** The record, enclosing or equal to {@code type}, that declares its canonical constructor; null for none. */
    static TypeElement withDeclaredConstructor(Element type, Elements elements) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (declaredCanonicalConstructor(t, elements) != null) {
                return t;
            }
        }
        return null;
    }

    /** Whether the constructor takes the record's components. */
    private static boolean isCanonical(ExecutableElement constructor) {
        TypeElement record = (TypeElement) constructor.getEnclosingElement();
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        List<? extends VariableElement> params = constructor.getParameters();
        if (params.size() != components.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i)
                    .asType()
                    .toString()
                    .equals(components.get(i).asType().toString())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the record is autodiff4j's own ({@code FooGradient} in a companion): a result of generated members, which
     * code differentiated later calls as objects, never through their bodies.
     */
    private static boolean isGenerated(TypeElement record) {
        for (Element e = record; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            boolean ours = t.getAnnotationMirrors().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                            && a.getElementValues().values().stream()
                                    .anyMatch(v -> v.toString().contains("io.github.autodiff4j")));
            if (ours) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a record holding doubles that is not a record of doubles: its first component of another type ({@code
     * "label, a String"}), which makes it a constant; empty for any other type.
     */
    static Optional<String> constantComponent(TypeMirror type) {
        if (!(type instanceof DeclaredType declared)
                || !(declared.asElement() instanceof TypeElement record)
                || record.getKind() != ElementKind.RECORD
                || shape(type).isPresent()
                || !holdsDoubles(record, new HashSet<>())) {
            return Optional.empty();
        }
        for (RecordComponentElement c : record.getRecordComponents()) {
            if (c.asType().getKind() != TypeKind.DOUBLE && shape(c.asType()).isEmpty()) {
                String typeName = c.asType() instanceof DeclaredType d
                        ? d.asElement().getSimpleName().toString()
                        : c.asType().toString();
                return Optional.of(c.getSimpleName() + ", a " + typeName);
            }
        }
        return Optional.empty();
    }

    private static boolean holdsDoubles(TypeElement record, Set<TypeElement> seen) {
        if (!seen.add(record)) {
            return false;
        }
        for (RecordComponentElement c : record.getRecordComponents()) {
            if (c.asType().getKind() == TypeKind.DOUBLE
                    || (c.asType() instanceof DeclaredType d
                            && d.asElement() instanceof TypeElement nested
                            && nested.getKind() == ElementKind.RECORD
                            && holdsDoubles(nested, seen))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record of doubles (or an array of them) is among the method's parameters or is its result. */
    public static boolean inSignature(ExecutableElement method) {
        return shape(method.getReturnType()).isPresent()
                || isArrayOfRecords(method.getReturnType())
                || method.getParameters().stream()
                        .anyMatch(p -> shape(p.asType()).isPresent() || isArrayOfRecords(p.asType()));
    }

    /** Whether the type is an array of records of doubles ({@code Vec3[]}): a matrix, one row per record. */
    static boolean isArrayOfRecords(TypeMirror type) {
        return type instanceof ArrayType array
                && shape(array.getComponentType()).isPresent();
    }

    /** The index of the component the method reads, if it is the accessor of a record of doubles. */
    static Optional<Integer> accessorOf(ExecutableElement method) {
        if (!(method.getEnclosingElement() instanceof TypeElement owner)
                || shape(owner.asType()).isEmpty()
                || !method.getParameters().isEmpty()) {
            return Optional.empty();
        }
        List<? extends RecordComponentElement> components = owner.getRecordComponents();
        for (int i = 0; i < components.size(); i++) {
            if (method.equals(components.get(i).getAccessor())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
