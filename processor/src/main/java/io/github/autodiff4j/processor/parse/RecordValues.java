package io.github.autodiff4j.processor.parse;

import com.sun.source.util.Trees;
import io.github.autodiff4j.processor.ir.Expr;
import io.github.autodiff4j.processor.ir.Origin;
import io.github.autodiff4j.processor.ir.Stmt;
import io.github.autodiff4j.processor.ir.Type;
import io.github.autodiff4j.processor.ir.Var;
import io.github.autodiff4j.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The IR of the expressions on records of doubles ({@link Records}): a record is the {@code double[]} of its
 * components, which the code never writes. Components read from a record built in place are its arguments, with no
 * array in between: {@code new Point(a, b).x()} is {@code a}.
 */
final class RecordValues {
    private final Effects effects;
    private final Trees trees;
    private final Elements elements;

    RecordValues(Effects effects, Trees trees, Elements elements) {
        this.effects = effects;
        this.trees = trees;
        this.elements = elements;
    }

    /** Component {@code index} of a record: a double, or the array of a nested record's doubles. */
    Expr component(Expr record, RecordShape shape, int index, Origin origin) {
        int from = shape.offset(index);
        RecordShape.Component c = shape.components().get(index);
        if (record instanceof Expr.ArrayLiteral literal) {
            List<Expr> elements = literal.elements().subList(from, from + c.size());
            return c.nested() == null ? elements.get(0) : new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, elements);
        }
        Expr base = pure(record, origin);
        if (c.nested() == null) {
            return element(base, from);
        }
        // A copy of the nested record's doubles, which an accessor of it reads one by one.
        List<Expr> elements = new ArrayList<>();
        for (int k = from; k < from + c.size(); k++) {
            elements.add(element(base, k));
        }
        return new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, elements);
    }

    /** {@code new R(args)} with R's implicit canonical constructor: its arguments' doubles, nested records spread. */
    Expr construct(RecordShape shape, List<Expr> args, Origin origin) {
        List<Expr> doubles = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            RecordShape.Component c = shape.components().get(i);
            doubles.addAll(c.nested() == null ? List.of(args.get(i)) : spread(args.get(i), c.nested(), origin));
        }
        return new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, doubles);
    }

    /** The values, each read once: a local holds each one that is not a variable or a literal. */
    List<Expr> held(List<Expr> values, Origin origin) {
        List<Expr> out = new ArrayList<>();
        for (Expr v : values) {
            if (v instanceof Expr.Ref || v instanceof Expr.Literal) {
                out.add(v);
                continue;
            }
            Var held = new Var("checked#", v.type());
            effects.add(new Stmt.Assign(held, v, origin));
            out.add(new Expr.Ref(held));
        }
        return out;
    }

    /**
     * Builds the record object with its constructor, which autodiff4j cannot read (a library's class file): the members
     * run it as the function does, and {@code RecordCheck.requireKept} throws if it changed its arguments, where the
     * derivative code, which computes with the arguments, would be wrong.
     */
    void checkKept(RecordShape shape, List<Expr> args, List<Expr> objects, Origin origin) {
        ExecutableElement requireKept =
                ElementFilter.methodsIn(elements.getTypeElement("io.github.autodiff4j.RecordCheck")
                                .getEnclosedElements())
                        .stream()
                        .filter(m -> m.getSimpleName().contentEquals("requireKept"))
                        .findFirst()
                        .orElseThrow();
        List<Expr> checked = new ArrayList<>();
        checked.add(new Expr.New(shape.type(), objects));
        for (int i = 0; i < args.size(); i++) {
            RecordShape.Component c = shape.components().get(i);
            checked.addAll(c.nested() == null ? List.of(args.get(i)) : spread(args.get(i), c.nested(), origin));
        }
        effects.add(new Stmt.Effect(
                Stmt.EffectKind.CALL,
                List.of(new Expr.Invoke(MethodRefs.onObject(requireKept, trees), null, checked, Type.OBJECT, origin)),
                origin));
    }

    /** A copy of a record read from an array of records: a later write into the array must not change it. */
    Expr copy(Expr row, RecordShape shape, Origin origin) {
        return new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, spread(row, shape, origin));
    }

    /** The doubles of a record object (a field's, a list's element): read through its accessors, constants. */
    Expr fromObject(Expr object, RecordShape shape, TypeElement record, Origin origin) {
        Var held = new Var("record#", Type.OBJECT, com.palantir.javapoet.TypeName.get(record.asType()));
        effects.add(new Stmt.Assign(held, object, origin));
        return new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, accessors(new Expr.Ref(held), record, origin));
    }

    private List<Expr> accessors(Expr object, TypeElement record, Origin origin) {
        List<Expr> doubles = new ArrayList<>();
        for (RecordComponentElement c : record.getRecordComponents()) {
            ExecutableElement accessor = c.getAccessor();
            RecordShape nested = Records.shape(c.asType()).orElse(null);
            Expr read = new Expr.Invoke(
                    MethodRefs.onObject(accessor, trees),
                    object,
                    List.of(),
                    nested == null ? Type.DOUBLE : Type.OBJECT,
                    origin);
            doubles.addAll(
                    nested == null
                            ? List.of(read)
                            : accessors(
                                    read, elements.getTypeElement(nested.type().canonicalName()), origin));
        }
        return doubles;
    }

    /**
     * The record object of a record's doubles, where Java needs the object itself: printed, concatenated to a string,
     * passed to a method of a library. Built anew, as equal to the original as a record is.
     */
    Expr toObject(Expr record, RecordShape shape, Origin origin) {
        return toObject(pure(record, origin), shape);
    }

    private static Expr toObject(Expr doubles, RecordShape shape) {
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < shape.components().size(); i++) {
            RecordShape.Component c = shape.components().get(i);
            int from = shape.offset(i);
            if (c.nested() == null) {
                args.add(element(doubles, from));
            } else {
                List<Expr> nested = new ArrayList<>();
                for (int k = from; k < from + c.size(); k++) {
                    nested.add(element(doubles, k));
                }
                args.add(toObject(new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, nested), c.nested()));
            }
        }
        return new Expr.New(shape.type(), args);
    }

    private List<Expr> spread(Expr record, RecordShape shape, Origin origin) {
        if (record instanceof Expr.ArrayLiteral literal) {
            return literal.elements();
        }
        Expr base = pure(record, origin);
        List<Expr> doubles = new ArrayList<>();
        for (int k = 0; k < shape.size(); k++) {
            doubles.add(element(base, k));
        }
        return doubles;
    }

    private static Expr element(Expr array, int index) {
        if (array instanceof Expr.ArrayLiteral literal) {
            return literal.elements().get(index);
        }
        return new Expr.ArrayRead(array, Expr.Literal.ofIntegral(Type.INT, index));
    }

    /** The record itself if reading it again costs nothing and changes nothing, else a local holding it. */
    private Expr pure(Expr record, Origin origin) {
        if (isPure(record)) {
            return record;
        }
        Var held = new Var("record#", Type.DOUBLE_ARRAY);
        effects.add(new Stmt.Assign(held, record, origin));
        return new Expr.Ref(held);
    }

    private static boolean isPure(Expr e) {
        return e instanceof Expr.Ref
                || e instanceof Expr.Literal
                || (e instanceof Expr.ArrayRead r && isPure(r.array()) && isPure(r.index()));
    }
}
