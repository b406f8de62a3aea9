package dlcourse.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * The multilayer perceptron of notebook 04: flatten, then for each hidden layer a dense layer,
 * ReLU and (optionally) dropout, then a dense layer of class scores.
 *
 * <pre>
 * Block mlp = MultilayerPerceptron.create(new int[] {256}, 10, 0f);   // 784-256-10 on 28x28 images
 * </pre>
 */
public final class MultilayerPerceptron {

    private MultilayerPerceptron() {
    }

    /** A network with the given hidden layer widths, {@code outputs} scores and dropout rate (0 for none). */
    public static SequentialBlock create(int[] hiddenWidths, int outputs, float dropout) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout is a rate in [0, 1), got " + dropout);
        }
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int width : hiddenWidths) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, got " + width);
            }
            net.add(Linear.builder().setUnits(width).build()).add(Activation.reluBlock());
            if (dropout > 0) {
                net.add(Dropout.builder().optRate(dropout).build());
            }
        }
        return net.add(Linear.builder().setUnits(outputs).build());
    }
}
