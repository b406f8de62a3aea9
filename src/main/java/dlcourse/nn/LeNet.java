package dlcourse.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * LeNet-5 (LeCun et al., 1998) with ReLU and max pooling, for 28x28 grey-scale images
 * (N, 1, 28, 28): conv 6@5x5 (padding 2), pool, conv 16@5x5, pool, dense 120, 84, classes.
 * With batch normalisation, a BatchNorm follows every convolution and hidden dense layer,
 * before its ReLU.
 */
public final class LeNet {

    private LeNet() {
    }

    /** LeNet with {@code classes} outputs, with or without batch normalisation. */
    public static SequentialBlock create(int classes, boolean batchNorm) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(6).build());
        addNormAndRelu(net, batchNorm);
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        net.add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(16).build());
        addNormAndRelu(net, batchNorm);
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(120).build());
        addNormAndRelu(net, batchNorm);
        net.add(Linear.builder().setUnits(84).build());
        addNormAndRelu(net, batchNorm);
        return net.add(Linear.builder().setUnits(classes).build());
    }

    private static void addNormAndRelu(SequentialBlock net, boolean batchNorm) {
        if (batchNorm) {
            net.add(BatchNorm.builder().build());
        }
        net.add(Activation.reluBlock());
    }
}
