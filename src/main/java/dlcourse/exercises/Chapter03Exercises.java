package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import dlcourse.tensor.GradientCheck;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks for the exercises of notebook 03 (backpropagation). Both exercises write part of the
 * backward pass of a sigmoid dense layer {@code H = σ(X W + b)}, given the gradient {@code G} of the
 * loss with respect to H; the checks compare with a numerical gradient ({@link GradientCheck}) of
 * {@code L = Σ G ⊙ σ(X W + b)}, whose gradient with respect to H is exactly G.
 */
public final class Chapter03Exercises {

    private Chapter03Exercises() {
    }

    /** A learner's backward step: from x, w, b and the upstream gradient, one gradient of the layer. */
    @FunctionalInterface
    public interface LayerBackward {
        NDArray apply(NDArray x, NDArray w, NDArray b, NDArray upstream);
    }

    /** Exercise: δW, the gradient of the loss with respect to the sigmoid layer's weights. */
    public static boolean sigmoidWeightGradient(LayerBackward answer) {
        return check(Messages.text("ch03.weightGradient.name"), answer, true);
    }

    /** Exercise: δX, the gradient the sigmoid layer passes down to the layer below it. */
    public static boolean sigmoidInputGradient(LayerBackward answer) {
        return check(Messages.text("ch03.inputGradient.name"), answer, false);
    }

    private static boolean check(String name, LayerBackward answer, boolean weights) {
        return Exercise.check(name, () -> {
            Random random = new Random(3);
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] sizes : new int[][] {{5, 3, 4}, {2, 6, 1}, {7, 2, 3}}) {
                    int n = sizes[0], in = sizes[1], out = sizes[2];
                    NDArray x = normal(manager, random, new Shape(n, in));
                    NDArray w = normal(manager, random, new Shape(in, out));
                    NDArray b = normal(manager, random, new Shape(out));
                    NDArray upstream = normal(manager, random, new Shape(n, out));
                    NDArray result = answer.apply(x, w, b, upstream);
                    Exercise.require(result != null, Messages.text("ch03.sigmoidLayer.null"));
                    NDArray of = weights ? w : x;
                    String what = weights ? "W" : "X";
                    Exercise.require(result.getShape().equals(of.getShape()), Messages.text("ch03.sigmoidLayer.shape",
                            x.getShape(), w.getShape(), what, result.getShape(), of.getShape()));
                    Function<NDArray, NDArray> loss = weights
                            ? v -> Activation.sigmoid(x.matMul(v).add(b)).mul(upstream).sum()
                            : v -> Activation.sigmoid(v.matMul(w).add(b)).mul(upstream).sum();
                    double error = GradientCheck.check(loss, of, result.toType(DataType.FLOAT64, false), 1e-6);
                    Exercise.require(error < 1e-6, Messages.text("ch03.sigmoidLayer.error", x.getShape(), w.getShape(), error));
                }
            }
        });
    }

    private static NDArray normal(NDManager manager, Random random, Shape shape) {
        double[] values = new double[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
