package io.github.autodiff4j.processor;

import io.github.autodiff4j.processor.transform.InlineProblem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every diagnostic the processor reports, one record per message: its arguments are the record's components, so a
 * call site that passes too few or the wrong kind does not compile, and its text, remedy included, is written here
 * and nowhere else. The tag in brackets is stable: tests, documentation and users' searches rely on it, so a tag is
 * never reused for a different problem (several records may share one: the variants of one problem). Each message
 * says what cannot be differentiated and what to do instead.
 *
 * <p>To report one: in the front end's readers, {@code throw scope.reject(path, new Message.Try())}, which its
 * statement catches and prints; elsewhere, {@code diagnostics.error(element, new Message.NoSource(...))}. To add one:
 * a record here with its tag and its text (a constant format, whose arguments Error Prone counts), an example in
 * {@code MessageCatalogueTest} with its rendering in {@code messages.txt}, and a test that spells its tag out
 * ({@code MessageTagsTest} checks there is one).
 */
public sealed interface Message {
    /** The stable tag, without brackets: {@code try}. */
    String tag();

    /** The sentence after the tag: what is wrong, and what to do. */
    String text();

    /** The message as printed: {@code [autodiff4j:try] a try statement ...}. */
    default String render() {
        return "[autodiff4j:" + tag() + "] " + text();
    }

    // --- The method's declaration ---

    /** A private {@code @Differentiable} method, which the companion cannot call. */
    record PrivateMethod(String method, String companion) implements Message {
        @Override
        public String tag() {
            return "private-method";
        }

        @Override
        public String text() {
            return String.format(
                    "@Differentiable method %s is private, so the generated %s cannot call it. Make it"
                            + " package-private or public.",
                    method, companion);
        }
    }

    /** A {@code @Differentiable} method returning neither double nor double[]. */
    record ReturnType(String method, String type) implements Message {
        @Override
        public String tag() {
            return "return-type";
        }

        @Override
        public String text() {
            return String.format(
                    "@Differentiable method %s returns %s; it must return double (a scalar function), double[] or a"
                            + " record of doubles (a vector function). Return the quantity to differentiate; a matrix,"
                            + " or an array of records, as its entries row by row in one double[], whose Jacobian then"
                            + " has a row per entry.",
                    method, type);
        }
    }

    /** A {@code float} (or boxed) parameter, which is not differentiated. */
    record FloatParameter(String parameter, String type) implements Message {
        @Override
        public String tag() {
            return "float-parameter";
        }

        @Override
        public String text() {
            return String.format(
                    "parameter %s has type %s, which autodiff4j does not differentiate. Declare it as double.",
                    parameter, type);
        }
    }

    /** A parameter of a type a {@code @Differentiable} method cannot take. */
    record UnsupportedParameter(String parameter, String type) implements Message {
        @Override
        public String tag() {
            return "parameter-type";
        }

        @Override
        public String text() {
            return String.format(
                    "parameter %s has type %s, which a @Differentiable method cannot take. Use double or double[] for"
                            + " a value to differentiate, or int, long, boolean, their arrays or an object type for a"
                            + " constant.",
                    parameter, type);
        }
    }

    /** An active parameter named {@code value}, like the gradient record's value component. */
    record ParameterNamedValue(String record) implements Message {
        @Override
        public String tag() {
            return "parameter-named-value";
        }

        @Override
        public String text() {
            return String.format(
                    "active parameter 'value' clashes with the 'value' component of the generated %s record. Rename"
                            + " the parameter.",
                    record);
        }
    }

    /** Two {@code @Differentiable} methods of one name, whose records would clash. */
    record Overload(String method, String record) implements Message {
        @Override
        public String tag() {
            return "overload";
        }

        @Override
        public String text() {
            return String.format(
                    "@Differentiable methods %s share a name; the generated %s record would clash. Rename one of"
                            + " them.",
                    method, record);
        }
    }

    /**
     * A {@code @Differentiable} method without a body to read.
     *
     * @param method the method as javac renders it: {@code f(double)}
     */
    record NoSource(String method) implements Message {
        @Override
        public String tag() {
            return "no-source";
        }

        @Override
        public String text() {
            return String.format(
                    "%s has no body (it is abstract, native or an interface method without a default), so autodiff4j"
                            + " has no source to differentiate. Put @Differentiable on a method with a body: the"
                            + " implementation, or a static or default method.",
                    method);
        }
    }

    // --- Statements ---

    /** A try statement. */
    record Try() implements Message {
        @Override
        public String tag() {
            return "try";
        }

        @Override
        public String text() {
            return "a try statement cannot be differentiated. Move the try/catch out of the @Differentiable method,"
                    + " into its caller.";
        }
    }

    /** A synchronized block. */
    record Synchronized() implements Message {
        @Override
        public String tag() {
            return "synchronized";
        }

