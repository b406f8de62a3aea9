package dlcourse.exercises;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import dlcourse.nn.TransformerEncoderBlock;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.function.ToLongBiFunction;

/** Checkers for notebook 11 (transformer). */
public final class Chapter11Exercises {

    private Chapter11Exercises() {
    }

    /** A learner's learning-rate schedule: the rate at {@code update}, for a decay of {@code decayUpdates} updates. */
    @FunctionalInterface
    public interface Schedule {
        double learningRate(int update, int decayUpdates);
    }

    /**
     * The notebook's schedule: a linear warm-up from 1e-4 to 0.0125 over 200 updates, then a cosine
     * decay to 1e-4 over {@code decayUpdates} updates, then 1e-4.
     */
    static Tracker schedule(int decayUpdates) {
        return WarmUpTracker.builder().optWarmUpBeginValue(1e-4f).optWarmUpSteps(200)
                .setMainTracker(CosineTracker.builder().setBaseValue(0.0125f).optFinalValue(1e-4f)
                        .setMaxUpdates(decayUpdates).build())
                .build();
    }

    /**
     * Exercise: the learning rate of the notebook's schedule at a given update, written as a
     * formula, compared with DJL's trackers at the start, during and at the end of the warm-up,
     * during the decay and after it.
     */
    public static boolean learningRate(Schedule answer) {
        return Exercise.check(Messages.text("ch11.learningRate.name"), () -> {
            for (int decay : new int[] {1000, 2500, 37}) {
                Tracker reference = schedule(decay);
                int[] updates = {0, 1, 50, 199, 200, 201, 200 + decay / 3, 200 + decay / 2, 200 + decay,
                    200 + decay + 1, 200 + 2 * decay};
                for (int update : updates) {
                    double expected = reference.getNewValue(update);
                    double got = answer.learningRate(update, decay);
                    Exercise.requireClose(got, expected, 1e-8,
                            Messages.text("ch11.learningRate.update", update, decay));
                }
            }
        });
    }

    /**
     * Exercise: the number of parameters of one {@link TransformerEncoderBlock} with
     * {@code hidden} features and a feed-forward layer of {@code feedForward} units, as a formula.
     * The attention projections have no bias; layer norm has a scale and a shift per feature.
     */
    public static boolean encoderBlockParameters(ToLongBiFunction<Integer, Integer> answer) {
        return Exercise.check(Messages.text("ch11.encoderBlockParameters.name"), () -> {
            int[][] sizes = {{16, 32}, {32, 64}, {8, 24}, {64, 256}, {2, 2}};
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] size : sizes) {
                    TransformerEncoderBlock block = new TransformerEncoderBlock(size[0], size[1], 2);
                    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size[0]), new Shape(1));
                    long expected = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    long got = answer.applyAsLong(size[0], size[1]);
                    Exercise.require(got == expected, Messages.text("ch11.encoderBlockParameters.wrong",
                            size[0], size[1], expected, got));
                }
            }
        });
    }
}
