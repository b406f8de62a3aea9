package dlcourse.solutions;

import ai.djl.ndarray.NDArray;

/** Reference answers to the checked exercises of notebook 04. */
public final class Chapter04Solutions {

    private Chapter04Solutions() {
    }

    /**
     * log softmax(o)_c = o_c − log Σ_k exp(o_k). With m = max_k o_k, log Σ exp(o_k) = m + log Σ exp(o_k − m):
     * every exponent is ≤ 0, so nothing overflows, and the largest term is exp(0) = 1, so the log never
     * sees 0. Taking the log of a softmax instead fails: exp(−2000) rounds to 0 and log(0) = −∞.
     */
    public static NDArray logSoftmax(NDArray logits) {
        NDArray shifted = logits.sub(logits.max(new int[] {1}, true));
        return shifted.sub(shifted.exp().sum(new int[] {1}, true).log());
    }

    /**
     * A dense layer from a inputs to b units has a·b weights and b biases. The MLP chains
     * inputs → hidden[0] → … → hidden[last] → outputs (dropout and ReLU have no parameters).
     */
    public static long mlpParameters(int inputs, int[] hidden, int outputs) {
        long count = 0;
        int previous = inputs;
        for (int width : hidden) {
            count += (long) previous * width + width;
            previous = width;
        }
        return count + (long) previous * outputs + outputs;
    }
}
