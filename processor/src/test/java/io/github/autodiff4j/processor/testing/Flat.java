package io.github.autodiff4j.processor.testing;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The flattening rule of the README ("The API") for test arguments: a double is one entry, a double[] its elements in order. */
public final class Flat {
    private Flat() {}

    public static double[] flatten(Object[] args, boolean[] active) {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (active[i]) {
                add(args[i], x);
            }
        }
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The entries of one value: a double, an array's elements, a record's components in order (docs/api.md). */
    public static double[] values(Object value) {
        List<Double> x = new ArrayList<>();
        add(value, x);
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static void add(Object value, List<Double> out) {
        if (value instanceof double[] array) {
            Arrays.stream(array).forEach(out::add);
        } else if (value instanceof Object[] array) {
            // A matrix's rows, or an array of records.
            Arrays.stream(array).forEach(v -> add(v, out));
        } else if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                add(read(c, record), out);
            }
        } else {
            out.add((Double) value);
        }
    }

    public static Object[] replace(Object[] args, boolean[] active, double[] x) {
        Object[] out = args.clone();
        int[] k = {0};
        for (int i = 0; i < out.length; i++) {
            if (active[i]) {
                out[i] = rebuild(args[i], args[i].getClass(), x, k);
            }
        }
        return out;
    }

    /**
     * A value of {@code type} shaped like {@code like} (a record of another type with the same components: a tangent
     * record), holding the entries of {@code x} from {@code at[0]} on.
     */
    public static Object rebuild(Object like, Class<?> type, double[] x, int[] at) {
        if (like instanceof double[] array) {
            Object out = Arrays.copyOfRange(x, at[0], at[0] + array.length);
            at[0] += array.length;
            return out;
        }
        if (like instanceof Object[] array) {
            Class<?> element =
                    type.isArray() ? type.getComponentType() : array.getClass().getComponentType();
            Object[] out = (Object[]) Array.newInstance(element, array.length);
            for (int i = 0; i < array.length; i++) {
                out[i] = rebuild(array[i], element, x, at);
            }
            return out;
        }
        if (like instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            RecordComponent[] target = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = target[i].getType();
                values[i] = rebuild(read(components[i], record), types[i], x, at);
            }
            try {
                java.lang.reflect.Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return x[at[0]++];
    }

    private static Object read(RecordComponent c, Record record) {
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A fresh copy of every array argument, so a function that writes its inputs cannot disturb the next call. */
    public static Object[] copy(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof double[][] m) {
                out[i] = Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
            } else if (out[i] instanceof double[] a) {
                out[i] = a.clone();
            } else if (out[i] instanceof int[] a) {
                out[i] = a.clone();
            } else if (out[i] instanceof Record[] a) {
                out[i] = a.clone();
            }
        }
        return out;
    }
}
