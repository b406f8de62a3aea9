package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head attention: queries, keys and values are projected to {@code hiddenSize} features,
 * split into {@code heads} heads of {@code hiddenSize / heads} features, each head runs scaled
 * dot-product attention on its own, and the heads' outputs are concatenated and projected.
 * The heads run as one batched product: the head axis is folded into the batch axis.
 *
 * <p>Inputs and output as {@link Attention}: queries, keys, values, optional valid lengths;
 * output (batch, queries, hiddenSize). {@link #attentionWeights()} is (batch, heads, queries, keys).
 */
public final class MultiHeadAttention extends AbstractBlock {

    private final int hiddenSize;
    private final int heads;
    private final DotProductAttention attention = new DotProductAttention();
    private final Block queryProjection;
    private final Block keyProjection;
    private final Block valueProjection;
    private final Block outputProjection;

    /** {@code heads} heads over {@code hiddenSize} features; {@code hiddenSize} must be a multiple of {@code heads}. */
    public MultiHeadAttention(int hiddenSize, int heads) {
        if (heads < 1 || hiddenSize < 1 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " must be a positive multiple of the "
                    + heads + " heads, so that every head gets the same number of features");
        }
        this.hiddenSize = hiddenSize;
        this.heads = heads;
        queryProjection = addChildBlock("queryProjection", linear(hiddenSize));
        keyProjection = addChildBlock("keyProjection", linear(hiddenSize));
        valueProjection = addChildBlock("valueProjection", linear(hiddenSize));
        outputProjection = addChildBlock("outputProjection", linear(hiddenSize));
    }

    private static Block linear(int units) {
        return Linear.builder().setUnits(units).optBias(false).build();
    }

    public int heads() {
        return heads;
    }

    /** The weights (batch, heads, queries, keys) of the last forward pass. */
    public NDArray attentionWeights() {
        NDArray weights = attention.attentionWeights();
        Shape shape = weights.getShape();
        return weights.reshape(shape.get(0) / heads, heads, shape.get(1), shape.get(2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() < 3) {
            throw new IllegalArgumentException("multi-head attention needs queries, keys and values (and optionally "
                    + "valid lengths), got " + inputs.size() + " arrays");
        }
        NDArray queries = inputs.get(0);
        NDArray keys = inputs.get(1);
        NDArray values = inputs.get(2);
        Shape q = queries.getShape();
        Shape k = keys.getShape();
        Shape v = values.getShape();
        if (q.dimension() != 3 || k.dimension() != 3 || v.dimension() != 3 || q.get(0) != k.get(0)
                || k.get(0) != v.get(0) || k.get(1) != v.get(1)) {
            throw new IllegalArgumentException(Attention.describe(q, k, v)
                    + ": expected (batch, queries, dq), (batch, keys, dk) and (batch, keys, dv)");
        }
        Attention.checkFeatureSizes(this, 3, q, k, v);
        NDList split = new NDList(
                splitHeads(queryProjection.forward(parameterStore, new NDList(queries), training).head()),
                splitHeads(keyProjection.forward(parameterStore, new NDList(keys), training).head()),
                splitHeads(valueProjection.forward(parameterStore, new NDList(values), training).head()));
        if (inputs.size() > 3) {
            // Every head of a sequence sees the same keys, so its valid lengths are repeated per head.
            split.add(inputs.get(3).repeat(0, heads));
        }
        NDArray output = attention.forward(parameterStore, split, training).head();
        return outputProjection.forward(parameterStore, new NDList(joinHeads(output)), training);
    }

    /** (batch, steps, hidden) to (batch * heads, steps, hidden / heads). */
    private NDArray splitHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, -1).transpose(0, 2, 1, 3)
                .reshape(shape.get(0) * heads, shape.get(1), -1);
    }

    /** (batch * heads, steps, hidden / heads) back to (batch, steps, hidden). */
    private NDArray joinHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0) / heads, heads, shape.get(1), shape.get(2)).transpose(0, 2, 1, 3)
                .reshape(shape.get(0) / heads, shape.get(1), -1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        queryProjection.initialize(manager, dataType, inputShapes[0]);
        keyProjection.initialize(manager, dataType, inputShapes[1]);
        valueProjection.initialize(manager, dataType, inputShapes[2]);
        outputProjection.initialize(manager, dataType, new Shape(1, hiddenSize));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), hiddenSize)};
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(" + heads + " heads, " + hiddenSize + " features)";
    }
}
