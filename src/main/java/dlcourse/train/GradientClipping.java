package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Gradient clipping by global norm: when the L2 norm of all gradients together exceeds
 * {@code maxNorm}, every gradient is scaled by {@code maxNorm / norm}, so the step keeps its
 * direction but not its size. The remedy for exploding gradients (chapters 03 and 07).
 *
 * <pre>
 * collector.backward(loss);
 * double norm = GradientClipping.clipByGlobalNorm(block.getParameters(), 1.0);
 * trainer.step();
 * </pre>
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** {@code sqrt(Σ_arrays Σ_elements g²)}: the L2 norm of all arrays taken as one vector. */
    public static double globalNorm(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("no gradients to measure: the list is empty");
        }
        double squares = 0;
        for (int i = 0; i < gradients.size(); i++) {
            NDArray gradient = gradients.get(i);
            if (gradient == null) {
                throw new IllegalArgumentException("gradient " + i + " is null; run backward before clipping");
            }
            try (NDArray square = gradient.square(); NDArray sum = square.sum()) {
                squares += sum.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
        }
        return Math.sqrt(squares);
    }

    /**
     * Scales the gradients in place by {@code min(1, maxNorm / norm)}; returns the global norm
     * they had before clipping.
     */
    public static double clipByGlobalNorm(List<NDArray> gradients, double maxNorm) {
        checkMaxNorm(maxNorm);
        double norm = globalNorm(gradients);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
        return norm;
    }

    /** Returns {@code maxNorm} if it is a maximum norm to clip at (positive; infinity for none), else throws. */
    static double checkMaxNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the maximum gradient norm must be positive, got " + maxNorm
                    + "; pass Double.POSITIVE_INFINITY for no clipping");
        }
        return maxNorm;
    }

    /** Clips the gradients of a block's parameters ({@code block.getParameters()}) after backward. */
    public static double clipByGlobalNorm(ParameterList parameters, double maxNorm) {
        NDList gradients = new NDList(parameters.size());
        for (Pair<String, Parameter> parameter : parameters) {
            gradients.add(parameter.getValue().getArray().getGradient());
        }
        return clipByGlobalNorm(gradients, maxNorm);
    }
}
