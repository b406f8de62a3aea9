package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Reference answers to the checked exercises of notebook 11 (transformer). */
public final class Chapter11Solutions {

    private Chapter11Solutions() {
    }

    /**
     * Causal valid lengths: query t, after {@code earlier} generated tokens, may see the keys up to
     * and including its own position, earlier + t + 1 of them. The same row for every sequence.
     */
    public static NDArray causalValidLengths(NDManager manager, int batch, int steps, int earlier) {
        return manager.arange(earlier + 1, earlier + steps + 1, 1, DataType.INT32)
                .reshape(1, steps).broadcast(new Shape(batch, steps));
    }

    /**
     * Parameters of one encoder block with d = hidden and f = feedForward:
     * multi-head attention, four d x d projections without bias: 4 d^2;
     * feed-forward, d x f weights + f biases, then f x d weights + d biases: 2 d f + f + d;
     * two layer norms, a scale and a shift per feature each: 4 d.
     * The number of heads does not matter: the heads split the d features, they do not add any.
     */
    public static long encoderBlockParameters(int hidden, int feedForward) {
        long d = hidden;
        long f = feedForward;
        return 4 * d * d + (2 * d * f + f + d) + 4 * d;
    }
}
