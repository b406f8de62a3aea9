package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * DJL's Adam with weight decay gives MXNet's {@code adam_update} on whichever engine the build
 * has: the decay is coupled L2, added to the (rescaled) gradient before the moments, not
 * decoupled (AdamW) and not dropped. Step t, with λ the weight decay and r the gradient's rescale:
 *
 * <pre>
 * g = r ∇ + λ w
 * m = β1 m + (1 − β1) g
 * v = β2 v + (1 − β2) g²
 * w = w − η √(1 − β2^t) / (1 − β1^t) · m / (√v + ε)
 * </pre>
 *
 * With w = (1, −2, 3), ∇ = (0.5, 0, −0.1), η = 0.001 and λ = 0.05 the first step moves every
 * weight by η against the sign of g = (0.55, −0.1, 0.05), to (0.999, −1.999, 2.999). AdamW would
 * give (0.99895, −1.9999, 3.00085), Adam without the decay (0.999, −2, 3.001).
 */
class AdamStepTest {

    private static final float RATE = 0.001f;
    private static final float DECAY = 0.05f;
    private static final float[] START = {1, -2, 3};

    private static Optimizer adam(float rescale) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(RATE)).optWeightDecays(DECAY)
                .setRescaleGrad(rescale).build();
    }

    /** The formula above in float arithmetic: the weights after each step, one gradient per step. */
    private static float[][] byTheFormula(float rescale, float[]... gradients) {
        float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        float[] w = START.clone(), m = new float[w.length], v = new float[w.length];
        float[][] after = new float[gradients.length][];
        for (int t = 1; t <= gradients.length; t++) {
            float corrected = (float) (RATE * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
            for (int i = 0; i < w.length; i++) {
                float g = rescale * gradients[t - 1][i] + DECAY * w[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                w[i] -= corrected * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
            }
            after[t - 1] = w.clone();
        }
        return after;
    }

    /** Two updates of DJL's Adam on a parameter of three weights, with the given gradients. */
    private static float[][] byTheEngine(float rescale, float[] first, float[] second) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Optimizer adam = adam(rescale);
            NDArray weight = manager.create(START);
            float[][] after = new float[2][];
            int step = 0;
            for (float[] gradient : new float[][] {first, second}) {
                try (NDArray g = manager.create(gradient)) {
                    adam.update("w", weight, g);
                }
                after[step++] = weight.toFloatArray();
            }
            return after;
        }
    }

    @Test
    void adamWithWeightDecayIsMxnetsCoupledDecay() {
        float[] first = {0.5f, 0, -0.1f}, second = {0.1f, 0.3f, -0.2f};
        float[][] engine = byTheEngine(1, first, second);
        assertArrayEquals(new float[] {0.999f, -1.999f, 2.999f}, engine[0], 1e-6f, "after one step");
        // the second step worked out with the formula (in double precision): 0.9981577, −1.9993662, 2.9990531
        assertArrayEquals(new float[] {0.9981577f, -1.9993662f, 2.9990531f}, engine[1], 1e-6f, "after two steps");
        float[][] formula = byTheFormula(1, first, second);
        assertArrayEquals(formula[0], engine[0], 1e-6f, "the formula, step 1");
        assertArrayEquals(formula[1], engine[1], 1e-6f, "the formula, step 2");
    }

    @Test
    void theGradientIsRescaledBeforeTheDecayIsAdded() {
        float[] first = {0.5f, 0, -0.1f}, second = {0.1f, 0.3f, -0.2f};
        float[][] engine = byTheEngine(0.5f, first, second);
        // worked out with the formula (in double precision)
        assertArrayEquals(new float[] {0.998129f, -1.998734f, 2.998068f}, engine[1], 1e-6f, "after two steps");
        assertArrayEquals(byTheFormula(0.5f, first, second)[1], engine[1], 1e-6f, "the formula, step 2");
    }

    /**
     * The course's trainer takes DJL's step first (through DJL's parameter server) and its own
     * in-place step after: both must give the formula's weights. The model is w·x with the loss
     * ½(w·x − y)², whose gradient is (w·x − y) x; with x = (0.5, 0, −0.1) and y = −0.8 the first
     * gradient is x itself.
     */
    @Test
    void theCoursesTrainerStepsAsTheFormulaSays() {
        float[] x = {0.5f, 0, -0.1f};
        float y = -0.8f;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.setInitializer((m, shape, type) -> m.create(START, shape), Parameter.Type.WEIGHT);
            Trainer trainer = Training.newTrainer(manager, linear, Loss.l2Loss("half squared error", 0.5f), adam(1),
                    new Shape(1, 3));
            NDArray weight = linear.getParameters().valueAt(0).getArray();
            float[][] gradients = new float[2][];
            float[][] after = new float[2][];
            for (int step = 0; step < 2; step++) {
                float[] w = weight.toFloatArray();
                float error = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] - y;
                gradients[step] = new float[] {error * x[0], error * x[1], error * x[2]};
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList prediction = trainer.forward(new NDList(manager.create(x, new Shape(1, 3))));
                    collector.backward(trainer.getLoss().evaluate(new NDList(manager.create(new float[] {y})),
                            prediction));
                }
                trainer.step();
                after[step] = weight.toFloatArray();
            }
            float[][] formula = byTheFormula(1, gradients);
            assertArrayEquals(new float[] {0.999f, -1.999f, 2.999f}, after[0], 1e-6f, "DJL's step");
            assertArrayEquals(formula[0], after[0], 1e-6f, "DJL's step");
            assertArrayEquals(formula[1], after[1], 1e-6f, "the in-place step");
        }
    }
}
