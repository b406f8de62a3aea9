package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.nn.TransformerEncoderBlock;
import dlcourse.notebook.Exercise;
import java.util.Arrays;
import java.util.function.ToLongBiFunction;

/** Checkers for notebook 11 (transformer). */
public final class Chapter11Exercises {

    private Chapter11Exercises() {
    }

    /** A learner's causal valid lengths for the decoder's masked self-attention. */
    @FunctionalInterface
    public interface CausalLengths {
        NDArray lengths(NDManager manager, int batch, int steps, int earlier);
    }

    /**
     * Exercise: the valid lengths of the decoder's masked self-attention. With {@code earlier}
     * tokens already generated and {@code steps} new ones in a batch of {@code batch}, query t of
     * every sequence may see keys 0 .. earlier + t, so the answer is (batch, steps) holding
     * earlier + 1, ..., earlier + steps in every row.
     */
    public static boolean causalValidLengths(CausalLengths answer) {
        return Exercise.check("causal valid lengths", () -> {
            int[][] cases = {{2, 4, 0}, {1, 11, 0}, {3, 1, 5}, {2, 3, 2}};
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] c : cases) {
                    int batch = c[0], steps = c[1], earlier = c[2];
                    String what = "batch " + batch + ", " + steps + " new steps after " + earlier + " earlier ones";
                    NDArray got = answer.lengths(manager, batch, steps, earlier);
                    Exercise.require(got != null, what + ": your function returned null");
                    Exercise.require(got.getShape().equals(new Shape(batch, steps)), what + ": expected shape ("
                            + batch + ", " + steps + "), got " + got.getShape());
                    float[] values = got.toType(DataType.FLOAT32, false).toFloatArray();
                    float[] row = new float[steps];
                    for (int t = 0; t < steps; t++) {
                        row[t] = earlier + t + 1;
                    }
                    for (int b = 0; b < batch; b++) {
                        float[] gotRow = Arrays.copyOfRange(values, b * steps, (b + 1) * steps);
                        Exercise.require(Arrays.equals(gotRow, row), what + ": row " + b + " should be "
                                + Arrays.toString(row) + ", got " + Arrays.toString(gotRow));
                    }
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
        return Exercise.check("parameters of an encoder block", () -> {
            int[][] sizes = {{16, 32}, {32, 64}, {8, 24}, {64, 256}, {2, 2}};
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int[] size : sizes) {
                    TransformerEncoderBlock block = new TransformerEncoderBlock(size[0], size[1], 2);
                    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size[0]), new Shape(1));
                    long expected = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    long got = answer.applyAsLong(size[0], size[1]);
                    Exercise.require(got == expected, "hidden " + size[0] + ", feed-forward " + size[1] + ": the block has "
                            + expected + " parameters, your formula gives " + got);
                }
            }
        });
    }
}
