package io.github.autodiff4j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which receiver classes the guard of generated instance members refuses: those that run another body. */
class ReceiverCheckTest {
    static class Base {
        double f(double x) {
            return x;
        }

        double g(double x) {
            return 2 * x;
        }
    }

    static class Same extends Base {
        double unrelated(double x) {
            return x;
        }

        /** Another signature: an overload, not an override. */
        double f(int x) {
            return x;
        }
    }

    static class OverridesG extends Same {
        @Override
        double g(double x) {
            return 3 * x;
        }
    }

    static class BelowOverride extends OverridesG {}

    static class Generic<T extends Number> {
        double h(T t, double x) {
            return x;
        }
    }

    /** Overrides h(T, double) with h(Double, double): javac adds the bridge h(Number, double). */
    static class Specialised extends Generic<Double> {
        @Override
        double h(Double t, double x) {
            return t * x;
        }
    }

    interface Shape {
        default double area(double r) {
            return r * r;
        }
    }

    interface Round extends Shape {
        @Override
        default double area(double r) {
            return Math.PI * r * r;
        }
    }

    static class Square implements Shape {}

    static class Circle implements Round {}

    private static final String BASE = Base.class.getName();

    @Test
    void aClassThatOverridesNothingCheckedPasses() {
        ReceiverCheck check = ReceiverCheck.of("BaseDiff", BASE + "#f(double)", BASE + "#g(double)");
        assertDoesNotThrow(() -> check.check(new Base()));
        assertDoesNotThrow(() -> check.check(new Same()));
        assertDoesNotThrow(() -> check.check(new Base() {}));
    }

    @Test
    void anOverrideOfACalledMethodIsNamed() {
        ReceiverCheck check = ReceiverCheck.of("BaseDiff", BASE + "#f(double)", BASE + "#g(double)");
        String message = assertThrows(IllegalArgumentException.class, () -> check.check(new OverridesG()))
                .getMessage();
        assertTrue(
                message.contains("this receiver is a " + OverridesG.class.getName() + ", which overrides it with "
                        + OverridesG.class.getName() + ".g"),
                message);
        assertTrue(message.contains("Make " + BASE + ".g final"), message);
        // Decided once per class, and the same every time.
        assertThrows(IllegalArgumentException.class, () -> check.check(new OverridesG()));
        String below = assertThrows(IllegalArgumentException.class, () -> check.check(new BelowOverride()))
                .getMessage();
        assertTrue(below.contains("and " + OverridesG.class.getName() + " overrides it"), below);
        // A method the members do not differentiate may be overridden freely.
        assertDoesNotThrow(
                () -> ReceiverCheck.of("BaseDiff", BASE + "#f(double)").check(new OverridesG()));
    }

    @Test
    void anOverrideThroughABridgeCounts() {
        String generic = Generic.class.getName();
        ReceiverCheck check = ReceiverCheck.of("GenericDiff", generic + "#h(java.lang.Number, double)");
        assertDoesNotThrow(() -> check.check(new Generic<Integer>()));
        assertThrows(IllegalArgumentException.class, () -> check.check(new Specialised()));
    }

    @Test
    void aDefaultMethodOverriddenByASubinterfaceCounts() {
        ReceiverCheck check = ReceiverCheck.of("ShapeDiff", Shape.class.getName() + "#area(double)");
        assertDoesNotThrow(() -> check.check(new Square()));
        String message = assertThrows(IllegalArgumentException.class, () -> check.check(new Circle()))
                .getMessage();
        assertTrue(message.contains("and " + Round.class.getName() + " overrides it"), message);
    }

    @Test
    void malformedBodiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ReceiverCheck.of("X"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverCheck.of("X", "demo.Model.f(double)"));
    }
}
