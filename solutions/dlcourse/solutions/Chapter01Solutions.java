package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Reference answers to the checked exercises of notebook 01. */
public final class Chapter01Solutions {

    private Chapter01Solutions() {
    }

    /**
     * NAND is "not AND": negate the AND neuron's weights and bias. AND fires when x1 + x2 − 1.5 &gt; 0;
     * NAND fires when −x1 − x2 + 1.5 &gt; 0, that is unless both inputs are 1.
     */
    public static float[] nandNeuron() {
        return new float[] {-1, -1, 1.5f};
    }

    /**
     * SiLU is φ(z) = z σ(z). By the product rule, φ'(z) = σ(z) + z σ'(z), and σ' = σ (1 − σ), so
     * φ'(z) = σ(z) (1 + z (1 − σ(z))).
     */
    public static NDArray siluDerivative(NDArray z) {
        NDArray s = Activation.sigmoid(z);
        return s.mul(z.mul(s.neg().add(1)).add(1));
    }
}