        @Override
        public String text() {
            return "a synchronized block cannot be differentiated, and a @Differentiable method has no shared state to"
                    + " guard. Remove it, or take the lock in the caller.";
        }
    }

    /**
     * A local class, record, interface or enum.
     *
     * @param kind {@code class}, {@code record}, {@code interface}, {@code enum}, {@code annotation type}
     */
    record LocalClass(String kind) implements Message {
        @Override
        public String tag() {
            return "local-class";
        }

        @Override
        public String text() {
            return String.format(
                    "a local %s cannot be differentiated through. Declare what it computes as a static method of the"
                            + " enclosing class, taking and returning doubles, and call that.",
                    kind);
        }
    }

    /**
     * A private class that generated code would have to name: the class of a {@code @Differentiable} method, the type
     * of a parameter or a value, or the class whose field or method the code uses.
     *
     * @param what what needs the class: {@code parameter n}, {@code field w}, {@code method sq}
     * @param type the private class's simple name
     */
    record PrivateClass(String what, String type) implements Message {
        @Override
        public String tag() {
            return "private-class";
        }

        @Override
        public String text() {
            return String.format(
                    "%s needs the private class %s, which the generated companion, another class of the package,"
                            + " cannot name. Make %s package-private (drop 'private').",
                    what, type, type);
        }
    }

    /**
     * A record of doubles built with a constructor autodiff4j cannot inline: one that is not canonical, or a canonical
     * one written in full (assigning its fields).
     *
     * @param creation the {@code new} expression
     * @param record the record's simple name
     */
    record RecordConstructor(String creation, String record) implements Message {
        @Override
        public String tag() {
            return "record-constructor";
        }

        @Override
        public String text() {
            return String.format(
                    "%s calls a constructor of %s that autodiff4j cannot read: it reads the canonical constructor, as"
                            + " Java declares it or as a compact constructor checking or adjusting its arguments (%s {"
                            + " ... }). Call the canonical constructor, from a static factory method if you need"
                            + " another form, or write the constructor as a compact one.",
                    creation, record, record);
        }
    }

    /**
     * A record that declares its canonical constructor, which javac rejects once a processor has read the record's
     * code (JDK-8387215): nested in a class with {@code @Differentiable} methods, or its methods called by one.
     *
     * @param record the record's simple name
     */
    record JavacRecordConstructor(String record) implements Message {
        @Override
        public String tag() {
            return "javac-record-constructor";
        }

        @Override
        public String text() {
            return String.format(
                    "record %s declares its canonical constructor, which javac 17 to 25 then rejects (\"canonical"
                            + " constructor must not contain explicit constructor invocation\", JDK-8387215) once an"
                            + " annotation processor reads %s's code. Declare %s at the top level, in a file of its"
                            + " own, and call none of its methods from @Differentiable code (a static method of"
                            + " another class can take the record): autodiff4j reads its constructor's checks without"
                            + " javac.",
                    record, record, record);
        }
    }

    /**
     * A parameter of a record type that holds doubles but is not a record of doubles: a constant, whose doubles get no
     * derivative.
     *
     * @param component its first component of another type, with the type: {@code label, a String}
     */
    record ConstantRecord(String param, String record, String component) implements Message {
        @Override
        public String tag() {
            return "constant-record";
        }

        @Override
        public String text() {
            return String.format(
                    "parameter %s is a record %s with a component autodiff4j does not differentiate (%s), so %s is a"
                            + " constant and its doubles get no derivative. Keep the doubles in a record of doubles"
                            + " (records of such records nest, arrays of them too), or mark %s @NoDerivative to say it"
                            + " is meant.",
                    param, record, component, param, param);
        }
    }

    /** Two records compared with {@code ==} or {@code !=}: their identity, which autodiff4j does not keep. */
    record RecordIdentity(String comparison) implements Message {
        @Override
        public String tag() {
            return "record-identity";
        }

        @Override
        public String text() {
            return String.format(
                    "%s compares two records by identity, which autodiff4j does not keep: it computes with their"
                            + " components. Compare them with equals (their values), or compare their components.",
                    comparison);
        }
    }

    /** A switch on a type other than int, char, String or an enum. */
    record SwitchType(String type) implements Message {
        @Override
        public String tag() {
            return "switch-type";
        }

        @Override
        public String text() {
            return String.format(
                    "a switch on %s cannot be differentiated: only switches on int, char, String or an enum can."
                            + " Switch on one of those, or branch with if and else.",
                    type);
        }
    }

    /** A for-each loop over something other than an array. */
    record ForEach(String iterable, String type) implements Message {
        @Override
        public String tag() {
            return "for-each";
        }

        @Override
        public String text() {
            return String.format(
                    "a for-each loop over %s (a %s) cannot be differentiated: only loops over arrays can. Pass the"
                            + " values as a double[] (or int[], long[], boolean[]) and loop over that.",
                    iterable, type);
        }
    }

