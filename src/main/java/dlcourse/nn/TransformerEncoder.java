package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer encoder: token embeddings scaled by sqrt(hidden), plus {@link PositionalEncoding},
 * through a stack of {@link TransformerEncoderBlock}s. Output: (batch, steps, hidden).
 */
public final class TransformerEncoder extends AbstractBlock implements Encoder {

    private final int hiddenSize;
    private final TokenEmbedding embedding;
    private final List<TransformerEncoderBlock> layers = new ArrayList<>();

    public TransformerEncoder(int vocabularySize, int hiddenSize, int feedForwardSize, int heads, int layerCount) {
        this.hiddenSize = hiddenSize;
        embedding = addChildBlock("embedding", new TokenEmbedding(vocabularySize, hiddenSize));
        for (int i = 0; i < layerCount; i++) {
            layers.add(addChildBlock("layer" + i, new TransformerEncoderBlock(hiddenSize, feedForwardSize, heads)));
        }
    }

    /** The layers, for example to read their attention weights. */
    public List<TransformerEncoderBlock> layers() {
        return List.copyOf(layers);
    }

    @Override
    public NDList encode(ParameterStore parameterStore, NDArray sources, NDArray validLengths, boolean training) {
        if (sources.getShape().dimension() != 2) {
            throw new IllegalArgumentException("the encoder reads token indices (batch, steps), got " + sources.getShape());
        }
        if (validLengths != null && !validLengths.getShape().equals(sources.getShape().slice(0, 1))) {
            throw new IllegalArgumentException("sources " + sources.getShape() + " need one valid length per sequence, "
                    + "shape " + sources.getShape().slice(0, 1) + ", got valid lengths " + validLengths.getShape());
        }
        NDArray x = embedding.forward(parameterStore, new NDList(sources), training).head()
                .mul((float) Math.sqrt(hiddenSize));
        x = PositionalEncoding.add(x, 0);
        for (TransformerEncoderBlock layer : layers) {
            x = layer.forward(parameterStore, new NDList(x, validLengths), training).head();
        }
        return new NDList(x);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return encode(parameterStore, inputs.get(0), inputs.get(1), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, new Shape(1, 1));
        for (TransformerEncoderBlock layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, 1, hiddenSize), new Shape(1));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), hiddenSize)};
    }

    @Override
    public String toString() {
        return "TransformerEncoder(" + layers.size() + " layers of " + hiddenSize + ")";
    }
}
