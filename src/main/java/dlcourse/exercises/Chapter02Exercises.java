package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/** Checks for the exercises of notebook 02 (gradient descent, learning rates, optimizers). */
public final class Chapter02Exercises {

    private Chapter02Exercises() {
    }

    /**
     * A learner's optimizer, in the notebook's style: given a learning rate and a state array of
     * zeros shaped like the parameter, returns the update {@code (parameter, gradient) -> ...} that
     * changes the parameter (and the state) in place.
     */
    @FunctionalInterface
    public interface UpdateRule {
        BiConsumer<NDArray, NDArray> create(float learningRate, NDArray state);
    }

    /**
     * Exercise: the largest learning rate for which gradient descent on f = x₁² + 10 x₂² converges.
     * Checked by running it: with 0.98 × the answer it must converge, with 1.02 × the answer diverge.
     */
    public static boolean largestStableRate(DoubleSupplier answer) {
        return Exercise.check(Messages.text("ch02.largestStableRate.name"), () -> {
            double eta = answer.getAsDouble();
            Exercise.require(eta > 0 && Double.isFinite(eta), Messages.text("ch02.largestStableRate.positive", eta));
            double below = distanceAfterDescent(0.98 * eta), above = distanceAfterDescent(1.02 * eta);
            double start = Math.hypot(-5, 2);
            Exercise.require(below < start, Messages.text("ch02.largestStableRate.tooLarge", 0.98 * eta, below));
            Exercise.require(above > start, Messages.text("ch02.largestStableRate.stillStable", 1.02 * eta, above));
        });
    }

    /** Distance from the minimum after 500 gradient steps on x₁² + 10 x₂² from (-5, 2). */
    private static double distanceAfterDescent(double eta) {
        double x1 = -5, x2 = 2;
        for (int t = 0; t < 500 && Double.isFinite(x2); t++) {
            x1 -= eta * 2 * x1;
            x2 -= eta * 20 * x2;
        }
        return Double.isFinite(x2) ? Math.hypot(x1, x2) : Double.POSITIVE_INFINITY;
    }

    /**
     * Exercise: AdaGrad, {@code s ← s + g², x ← x − η g / (√s + ε)} with ε = 1e-8. Checked against
     * the formula written with NDArrays here (what MXNet's {@code Optimizer.adagrad()} computes; DJL's
     * PyTorch engine has no AdaGrad): same start, same 10 random gradients, same result.
     */
    public static boolean adaGrad(UpdateRule answer) {
        return Exercise.check(Messages.text("ch02.adaGrad.name"), () -> {
            float rate = 0.1f;
            Random random = new Random(2);
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape shape = new Shape(4, 3);
                float[] start = new float[12];
                for (int i = 0; i < start.length; i++) {
                    start[i] = (float) random.nextGaussian();
                }
                NDArray ours = manager.create(start, shape);
                NDArray theirs = ours.duplicate();
                BiConsumer<NDArray, NDArray> update = answer.create(rate, manager.zeros(shape));
                Exercise.require(update != null, Messages.text("ch02.adaGrad.null"));
                NDArray squares = manager.zeros(shape);
                for (int t = 1; t <= 10; t++) {
                    float[] gradient = new float[12];
                    for (int i = 0; i < gradient.length; i++) {
                        gradient[i] = (float) random.nextGaussian();
                    }
                    NDArray g = manager.create(gradient, shape);
                    update.accept(ours, g.duplicate());
                    squares.addi(g.square());
                    theirs.subi(g.mul(rate).div(squares.sqrt().add(1e-8f)));
                    Exercise.require(ours.getShape().equals(shape),
                            Messages.text("ch02.adaGrad.shape", t, ours.getShape(), shape));
                    float[] got = ours.toFloatArray(), expected = theirs.toFloatArray();
                    for (int i = 0; i < got.length; i++) {
                        Exercise.require(Math.abs(got[i] - expected[i]) <= 1e-5, Messages.text(
                                "ch02.adaGrad.value", t, i, got[i], expected[i]));
                    }
                }
            }
        });
    }
}
