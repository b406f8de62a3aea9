package dlcourse.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Friendly assertions for notebooks: each states what must hold, prints a tick when it does,
 * and stops the notebook with a message a learner understands when it does not. The fixed words
 * come from {@link Messages} in the course's language; the statement is printed as given.
 *
 * <pre>
 * Check.that(accuracy &gt;= 0.8, "test accuracy is at least 0.80");
 * Check.close(loss, 0.6931, 1e-3, "the loss of a fair guess is ln 2");
 * </pre>
 */
public final class Check {

    private Check() {
    }

    /** Passes when {@code condition} is true. */
    public static void that(boolean condition, String statement) {
        if (!condition) {
            throw new CheckFailedException(statement);
        }
        pass(statement);
    }

    /** Passes when {@code condition} is true; on failure the message also shows the value measured. */
    public static void that(boolean condition, String statement, Object measured) {
        if (!condition) {
            throw new CheckFailedException(Messages.text("check.measured", statement, format(measured)));
        }
        System.out.println(Messages.text("check.passedMeasured", statement, format(measured)));
    }

    /** Passes when {@code |actual - expected| <= tolerance}. */
    public static void close(double actual, double expected, double tolerance, String statement) {
        requireTolerance(tolerance);
        double difference = Math.abs(actual - expected);
        if (!(difference <= tolerance)) {
            throw new CheckFailedException(Messages.text("check.close",
                    statement, format(actual), format(expected), difference, tolerance));
        }
        pass(statement);
    }

    /** Passes when both arrays have the same shape and every element differs by at most {@code tolerance}. */
    public static void close(NDArray actual, NDArray expected, double tolerance, String statement) {
        if (!actual.getShape().equals(expected.getShape())) {
            throw new CheckFailedException(Messages.text("check.shapes", statement, actual.getShape(), expected.getShape()));
        }
        requireTolerance(tolerance);
        double[] a = toDoubles(actual);
        double[] e = toDoubles(expected);
        int worst = 0;
        double worstDifference = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = Math.abs(a[i] - e[i]);
            if (Double.isNaN(difference)) {
                worst = i;
                worstDifference = Double.NaN;
                break;
            }
            if (difference > worstDifference) {
                worst = i;
                worstDifference = difference;
            }
        }
        if (!(worstDifference <= tolerance)) {
            throw new CheckFailedException(Messages.text("check.element",
                    statement, worst, format(a[worst]), format(e[worst]), worstDifference, tolerance));
        }
        System.out.println(Messages.text("check.passedArrays", statement, worstDifference));
    }

    /** Passes when running {@code action} throws an exception of type {@code expected}. */
    public static void fails(Class<? extends Throwable> expected, Runnable action, String statement) {
        try {
            action.run();
        } catch (Throwable thrown) {
            if (expected.isInstance(thrown)) {
                pass(statement);
                return;
            }
            throw new CheckFailedException(Messages.text("check.otherThrown", statement, expected.getSimpleName(),
                    thrown.getClass().getSimpleName(), thrown.getMessage()));
        }
        throw new CheckFailedException(Messages.text("check.nothingThrown", statement, expected.getSimpleName()));
    }

    private static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException(Messages.text("check.tolerance", tolerance));
        }
    }

    private static double[] toDoubles(NDArray array) {
        try (NDArray copy = array.toType(DataType.FLOAT64, true)) {
            return copy.toDoubleArray();
        }
    }

    private static void pass(String statement) {
        System.out.println(Messages.text("check.passed", statement));
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return format(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
