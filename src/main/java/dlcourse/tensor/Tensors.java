package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** Readable NDArray printing: shape, data type and values rounded to a few digits. */
public final class Tensors {

    private static final int MAX_ROWS = 8;
    private static final int MAX_COLUMNS = 10;
    private static final long MAX_ELEMENTS = 100_000;

    private Tensors() {
    }

    /** Shape, type and values with 4 significant digits; long dimensions are elided with "…". */
    public static String format(NDArray array) {
        return format(array, 4);
    }

    /** Shape, type and values with {@code digits} significant digits. */
    public static String format(NDArray array, int digits) {
        if (array.isReleased()) {
            throw new IllegalStateException("this NDArray was closed (its NDManager scope ended); "
                    + "create it again, or keep it in a manager that is still open");
        }
        StringBuilder out = new StringBuilder();
        out.append("NDArray ").append(array.getShape()).append(' ')
                .append(array.getDataType().toString().toLowerCase(Locale.ROOT)).append('\n');
        if (array.size() > MAX_ELEMENTS) {
            return out.append(summary(array)).toString();
        }
        long[] shape = array.getShape().getShape();
        double[] values;
        try (NDArray copy = array.toType(DataType.FLOAT64, true)) {
            values = copy.toDoubleArray();
        }
        boolean integral = array.getDataType().isInteger() || array.getDataType() == DataType.BOOLEAN;
        String pattern = "%." + digits + "g";
        appendNested(out, values, shape, 0, 0, integral, pattern, 0);
        return out.toString();
    }

    /** Minimum, mean and maximum: what a large array is printed as. */
    public static String summary(NDArray array) {
        try (NDArray values = array.toType(DataType.FLOAT64, true)) {
            return String.format(Locale.ROOT, "(%d values: min %.4g, mean %.4g, max %.4g)", array.size(),
                    values.min().getDouble(), values.mean().getDouble(), values.max().getDouble());
        }
    }

    private static void appendNested(StringBuilder out, double[] values, long[] shape, int dim, int offset,
                                     boolean integral, String pattern, int indent) {
        if (shape.length == 0) {
            out.append(number(values[0], integral, pattern));
            return;
        }
        int size = (int) shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        boolean last = dim == shape.length - 1;
        int limit = last ? MAX_COLUMNS : MAX_ROWS;
        out.append('[');
        for (int i = 0; i < size; i++) {
            if (size > limit && i == limit / 2) {
                out.append(last ? "…, " : "…,\n" + " ".repeat(indent + 1));
                i = size - limit / 2;
            }
            if (last) {
                out.append(number(values[offset + i], integral, pattern));
            } else {
                appendNested(out, values, shape, dim + 1, offset + i * stride, integral, pattern, indent + 1);
            }
            if (i < size - 1) {
                out.append(last ? ", " : ",\n" + " ".repeat(indent + 1));
            }
        }
        out.append(']');
    }

    private static String number(double value, boolean integral, String pattern) {
        if (integral) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, pattern, value);
        if (text.contains("e")) {
            return text;
        }
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "");
            if (text.endsWith(".")) {
                text = text + "0";
            }
        }
        return text;
    }
}
