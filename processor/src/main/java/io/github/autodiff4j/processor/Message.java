package io.github.autodiff4j.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * Every diagnostic the processor reports. The tag in brackets is stable: tests, documentation and users' searches rely
 * on it, so a tag is never reused for a different problem. Each message says what cannot be differentiated and what to
 * do instead.
 */
public enum Message {
    PRIVATE(
            "private-method",
            "@Differentiable method %s is private, so the generated %s cannot call it. Make it package-private or public."),
    RETURN_TYPE(
            "return-type",
            "@Differentiable method %s returns %s; it must return double (a scalar function) or double[] (a"
                    + " vector function). Return the quantity to differentiate; a matrix as its entries row by row in"
                    + " one double[], whose Jacobian then has a row per entry."),
    FLOAT_PARAMETER(
            "float-parameter",
            "parameter %s has type %s, which autodiff4j does not differentiate. Declare it as double."),
    UNSUPPORTED_PARAMETER(
            "parameter-type",
            "parameter %s has type %s, which a @Differentiable method cannot take. Use double or double[] for a value"
                    + " to differentiate, or int, long, boolean, their arrays or an object type for a constant."),
    PARAMETER_NAMED_VALUE(
            "parameter-named-value",
            "active parameter 'value' clashes with the 'value' component of the generated %s record. Rename the parameter."),
    TRY(
            "try",
            "a try statement cannot be differentiated. Move the try/catch out of the @Differentiable method, into its"
                    + " caller."),
    SYNCHRONIZED(
            "synchronized",
            "a synchronized block cannot be differentiated, and a @Differentiable method has no shared state to guard."
                    + " Remove it, or take the lock in the caller."),
    LOCAL_CLASS(
            "local-class",
            "a local %s cannot be differentiated through. Declare what it computes as a static method of the enclosing"
                    + " class, taking and returning doubles, and call that."),
    SWITCH_TYPE(
            "switch-type",
            "a switch on %s cannot be differentiated: only switches on int, char, String or an enum can. Switch on one"
                    + " of those, or branch with if and else."),
    FOR_EACH(
            "for-each",
            "a for-each loop over %s (a %s) cannot be differentiated: only loops over arrays can. Pass the values as a"
                    + " double[] (or int[], long[], boolean[]) and loop over that."),
    UNUSED_RESULT(
            "unused-result",
            "the result of %s is unused: a call made for its side effects cannot be differentiated. Assign the result to"
                    + " a local variable, or remove the call."),
    RAGGED_ARRAY(
            "ragged-array",
            "an array whose rows are left unallocated (%s) cannot be differentiated. Give every dimension's length, as in"
                    + " new double[rows][columns]."),
    NULL(
            "null",
            "null can be compared (== null) or held by an object variable, but not stand for an array, whose elements"
                    + " the derivative code reads. Create the array with new, or pass it in."),
    STREAM(
            "stream",
            "the stream pipeline %s is not differentiated yet. Write it as the loop it runs (for (double v : a) {"
                    + " s += ...; }), which autodiff4j differentiates in every mode."),
    LAMBDA(
            "lambda",
            "%s (a %s) cannot be differentiated through. Write the function as a static method of this class and call it"
                    + " directly."),
    NEW_OBJECT(
            "new-object",
            "creating an object (%s) cannot be differentiated through. Create it in the caller and pass it in as a"
                    + " parameter, or compute with doubles and static methods."),
    INSTANCEOF(
            "instanceof",
            "a type test (%s) cannot be differentiated. Test the type in the caller and pass the outcome in as a boolean"
                    + " parameter."),
    GENERIC_METHOD(
            "generic-method",
            "%s is generic: its parameter %s has type %s, and is passed %s, not an object variable: %s. Pass an"
                    + " object variable (a parameter or local of an object type), or call a non-generic method whose"
                    + " parameter is double or double[]."),
    VIRTUAL_CALL(
            "virtual-call",
            "%s can be overridden, so autodiff4j cannot know which body this call runs. Make the method (or its class)"
                    + " final, or make it static and pass the object in."),
    UNSUPPORTED_STATEMENT(
            "statement",
            "%s cannot be differentiated. Rewrite it with local variables, assignments, branches, loops and return."),
    UNSUPPORTED_EXPRESSION(
            "expression",
            "%s cannot be differentiated. Use double arithmetic, Math functions and calls of static methods whose source is"
                    + " compiled with this class."),
    UNSUPPORTED_TYPE(
            "type",
            "%s has type %s, which autodiff4j cannot differentiate through. Use double or double[] for values to"
                    + " differentiate, int, long, boolean or char (or one-dimensional arrays of int, long or boolean) for the rest."),
    ASSIGNMENT_IN_EXPRESSION(
            "assignment-in-expression",
            "an assignment inside an expression (%s) makes an array variable name another array while the"
                    + " expression still uses the first one, which autodiff4j cannot follow. Write the assignment as a"
                    + " statement of its own."),
    VARARGS(
            "varargs",
            "a call of the varargs method %s cannot be differentiated: its variable arity parameter is not an array of"
                    + " double, double[], int, long or boolean. Declare such a parameter, and pass the values."),
    ACTIVE_STRING(
            "string",
            "the string %s is built from a value with a derivative, which a string cannot carry. Build the string in the"
                    + " print or throw statement that uses it."),
    VOID_CALL(
            "void-call",
            "the call %s returns nothing, and its body is not visible to autodiff4j (an interface's or a library's"
                    + " method), so what it writes cannot be differentiated. Call a method whose source is compiled with"
                    + " this class, or make it return its result, and assign it."),
    FLOAT_TYPE("float", "%s has type %s; autodiff4j differentiates double arithmetic only. Use double."),
    FIELD_WRITE(
            "field-write",
            "assignment to field %s: a @Differentiable method may not write fields. Return the value or keep it in a local"
                    + " variable."),
    OPAQUE_CALL(
            "opaque-call",
            "cannot differentiate through %s: its body is not visible to autodiff4j, and an argument depends on an active"
                    + " parameter. %s"),
    DERIVATIVE_TARGET(
            "derivative-target",
            "@DerivativeOf names %s.%s(%s), which does not exist. Name a method of that class with the same parameters"
                    + " as this one, or set 'of' to the class that declares it."),
    DERIVATIVE_SIGNATURE("derivative-signature", "%s cannot be the derivative of %s: %s."),
    DERIVATIVE_INCOMPLETE(
            "derivative-incomplete",
            "the @DerivativeOf rules for %s give no partial derivative with respect to %s. Add a rule with wrt = that"
                    + " parameter, or one method returning all the partials."),
    RULE_ARRAY_ARGUMENT(
            "rule-array-argument",
            "the @DerivativeOf rules for %s give partial derivatives with respect to its double parameters only, and this"
                    + " call passes %s an array that depends on an active parameter. Pass the elements the function needs as"
                    + " doubles, or remove the rule so that the function's body is differentiated."),
    SECOND_DERIVATIVE(
            "second-derivative",
            "the Hessian needs the derivative of %s, the supplied derivative of %s, but its body cannot be seen. Supply"
                    + " it too, with @DerivativeOf(\"%s\") on a method that computes it."),
    RECURSION("recursion", "%s calls itself (through %s), and %s."),
    INACCESSIBLE(
            "inaccessible",
            "%s is private, so the generated %s cannot read it. Make it package-private, or a compile-time constant."),
    LOOP_CONDITION_CALL(
            "loop-condition-call",
            "%s, called in this loop's condition, would have to be inlined (%s), which autodiff4j cannot"
                    + " do in a do-while condition. Compute the condition into a local variable before the loop and again at"
                    + " the end of its body, and test the variable."),
    OVERLOAD(
            "overload",
            "@Differentiable methods %s share a name; the generated %s record would clash. Rename one of them."),
    NO_SOURCE(
            "no-source",
            "%s has no body (it is abstract, native or an interface method without a default), so autodiff4j has no"
                    + " source to differentiate. Put @Differentiable on a method with a body: the implementation, or a static"
                    + " or default method."),
    NEEDS_JAVAC(
            "needs-javac",
            "autodiff4j needs javac: it reads @Differentiable methods through javac's tree API, which this compiler (%s)"
                    + " does not provide, so no derivatives were generated. Build with javac (Maven's and Gradle's default"
                    + " compiler); in Eclipse, let Maven or Gradle build the project, or turn annotation processing off."),
    VAR_OF_COMPANION(
            "var-of-companion",
            "declare the type of '%s' instead of 'var': javac cannot infer a type from %s while autodiff4j is still"
                    + " generating it from this class. Write %s %s = ..."),
    ZERO_DERIVATIVE(
            "zero-derivative",
            "the result of %s does not depend on any differentiable parameter, so its derivatives are always zero. Make"
                    + " it depend on one, or mark the constant ones @NoDerivative; @SuppressWarnings(\"autodiff4j:zero-derivative\")"
                    + " silences this warning."),
    ZERO_PARTIAL(
            "zero-derivative",
            "the result of %s does not depend on parameter %s, so its partial derivative is always zero. Use the"
                    + " parameter, or mark it @NoDerivative; @SuppressWarnings(\"autodiff4j:zero-derivative\") silences this"
                    + " warning."),
    TOO_LARGE(
            "too-large",
            "%s, a derivative of %s, would take about %d KB of bytecode, more than the 64 KB the JVM allows in one method:"
                    + " %s. %s"),
    TOO_LARGE_MEMBER(
            "too-large",
            "%s, a derivative of %s, would take about %d KB of bytecode, more than the 64 KB the JVM allows in one method"
                    + " (%s), so it is not generated; the other members are. %s"),
    TOO_MANY_PARAMETERS(
            "too-many-parameters",
            "%s, a derivative of %s, would take %d parameter slots (a double takes two), more than the 255 the JVM allows,"
                    + " so %s. To have it, take some of the doubles as one double[] parameter."),
    NAME_CLASH("name-clash", "@Differentiable method %s would generate %s, which %s. Rename %s."),
    NO_ACTIVE_PARAMETER(
            "zero-derivative",
            "%s has no differentiable parameter (%s), so its companion holds only its value and no derivative. The"
                    + " parameters differentiated are those of type double, double[] or double[][] not marked @NoDerivative:"
                    + " take the values to differentiate as such parameters (a record's or an object's fields, and ints, are"
                    + " constants); @SuppressWarnings(\"autodiff4j:zero-derivative\") silences this warning."),
    INTERNAL(
            "internal",
            "autodiff4j failed on %s: %s. This is a bug in autodiff4j; please report it with this method's source. As a"
                    + " workaround, remove @Differentiable from it.");

