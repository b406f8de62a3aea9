package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer encoder layer: multi-head self-attention (padded positions masked), then a
 * position-wise feed-forward network, each followed by a residual connection and layer
 * normalisation ("add and norm"). Inputs: x (batch, steps, hidden) and valid lengths (batch);
 * output: (batch, steps, hidden).
 */
public final class TransformerEncoderBlock extends AbstractBlock {

    private final int hiddenSize;
    private final MultiHeadAttention attention;
    private final Block norm1;
    private final Block feedForward;
    private final Block norm2;

    public TransformerEncoderBlock(int hiddenSize, int feedForwardSize, int heads) {
        this.hiddenSize = hiddenSize;
        attention = addChildBlock("attention", new MultiHeadAttention(hiddenSize, heads));
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        feedForward = addChildBlock("feedForward", feedForward(hiddenSize, feedForwardSize));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
    }

    /** Two dense layers applied to every position alone: hidden to feedForwardSize (ReLU) to hidden. */
    static Block feedForward(int hiddenSize, int feedForwardSize) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(feedForwardSize).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hiddenSize).build());
    }

    /** Self-attention weights (batch, heads, steps, steps) of the last forward pass. */
    public NDArray attentionWeights() {
        return attention.attentionWeights();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList attentionInputs = new NDList(x, x, x);
        if (inputs.size() > 1) {
            attentionInputs.add(inputs.get(1));
        }
        NDArray attended = attention.forward(parameterStore, attentionInputs, training).head();
        NDArray y = norm1.forward(parameterStore, new NDList(x.add(attended)), training).head();
        NDArray transformed = feedForward.forward(parameterStore, new NDList(y), training).head();
        return norm2.forward(parameterStore, new NDList(y.add(transformed)), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape vectors = new Shape(1, 1, hiddenSize);
        attention.initialize(manager, dataType, vectors, vectors, vectors);
        norm1.initialize(manager, dataType, vectors);
        feedForward.initialize(manager, dataType, vectors);
        norm2.initialize(manager, dataType, vectors);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
