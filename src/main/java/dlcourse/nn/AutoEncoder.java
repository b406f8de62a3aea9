package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An autoencoder (notebook 12): an encoder that squeezes its input into a short code and a
 * decoder that rebuilds the input from the code, trained to make the rebuilt input equal the input.
 * The two halves are child blocks, so after training {@link #encode} gives the learned code and
 * {@link #decode} turns any code, for example a point on a line between two codes, into an image.
 *
 * <pre>
 * AutoEncoder dense = AutoEncoder.dense(new int[] {256}, 32, 28, 28);   // 784-256-32-256-784
 * AutoEncoder conv = AutoEncoder.convolutional(32, 28, 28);            // strided convolutions, upsampling
 * NDArray codes = dense.encode(images);                                // (N, 32), after training
 * </pre>
 *
 * <p>Inputs and outputs of the factories' networks are grey-scale images (N, height, width) with
 * values in [0, 1]; the decoder ends with a sigmoid so that its output is in [0, 1] too.
 */
public final class AutoEncoder extends AbstractBlock {

    private final Block encoder;
    private final Block decoder;

    /** An autoencoder made of any {@code encoder} and a {@code decoder} that takes the encoder's output. */
    public AutoEncoder(Block encoder, Block decoder) {
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
    }

    /**
     * Dense layers: flatten, a ReLU layer per hidden width, a linear code of {@code codeSize}; the
     * decoder mirrors the widths and ends with a sigmoid layer of height x width pixels.
     */
    public static AutoEncoder dense(int[] hiddenWidths, int codeSize, int height, int width) {
        checkSizes(codeSize, height, width);
        SequentialBlock encoder = new SequentialBlock().add(Blocks.batchFlattenBlock());
        SequentialBlock decoder = new SequentialBlock();
        for (int i = 0; i < hiddenWidths.length; i++) {
            if (hiddenWidths[i] < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, got " + hiddenWidths[i]);
            }
            encoder.add(Linear.builder().setUnits(hiddenWidths[i]).build()).add(Activation.reluBlock());
            decoder.add(Linear.builder().setUnits(hiddenWidths[hiddenWidths.length - 1 - i]).build())
                    .add(Activation.reluBlock());
        }
        encoder.add(Linear.builder().setUnits(codeSize).build());
        decoder.add(Linear.builder().setUnits((long) height * width).build())
                .add(Activation.sigmoidBlock())
                .add(reshape(-1, height, width));
        return new AutoEncoder(encoder, decoder);
    }

    /**
     * Convolutions: two 3x3 convolutions of stride 2 (16 and 32 channels) halve the image twice, a
     * dense layer makes the code; the decoder goes back with a dense layer and, twice, an upsampling
     * that doubles height and width (each pixel repeated 2x2) followed by a 3x3 convolution. Height
     * and width must be multiples of 4.
     */
    public static AutoEncoder convolutional(int codeSize, int height, int width) {
        checkSizes(codeSize, height, width);
        if (height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("the convolutional autoencoder halves the image twice, so height and "
                    + "width must be multiples of 4, got " + height + "x" + width);
        }
        int h = height / 4;
        int w = width / 4;
        SequentialBlock encoder = new SequentialBlock()
                .add(reshape(-1, 1, height, width))
                .add(convolution(16)).add(Activation.reluBlock())
                .add(convolution(32)).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(codeSize).build());
        SequentialBlock decoder = new SequentialBlock()
                .add(Linear.builder().setUnits(32L * h * w).build()).add(Activation.reluBlock())
                .add(reshape(-1, 32, h, w))
                .add(upsample()).add(sameSizeConvolution(16)).add(Activation.reluBlock())
                .add(upsample()).add(sameSizeConvolution(1)).add(Activation.sigmoidBlock())
                .add(reshape(-1, height, width));
        return new AutoEncoder(encoder, decoder);
    }

    private static Block convolution(int channels) {
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
    }

    private static Block sameSizeConvolution(int channels) {
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1)).build();
    }

    /**
     * Nearest-neighbour upsampling of (N, C, H, W) to (N, C, 2H, 2W). Upsampling then convolving
     * is used instead of DJL's Conv2dTranspose, whose weight shape the MXNet engine rejects.
     */
    private static Block upsample() {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "upsample");
    }

    private static Block reshape(long... shape) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(shape)), "reshape");
    }

    private static void checkSizes(int codeSize, int height, int width) {
        if (codeSize < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("code size, height and width must be at least 1, got "
                    + codeSize + ", " + height + " and " + width);
        }
    }

    /** The encoder: input to code. */
    public Block encoder() {
        return encoder;
    }

    /** The decoder: code to reconstruction. */
    public Block decoder() {
        return decoder;
    }

    /** The codes of {@code inputs}, computed in inference mode; the result belongs to the inputs' manager. */
    public NDArray encode(NDArray inputs) {
        return encoder.forward(new ParameterStore(inputs.getManager(), false), new NDList(inputs), false)
                .singletonOrThrow();
    }

    /** What the decoder makes of {@code codes}, computed in inference mode. */
    public NDArray decode(NDArray codes) {
        return decoder.forward(new ParameterStore(codes.getManager(), false), new NDList(codes), false)
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList code = encoder.forward(parameterStore, inputs, training, params);
        return decoder.forward(parameterStore, code, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return decoder.getOutputShapes(encoder.getOutputShapes(inputShapes));
    }
}
