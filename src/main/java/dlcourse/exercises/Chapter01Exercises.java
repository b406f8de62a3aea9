package dlcourse.exercises;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checks for the exercises of notebook 01 (neurons, the perceptron, activation functions). */
public final class Chapter01Exercises {

    private Chapter01Exercises() {
    }

    /**
     * Exercise: weights {@code {w1, w2, b}} of one step neuron, output 1 when w1 x1 + w2 x2 + b &gt; 0,
     * that computes NAND on the four corners of the unit square.
     */
    public static boolean nandNeuron(Supplier<float[]> answer) {
        return Exercise.check(Messages.text("ch01.nandNeuron.name"), () -> {
            float[] weights = answer.get();
            Exercise.require(weights != null && weights.length == 3,
                    Messages.text("ch01.nandNeuron.count", weights == null ? "null"
                            : Messages.text("ch01.nandNeuron.numbers", weights.length)));
            int[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
            int[] nand = {1, 1, 1, 0};
            StringBuilder wrong = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                float z = weights[0] * corners[i][0] + weights[1] * corners[i][1] + weights[2];
                int output = z > 0 ? 1 : 0;
                if (output != nand[i]) {
                    wrong.append(Messages.text("ch01.nandNeuron.corner",
                            corners[i][0], corners[i][1], z, output, nand[i]));
                }
            }
            Exercise.require(wrong.length() == 0,
                    Messages.text("ch01.nandNeuron.at", wrong.substring(0, Math.max(0, wrong.length() - 1))));
        });
    }

    /**
     * Exercise: the derivative of SiLU (swish), {@code φ(z) = z σ(z)}, written as a formula with
     * NDArray operations. Checked at 401 points in [-8, 8] against autograd.
     */
    public static boolean siluDerivative(Function<NDArray, NDArray> answer) {
        return Exercise.check(Messages.text("ch01.siluDerivative.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray z = manager.linspace(-8f, 8f, 401);
                NDArray input = z.duplicate();
                input.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(input.mul(Activation.sigmoid(input)).sum());
                }
                float[] expected = input.getGradient().toFloatArray();
                NDArray result = answer.apply(z);
                Exercise.require(result != null, Messages.text("ch01.siluDerivative.null"));
                Exercise.require(result.getShape().equals(z.getShape()),
                        Messages.text("ch01.siluDerivative.shape", z.getShape(), result.getShape()));
                float[] got = result.toType(DataType.FLOAT32, false).toFloatArray();
                float[] points = z.toFloatArray();
                for (int i = 0; i < points.length; i++) {
                    Exercise.require(Math.abs(got[i] - expected[i]) <= 1e-5, Messages.text(
                            "ch01.siluDerivative.value", points[i], got[i], expected[i]));
                }
            }
        });
    }
}
