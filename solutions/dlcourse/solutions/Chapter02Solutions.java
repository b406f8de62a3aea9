package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import java.util.function.BiConsumer;

/** Reference answers to the checked exercises of notebook 02. */
public final class Chapter02Solutions {

    private Chapter02Solutions() {
    }

    /**
     * On f = x₁² + 10 x₂² a step multiplies x₁ by (1 − 2η) and x₂ by (1 − 20η). Both factors must
     * have absolute value below 1: |1 − 20η| &lt; 1 gives η &lt; 0.1, the stricter of the two (x₁ alone
     * would allow η &lt; 1). The steepest direction sets the limit.
     */
    public static double largestStableRate() {
        return 0.1;
    }

    /**
     * AdaGrad: every coordinate divides its step by the root of the sum of all its squared gradients
     * so far, so coordinates with large gradients take smaller steps, and all steps shrink over time.
     */
    public static BiConsumer<NDArray, NDArray> adaGrad(float learningRate, NDArray state) {
        return (parameter, gradient) -> {
            state.addi(gradient.square());                                             // s ← s + g²
            parameter.subi(gradient.mul(learningRate).div(state.sqrt().add(1e-8f)));   // x ← x − η g / (√s + ε)
        };
    }
}