    /** A call whose result is dropped. */
    record UnusedResult(String call) implements Message {
        @Override
        public String tag() {
            return "unused-result";
        }

        @Override
        public String text() {
            return String.format(
                    "the result of %s is unused, and the method's body is not visible (a JDK or library method):"
                            + " what the call does besides returning cannot be differentiated. Assign the result to a"
                            + " local variable, or call a method of this build.",
                    call);
        }
    }

    /** A call of a void method whose body is not visible. */
    record VoidCall(String call) implements Message {
        @Override
        public String tag() {
            return "void-call";
        }

        @Override
        public String text() {
            return String.format(
                    "the call %s returns nothing, and its body is not visible to autodiff4j (an interface's or a"
                            + " library's method), so what it writes cannot be differentiated. Call a method whose"
                            + " source is compiled with this class, or make it return its result, and assign it.",
                    call);
        }
    }

    /**
     * Any other statement outside the supported subset.
     *
     * @param construct the statement as the user wrote it, or what it does: {@code 'x++' (postfix increment)}
     */
    record UnsupportedStatement(String construct) implements Message {
        @Override
        public String tag() {
            return "statement";
        }

        @Override
        public String text() {
            return String.format(
                    "%s cannot be differentiated. Rewrite it with local variables, assignments, branches, loops and"
                            + " return.",
                    construct);
        }
    }

    /** A whole row of a matrix assigned ({@code m[i] = m[p]}, a pivoting swap). */
    record RowAssignment(String row) implements Message {
        @Override
        public String tag() {
            return "statement";
        }

        @Override
        public String text() {
            return String.format(
                    "assigning a whole row of a matrix (%s) cannot be differentiated: the derivative code keeps the"
                            + " adjoint of each row of the matrix it was given, row for row. Swap or copy the rows'"
                            + " elements instead, in a loop over the columns (for (int j = 0; j < n; j++) { double t ="
                            + " m[i][j]; m[i][j] = m[p][j]; m[p][j] = t; }), or keep the order in an int[] and index the"
                            + " rows through it.",
                    row);
        }
    }

    /** {@code System.arraycopy} between arrays of two types, or between matrices' rows. */
    record ArraycopyTypes(String source, String destination) implements Message {
        @Override
        public String tag() {
            return "statement";
        }

        @Override
        public String text() {
            return new UnsupportedStatement("System.arraycopy between " + source + " and " + destination
                            + " (only between two arrays of one type of number, not between matrices' rows)")
                    .text();
        }
    }

    /** An assignment to a field, or to an element of a field's array. */
    record FieldWrite(String field) implements Message {
        @Override
        public String tag() {
            return "field-write";
        }

        @Override
        public String text() {
            return String.format(
                    "assignment to field %s: a @Differentiable method may not write fields (the derivative code"
                            + " follows no value through a field, and its sweeps would repeat the write). Return the"
                            + " value or keep it in a local variable; count or record calls in the caller, around the"
                            + " call.",
                    field);
        }
    }

    // --- Expressions and types ---

    /**
     * Any other expression outside the supported subset.
     *
     * @param construct the expression as the user wrote it, or what it does
     */
    record UnsupportedExpression(String construct) implements Message {
        @Override
        public String tag() {
            return "expression";
        }

        @Override
        public String text() {
            return String.format(
                    "%s cannot be differentiated. Use double arithmetic, Math functions and calls of static methods"
                            + " whose source is compiled with this class.",
                    construct);
        }
    }

    /**
     * A value of a type the derivative code cannot carry: {@code short}, a boxed number.
     *
     * @param what the value that has the type: {@code local variable n}
     */
    record UnsupportedType(String what, String type) implements Message {
        @Override
        public String tag() {
            return "type";
        }

        @Override
        public String text() {
            return String.format(
                    "%s has type %s, which autodiff4j cannot differentiate through. Use double or double[] for values"
                            + " to differentiate, int, long, boolean or char (or one-dimensional arrays of int, long or"
                            + " boolean) for the rest.",
                    what, type);
        }
    }

    /**
     * A {@code float} value: a literal, a cast, a local, a {@code Math} overload.
     *
     * @param what the value that has the type: {@code literal 1.5f}
     */
    record FloatType(String what, String type) implements Message {
        @Override
        public String tag() {
            return "float";
        }

        @Override
        public String text() {
            return String.format(
                    "%s has type %s; autodiff4j differentiates double arithmetic only. Use double.", what, type);
        }
    }

    /** A matrix whose rows are left unallocated: {@code new double[n][]}. */
    record RaggedArray(String creation) implements Message {
        @Override
        public String tag() {
            return "ragged-array";
        }

        @Override
        public String text() {
            return String.format(
                    "an array whose rows are left unallocated (%s) cannot be differentiated. Give every dimension's"
                            + " length, as in new double[rows][columns].",
                    creation);
        }
    }

