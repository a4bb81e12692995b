package io.github.autodiff4j.processor.ir;

/**
 * A test-only hook proving that a crash in any stage of the pipeline becomes {@code [autodiff4j:internal]} at the
 * method, and leaves the class's other methods generated. The processor option {@code -Aautodiff4j.failAt=stage:method}
 * makes the named stage throw while it works on the named {@code @Differentiable} method. Stages: parse, inline,
 * three-address, tangent, adjoint, analysis, simplify, emit. Without the option, {@link #at} does nothing.
 */
public final class InjectedFailure extends RuntimeException {
    /** The processor option that names the stage and the method. */
    public static final String OPTION = "autodiff4j.failAt";

    // The processor runs on javac's one thread; the hook must reach static stages that have no Context.
    private static final ThreadLocal<String> TARGET = new ThreadLocal<>();

    private InjectedFailure(String stage) {
        super("failure injected in stage " + stage + " by -A" + OPTION);
    }

    /** Sets what to fail while the processor works on {@code method}: the option's value, or null for nothing. */
    public static void arm(String option, String method) {
        if (option == null) {
            TARGET.remove();
        } else {
            int colon = option.indexOf(':');
            TARGET.set(colon >= 0 && option.substring(colon + 1).equals(method) ? option.substring(0, colon) : null);
        }
    }

    /** Throws if the option names this stage for the method being processed. */
    public static void at(String stage) {
        if (stage.equals(TARGET.get())) {
            throw new InjectedFailure(stage);
        }
    }
}
