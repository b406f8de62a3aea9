package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Reference answers to the checked exercises of notebook 03: the backward pass of a sigmoid layer
 * H = σ(Z), Z = X W + b, given G = ∂L/∂H from the layer above.
 */
public final class Chapter03Solutions {

    private Chapter03Solutions() {
    }

    /** ∂L/∂Z = G ⊙ σ'(Z), and σ'(Z) = H (1 − H) needs only the layer's output. */
    private static NDArray gradientOfZ(NDArray x, NDArray w, NDArray b, NDArray upstream) {
        NDArray h = Activation.sigmoid(x.matMul(w).add(b));
        return upstream.mul(h.mul(h.neg().add(1)));
    }

    /** δW = Xᵀ δZ: shape (in, N) × (N, out) = (in, out), the shape of W. */
    public static NDArray sigmoidWeightGradient(NDArray x, NDArray w, NDArray b, NDArray upstream) {
        return x.transpose().matMul(gradientOfZ(x, w, b, upstream));
    }

    /** δX = δZ Wᵀ: shape (N, out) × (out, in) = (N, in), the shape of X. */
    public static NDArray sigmoidInputGradient(NDArray x, NDArray w, NDArray b, NDArray upstream) {
        return gradientOfZ(x, w, b, upstream).matMul(w.transpose());
    }
}
