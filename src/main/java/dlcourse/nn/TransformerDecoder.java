package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer decoder: target embeddings scaled by sqrt(hidden), plus positional encoding,
 * through a stack of {@link TransformerDecoderBlock}s, then a dense layer to scores.
 *
 * <p>State: encoder outputs, source valid lengths, then (once generating has started) for each
 * layer the inputs it has seen so far, so that a new token attends to all earlier ones and gets
 * the positional encoding of its own position.
 */
public final class TransformerDecoder extends AbstractDecoder {

    private final int hiddenSize;
    private final TokenEmbedding embedding;
    private final List<TransformerDecoderBlock> layers = new ArrayList<>();
    private final Block dense;

    public TransformerDecoder(int vocabularySize, int hiddenSize, int feedForwardSize, int heads, int layerCount) {
        super(vocabularySize);
        this.hiddenSize = hiddenSize;
        embedding = addChildBlock("embedding", new TokenEmbedding(vocabularySize, hiddenSize));
        for (int i = 0; i < layerCount; i++) {
            layers.add(addChildBlock("layer" + i, new TransformerDecoderBlock(hiddenSize, feedForwardSize, heads)));
        }
        dense = addChildBlock("dense", Linear.builder().setUnits(vocabularySize).build());
    }

    /** The layers, for example to read their attention weights. */
    public List<TransformerDecoderBlock> layers() {
        return List.copyOf(layers);
    }

    @Override
    public NDList initialState(NDList encoderOutputs, NDArray sourceValidLengths) {
        return new NDList(encoderOutputs.get(0), sourceValidLengths);
    }

    @Override
    protected NDList decodeChecked(ParameterStore parameterStore, NDArray tokens, NDList state, boolean training) {
        long batch = tokens.getShape().get(0);
        checkState(state, "start from initialState(...) of an encoder of " + hiddenSize + " features",
                new Shape(batch, -1, hiddenSize), new Shape(batch));
        if (state.size() > 2 && state.size() != 2 + layers.size()) {
            throw new IllegalArgumentException(this + " continues from a state of the encoder outputs, the valid lengths "
                    + "and one array per layer (" + (2 + layers.size()) + " arrays), got " + state.size()
                    + ": pass the state the previous decode call returned");
        }
        NDArray encoded = state.get(0);
        NDArray validLengths = state.get(1);
        boolean continuing = state.size() > 2;
        int offset = continuing ? (int) state.get(2).getShape().get(1) : 0;
        NDArray x = embedding.forward(parameterStore, new NDList(tokens), training).head()
                .mul((float) Math.sqrt(hiddenSize));
        x = PositionalEncoding.add(x, offset);
        NDList next = new NDList(encoded, validLengths);
        for (int i = 0; i < layers.size(); i++) {
            NDList inputs = new NDList(x, encoded, validLengths);
            if (continuing) {
                inputs.add(state.get(2 + i));
            }
            NDList outputs = layers.get(i).forward(parameterStore, inputs, training);
            x = outputs.get(0);
            next.add(outputs.get(1));
        }
        NDList result = new NDList(dense.forward(parameterStore, new NDList(x), training).head());
        result.addAll(next);
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape vectors = new Shape(1, 1, hiddenSize);
        embedding.initialize(manager, dataType, new Shape(1, 1));
        for (TransformerDecoderBlock layer : layers) {
            layer.initialize(manager, dataType, vectors, vectors, new Shape(1));
        }
        dense.initialize(manager, dataType, new Shape(1, hiddenSize));
    }

    @Override
    public String toString() {
        return "TransformerDecoder(" + layers.size() + " layers of " + hiddenSize + ")";
    }
}
