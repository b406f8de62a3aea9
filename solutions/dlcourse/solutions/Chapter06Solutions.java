package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import dlcourse.tensor.Reductions;

/** Reference answers to the checked exercises of notebook 06. */
public final class Chapter06Solutions {

    private Chapter06Solutions() {
    }

    /**
     * Depthwise: one k×k kernel and one bias per input channel, k² C_in + C_in. Pointwise: a 1×1
     * convolution, C_in weights and one bias per output channel, C_in C_out + C_out.
     */
    public static long separableParameters(int inChannels, int outChannels, int kernel) {
        long depthwise = (long) kernel * kernel * inChannels + inChannels;
        long pointwise = (long) inChannels * outChannels + outChannels;
        return depthwise + pointwise;
    }

    /**
     * Layer norm: one mean and one variance per example, over all axes but the first (batch norm
     * would average over axis 0 instead, one mean per channel).
     */
    public static NDArray layerNorm(NDArray x) {
        int[] perExample = new int[x.getShape().dimension() - 1];
        for (int i = 0; i < perExample.length; i++) {
            perExample[i] = i + 1;
        }
        NDArray mean = Reductions.mean(x, perExample, true);
        NDArray variance = Reductions.mean(x.sub(mean).square(), perExample, true);
        return x.sub(mean).div(variance.add(1e-5f).sqrt());
    }
}
