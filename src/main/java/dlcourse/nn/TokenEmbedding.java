package dlcourse.nn;

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
 * A learned vector per token: token indices (batch, steps) to (batch, steps, size). Written as
 * a one-hot vector times a weight matrix, which is what an embedding table computes; the
 * vocabularies of the course are small enough for that.
 */
public final class TokenEmbedding extends AbstractBlock {

    private final int vocabularySize;
    private final int size;
    private final Block projection;

    public TokenEmbedding(int vocabularySize, int size) {
        if (vocabularySize < 1 || size < 1) {
            throw new IllegalArgumentException("vocabulary size and embedding size must be 1 or more, got "
                    + vocabularySize + " and " + size);
        }
        this.vocabularySize = vocabularySize;
        this.size = size;
        projection = addChildBlock("projection", Linear.builder().setUnits(size).optBias(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return projection.forward(parameterStore,
                new NDList(inputs.head().toType(DataType.INT32, false).oneHot(vocabularySize)), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, new Shape(1, vocabularySize));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].add(size)};
    }
}
