package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dlcourse.nn.MultilayerPerceptron;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/** Checks for the exercises of notebook 04 (softmax, cross-entropy, multilayer perceptrons). */
public final class Chapter04Exercises {

    private Chapter04Exercises() {
    }

    /** A learner's {@code long mlpParameters(int inputs, int[] hidden, int outputs)}. */
    @FunctionalInterface
    public interface MlpParameterCount {
        long count(int inputs, int[] hidden, int outputs);
    }

    /**
     * Exercise: log-softmax of each row of a (batch, classes) matrix, {@code log ŷ = o − log Σ exp(o)},
     * written so that it stays finite for logits in the thousands. Checked on small, large and random
     * logits against a double-precision log-sum-exp.
     */
    public static boolean logSoftmax(Function<NDArray, NDArray> answer) {
        return Exercise.check(Messages.text("ch04.logSoftmax.name"), () -> {
            Random random = new Random(4);
            float[][] randomLogits = new float[8][10];
            for (float[] row : randomLogits) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (50 * random.nextGaussian());
                }
            }
            float[][][] cases = {
                {{2, 1, 0.1f}, {0.5f, 2.5f, 0.3f}},
                {{1000, 0, -1000}, {-500, -500, 200}},
                {{3000, 2999, 2998, 0}},
                randomLogits,
            };
            try (NDManager manager = NDManager.newBaseManager()) {
                for (float[][] logits : cases) {
                    NDArray result = answer.apply(manager.create(logits));
                    Exercise.require(result != null, Messages.text("ch04.logSoftmax.null"));
                    Shape shape = new Shape(logits.length, logits[0].length);
                    Exercise.require(result.getShape().equals(shape),
                            Messages.text("ch04.logSoftmax.shape", shape, result.getShape()));
                    float[] got = result.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < logits.length; i++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (float o : logits[i]) {
                            max = Math.max(max, o);
                        }
                        double sum = 0;
                        for (float o : logits[i]) {
                            sum += Math.exp(o - max);
                        }
                        double logSum = max + Math.log(sum);
                        for (int j = 0; j < logits[i].length; j++) {
                            float value = got[i * logits[i].length + j];
                            Exercise.require(Float.isFinite(value), Messages.text("ch04.logSoftmax.notFinite",
                                    Arrays.toString(logits[i]), j, value));
                            double expected = logits[i][j] - logSum;
                            Exercise.require(Math.abs(value - expected) <= 1e-3 + 1e-6 * Math.abs(expected), Messages.text(
                                    "ch04.logSoftmax.wrong", Arrays.toString(logits[i]), j, value, expected));
                        }
                    }
                }
            }
        });
    }

    /**
     * Exercise: the number of parameters (weights and biases) of
     * {@code MultilayerPerceptron.create(hidden, outputs, dropout)} on inputs of {@code inputs}
     * features. Checked on 20 networks against the parameters DJL creates.
     */
    public static boolean mlpParameters(MlpParameterCount answer) {
        return Exercise.check(Messages.text("ch04.mlpParameters.name"), () -> {
            int[][] hiddenLayers = {{}, {256}, {256, 128}, {512, 512}, {1}, {10, 10, 10}, {64, 32, 16, 8}};
            int[][] inputsOutputs = {{784, 10}, {784, 10}, {784, 10}, {784, 10}, {5, 3}, {2, 1}, {100, 2},
                {784, 2}, {12, 10}, {3, 4}, {784, 100}, {1, 1}, {50, 50}, {20, 7}, {9, 9}, {784, 26}, {64, 10},
                {30, 5}, {8, 3}, {300, 1}};
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int i = 0; i < inputsOutputs.length; i++) {
                    int[] hidden = hiddenLayers[i % hiddenLayers.length];
                    int inputs = inputsOutputs[i][0], outputs = inputsOutputs[i][1];
                    Block mlp = MultilayerPerceptron.create(hidden, outputs, 0f);
                    mlp.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
                    long expected = mlp.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    long got = answer.count(inputs, hidden.clone(), outputs);
                    Exercise.require(got == expected, Messages.text("ch04.mlpParameters.wrong",
                            inputs, Arrays.toString(hidden), outputs, got, expected));
                }
            }
        });
    }
}
