package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Random;
import java.util.function.Function;

/** Checks for the exercises of notebook 06 (normalisation, depthwise separable convolutions). */
public final class Chapter06Exercises {

    private Chapter06Exercises() {
    }

    /** A learner's {@code long separableParameters(int inChannels, int outChannels, int kernel)}. */
    @FunctionalInterface
    public interface ConvParameterCount {
        long count(int inChannels, int outChannels, int kernel);
    }

    /**
     * Exercise: the number of parameters of a depthwise separable convolution <em>with biases</em>
     * (a k×k depthwise convolution with one kernel and one bias per input channel, then a 1×1
     * convolution with a bias per output channel). Checked on 20 cases against DJL's blocks.
     */
    public static boolean separableParameters(ConvParameterCount answer) {
        return Exercise.check(Messages.text("ch06.separableParameters.name"), () -> {
            int[] ins = {1, 3, 8, 16, 32}, outs = {4, 16, 64, 128}, kernels = {1, 3, 5, 7};
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int c = 0; c < 20; c++) {
                    int in = ins[c % ins.length], out = outs[(c / 5) % outs.length], k = kernels[(c * 3) % kernels.length];
                    Block block = new SequentialBlock()
                            .add(Conv2d.builder().setFilters(in).setKernelShape(new Shape(k, k)).optGroups(in).build())
                            .add(Conv2d.builder().setFilters(out).setKernelShape(new Shape(1, 1)).build());
                    block.initialize(manager, DataType.FLOAT32, new Shape(1, in, 8, 8));
                    long expected = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    long got = answer.count(in, out, k);
                    Exercise.require(got == expected,
                            Messages.text("ch06.separableParameters.wrong", in, out, k, k, got, expected));
                }
            }
        });
    }

    /**
     * Exercise: layer normalisation without γ and β: every example (index 0) normalised to mean 0 and
     * variance 1 over all its other axes, with ε = 1e-5 added to the variance. Checked against DJL's
     * {@code LayerNorm.layerNorm} on inputs of 2, 3 and 4 dimensions.
     */
    public static boolean layerNorm(Function<NDArray, NDArray> answer) {
        return Exercise.check(Messages.text("ch06.layerNorm.name"), () -> {
            Random random = new Random(6);
            try (NDManager manager = NDManager.newBaseManager()) {
                for (Shape shape : new Shape[] {new Shape(8, 4, 5, 5), new Shape(3, 10), new Shape(2, 3, 4)}) {
                    float[] values = new float[(int) shape.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (2 + 3 * random.nextGaussian());
                    }
                    NDArray x = manager.create(values, shape);
                    Shape perExample = shape.slice(1);
                    NDArray expected = LayerNorm.layerNorm(x, perExample, manager.ones(perExample), manager.zeros(perExample), 1e-5f)
                            .singletonOrThrow();
                    NDArray result = answer.apply(x);
                    Exercise.require(result != null, Messages.text("ch06.layerNorm.null"));
                    Exercise.require(result.getShape().equals(shape),
                            Messages.text("ch06.layerNorm.shape", shape, result.getShape()));
                    float[] got = result.toType(DataType.FLOAT32, false).toFloatArray(), want = expected.toFloatArray();
                    for (int i = 0; i < got.length; i++) {
                        Exercise.require(Math.abs(got[i] - want[i]) <= 1e-4,
                                Messages.text("ch06.layerNorm.value", shape, i, got[i], want[i]));
                    }
                }
            }
        });
    }
}