    /** {@code null} standing for an array. */
    record Null() implements Message {
        @Override
        public String tag() {
            return "null";
        }

        @Override
        public String text() {
            return "null can be compared (== null) or held by an object variable, but not stand for an array, whose"
                    + " elements the derivative code reads. Create the array with new, or pass it in.";
        }
    }

    /**
     * A stream pipeline that is not read as a loop, reported once for the whole pipeline.
     *
     * @param what the call (or source, or method reference) it does not read
     * @param read the pipelines it does read
     */
    record Stream(String pipeline, String what, String read) implements Message {
        @Override
        public String tag() {
            return "stream";
        }

        @Override
        public String text() {
            return String.format(
                    "the stream pipeline %s is not one autodiff4j reads as the loop it runs, for %s (%s). Write it as"
                            + " that loop (for (double v : a) { s += ...; }), which autodiff4j differentiates in every"
                            + " mode.",
                    pipeline, what, read);
        }
    }

    /** A lambda or a method reference. */
    record Lambda(String function, FunctionKind kind) implements Message {
        /** How the function value is written. */
        public enum FunctionKind {
            LAMBDA("lambda"),
            METHOD_REFERENCE("method reference");

            private final String text;

            FunctionKind(String text) {
                this.text = text;
            }
        }

        @Override
        public String tag() {
            return "lambda";
        }

        @Override
        public String text() {
            return String.format(
                    "%s (a %s) cannot be differentiated through. Write the function as a static method of this class"
                            + " and call it directly.",
                    function, kind.text);
        }
    }

    /** The creation of an object, outside a throw statement. */
    record NewObject(String creation) implements Message {
        @Override
        public String tag() {
            return "new-object";
        }

        @Override
        public String text() {
            return String.format(
                    "creating an object (%s) cannot be differentiated through. Create it in the caller and pass it in"
                            + " as a parameter, or compute with doubles and static methods.",
                    creation);
        }
    }

    /** A type test. */
    record InstanceOf(String test) implements Message {
        @Override
        public String tag() {
            return "instanceof";
        }

        @Override
        public String text() {
            return String.format(
                    "a type test (%s) cannot be differentiated. Test the type in the caller and pass the outcome in as"
                            + " a boolean parameter.",
                    test);
        }
    }

    /** An assignment inside an expression that makes an array variable name another array. */
    record AssignmentInExpression(String assignment) implements Message {
        @Override
        public String tag() {
            return "assignment-in-expression";
        }

        @Override
        public String text() {
            return String.format(
                    "an assignment inside an expression (%s) makes an array variable name another array while the"
                            + " expression still uses the first one, which autodiff4j cannot follow. Write the"
                            + " assignment as a statement of its own.",
                    assignment);
        }
    }

    /** A private static field that is not a compile-time constant, which the companion cannot read. */
    record Inaccessible(String field) implements Message {
        @Override
        public String tag() {
            return "inaccessible";
        }

        @Override
        public String text() {
            return String.format(
                    "field %s is private, so the generated companion class cannot read it. Make it package-private, or"
                            + " a compile-time constant.",
                    field);
        }
    }

    // --- Calls ---

    /**
     * A helper's type variable stands for a value that is not an object variable.
     *
     * @param argumentType the Java type of the value passed
     * @param differentiable whether that value has a derivative, which boxing would lose
     */
    record GenericMethod(
            String method, String parameter, String parameterType, String argumentType, boolean differentiable)
            implements Message {
        @Override
        public String tag() {
            return "generic-method";
        }

        @Override
        public String text() {
            return String.format(
                    "%s is generic: its parameter %s has type %s, and is passed a value of type %s, not an object"
                            + " variable: %s. Pass an object variable (a parameter or local of an object type), or"
                            + " call a non-generic method whose parameter is double or double[].",
                    method,
                    parameter,
                    parameterType,
                    argumentType,
                    differentiable
                            ? "boxed, it would lose its derivative"
                            : "the helper's body, read with it, would see an Object");
        }
    }

    /** A call of a varargs helper whose variable arity parameter holds objects. */
    record Varargs(String method) implements Message {
        @Override
        public String tag() {
            return "varargs";
        }

        @Override
        public String text() {
            return String.format(
                    "a call of the varargs method %s cannot be differentiated: its variable arity parameter is not an"
                            + " array of double, double[], int, long or boolean. Declare such a parameter, and pass the"
                            + " values.",
                    method);
        }
    }

    /**
     * An active call of a method a subclass could override.
     *
     * @param method {@code Owner.name(parameter types)}
     */
    record VirtualCall(String method) implements Message {
        @Override
        public String tag() {
            return "virtual-call";
        }

        @Override
        public String text() {
            return String.format(
                    "%s can be overridden, so autodiff4j cannot know which body this call runs. Make the method (or its"
                            + " class) final, or make it static and pass the object in.",
                    method);
        }
    }

