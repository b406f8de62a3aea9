package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
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

    /**
     * {@code sqrt(Σ_arrays Σ_elements g²)}: the L2 norm of all arrays taken as one vector, computed
     * on the engine and read back once.
     */
    public static double globalNorm(List<NDArray> gradients) {
        checkGradients(gradients);
        try (NDManager scope = gradients.get(0).getManager().newSubManager()) {
            // Borrowed, so that what is computed from them belongs to the scope and is freed with it.
            scope.tempAttachAll(gradients.toArray(new NDArray[0]));
            return norm(scope, gradients);
        }
    }

    /**
     * Scales the gradients in place by {@code min(1, maxNorm / norm)}; returns the global norm
     * they had before clipping.
     */
    public static double clipByGlobalNorm(List<NDArray> gradients, double maxNorm) {
        checkMaxNorm(maxNorm);
        double norm = globalNorm(gradients);
        scale(gradients, factor(norm, maxNorm));
        return norm;
    }

    /** Multiplies {@code gradients} in place by {@code factor} (nothing to do for 1). */
    private static void scale(List<NDArray> gradients, float factor) {
        if (factor != 1f) {
            for (NDArray gradient : gradients) {
                gradient.muli(factor);
            }
        }
    }

    /** What clipping multiplies every gradient by: {@code maxNorm / norm} where {@code norm} exceeds {@code maxNorm}, else 1. */
    static float factor(double norm, double maxNorm) {
        return norm > maxNorm ? (float) (maxNorm / norm) : 1f;
    }

    /**
     * The global norm of {@code gradients}, which belong to {@code scope} for now. The sums of
     * squares stay on the engine, one per array, and only their total is read back: on MXNet one
     * operator ({@code multi_sum_sq}) for all arrays, elsewhere two per array.
     */
    private static double norm(NDManager scope, List<NDArray> gradients) {
        NDArray squares;
        if (oneOperator(gradients)) {
            squares = scope.invoke("multi_sum_sq", new NDList(gradients),
                    new PairList<>(List.of("num_arrays"), List.<Object>of(gradients.size()))).head();
        } else {
            NDList sums = new NDList(gradients.size());
            for (NDArray gradient : gradients) {
                sums.add(gradient.square().sum().toType(DataType.FLOAT32, false));
            }
            squares = NDArrays.stack(sums);
        }
        return Math.sqrt(squares.sum().getFloat());
    }

    /** Whether MXNet's multi_sum_sq can take all of them: float32 arrays on MXNet. */
    private static boolean oneOperator(List<NDArray> gradients) {
        return gradients.get(0).getManager().getEngine().getEngineName().equals("MXNet")
                && gradients.stream().allMatch(g -> g.getDataType() == DataType.FLOAT32);
    }

    private static void checkGradients(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("no gradients to measure: the list is empty");
        }
        for (int i = 0; i < gradients.size(); i++) {
            if (gradients.get(i) == null) {
                throw new IllegalArgumentException("gradient " + i + " is null; run backward before clipping");
            }
        }
    }

    /** Returns {@code maxNorm} if it is a maximum norm to clip at (positive; infinity for none), else throws. */
    static double checkMaxNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the maximum gradient norm must be positive, got " + maxNorm
                    + "; pass Double.POSITIVE_INFINITY for no clipping");
        }
        return maxNorm;
    }

    /**
     * Clips the gradients of a block's parameters ({@code block.getParameters()}) after backward.
     * Each {@code getGradient()} is a new handle on a gradient's buffer; they are closed here, so
     * that none stays behind in the parameters' manager step after step.
     */
    public static double clipByGlobalNorm(ParameterList parameters, double maxNorm) {
        checkMaxNorm(maxNorm);
        double norm = globalNorm(parameters);
        scaleGradients(parameters, factor(norm, maxNorm));
        return norm;
    }

    /** The global norm of the gradients of a block's parameters ({@code block.getParameters()}), after backward. */
    public static double globalNorm(ParameterList parameters) {
        try (NDManager scope = gradientScope(parameters)) {
            return norm(scope, gradients(scope, parameters));
        }
    }

    /** Multiplies the gradients of {@code parameters} in place by {@code factor} (nothing to do for 1). */
    static void scaleGradients(ParameterList parameters, float factor) {
        if (factor == 1f) {
            return;
        }
        try (NDManager scope = gradientScope(parameters)) {
            scale(gradients(scope, parameters), factor);
        }
    }

    private static NDManager gradientScope(ParameterList parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("no gradients to measure: the block has no parameters");
        }
        return parameters.valueAt(0).getArray().getManager().newSubManager();
    }

    /** A handle on each parameter's gradient, owned by {@code scope}, which closes them. */
    private static NDList gradients(NDManager scope, ParameterList parameters) {
        NDList gradients = new NDList(parameters.size());
        for (Pair<String, Parameter> parameter : parameters) {
            NDArray gradient = parameter.getValue().getArray().getGradient();
            gradient.attach(scope);
            gradients.add(gradient);
        }
        return gradients;
    }
}
