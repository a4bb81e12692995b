package io.github.autodiff4j.processor.transform;

import io.github.autodiff4j.processor.ir.MethodRef;
import io.github.autodiff4j.processor.ir.Origin;
import java.util.List;

/** A call the {@link Inliner} cannot inline, for the front end to report at its origin. */
public sealed interface InlineProblem {

    Origin origin();

    /**
     * A call in a do-while loop's condition that must be inlined although its value is not differentiated.
     *
     * @param isPrivate why it must be: it is private (the companion cannot call it), or else it is passed an array it
     *     may write into
     */
    record LoopConditionCall(Origin origin, String method, boolean isPrivate) implements InlineProblem {}

    /** A function with a supplied derivative passed active arrays, whose partials a rule cannot give. */
    record RuleArrayArgument(Origin origin, String function, List<String> arrays) implements InlineProblem {
        public RuleArrayArgument {
            arrays = List.copyOf(arrays);
        }
    }

    /** A supplied derivative with no partial for these parameters, which this call passes active arguments. */
    record DerivativeIncomplete(Origin origin, String function, List<String> missing) implements InlineProblem {
        public DerivativeIncomplete {
            missing = List.copyOf(missing);
        }
    }

    /**
     * A partial derivative the Hessian must differentiate, with no rule of its own and no body to inline.
     *
     * @param derivative the supplied derivative, or null for a member generated in this compilation
     */
    record SecondDerivative(Origin origin, String name, MethodRef derivative) implements InlineProblem {}

    /** A string built from active values and kept in a local, which would carry them where no derivative can follow. */
    record ActiveString(Origin origin, String variable) implements InlineProblem {}

    /** A call with active arguments of a method whose body is not available (a library's, an abstract one). */
    record OpaqueCall(Origin origin, MethodRef method) implements InlineProblem {}

    /** A call on another object of a method a subclass could override. */
    record VirtualCall(Origin origin, MethodRef method) implements InlineProblem {}

    /**
     * A recursive call that cannot go through generated members.
     *
     * @param chain the calls that lead back to it, the method itself first and last
     * @param why what keeps it out
     * @param detail what {@code why} names: the result type, the object parameter; null otherwise
     */
    record Recursion(Origin origin, String method, List<String> chain, Why why, String detail)
            implements InlineProblem {
        public Recursion {
            chain = List.copyOf(chain);
        }

        /** What keeps a recursion out of the members its calls go through. */
        public enum Why {
            /** It returns something else than a double or a double[] ({@code detail}: its type). */
            RESULT,
            NO_BODY,
            /** It writes into an array it is passed. */
            WRITES_PARAMETER,
            /** It returns a double[] that may be an array it is passed. */
            RETURNS_PARAMETER,
            /** Its members would pass the JVM's 255 parameter slots. */
            TOO_MANY_SLOTS
        }
    }
}
