package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The GRU decoder with Bahdanau attention: at every step its last-layer hidden state is the
 * query of an {@link AdditiveAttention} over the encoder's outputs (padded source positions get
 * weight 0), and the context that attention returns goes into the GRU with the previous token.
 *
 * <p>State: encoder outputs (batch, source steps, hidden), hidden state (batch, layers, hidden),
 * source valid lengths (batch). {@link #attentionWeights()}: (batch, target steps, source steps)
 * of the last decode call.
 */
public final class AttentionDecoder extends AbstractDecoder {

    private final int embeddingSize;
    private final int hiddenSize;
    private final int layers;
    private final TokenEmbedding embedding;
    private final AdditiveAttention attention;
    private final GRU gru;
    private final Block dense;
    private NDArray attentionWeights;

    public AttentionDecoder(int vocabularySize, int embeddingSize, int hiddenSize, int layers) {
        super(vocabularySize);
        this.embeddingSize = embeddingSize;
        this.hiddenSize = hiddenSize;
        this.layers = layers;
        embedding = addChildBlock("embedding", new TokenEmbedding(vocabularySize, embeddingSize));
        attention = addChildBlock("attention", new AdditiveAttention(hiddenSize));
        gru = addChildBlock("gru", GRU.builder().setStateSize(hiddenSize).setNumLayers(layers)
                .optReturnState(true).build());
        dense = addChildBlock("dense", Linear.builder().setUnits(vocabularySize).build());
    }

    /** Attention weights (batch, target steps, source steps) of the last decode call. */
    public NDArray attentionWeights() {
        if (attentionWeights == null) {
            throw new IllegalStateException("no attention weights yet: decode something first");
        }
        return attentionWeights;
    }

    @Override
    public NDList initialState(NDList encoderOutputs, NDArray sourceValidLengths) {
        return new NDList(encoderOutputs.get(0), encoderOutputs.get(1), sourceValidLengths);
    }

    @Override
    protected NDList decodeChecked(ParameterStore parameterStore, NDArray tokens, NDList state, boolean training) {
        long batch = tokens.getShape().get(0);
        checkState(state, "start from initialState(...) of an encoder with " + layers + " layer(s) of " + hiddenSize,
                new Shape(batch, -1, hiddenSize), new Shape(batch, layers, hiddenSize), new Shape(batch));
        NDArray encoded = state.get(0);
        NDArray hidden = state.get(1).transpose(1, 0, 2);
        NDArray validLengths = state.get(2);
        NDArray embedded = embedding.forward(parameterStore, new NDList(tokens), training).head();
        long steps = tokens.getShape().get(1);
        List<NDArray> outputs = new ArrayList<>();
        List<NDArray> weights = new ArrayList<>();
        // The keys are the same at every step: project them (W_k h) once per call, not once per step.
        NDArray keys = attention.projectKeys(parameterStore, encoded, training);
        // Each step's query is the state the previous step left, so the steps run one after another.
        for (long t = 0; t < steps; t++) {
            NDArray query = hidden.get("-1").expandDims(1);
            NDArray context = attention.attendProjected(parameterStore, query, keys, encoded, validLengths, training);
            weights.add(attention.attentionWeights());
            NDArray input = context.concat(embedded.get(":, {}:{}, :", t, t + 1), 2);
            NDList step = gru.forward(parameterStore, new NDList(input, hidden), training);
            outputs.add(step.get(0));
            hidden = step.get(1);
        }
        attentionWeights = concat(weights);
        NDArray scores = dense.forward(parameterStore, new NDList(concat(outputs)), training).head();
        return new NDList(scores, encoded, hidden.transpose(1, 0, 2), validLengths);
    }

    private static NDArray concat(List<NDArray> arrays) {
        return arrays.size() == 1 ? arrays.get(0) : ai.djl.ndarray.NDArrays.concat(new NDList(arrays), 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape vectors = new Shape(1, 1, hiddenSize);
        embedding.initialize(manager, dataType, new Shape(1, 1));
        attention.initialize(manager, dataType, vectors, vectors, vectors);
        gru.initialize(manager, dataType, new Shape(1, 1, embeddingSize + hiddenSize));
        dense.initialize(manager, dataType, new Shape(1, hiddenSize));
    }

    @Override
    public String toString() {
        return "AttentionDecoder(additive attention, GRU, " + layers + " layer(s) of " + hiddenSize + ")";
    }
}
