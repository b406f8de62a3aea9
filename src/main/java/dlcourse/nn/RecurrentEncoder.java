package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A GRU encoder: embeds the source tokens and reads them with a GRU. Outputs: the GRU's output
 * at every step (batch, steps, hidden) and its final state (batch, layers, hidden).
 */
public final class RecurrentEncoder extends AbstractBlock implements Encoder {

    private final int embeddingSize;
    private final int hiddenSize;
    private final int layers;
    private final TokenEmbedding embedding;
    private final GRU gru;

    public RecurrentEncoder(int vocabularySize, int embeddingSize, int hiddenSize, int layers) {
        this.embeddingSize = embeddingSize;
        this.hiddenSize = hiddenSize;
        this.layers = layers;
        embedding = addChildBlock("embedding", new TokenEmbedding(vocabularySize, embeddingSize));
        gru = addChildBlock("gru", GRU.builder().setStateSize(hiddenSize).setNumLayers(layers)
                .optReturnState(true).build());
    }

    @Override
    public NDList encode(ParameterStore parameterStore, NDArray sources, NDArray validLengths, boolean training) {
        if (sources.getShape().dimension() != 2) {
            throw new IllegalArgumentException("the encoder reads token indices (batch, steps), got " + sources.getShape());
        }
        NDArray embedded = embedding.forward(parameterStore, new NDList(sources), training).head();
        NDList outputs = gru.forward(parameterStore, new NDList(embedded), training);
        return new NDList(outputs.get(0), outputs.get(1).transpose(1, 0, 2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return encode(parameterStore, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, new Shape(1, 1));
        gru.initialize(manager, dataType, new Shape(1, 1, embeddingSize));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), hiddenSize),
            new Shape(inputs[0].get(0), layers, hiddenSize)};
    }

    @Override
    public String toString() {
        return "RecurrentEncoder(GRU, " + layers + " layer(s) of " + hiddenSize + ")";
    }
}
