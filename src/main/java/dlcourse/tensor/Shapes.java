package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Shape assertions with messages that name what was expected and what came.
 * A dimension of -1 in the expected shape matches any size.
 */
public final class Shapes {

    private Shapes() {
    }

    /** Throws unless {@code array} has {@code expected} shape; returns the array for chaining. */
    public static NDArray require(NDArray array, Shape expected, String name) {
        if (!matches(array.getShape(), expected)) {
            throw new IllegalArgumentException(name + " has shape " + array.getShape() + ", expected "
                    + describe(expected) + hint(array.getShape(), expected));
        }
        return array;
    }

    /** Throws unless {@code array} has {@code expected} shape. */
    public static NDArray require(NDArray array, long[] expected, String name) {
        return require(array, new Shape(expected), name);
    }

    /** True when {@code actual} has the rank of {@code expected} and agrees on every dimension that is not -1. */
    public static boolean matches(Shape actual, Shape expected) {
        if (actual.dimension() != expected.dimension()) {
            return false;
        }
        for (int i = 0; i < expected.dimension(); i++) {
            if (expected.get(i) != -1 && expected.get(i) != actual.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Shape expected) {
        return expected.toString().replace("-1", "any");
    }

    private static String hint(Shape actual, Shape expected) {
        if (actual.dimension() == expected.dimension()) {
            return "";
        }
        if (actual.size() > 0 && expected.dimension() > 0) {
            return " (rank " + actual.dimension() + " instead of " + expected.dimension()
                    + ": reshape it, or add the missing axis with expandDims)";
        }
        return "";
    }
}
