package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The largest singular value of a matrix (its spectral norm): how much it can stretch a vector at
 * most, {@code max |x W| / |x|}. Found by power iteration on {@code WᵀW}, whose top eigenvalue is
 * its square; chapter 07 uses it to bound how fast gradients vanish or explode through time.
 *
 * <pre>
 * double sigma = MatrixNorms.largestSingularValue(hiddenToHidden);
 * </pre>
 */
public final class MatrixNorms {

    /** Power iteration stops when the estimate changes by less than this, relatively. */
    static final double TOLERANCE = 1e-7;
    static final int MAX_ITERATIONS = 10_000;

    private MatrixNorms() {
    }

    /** The largest singular value of a 2-D array, computed in float64. */
    public static double largestSingularValue(NDArray matrix) {
        if (matrix.getShape().dimension() != 2 || matrix.getShape().size() == 0) {
            throw new IllegalArgumentException("the largest singular value needs a matrix (a 2-D array with "
                    + "elements), got shape " + matrix.getShape());
        }
        try (NDManager scope = matrix.getManager().newSubManager()) {
            NDArray w = matrix.toType(DataType.FLOAT64, true);
            w.attach(scope);
            NDArray gram = w.transpose().matMul(w);                                   // WᵀW, columns × columns
            if (gram.abs().max().getDouble() == 0) {
                return 0;
            }
            // A start with every direction in it: a fixed, uneven vector (a constant one can be orthogonal to the top one).
            long n = gram.getShape().get(0);
            NDArray v = scope.arange(1, n + 1).toType(DataType.FLOAT64, false).sqrt().reshape(n, 1);
            v = v.div(v.norm());
            double estimate = 0;
            for (int i = 0; i < MAX_ITERATIONS; i++) {
                NDArray next = gram.matMul(v);
                double norm = next.norm().getDouble();
                v = next.div(norm);
                if (Math.abs(norm - estimate) <= TOLERANCE * norm) {
                    return Math.sqrt(norm);
                }
                estimate = norm;
            }
            return Math.sqrt(estimate);
        }
    }
}
