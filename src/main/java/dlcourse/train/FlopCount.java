package dlcourse.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Floating-point operations of one example through a network, counted from its layers' shapes:
 * a dense or convolution layer does one multiply-accumulate (MAC, 2 FLOPs) per weight per output
 * position. Activations, pooling, normalisation and biases cost a few FLOPs per value and are
 * left out; they are small next to the matrix products. Training is counted as three forward
 * passes: the forward pass, then the gradients with respect to the inputs and to the weights,
 * each about as costly as the forward pass.
 *
 * <pre>
 * long flops = FlopCount.forward(MultilayerPerceptron.create(new int[] {256}, 10, 0f), new Shape(1, 28, 28));
 * // (784 * 256 + 256 * 10) MACs * 2 = 406,528
 * </pre>
 */
public final class FlopCount {

    private FlopCount() {
    }

    /** FLOPs of one forward pass of one example of {@code exampleShape} (batch axis of size 1 first). */
    public static long forward(Block block, Shape exampleShape) {
        return 2 * multiplyAccumulates(block, exampleShape);
    }

    /** FLOPs of one training step per example: forward and backward, three forward passes in all. */
    public static long training(Block block, Shape exampleShape) {
        return 3 * forward(block, exampleShape);
    }

    /** Multiply-accumulates of one example through the dense and convolution layers of {@code block}. */
    public static long multiplyAccumulates(Block block, Shape exampleShape) {
        if (exampleShape.dimension() < 2 || exampleShape.get(0) != 1) {
            throw new IllegalArgumentException("the example shape needs a batch axis of size 1 first, like (1, 28, 28), got "
                    + exampleShape);
        }
        return count(block, exampleShape);
    }

    private static long count(Block block, Shape input) {
        if (block instanceof SequentialBlock) {
            long total = 0;
            Shape shape = input;
            for (Block child : block.getChildren().values()) {
                total += count(child, shape);
                shape = child.getOutputShapes(new Shape[] {shape})[0];
            }
            return total;
        }
        if (block instanceof Linear) {
            // Every output unit is a dot product with the whole input row.
            return input.get(input.dimension() - 1) * block.getOutputShapes(new Shape[] {input})[0].size();
        }
        if (block instanceof Convolution convolution) {
            // Every output value sums kernel x (input channels per group) products.
            long inputChannels = input.get(1) / convolution.getGroups();
            return block.getOutputShapes(new Shape[] {input})[0].size() * convolution.getKernelShape().size() * inputChannels;
        }
        if (!block.getChildren().isEmpty()) {
            throw new IllegalArgumentException("cannot count the FLOPs of " + block.getClass().getSimpleName()
                    + ": only sequential blocks of dense, convolution and element-wise layers are counted");
        }
        return 0;
    }
}
