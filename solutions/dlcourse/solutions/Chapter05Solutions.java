package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Reference answers to the checked exercises of notebook 05. */
public final class Chapter05Solutions {

    private Chapter05Solutions() {
    }

    /**
     * A line detector: the middle row weighs +2, the rows above and below −1. Every column adds up to
     * 0, so anything constant from top to bottom (a vertical line, a flat area) gives 0; a bright
     * horizontal line under the middle row gives 2 + 2 + 2 = 6. (The transposed Sobel kernel, which
     * finds horizontal edges, passes the check as well.)
     */
    public static NDArray horizontalLineKernel(NDManager manager) {
        return manager.create(new float[][] {{-1, -1, -1}, {2, 2, 2}, {-1, -1, -1}});
    }

    /**
     * With a 3×3 kernel, padding 1 and stride 2: ⌊(28 + 2 − 3) / 2⌋ + 1 = 14, then
     * ⌊(14 + 2 − 3) / 2⌋ + 1 = 7. (Padding 0 and stride 2, then padding 1 and stride 2, gives
     * 28 → 13 → 7 and passes too.)
     */
    public static int[] downsampleTo7() {
        return new int[] {1, 2, 1, 2};
    }
}
