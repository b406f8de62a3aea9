package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * word2vec's skip-gram model (notebook 13): two embedding tables, a <em>center</em> vector and a
 * <em>context</em> vector for every word. The score of a (center, candidate) pair is the dot product
 * of the center's center vector and the candidate's context vector; trained with the sigmoid of the
 * score as the probability that the candidate really occurred near the center (negative sampling).
 * After training, the center vectors are the word vectors.
 *
 * <pre>
 * SkipGram model = new SkipGram(vocab.size(), 50);
 * NDList scores = model.forward(ps, new NDList(centers, candidates), true);   // (B) and (B, C) to (B, C)
 * NDArray vectors = model.centerVectors();                                   // (vocabulary, 50)
 * </pre>
 *
 * <p>The lookups are embedding operations (a gather, not a one-hot product), so a batch costs
 * the same whatever the vocabulary size.
 */
public final class SkipGram extends AbstractBlock {

    private final int vocabularySize;
    private final int size;
    private final Parameter centers;
    private final Parameter contexts;

    /** A model of {@code size}-number vectors for words 0 .. vocabularySize-1. */
    public SkipGram(int vocabularySize, int size) {
        if (vocabularySize < 2 || size < 1) {
            throw new IllegalArgumentException("skip-gram needs a vocabulary of at least 2 words and vectors of at "
                    + "least 1 number, got " + vocabularySize + " words and size " + size);
        }
        this.vocabularySize = vocabularySize;
        this.size = size;
        // word2vec starts the center vectors small and random (scale 0.5 / size).
        centers = addParameter(Parameter.builder().setName("center vectors").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabularySize, size)).optInitializer(new UniformInitializer(0.5f / size)).build());
        contexts = addParameter(Parameter.builder().setName("context vectors").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabularySize, size)).optInitializer(new UniformInitializer(0.5f / size)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != 2 || inputs.get(0).getShape().dimension() != 1 || inputs.get(1).getShape().dimension() != 2
                || inputs.get(0).getShape().get(0) != inputs.get(1).getShape().get(0)) {
            throw new IllegalArgumentException("skip-gram takes centers (batch) and candidates (batch, candidates), got "
                    + inputs.getShapes().length + " arrays of shapes " + java.util.Arrays.toString(inputs.getShapes()));
        }
        NDArray centerTable = parameterStore.getValue(centers, inputs.head().getDevice(), training);
        NDArray contextTable = parameterStore.getValue(contexts, inputs.head().getDevice(), training);
        NDArray centerVectors = Embedding.embedding(inputs.get(0), centerTable, SparseFormat.DENSE).singletonOrThrow();   // (B, size)
        NDArray candidateVectors = Embedding.embedding(inputs.get(1), contextTable, SparseFormat.DENSE).singletonOrThrow(); // (B, C, size)
        NDArray scores = candidateVectors.mul(centerVectors.expandDims(1)).sum(new int[] {2});          // (B, C)
        return new NDList(scores);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs.length > 1 ? inputs[1] : new Shape(inputs[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    }

    /** The center vectors (vocabulary, size): the word vectors once trained. */
    public NDArray centerVectors() {
        return centers.getArray();
    }

    /** The context vectors (vocabulary, size). */
    public NDArray contextVectors() {
        return contexts.getArray();
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "SkipGram(" + vocabularySize + " words, " + size + "-number vectors)";
    }
}