    /**
     * A call with active arguments of a method whose body is not visible.
     *
     * @param method {@code Owner.name(parameter types)}
     * @param rule the rule to suggest, for a static function of doubles returning a double; empty: pass the value in
     */
    record OpaqueCall(String method, Optional<RuleSketch> rule) implements Message {
        /**
         * A static function of doubles returning a double, for which a {@code @DerivativeOf} rule can be sketched.
         *
         * @param parameters each parameter as declared: {@code double x}
         * @param doubles the names of the double parameters, one partial derivative each
         */
        public record RuleSketch(String owner, String name, List<String> parameters, List<String> doubles) {
            public RuleSketch {
                parameters = List.copyOf(parameters);
                doubles = List.copyOf(doubles);
            }
        }

        @Override
        public String tag() {
            return "opaque-call";
        }

        @Override
        public String text() {
            return String.format(
                    "cannot differentiate through %s: its body is not visible to autodiff4j, and an argument depends"
                            + " on an active parameter. %s",
                    method, rule.map(OpaqueCall::ruleRemedy).orElse(PASS_IT_IN));
        }

        private static final String PASS_IT_IN =
                "Compute it outside the @Differentiable method and pass it in as a @NoDerivative parameter, or call a"
                        + " static method whose source is compiled with this class.";

        /** The rule to write, ready to fill in. */
        private static String ruleRemedy(RuleSketch f) {
            String body = f.doubles().size() == 1
                    ? "return /* d" + f.name() + "/d" + f.doubles().get(0) + " */;"
                    : "return new double[] {"
                            + f.doubles().stream()
                                    .map(d -> "/* d" + f.name() + "/d" + d + " */")
                                    .collect(Collectors.joining(", "))
                            + "};";
            return "Supply its derivative, for example: @DerivativeOf(value = \"" + f.name() + "\", of = " + f.owner()
                    + ".class) static " + (f.doubles().size() == 1 ? "double" : "double[]") + " " + f.name()
                    + "Derivative(" + String.join(", ", f.parameters()) + ") { " + body + " }";
        }
    }

    /**
     * A recursive call that cannot go through the members generated for the method, and why.
     *
     * @param chain the calls that lead back to the method, itself first and last
     * @param detail what {@code why} names: the result type, the object parameter; null otherwise
     */
    record Recursion(String method, List<String> chain, InlineProblem.Recursion.Why why, String detail)
            implements Message {
        public Recursion {
            chain = List.copyOf(chain);
        }

        @Override
        public String tag() {
            return "recursion";
        }

        @Override
        public String text() {
            return String.format("%s calls itself (through %s), and %s.", method, String.join(" -> ", chain), reason());
        }

        private String reason() {
            return switch (why) {
                case RESULT ->
                    "it returns " + detail + ", where a recursion differentiated through generated"
                            + " members must return a double or a double[]: write it as a loop, or return one double[]"
                            + " per call";
                case NO_BODY -> "its body cannot be read";
                case WRITES_PARAMETER ->
                    "it writes into an array it is passed (here), which the members its"
                            + " recursive calls go through cannot take back: return the values it computes instead, or"
                            + " write the recursion as a loop";
                case RETURNS_PARAMETER ->
                    "it may return an array it is passed (here), which its callers would take for a new"
                            + " array, losing what flows through the alias: return a copy (v.clone()) instead";
                case TOO_MANY_SLOTS ->
                    "its derivatives would take more than the JVM's 255 parameter slots (a double"
                            + " takes two): take some of the doubles as one double[] parameter";
            };
        }
    }

    /**
     * A call in a do-while condition that would have to be inlined.
     *
     * @param isPrivate why it must be: it is private, or else it is passed an array it may write into
     */
    record LoopConditionCall(String method, boolean isPrivate) implements Message {
        @Override
        public String tag() {
            return "loop-condition-call";
        }

        @Override
        public String text() {
            return String.format(
                    "%s, called in this loop's condition, would have to be inlined (%s), which autodiff4j cannot do in"
                            + " a do-while condition. Compute the condition into a local variable before the loop and"
                            + " again at the end of its body, and test the variable.",
                    method,
                    isPrivate
                            ? "it is private, so the generated companion class cannot call it"
                            : "it is passed an array it may write into, whose old elements the derivative needs back");
        }
    }

    /**
     * A String local built from an active value.
     *
     * @param variable the String local built from an active value
     */
    record ActiveString(String variable) implements Message {
        @Override
        public String tag() {
            return "string";
        }

        @Override
        public String text() {
            return String.format(
                    "the string %s is built from a value with a derivative, which a string cannot carry. Build the"
                            + " string in the print or throw statement that uses it.",
                    variable);
        }
    }

    // --- Supplied derivatives (@DerivativeOf) ---

    /** A {@code @DerivativeOf} rule naming a function that does not exist. */
    record DerivativeTarget(String owner, String function, String parameters) implements Message {
        @Override
        public String tag() {
            return "derivative-target";
        }

