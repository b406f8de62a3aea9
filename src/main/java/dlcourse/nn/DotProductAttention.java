package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Scaled dot-product attention: score(q, k) = q·k / sqrt(d), with d the length of queries and
 * keys. No parameters.
 *
 * <pre>
 * DotProductAttention attention = new DotProductAttention();
 * NDArray output = attention.forward(parameterStore, new NDList(queries, keys, values, validLengths), false).head();
 * </pre>
 */
public final class DotProductAttention extends Attention {

    @Override
    protected NDArray scores(ParameterStore parameterStore, NDArray queries, NDArray keys, boolean training) {
        long d = queries.getShape().get(2);
        return queries.matMul(keys.transpose(0, 2, 1)).div((float) Math.sqrt(d));
    }

    @Override
    protected void checkShapes(Shape queries, Shape keys, Shape values) {
        super.checkShapes(queries, keys, values);
        if (queries.get(2) != keys.get(2)) {
            throw new IllegalArgumentException(describe(queries, keys, values)
                    + ": dot-product attention needs queries and keys of the same length (last axis)");
        }
    }

    @Override
    public String toString() {
        return "DotProductAttention()";
    }
}
