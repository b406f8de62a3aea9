package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

/** LeNet, ResidualBlock and MultilayerPerceptron: output shapes, parameter counts, refused settings. */
class ConvolutionalNetworksTest {

    private static long parameters(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void leNetHasTheTextbookParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block lenet = LeNet.create(10, false);
            lenet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertEquals(new Shape(2, 10), lenet.getOutputShapes(new Shape[] {new Shape(2, 1, 28, 28)})[0]);
            // conv1 6*25+6, conv2 16*6*25+16, dense 400*120+120, 120*84+84, 84*10+10
            assertEquals(156 + 2416 + 48120 + 10164 + 850, parameters(lenet));
        }
    }

    @Test
    void residualBlocksKeepOrHalveTheResolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block same = ResidualBlock.create(8, 1, false);
            same.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 14, 14));
            assertEquals(new Shape(1, 8, 14, 14), same.getOutputShapes(new Shape[] {new Shape(1, 8, 14, 14)})[0]);
            Block down = ResidualBlock.create(16, 2, true);
            down.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 14, 14));
            assertEquals(new Shape(1, 16, 7, 7), down.getOutputShapes(new Shape[] {new Shape(1, 8, 14, 14)})[0]);
            Block resnet = ResidualBlock.smallResNet(4, 10);
            resnet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertEquals(new Shape(3, 10), resnet.getOutputShapes(new Shape[] {new Shape(3, 1, 28, 28)})[0]);
            assertThrows(IllegalArgumentException.class, () -> ResidualBlock.create(16, 2, false));
        }
    }

    @Test
    void multilayerPerceptronCountsWeightsAndBiases() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block mlp = MultilayerPerceptron.create(new int[] {256}, 10, 0.5f);
            mlp.initialize(manager, DataType.FLOAT32, new Shape(1, 28, 28));
            assertEquals(784 * 256 + 256 + 256 * 10 + 10, parameters(mlp));
            assertThrows(IllegalArgumentException.class, () -> MultilayerPerceptron.create(new int[] {256}, 10, 1f));
            assertThrows(IllegalArgumentException.class, () -> LeNet.create(0, false));
        }
    }
}
