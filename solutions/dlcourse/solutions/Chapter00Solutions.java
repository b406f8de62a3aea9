package dlcourse.solutions;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Reference answers to the checked exercises of notebook 00. */
public final class Chapter00Solutions {

    private Chapter00Solutions() {
    }

    /** Each row divided by its sum. */
    public static NDArray rowsToOne(NDArray x) {
        // sum(axes, keepDims = true) keeps the summed axis with length 1: shape (rows, 1), a column
        // vector, which broadcasts along each row. Without keepDims the shape would be (rows) and
        // broadcast along the columns instead (or fail when rows != columns).
        return x.div(x.sum(new int[] {1}, true));
    }

    /** f'(a) by autograd: mark a as needing a gradient, record f, run backward, read the gradient. */
    public static double slopeAt(Function<NDArray, NDArray> f, double a) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(a);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(f.apply(x));
            }
            return x.getGradient().getDouble();
        }
    }
}
