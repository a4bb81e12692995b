package io.github.autodiff4j;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The check generated members run where a function builds a record whose constructor autodiff4j cannot read (a
 * library's, compiled apart): the derivative code computes with the arguments, so a constructor that changed them
 * would make the derivatives wrong, and the members throw instead.
 */
public final class RecordCheck {
    private RecordCheck() {}

    /**
     * Throws {@link IllegalStateException} unless the record holds exactly {@code arguments}, its doubles in declaration
     * order (a nested record's in place); NaN holds NaN.
     *
     * @return the record, for the function's own use
     */
    public static <R extends Record> R requireKept(R record, double... arguments) {
        List<Double> held = new ArrayList<>();
        doubles(record, held);
        boolean kept = held.size() == arguments.length;
        for (int i = 0; kept && i < arguments.length; i++) {
            kept = Double.compare(held.get(i), arguments[i]) == 0;
        }
        if (!kept) {
            throw new IllegalStateException(
                    "autodiff4j: the constructor of " + record.getClass().getSimpleName()
                            + " changed its arguments " + java.util.Arrays.toString(arguments) + " into " + record
                            + ", so the derivatives, computed with the arguments, would be wrong: build the record with a"
                            + " constructor that keeps them, or compile the record with the function");
        }
        return record;
    }

    private static void doubles(Record record, List<Double> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
            }
            if (value instanceof Record nested) {
                doubles(nested, out);
            } else {
                out.add((Double) value);
            }
        }
    }
}