    /**
     * What to do about an opaque call: a rule to write, ready to fill in, for a static function of doubles returning a
     * double; otherwise, to pass the value in.
     */
    public static String opaqueCallRemedy(ExecutableElement method) {
        List<String> doubles = method.getParameters().stream()
                .filter(p -> p.asType().getKind() == javax.lang.model.type.TypeKind.DOUBLE)
                .map(p -> p.getSimpleName().toString())
                .toList();
        boolean returnsDouble = method.getReturnType().getKind() == javax.lang.model.type.TypeKind.DOUBLE;
        if (!method.getModifiers().contains(Modifier.STATIC) || doubles.isEmpty() || !returnsDouble) {
            return "Compute it outside the @Differentiable method and pass it in as a @NoDerivative parameter, or call a"
                    + " static method whose source is compiled with this class.";
        }
        String name = method.getSimpleName().toString();
        String params = method.getParameters().stream()
                .map(p -> p.asType() + " " + p.getSimpleName())
                .collect(Collectors.joining(", "));
        String owner = method.getEnclosingElement().getSimpleName().toString();
        String body = doubles.size() == 1
                ? "return /* d" + name + "/d" + doubles.get(0) + " */;"
                : "return new double[] {"
                        + doubles.stream()
                                .map(d -> "/* d" + name + "/d" + d + " */")
                                .collect(Collectors.joining(", ")) + "};";
        return "Supply its derivative, for example: @DerivativeOf(value = \"" + name + "\", of = " + owner + ".class)"
                + " static " + (doubles.size() == 1 ? "double" : "double[]") + " " + name + "Derivative(" + params
                + ") { "
                + body + " }";
    }

    private final String tag;
    private final String format;

    Message(String tag, String format) {
        this.tag = tag;
        this.format = format;
    }

    public String tag() {
        return "[autodiff4j:" + tag + "]";
    }

    public String format(Object... args) {
        return tag() + " " + String.format(format, args);
    }
}
