package io.github.autodiff4j.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.autodiff4j.processor.model.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The active inputs of a method, flattened as the README ("The API") defines it: every active parameter in declaration order, a
 * {@code double} counting as one entry and a {@code double[]} as its length. Writes the code that packs values into a
 * flat array and reads them back, for Hessians, Jacobians and checks.
 */
final class Flattening {
    /**
     * Past this many arrays, a member reads where each parameter starts from a local array, filled once: the sums of
     * lengths written out at each use grow with the square of the number of arrays (64 KB of bytecode at about 90).
     */
    private static final int SUMMED_ARRAYS = 16;

    private final List<Param> active;

    Flattening(List<Param> active) {
        this.active = active;
    }

    boolean hasArrays() {
        return active.stream().anyMatch(p -> p.var().type().isArray());
    }

    boolean hasMatrices() {
        return active.stream().anyMatch(Flattening::isMatrix);
    }

    private static boolean isMatrix(Param p) {
        return p.var().type() == io.github.autodiff4j.processor.ir.Type.DOUBLE_MATRIX;
    }

    /** The number of flattened entries of the k-th active parameter, as a Java expression. */
    private String length(Param p) {
        return isMatrix(p) ? "size(" + p.name() + ")" : p.var().type().isArray() ? p.name() + ".length" : "1";
    }

    /**
     * The layout as one generated method writes it; {@link Layout#declaration} goes at the method's start, before any
     * other name is taken from {@code namer}.
     */
    Layout in(Namer namer) {
        return active.stream().filter(p -> p.var().type().isArray()).count() > SUMMED_ARRAYS
                ? new Layout(namer.fresh("offsets"))
                : new Layout(null);
    }

    /** Where each active parameter starts, and the size: sums of lengths, or entries of the local array {@code table}. */
    final class Layout {
        private final List<String> offsets = new ArrayList<>();
        private final String size;
        private final CodeBlock declaration;

        private Layout(String table) {
            if (table != null) {
                for (int k = 0; k < active.size(); k++) {
                    offsets.add(table + "[" + k + "]");
                }
                size = table + "[" + active.size() + "]";
                CodeBlock lengths =
                        active.stream().map(p -> CodeBlock.of("$L", length(p))).collect(CodeBlock.joining(",$W"));
                declaration = CodeBlock.builder()
                        .add(
                                "// Where each active parameter starts among the flattened inputs; the last entry is their number\n")
                        .addStatement("int[] $L = {0, $L}", table, lengths)
                        .addStatement("$T.parallelPrefix($L, $T::sum)", Arrays.class, table, Integer.class)
                        .build();
                return;
            }
            List<String> terms = new ArrayList<>();
            int scalars = 0;
            for (Param p : active) {
                offsets.add(sum(scalars, terms));
                if (p.var().type().isArray()) {
                    terms.add(length(p));
                } else {
                    scalars++;
                }
            }
            size = sum(scalars, terms);
            declaration = CodeBlock.of("");
        }

        /** What the method must declare first: nothing, or the array of offsets. */
        CodeBlock declaration() {
            return declaration;
        }

        /** The number of flattened inputs, as a Java expression. */
        String size() {
            return size;
        }

        /** Where the k-th active parameter starts, as a Java expression. */
        String offset(int k) {
            return offsets.get(k);
        }

        /** Statements copying the values named by {@code source(k)} (one per active parameter) into {@code flat}. */
        CodeBlock pack(String flat, Function<Integer, CodeBlock> source) {
            CodeBlock.Builder code = CodeBlock.builder();
            for (int k = 0; k < active.size(); k++) {
                if (isMatrix(active.get(k))) {
                    code.addStatement("pack($L, $L, $L)", source.apply(k), flat, offset(k));
                } else if (active.get(k).var().type().isArray()) {
                    code.addStatement(
                            "$T.arraycopy($L, 0, $L, $L, $L.length)",
                            System.class,
                            source.apply(k),
                            flat,
                            offset(k),
                            active.get(k).name());
                } else {
                    code.addStatement("$L[$L] = $L", flat, offset(k), source.apply(k));
                }
            }
            return code.build();
        }

        /** The k-th active parameter's value read back from {@code flat}. */
        CodeBlock unpack(String flat, int k) {
            Param p = active.get(k);
            if (isMatrix(p)) {
                return CodeBlock.of("unpack($L, $L, $L)", flat, offset(k), p.name());
            }
            if (!p.var().type().isArray()) {
                return CodeBlock.of("$L[$L]", flat, offset(k));
            }
            return CodeBlock.of(
                    "$T.copyOfRange($L, $L, $L)", Arrays.class, flat, offset(k), plus(offset(k), p.name() + ".length"));
        }

        /** Statements filling {@code names} with a label per flattened input: "x", "w[0]", "w[1]", ... */
        CodeBlock labels(String names, String index) {
            CodeBlock.Builder code = CodeBlock.builder();
            for (int k = 0; k < active.size(); k++) {
                Param p = active.get(k);
                if (isMatrix(p)) {
                    code.addStatement("labels($L, $L, $S, $L)", names, offset(k), p.name(), p.name());
                } else if (p.var().type().isArray()) {
                    code.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", index, index, p.name(), index)
                            .addStatement(
                                    "$L[$L] = $S + $L + $S", names, plus(offset(k), index), p.name() + "[", index, "]")
                            .endControlFlow();
                } else {
                    code.addStatement("$L[$L] = $S", names, offset(k), p.name());
                }
            }
            return code.build();
        }
    }

    /** {@code a + b}, or just {@code b} when a is 0. */
    private static String plus(String a, String b) {
        return a.equals("0") ? b : a + " + " + b;
    }

    private static String sum(int scalars, List<String> terms) {
        List<String> parts = new ArrayList<>();
        if (scalars > 0 || terms.isEmpty()) {
            parts.add(Integer.toString(scalars));
        }
        parts.addAll(terms);
        return String.join(" + ", parts);
    }
}
