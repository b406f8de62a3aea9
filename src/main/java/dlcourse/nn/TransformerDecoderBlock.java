package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer decoder layer: masked (causal) multi-head self-attention, where position t sees
 * positions up to t only; multi-head cross-attention to the encoder's outputs (padded source
 * positions masked); a position-wise feed-forward network; each with add and norm.
 *
 * <p>Inputs: x (batch, steps, hidden), encoder outputs (batch, source steps, hidden), source valid
 * lengths (batch), and optionally the inputs this layer saw at earlier steps (batch, earlier,
 * hidden) when generating one token at a time. Outputs: y (batch, steps, hidden) and the inputs
 * seen so far (earlier ones and x), to pass in at the next step.
 */
public final class TransformerDecoderBlock extends AbstractBlock {

    private final int hiddenSize;
    private final MultiHeadAttention selfAttention;
    private final Block norm1;
    private final MultiHeadAttention crossAttention;
    private final Block norm2;
    private final Block feedForward;
    private final Block norm3;

    public TransformerDecoderBlock(int hiddenSize, int feedForwardSize, int heads) {
        this.hiddenSize = hiddenSize;
        selfAttention = addChildBlock("selfAttention", new MultiHeadAttention(hiddenSize, heads));
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        crossAttention = addChildBlock("crossAttention", new MultiHeadAttention(hiddenSize, heads));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        feedForward = addChildBlock("feedForward", TransformerEncoderBlock.feedForward(hiddenSize, feedForwardSize));
        norm3 = addChildBlock("norm3", LayerNorm.builder().axis(2).build());
    }

    /** Self-attention weights (batch, heads, steps, keys) of the last forward pass. */
    public NDArray selfAttentionWeights() {
        return selfAttention.attentionWeights();
    }

    /** Cross-attention weights (batch, heads, steps, source steps) of the last forward pass. */
    public NDArray crossAttentionWeights() {
        return crossAttention.attentionWeights();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray encoded = inputs.get(1);
        NDArray sourceValidLengths = inputs.get(2);
        NDArray seen = inputs.size() > 3 ? inputs.get(3).concat(x, 1) : x;
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(1);
        long earlier = seen.getShape().get(1) - steps;
        // Causal mask: query t (after `earlier` generated tokens) sees keys 0 .. earlier + t.
        NDArray causal = x.getManager().arange(earlier + 1, earlier + steps + 1, 1, DataType.INT32)
                .reshape(1, steps).broadcast(new Shape(batch, steps));
        NDArray attended = selfAttention.forward(parameterStore, new NDList(x, seen, seen, causal), training).head();
        NDArray y = norm1.forward(parameterStore, new NDList(x.add(attended)), training).head();
        NDArray crossed = crossAttention.forward(parameterStore,
                new NDList(y, encoded, encoded, sourceValidLengths), training).head();
        NDArray z = norm2.forward(parameterStore, new NDList(y.add(crossed)), training).head();
        NDArray transformed = feedForward.forward(parameterStore, new NDList(z), training).head();
        NDArray output = norm3.forward(parameterStore, new NDList(z.add(transformed)), training).head();
        return new NDList(output, seen);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape vectors = new Shape(1, 1, hiddenSize);
        selfAttention.initialize(manager, dataType, vectors, vectors, vectors);
        norm1.initialize(manager, dataType, vectors);
        crossAttention.initialize(manager, dataType, vectors, vectors, vectors);
        norm2.initialize(manager, dataType, vectors);
        feedForward.initialize(manager, dataType, vectors);
        norm3.initialize(manager, dataType, vectors);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0], inputs[0]};
    }
}
