package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;

/**
 * Numerical gradients by central differences, to test a backward pass written by hand (or
 * autograd) against the definition of the derivative:
 *
 * <pre>
 * df/dx_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / 2ε
 * NDArray numeric = GradientCheck.numerical(w -&gt; loss(w), w, 1e-6);
 * double error = GradientCheck.relativeError(myGradient, numeric);   // about 1e-8 in float64
 * </pre>
 *
 * Two evaluations of {@code f} per element: meant for small arrays, best in float64.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * The gradient of the scalar function {@code f} at {@code x}, element by element by central
     * differences with step {@code epsilon}; same shape and data type as {@code x}.
     * {@code f} gets arrays of {@code x}'s shape and type and must return one number.
     */
    public static NDArray numerical(Function<NDArray, NDArray> f, NDArray x, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon
                    + "; try 1e-6 in float64 or 1e-3 in float32");
        }
        Shape shape = x.getShape();
        DataType type = x.getDataType();
        double[] values;
        try (NDArray copy = x.toType(DataType.FLOAT64, true)) {
            values = copy.toDoubleArray();
        }
        double[] gradient = new double[values.length];
        try (NDManager scope = x.getManager().newSubManager()) {
            for (int i = 0; i < values.length; i++) {
                double original = values[i];
                values[i] = original + epsilon;
                double plus = evaluate(f, scope, values, shape, type);
                values[i] = original - epsilon;
                double minus = evaluate(f, scope, values, shape, type);
                values[i] = original;
                gradient[i] = (plus - minus) / (2 * epsilon);
            }
        }
        try (NDArray result = x.getManager().create(gradient, shape)) {
            return result.toType(type, true);
        }
    }

    /**
     * {@code ‖a − b‖ / (‖a‖ + ‖b‖)} over all elements: 0 when the gradients agree, about 1 when
     * they are unrelated; 0 when both are zero. The arrays must have the same shape.
     */
    public static double relativeError(NDArray analytic, NDArray numerical) {
        Shapes.require(numerical, analytic.getShape(), "numerical gradient (to compare with the analytic one)");
        try (NDManager scope = analytic.getManager().newSubManager()) {
            NDArray a = analytic.toType(DataType.FLOAT64, true);
            NDArray b = numerical.toType(DataType.FLOAT64, true);
            scope.tempAttachAll(a, b);
            double difference = a.sub(b).norm().getDouble();
            double size = a.norm().getDouble() + b.norm().getDouble();
            return size == 0 ? 0 : difference / size;
        }
    }

    /** Computes the numerical gradient of {@code f} at {@code x} and returns its relative error against {@code analytic}. */
    public static double check(Function<NDArray, NDArray> f, NDArray x, NDArray analytic, double epsilon) {
        Shapes.require(analytic, x.getShape(), "analytic gradient (it needs the shape of x)");
        try (NDArray numeric = numerical(f, x, epsilon)) {
            return relativeError(analytic, numeric);
        }
    }

    private static double evaluate(Function<NDArray, NDArray> f, NDManager scope, double[] values, Shape shape,
                                   DataType type) {
        NDArray input = scope.create(values, shape).toType(type, false);
        NDArray output = f.apply(input);
        if (output.size() != 1) {
            throw new IllegalArgumentException("the function under a gradient check must return one number "
                    + "(a loss), but it returned shape " + output.getShape() + "; sum or average it first");
        }
        try (NDArray value = output.toType(DataType.FLOAT64, true)) {
            return value.getDouble();
        } finally {
            output.close();
            input.close();
        }
    }
}