        @Override
        public String text() {
            return String.format(
                    "@DerivativeOf names %s.%s(%s), which does not exist. Name a method of that class with the same"
                            + " parameters as this one, or set 'of' to the class that declares it.",
                    owner, function, parameters);
        }
    }

    /** A rule whose signature cannot be the derivative of its function, and why. */
    record DerivativeSignature(String derivative, String function, SignatureProblem problem) implements Message {
        @Override
        public String tag() {
            return "derivative-signature";
        }

        @Override
        public String text() {
            return String.format("%s cannot be the derivative of %s: %s.", derivative, function, problem.text());
        }
    }

    /** What is wrong with a rule's signature, said as what it must be. */
    sealed interface SignatureProblem {
        String text();

        record WrtNotDouble(String wrt, String function) implements SignatureProblem {
            @Override
            public String text() {
                return "wrt = \"" + wrt + "\" must name a double parameter of " + function;
            }
        }

        record PartialNotDouble(String wrt) implements SignatureProblem {
            @Override
            public String text() {
                return "it must return double, the partial derivative with respect to " + wrt;
            }
        }

        record NoDoubleParameter() implements SignatureProblem {
            @Override
            public String text() {
                return "the function has no double parameter to differentiate";
            }
        }

        record NotDouble() implements SignatureProblem {
            @Override
            public String text() {
                return "it must return double, the derivative with respect to the one double parameter";
            }
        }

        record NotDoubleArray(long doubles) implements SignatureProblem {
            @Override
            public String text() {
                return "it must return double[], one partial derivative per double parameter (" + doubles + ")";
            }
        }

        record NotStatic() implements SignatureProblem {
            @Override
            public String text() {
                return "both methods must be static";
            }
        }

        record Private() implements SignatureProblem {
            @Override
            public String text() {
                return "it must not be private: generated code calls it";
            }
        }
    }

    /**
     * Rules that leave out a partial derivative a call needs.
     *
     * @param missing the parameters passed active arguments that no rule gives a partial for
     */
    record DerivativeIncomplete(String function, List<String> missing) implements Message {
        public DerivativeIncomplete {
            missing = List.copyOf(missing);
        }

        @Override
        public String tag() {
            return "derivative-incomplete";
        }

        @Override
        public String text() {
            return String.format(
                    "the @DerivativeOf rules for %s give no partial derivative with respect to %s. Add a rule with wrt"
                            + " = that parameter, or one method returning all the partials.",
                    function, String.join(", ", missing));
        }
    }

    /**
     * A function with a supplied derivative, passed an active array.
     *
     * @param arrays the parameters passed arrays that depend on an active parameter
     */
    record RuleArrayArgument(String function, List<String> arrays) implements Message {
        public RuleArrayArgument {
            arrays = List.copyOf(arrays);
        }

        @Override
        public String tag() {
            return "rule-array-argument";
        }

        @Override
        public String text() {
            return String.format(
                    "the @DerivativeOf rules for %s give partial derivatives with respect to its double parameters"
                            + " only, and this call passes %s an array that depends on an active parameter. Pass the"
                            + " elements the function needs as doubles, or remove the rule so that the function's body"
                            + " is differentiated.",
                    function, String.join(", ", arrays));
        }
    }

    /**
     * A supplied partial derivative the Hessian must differentiate, with no rule and no body.
     *
     * @param partial the supplied partial derivative the Hessian must differentiate
     * @param function the function it is the derivative of
     */
    record SecondDerivative(String partial, String function) implements Message {
        @Override
        public String tag() {
            return "second-derivative";
        }

        @Override
        public String text() {
            return String.format(
                    "the Hessian needs the derivative of %s, the supplied derivative of %s, but its body cannot be"
                            + " seen. Supply it too, with @DerivativeOf(\"%s\") on a method that computes it.",
                    partial, function, partial);
        }
    }

    // --- Names the companion generates (all [autodiff4j:name-clash]) ---

