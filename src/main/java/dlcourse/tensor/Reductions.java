package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import dlcourse.notebook.Messages;
import java.util.Arrays;

/**
 * Mean, maximum and minimum over several axes at once, on every engine. DJL's MXNet engine does
 * these in one call ({@code x.mean(new int[] {0, 2, 3}, true)}); its PyTorch engine reduces over
 * one axis at a time and refuses several ("Only 1 axis is support!"). These give the same result
 * on both.
 *
 * <pre>
 * NDArray mean = Reductions.mean(x, new int[] {0, 2, 3}, true);   // (1, C, 1, 1): per channel
 * NDArray peak = Reductions.max(images, new int[] {1, 2}, false); // (N): per image
 * </pre>
 */
public final class Reductions {

    /** DJL's PyTorch engine's message when mean, max, min or prod get several axes. */
    static final String MANY_AXES_REFUSED = "Only 1 axis is support!";

    private Reductions() {
    }

    /**
     * What to add to the message of {@code thrown} when it is DJL's refusal to reduce over several
     * axes at once (so an exercise's verdict says what to use instead), in the course's language; else
     * the empty string.
     */
    public static String hintFor(Throwable thrown) {
        return thrown instanceof UnsupportedOperationException && MANY_AXES_REFUSED.equals(thrown.getMessage())
                ? Messages.text("tensor.reduceAxes.hint")
                : "";
    }

    /** The mean over {@code axes}; with {@code keepDims} those axes stay, with size 1. */
    public static NDArray mean(NDArray x, int[] axes, boolean keepDims) {
        int[] sorted = normalise(x, axes);
        long count = 1;
        for (int axis : sorted) {
            count *= x.getShape().get(axis);
        }
        try (NDArray sum = x.sum(sorted, keepDims)) {
            return sum.div(count);
        }
    }

    /** The maximum over {@code axes}; with {@code keepDims} those axes stay, with size 1. */
    public static NDArray max(NDArray x, int[] axes, boolean keepDims) {
        return reduce(x, normalise(x, axes), keepDims, true);
    }

    /** The minimum over {@code axes}; with {@code keepDims} those axes stay, with size 1. */
    public static NDArray min(NDArray x, int[] axes, boolean keepDims) {
        return reduce(x, normalise(x, axes), keepDims, false);
    }

    /** One axis at a time, from the last, so that the numbers of the axes still to do stay valid. */
    private static NDArray reduce(NDArray x, int[] sorted, boolean keepDims, boolean max) {
        NDArray result = x;
        for (int i = sorted.length - 1; i >= 0; i--) {
            int[] axis = {sorted[i]};
            NDArray next = max ? result.max(axis, keepDims) : result.min(axis, keepDims);
            if (result != x) {
                result.close();
            }
            result = next;
        }
        return result;
    }

    /** Axes counted from 0, negative ones from the end, sorted; an axis out of range or twice is refused. */
    private static int[] normalise(NDArray x, int[] axes) {
        int dimensions = x.getShape().dimension();
        if (axes.length == 0) {
            throw new IllegalArgumentException("no axes to reduce over; give at least one, e.g. new int[] {1}");
        }
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int axis = axes[i] < 0 ? axes[i] + dimensions : axes[i];
            if (axis < 0 || axis >= dimensions) {
                throw new IllegalArgumentException("axis " + axes[i] + " does not exist in an array of shape "
                        + x.getShape() + "; its axes are 0 to " + (dimensions - 1) + " (or -1 to -" + dimensions + ")");
            }
            sorted[i] = axis;
        }
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("axis " + sorted[i] + " is given twice in " + Arrays.toString(axes));
            }
        }
        return sorted;
    }
}
