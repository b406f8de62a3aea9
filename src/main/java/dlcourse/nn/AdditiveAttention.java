package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * Additive (Bahdanau) attention: score(q, k) = w_v · tanh(W_q q + W_k k), a one-hidden-layer
 * network on query and key, so queries and keys may have different lengths.
 *
 * <pre>
 * AdditiveAttention attention = new AdditiveAttention(64);   // 64 hidden units
 * </pre>
 */
public final class AdditiveAttention extends Attention {

    private final int hiddenSize;
    private final Block queryProjection;
    private final Block keyProjection;
    private final Block scoreProjection;

    /** Additive attention with {@code hiddenSize} units in its hidden layer. */
    public AdditiveAttention(int hiddenSize) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hidden size must be 1 or more, got " + hiddenSize);
        }
        this.hiddenSize = hiddenSize;
        queryProjection = addChildBlock("queryProjection", Linear.builder().setUnits(hiddenSize).optBias(false).build());
        keyProjection = addChildBlock("keyProjection", Linear.builder().setUnits(hiddenSize).optBias(false).build());
        scoreProjection = addChildBlock("scoreProjection", Linear.builder().setUnits(1).optBias(false).build());
    }

    @Override
    protected NDArray scores(ParameterStore parameterStore, NDArray queries, NDArray keys, boolean training) {
        return scoresOfProjected(parameterStore, queries, projectKeys(parameterStore, keys, training), training);
    }

    /**
     * W_k k for keys (batch, keys, dk): (batch, keys, hidden). A decoder that asks the same keys at
     * every step projects them once and then calls {@link #attendProjected} per step.
     */
    public NDArray projectKeys(ParameterStore parameterStore, NDArray keys, boolean training) {
        if (keys.getShape().dimension() != 3) {
            throw new IllegalArgumentException("keys must have 3 axes (batch, keys, features), got " + keys.getShape());
        }
        return keyProjection.forward(parameterStore, new NDList(keys), training).head();
    }

    /**
     * The same output as {@code forward(queries, keys, values, validLengths)}, from keys already
     * projected by {@link #projectKeys}: (batch, keys, hidden). Keeps {@link #attentionWeights()}.
     */
    public NDArray attendProjected(ParameterStore parameterStore, NDArray queries, NDArray projectedKeys,
                                   NDArray values, NDArray validLengths, boolean training) {
        Shape keys = projectedKeys.getShape();
        if (keys.dimension() != 3 || keys.get(2) != hiddenSize) {
            throw new IllegalArgumentException("projected keys have shape " + keys + ", expected (batch, keys, "
                    + hiddenSize + "): pass what projectKeys(...) returned");
        }
        super.checkShapes(queries.getShape(), keys, values.getShape());
        checkFeatureSizes(this, 1, queries.getShape(), keys, values.getShape());   // the keys' is checked above
        return pool(scoresOfProjected(parameterStore, queries, projectedKeys, training), values, validLengths);
    }

    private NDArray scoresOfProjected(ParameterStore parameterStore, NDArray queries, NDArray projectedKeys,
                                      boolean training) {
        NDArray q = queryProjection.forward(parameterStore, new NDList(queries), training).head();
        // (batch, queries, 1, hidden) + (batch, 1, keys, hidden): every query meets every key.
        // Activation.tanh: on MXNet several times faster than NDArray.tanh (MXNet's own activation op).
        NDArray features = Activation.tanh(q.expandDims(2).add(projectedKeys.expandDims(1)));
        NDArray scores = scoreProjection.forward(parameterStore, new NDList(features), training).head();
        return scores.squeeze(-1);
    }

    @Override
    protected void checkShapes(Shape queries, Shape keys, Shape values) {
        super.checkShapes(queries, keys, values);
        checkFeatureSizes(this, 2, queries, keys, values);   // values are not projected
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        queryProjection.initialize(manager, dataType, inputShapes[0]);
        keyProjection.initialize(manager, dataType, inputShapes[1]);
        scoreProjection.initialize(manager, dataType, new Shape(1, hiddenSize));
    }

    @Override
    public String toString() {
        return "AdditiveAttention(" + hiddenSize + " hidden units)";
    }
}
