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

/**
 * The seq2seq GRU decoder without attention: it starts from the encoder's final state, and at
 * every step reads the previous target token together with the context, the encoder's last-layer
 * final state, which is all it ever sees of the source (the bottleneck).
 *
 * <p>State: hidden state (batch, layers, hidden) and context (batch, hidden).
 */
public final class RecurrentDecoder extends AbstractDecoder {

    private final int embeddingSize;
    private final int hiddenSize;
    private final int layers;
    private final TokenEmbedding embedding;
    private final GRU gru;
    private final Block dense;

    public RecurrentDecoder(int vocabularySize, int embeddingSize, int hiddenSize, int layers) {
        super(vocabularySize);
        this.embeddingSize = embeddingSize;
        this.hiddenSize = hiddenSize;
        this.layers = layers;
        embedding = addChildBlock("embedding", new TokenEmbedding(vocabularySize, embeddingSize));
        gru = addChildBlock("gru", GRU.builder().setStateSize(hiddenSize).setNumLayers(layers)
                .optReturnState(true).build());
        dense = addChildBlock("dense", Linear.builder().setUnits(vocabularySize).build());
    }

    @Override
    public NDList initialState(NDList encoderOutputs, NDArray sourceValidLengths) {
        NDArray hidden = encoderOutputs.get(1);
        return new NDList(hidden, hidden.get(":, -1, :"));
    }

    @Override
    protected NDList decodeChecked(ParameterStore parameterStore, NDArray tokens, NDList state, boolean training) {
        Shape shape = tokens.getShape();
        checkState(state, "start from initialState(...) of an encoder with " + layers + " layer(s) of " + hiddenSize,
                new Shape(shape.get(0), layers, hiddenSize), new Shape(shape.get(0), hiddenSize));
        NDArray embedded = embedding.forward(parameterStore, new NDList(tokens), training).head();
        NDArray context = state.get(1).expandDims(1).broadcast(new Shape(shape.get(0), shape.get(1), hiddenSize));
        NDList outputs = gru.forward(parameterStore,
                new NDList(embedded.concat(context, 2), state.get(0).transpose(1, 0, 2)), training);
        NDArray scores = dense.forward(parameterStore, new NDList(outputs.get(0)), training).head();
        return new NDList(scores, outputs.get(1).transpose(1, 0, 2), state.get(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, new Shape(1, 1));
        gru.initialize(manager, dataType, new Shape(1, 1, embeddingSize + hiddenSize));
        dense.initialize(manager, dataType, new Shape(1, hiddenSize));
    }

    @Override
    public String toString() {
        return "RecurrentDecoder(GRU, " + layers + " layer(s) of " + hiddenSize + ")";
    }
}
