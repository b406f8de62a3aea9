package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Attention pooling: each query scores every key, a {@link MaskedSoftmax} turns the scores into
 * weights (padded keys get 0), and the output is the weighted sum of the values. Subclasses say
 * how a query scores a key ({@link DotProductAttention}, {@link AdditiveAttention}).
 *
 * <p>Inputs: queries (batch, queries, dq), keys (batch, keys, dk), values (batch, keys, dv) and
 * optionally valid lengths, (batch) or (batch, queries). Output: (batch, queries, dv).
 */
public abstract class Attention extends AbstractBlock {

    private NDArray attentionWeights;

    /** Scores (batch, queries, keys) of every query against every key. */
    protected abstract NDArray scores(ParameterStore parameterStore, NDArray queries, NDArray keys, boolean training);

    /** The weights (batch, queries, keys) of the last forward pass, for plotting. */
    public NDArray attentionWeights() {
        if (attentionWeights == null) {
            throw new IllegalStateException("no attention weights yet: run a forward pass first");
        }
        return attentionWeights;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() < 3) {
            throw new IllegalArgumentException("attention needs queries, keys and values (and optionally valid lengths), got "
                    + inputs.size() + " arrays");
        }
        NDArray queries = inputs.get(0);
        NDArray keys = inputs.get(1);
        NDArray values = inputs.get(2);
        NDArray validLengths = inputs.size() > 3 ? inputs.get(3) : null;
        checkShapes(queries.getShape(), keys.getShape(), values.getShape());
        return new NDList(pool(scores(parameterStore, queries, keys, training), values, validLengths));
    }

    /**
     * The masked softmax of {@code scores} (batch, queries, keys), kept as {@link #attentionWeights()},
     * times {@code values} (batch, keys, dv): the output (batch, queries, dv).
     */
    protected final NDArray pool(NDArray scores, NDArray values, NDArray validLengths) {
        attentionWeights = MaskedSoftmax.apply(scores, validLengths);
        return attentionWeights.matMul(values);
    }

    /** Throws, naming all three shapes, unless queries, keys and values fit together. */
    protected void checkShapes(Shape queries, Shape keys, Shape values) {
        String problem = null;
        if (queries.dimension() != 3 || keys.dimension() != 3 || values.dimension() != 3) {
            problem = "each must have 3 axes (batch, positions, features)";
        } else if (queries.get(0) != keys.get(0) || keys.get(0) != values.get(0)) {
            problem = "their batch sizes (first axis) differ";
        } else if (keys.get(1) != values.get(1)) {
            problem = "there must be one value per key (second axis)";
        }
        if (problem != null) {
            throw new IllegalArgumentException(describe(queries, keys, values) + ": " + problem);
        }
    }

    /**
     * Throws unless the first {@code projected} of queries, keys and values have the feature sizes
     * (last axis) of the shapes {@code block} was initialised for, which its projections' weights fix.
     */
    static void checkFeatureSizes(AbstractBlock block, int projected, Shape queries, Shape keys, Shape values) {
        Shape[] built = block.getInputShapes();
        Shape[] given = {queries, keys, values};
        String[] names = {"queries", "keys", "values"};
        for (int i = 0; i < projected; i++) {
            long expected = built[i].get(built[i].dimension() - 1);
            if (given[i].get(2) != expected) {
                throw new IllegalArgumentException(describe(queries, keys, values) + ": this " + block
                        + " was built for " + names[i] + " of " + expected + " features (last axis), got "
                        + given[i].get(2));
            }
        }
    }

    static String describe(Shape queries, Shape keys, Shape values) {
        return "queries " + queries + ", keys " + keys + " and values " + values + " do not fit";
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), inputs[2].get(2))};
    }
}
