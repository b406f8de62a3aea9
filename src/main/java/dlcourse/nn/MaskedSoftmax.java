package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Softmax over the last axis that gives padded positions exactly zero weight: scores of shape
 * (batch, queries, keys), and for each row a valid length, the number of keys that are real
 * (the rest are padding). Masked scores get -1e6 added before the softmax, so their weight
 * underflows to 0.
 *
 * <pre>
 * NDArray weights = MaskedSoftmax.apply(scores, validLengths);   // validLengths (batch) or (batch, queries)
 * </pre>
 */
public final class MaskedSoftmax {

    /** What a masked score is replaced with: exp(-1e6 - max) is 0 in float32. */
    static final float MASKED_SCORE = -1e6f;

    private MaskedSoftmax() {
    }

    /**
     * Softmax of {@code scores} (batch, queries, keys) over keys, where key {@code k} of row
     * (b, q) counts only when {@code k < validLengths[b]} (shape (batch)) or
     * {@code k < validLengths[b, q]} (shape (batch, queries)); null means every key counts.
     */
    public static NDArray apply(NDArray scores, NDArray validLengths) {
        Shape shape = scores.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("masked softmax needs scores of shape (batch, queries, keys), got "
                    + shape);
        }
        if (validLengths == null) {
            return scores.softmax(-1);
        }
        return masked(scores, validLengths);
    }

    /** The mask: true where a key is real, shape (batch, queries, keys). */
    public static NDArray mask(Shape scoresShape, NDArray validLengths) {
        return rowMask(scoresShape, validLengths, false).broadcast(scoresShape);
    }

    /**
     * The mask before broadcasting: (batch, 1, keys) for per-sequence lengths, (batch, queries, keys)
     * for per-query ones; true where a key is real, or where it is padding if {@code padding}.
     */
    private static NDArray rowMask(Shape scoresShape, NDArray validLengths, boolean padding) {
        long batch = scoresShape.get(0);
        long queries = scoresShape.get(1);
        long keys = scoresShape.get(2);
        Shape lengths = validLengths.getShape();
        NDArray perRow;
        if (lengths.equals(new Shape(batch))) {
            perRow = validLengths.reshape(batch, 1, 1);
        } else if (lengths.equals(new Shape(batch, queries))) {
            perRow = validLengths.reshape(batch, queries, 1);
        } else {
            throw new IllegalArgumentException("valid lengths have shape " + lengths + ", expected (" + batch
                    + ") (one per sequence) or (" + batch + ", " + queries + ") (one per query) for scores of shape "
                    + scoresShape);
        }
        NDArray positions = validLengths.getManager().arange(0, (int) keys, 1, DataType.INT32).reshape(1, 1, keys);
        NDArray limits = perRow.toType(DataType.INT32, false);
        return padding ? positions.gte(limits) : positions.lt(limits);
    }

    private static NDArray masked(NDArray scores, NDArray validLengths) {
        // Adding -1e6 to padded keys (a small array, broadcast) is cheaper than selecting with a full-size mask.
        NDArray penalty = rowMask(scores.getShape(), validLengths, true).toType(scores.getDataType(), false)
                .mul(MASKED_SCORE);
        return scores.add(penalty).softmax(-1);
    }
}
