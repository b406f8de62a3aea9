package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dlcourse.nn.LeNet;
import dlcourse.nn.MultilayerPerceptron;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlopCountTest {

    @Test
    void multilayerPerceptronCountsBothDenseLayers() {
        // 784 x 256 + 256 x 10 = 200,704 + 2,560 multiply-accumulates.
        SequentialBlock mlp = MultilayerPerceptron.create(new int[] {256}, 10, 0f);
        assertEquals(203_264, FlopCount.multiplyAccumulates(mlp, new Shape(1, 28, 28)));
        assertEquals(406_528, FlopCount.forward(mlp, new Shape(1, 28, 28)));
        assertEquals(1_219_584, FlopCount.training(mlp, new Shape(1, 28, 28)));
    }

    @Test
    void leNetCountsConvolutionsAtEveryOutputPosition() {
        // conv1 28x28 x 6 x 5x5 x 1 = 117,600; conv2 10x10 x 16 x 5x5 x 6 = 240,000;
        // dense 400x120 = 48,000, 120x84 = 10,080, 84x10 = 840; 416,520 in all.
        assertEquals(416_520, FlopCount.multiplyAccumulates(LeNet.create(10, false), new Shape(1, 1, 28, 28)));
        assertEquals(833_040, FlopCount.forward(LeNet.create(10, false), new Shape(1, 1, 28, 28)));
        assertEquals(2_499_120, FlopCount.training(LeNet.create(10, false), new Shape(1, 1, 28, 28)));
    }

    @Test
    void batchNormalisationIsElementWiseAndNotCounted() {
        assertEquals(416_520, FlopCount.multiplyAccumulates(LeNet.create(10, true), new Shape(1, 1, 28, 28)));
    }

    @Test
    void groupedConvolutionSeesOnlyItsGroupsChannels() {
        // Depthwise 3x3 on 4 channels of 8x8, padding 1: 4 x 8 x 8 outputs, each 3 x 3 x 1 products.
        SequentialBlock depthwise = new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1)).setFilters(4).optGroups(4).build());
        assertEquals(2_304, FlopCount.multiplyAccumulates(depthwise, new Shape(1, 4, 8, 8)));
    }

    @Test
    void denseLayerOnSequencesCountsEveryPosition() {
        // (1, 5 positions, 3 features) into 2 units: 5 x 3 x 2.
        SequentialBlock dense = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        assertEquals(30, FlopCount.multiplyAccumulates(dense, new Shape(1, 5, 3)));
    }

    @Test
    void refusesAShapeWithoutABatchAxisOfOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlopCount.forward(LeNet.create(10, false), new Shape(28, 28)));
        assertTrue(e.getMessage().contains("(28, 28)"), e.getMessage());
    }

    @Test
    void refusesBlocksWhoseChildrenDoNotRunInSequence() {
        ParallelBlock branches = new ParallelBlock(lists -> lists.get(0),
                List.of(Linear.builder().setUnits(2).build(), Linear.builder().setUnits(3).build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlopCount.forward(new SequentialBlock().add(branches), new Shape(1, 4)));
        assertTrue(e.getMessage().contains("ParallelBlock"), e.getMessage());
    }
}