    /** Two classes whose companions have one name: {@code p.Outer.Inner} and {@code p.Outer_Inner}. */
    record CompanionShared(String method, String companion, String otherClass) implements Message {
        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            return nameClash(
                    method,
                    "class " + companion,
                    "is the companion of " + otherClass + " too",
                    "one of the two classes");
        }
    }

    /** A class of the companion's name exists already: the user's own, or another processor's. */
    record CompanionExists(String method, String companion, String filerMessage) implements Message {
        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            return nameClash(method, "class " + companion, "exists already (" + filerMessage + ")", "that class");
        }
    }

    /**
     * A record or member name the companion has given out already.
     *
     * @param generated what is generated: {@code record FGradient}, {@code member fGrad}
     */
    record NameTaken(String method, String generated, Holder holder) implements Message {
        /** Who has the name. */
        public sealed interface Holder {
            /** The companion class itself has the name. */
            record Companion() implements Holder {}

            /** One of the companion's own private helpers has it. */
            record Helper() implements Holder {}

            /** An earlier {@code @Differentiable} method generates it. */
            record Method(String method) implements Holder {}
        }

        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            String which;
            if (holder instanceof Holder.Method earlier) {
                which = "@Differentiable method " + earlier.method() + " generates too";
            } else if (holder instanceof Holder.Helper) {
                which = "the companion has as a helper";
            } else {
                which = "is the companion's own name";
            }
            return nameClash(method, generated, which, "one of them");
        }
    }

    /** Two private fields whose handles in the companion have one name. */
    record HandleTaken(String method, String handle, String field, String earlierField, String earlierOwner)
            implements Message {
        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            return nameClash(
                    method,
                    "the handle " + handle + " for private field " + field,
                    "the companion already has for field " + earlierField + " of " + earlierOwner,
                    "one of the two fields");
        }
    }

    /** Two parameters whose partial members have one name: {@code t} and {@code T} both give {@code fPartialT}. */
    record PartialsOfOneName(String method, String member, String parameter, String other) implements Message {
        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            return nameClash(
                    method,
                    "member " + member + " for the partial derivative by " + parameter,
                    "it generates for parameter " + other + " too",
                    "one of the two parameters");
        }
    }

    /** An active parameter named like a method of {@code Object}, which a record component cannot be. */
    record RecordComponent(String method, String record, String component) implements Message {
        @Override
        public String tag() {
            return NAME_CLASH;
        }

        @Override
        public String text() {
            return nameClash(
                    method,
                    "record " + record + " with a component " + component,
                    "Java does not allow in a record",
                    "the parameter");
        }
    }

    // --- Warnings about derivatives that are always zero ---

    /** A result that depends on no differentiable parameter (a warning). */
    record ZeroDerivative(String method) implements Message {
        @Override
        public String tag() {
            return "zero-derivative";
        }

        @Override
        public String text() {
            return String.format(
                    "the result of %s does not depend on any differentiable parameter, so its derivatives are always"
                            + " zero. Make it depend on one, or mark the constant ones @NoDerivative;"
                            + " @SuppressWarnings(\"autodiff4j:zero-derivative\") silences this warning.",
                    method);
        }
    }

    /** A result that does not depend on one differentiable parameter (a warning). */
    record ZeroPartial(String method, String parameter) implements Message {
        @Override
        public String tag() {
            return "zero-derivative";
        }

        @Override
        public String text() {
            return String.format(
                    "the result of %s does not depend on parameter %s, so its partial derivative is always zero. Use"
                            + " the parameter, or mark it @NoDerivative; @SuppressWarnings(\"autodiff4j:zero-derivative\")"
                            + " silences this warning.",
                    method, parameter);
        }
    }

    /**
     * A method with no differentiable parameter: its companion holds only its value.
     *
     * @param constants why each parameter is a constant, in order; empty: it has none
     */
    record NoActiveParameter(String method, List<Constant> constants) implements Message {
        /** Why one parameter is a constant. */
        public sealed interface Constant {
            /** The receiver of an instance method: its fields are constants. */
            record Receiver() implements Constant {}

            /** A parameter marked {@code @NoDerivative}. */
            record NoDerivative(String parameter) implements Constant {}

            /** A parameter of a type that carries no derivative: an {@code int}, a record, an object. */
            record OfType(String parameter, String type) implements Constant {}
        }

        public NoActiveParameter {
            constants = List.copyOf(constants);
        }

        @Override
        public String tag() {
            return "zero-derivative";
        }

        @Override
        public String text() {
            return String.format(
                    "%s has no differentiable parameter (%s), so its companion holds only its value and no derivative."
                            + " The parameters differentiated are those of type double, double[] or double[][] not"
                            + " marked @NoDerivative: take the values to differentiate as such parameters (a record's"
                            + " or an object's fields, and ints, are constants);"
                            + " @SuppressWarnings(\"autodiff4j:zero-derivative\") silences this warning.",
                    method,
                    constants.isEmpty()
                            ? "it has no parameters"
                            : constants.stream().map(NoActiveParameter::why).collect(Collectors.joining(", ")));
        }

        private static String why(Constant constant) {
            if (constant instanceof Constant.NoDerivative c) {
                return c.parameter() + " is @NoDerivative";
            } else if (constant instanceof Constant.OfType c) {
                return c.parameter() + " is a constant " + c.type();
            }
            return "the object's fields are constants";
        }
    }

    // --- The JVM's limits on one method ---

    /**
     * A required member (the gradient) past 64 KB of bytecode: the method is not generated.
     *
     * @param helpers the helpers the method inlines, which made it that large; empty: its own body is that long
     */
    record TooLarge(String member, String method, long kilobytes, List<String> helpers) implements Message {
        public TooLarge {
            helpers = List.copyOf(helpers);
        }

        @Override
        public String tag() {
            return "too-large";
        }

        @Override
        public String text() {
            return String.format(
                    "%s, a derivative of %s, would take about %d KB of bytecode, more than the 64 KB the JVM allows in"
                            + " one method: %s. %s",
                    member, method, kilobytes, whyLarge(helpers), shrinkIt(helpers) + ".");
        }
    }

    /**
     * A member that takes a direction (the JVP, the Hessian) past 64 KB: it alone is left out.
     *
     * @param helpers as for {@link TooLarge}
     * @param hessian whether the member is the Hessian's, which a numerical estimate can stand in for
     */
    record TooLargeMember(String member, String method, long kilobytes, List<String> helpers, boolean hessian)
            implements Message {
        public TooLargeMember {
            helpers = List.copyOf(helpers);
        }

        @Override
        public String tag() {
            return "too-large";
        }

        @Override
        public String text() {
            return String.format(
                    "%s, a derivative of %s, would take about %d KB of bytecode, more than the 64 KB the JVM allows in"
                            + " one method (%s), so it is not generated; the other members are. %s",
                    member,
                    method,
                    kilobytes,
                    whyLarge(helpers),
                    shrinkIt(helpers)
                            + (hessian
                                    ? "; or estimate second derivatives numerically, with NumericDiff.jacobian of "
                                            + method + "Grad."
                                    : "."));
        }
    }

    /**
     * A member past the JVM's 255 parameter slots.
     *
     * @param required whether the member is one the method cannot go without, so that it is not differentiated
     */
    record TooManyParameters(String member, String method, int slots, boolean required) implements Message {
        @Override
        public String tag() {
            return "too-many-parameters";
        }

        @Override
        public String text() {
            return String.format(
                    "%s, a derivative of %s, would take %d parameter slots (a double takes two), more than the 255 the"
                            + " JVM allows, so %s. To have it, take some of the doubles as one double[] parameter.",
                    member,
                    method,
                    slots,
                    required ? "the method is not differentiated" : "it is not generated, and the other members are");
        }
    }

    // --- The environment, and autodiff4j's own failures ---

    /**
     * A compiler without javac's tree API: nothing is generated.
     *
     * @param compiler the class of the environment the compiler gave, which names it
     */
    record NeedsJavac(String compiler) implements Message {
        @Override
        public String tag() {
            return "needs-javac";
        }

        @Override
        public String text() {
            return String.format(
                    "autodiff4j needs javac: it reads @Differentiable methods through javac's tree API, which this"
                            + " compiler (%s) does not provide, so no derivatives were generated. Build with javac"
                            + " (Maven's and Gradle's default compiler); in Eclipse, let Maven or Gradle build the"
                            + " project, or turn annotation processing off.",
                    compiler);
        }
    }

    /**
     * A {@code var} local initialized from the companion this round generates.
     *
     * @param type the type the companion member returns, as the user should declare it
     */
    record VarOfCompanion(String variable, String companion, String source, String type) implements Message {
        @Override
        public String tag() {
            return "var-of-companion";
        }

        @Override
        public String text() {
            return String.format(
                    "declare the type of '%s' instead of 'var': javac cannot infer a type from %s while autodiff4j is"
                            + " still generating it from %s. Write %s %s = ...",
                    variable, companion, source, type, variable);
        }
    }

    /**
     * A failure inside autodiff4j: a bug.
     *
     * @param where what failed: {@code this round}, a method, a class
     * @param failure the exception and where it happened
     */
    record Internal(String where, String failure) implements Message {
        @Override
        public String tag() {
            return "internal";
        }

        @Override
        public String text() {
            return String.format(
                    "autodiff4j failed on %s: %s. This is a bug in autodiff4j; please report it with this method's"
                            + " source. As a workaround, remove @Differentiable from it.",
                    where, failure);
        }
    }

    // --- Shared wording ---

    /** The tag of every name clash: the companion would have two things of one name. */
    String NAME_CLASH = "name-clash";

    private static String nameClash(String method, String generated, String which, String rename) {
        return String.format(
                "@Differentiable method %s would generate %s, which %s. Rename %s.", method, generated, which, rename);
    }

    /** Why a derivative is that large: the helpers it inlines, or else its own body. */
    private static String whyLarge(List<String> helpers) {
        return helpers.isEmpty()
                ? "its own body is that long"
                : "it inlines the bodies of " + String.join(", ", helpers);
    }

    /** What makes it smaller, without the final period. */
    private static String shrinkIt(List<String> helpers) {
        return helpers.isEmpty()
                ? "Write repeated statements as a loop over an array, whose derivative code is written once rather than"
                        + " once per statement, or differentiate a smaller method"
                : "Call the large helpers from fewer places (once in a loop rather than in several expressions), give"
                        + " one a @DerivativeOf rule so that its body is not copied in, or differentiate a smaller"
                        + " method";
    }
}
