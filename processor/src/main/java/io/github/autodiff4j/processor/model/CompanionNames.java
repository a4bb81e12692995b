package io.github.autodiff4j.processor.model;

import com.palantir.javapoet.ClassName;

/** The names the README ("The API") fixes for generated types and members. */
public final class CompanionNames {
    private CompanionNames() {}

    /** {@code p.Foo} gives {@code p.FooDiff}; a nested {@code p.Outer.Inner} gives {@code p.Outer_InnerDiff}. */
    public static ClassName companion(ClassName user) {
        return ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + "Diff");
    }

    /** The member with the partial derivative of {@code foo} with respect to {@code x}: {@code fooPartialX}. */
    public static String partial(String method, String param) {
        return method + "Partial" + Character.toUpperCase(param.charAt(0)) + param.substring(1);
    }

    /** The member a recursive call of {@code foo} goes through: {@code fooValueAndPartials}. */
    public static String valueAndPartials(String method) {
        return method + "ValueAndPartials";
    }

    /** Its JVP, for the Hessians of recursive code: {@code fooValueAndPartialsJvp}. */
    public static String valueAndPartialsJvp(String method) {
        return valueAndPartials(method) + "Jvp";
    }

    /**
     * The private member of a companion through which the forward mode of a recursive method {@code horner} of the
     * build goes, one call per level: {@code hornerPushforward}, returning {@code {value, tangent}}.
     */
    public static String recursionPushforward(String method) {
        return method + "Pushforward";
    }

    /**
     * The private member through which the reverse mode of a recursive method goes: {@code hornerPullback}, which adds
     * the seed times the gradient into the adjoint arrays it is passed and returns {@code {value, adjoints of the
     * doubles...}}.
     */
    public static String recursionPullback(String method) {
        return method + "Pullback";
    }

    /**
     * The value of a private recursive method, which the companion cannot call: {@code hornerValue}, a copy of its
     * body.
     */
    public static String recursionValue(String method) {
        return method + "Value";
    }

    /**
     * The private member a gradient's forward sweep calls for a recursive method: {@code hornerRecord}, which runs the
     * recursion and keeps the values of its recursive calls for the pullback.
     */
    public static String recursionRecord(String method) {
        return method + "Record";
    }

    /** The record member's forward mode, for Hessians: {@code hornerRecordJvp}. */
    public static String recursionRecordJvp(String method) {
        return recursionRecord(method) + "Jvp";
    }

    /** The pullback's forward mode, through which Hessians go: {@code hornerPullbackJvp}. */
    public static String recursionPullbackJvp(String method) {
        return recursionPullback(method) + "Jvp";
    }

    /**
     * The private class holding the members of a function over records as its code computes them, over the records'
     * arrays: {@code distOverArrays} gives {@code DistOverArrays}.
     */
    public static String overArrays(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + "OverArrays";
    }

    /** {@code foo} gives {@code FooGradient}. */
    public static String gradientRecord(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Gradient";
    }
}
