package dlcourse.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The residual block of ResNet (He et al., 2016): y = ReLU(F(x) + shortcut(x)), where F is
 * conv 3x3, BatchNorm, ReLU, conv 3x3, BatchNorm. The shortcut is x itself, or a 1x1
 * convolution with BatchNorm when the block changes the channels or the resolution (stride 2).
 */
public final class ResidualBlock {

    private ResidualBlock() {
    }

    /** A block with {@code channels} output channels; {@code projection} adds the 1x1 shortcut convolution. */
    public static Block create(int channels, int stride, boolean projection) {
        if (channels < 1 || stride < 1) {
            throw new IllegalArgumentException("channels and stride must be at least 1, got " + channels + " and " + stride);
        }
        if (stride > 1 && !projection) {
            throw new IllegalArgumentException("a block with stride " + stride
                    + " changes the resolution, so its shortcut needs the 1x1 projection (projection = true)");
        }
        SequentialBlock residual = new SequentialBlock()
                .add(conv(channels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(channels, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = projection
                ? new SequentialBlock().add(conv(channels, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        ParallelBlock sum = new ParallelBlock(
                (List<NDList> branches) -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
                List.of(residual, shortcut));
        return new SequentialBlock().add(sum).add(Activation.reluBlock());
    }

    /** A small ResNet for 28x28 images: a stem, three stages of two blocks (width, 2 width, 4 width), pooling, dense. */
    public static SequentialBlock smallResNet(int width, int classes) {
        if (width < 1 || classes < 1) {
            throw new IllegalArgumentException("width and classes must be at least 1, got " + width + " and " + classes);
        }
        SequentialBlock net = new SequentialBlock()
                .add(conv(width, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        net.add(create(width, 1, false)).add(create(width, 1, false));
        net.add(create(2 * width, 2, true)).add(create(2 * width, 1, false));
        net.add(create(4 * width, 2, true)).add(create(4 * width, 1, false));
        net.add(Pool.globalAvgPool2dBlock());
        return net.add(Linear.builder().setUnits(classes).build());
    }

    private static Conv2d conv(int channels, int kernel, int stride) {
        int pad = kernel / 2;
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
    }
}
