package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy over sequences that ignores padding: predictions are scores (batch, steps,
 * classes), labels are the target indices (batch, steps) and their valid lengths (batch). The
 * loss is the mean over the valid tokens only, so a batch of short sequences does not count
 * its padding as (easy) predictions.
 *
 * <pre>
 * Loss loss = new SequenceMaskedCrossEntropyLoss();
 * NDArray value = loss.evaluate(new NDList(targets, validLengths), new NDList(scores));
 * </pre>
 */
public final class SequenceMaskedCrossEntropyLoss extends Loss {

    public SequenceMaskedCrossEntropyLoss() {
        super("SequenceMaskedCrossEntropyLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray scores = predictions.head();
        Shape shape = scores.getShape();
        if (labels.size() != 2) {
            throw new IllegalArgumentException("labels must be (targets, valid lengths), got " + labels.size()
                    + " arrays");
        }
        NDArray targets = labels.get(0);
        NDArray validLengths = labels.get(1);
        if (shape.dimension() != 3 || !targets.getShape().equals(shape.slice(0, 2))
                || !validLengths.getShape().equals(shape.slice(0, 1))) {
            throw new IllegalArgumentException("scores " + shape + ", targets " + targets.getShape()
                    + " and valid lengths " + validLengths.getShape()
                    + " do not fit: expected scores (batch, steps, classes), targets (batch, steps), lengths (batch)");
        }
        NDArray logProbabilities = scores.logSoftmax(-1);
        NDArray picked = logProbabilities.mul(targets.toType(DataType.INT32, false).oneHot((int) shape.get(2)))
                .sum(new int[] {-1});
        NDArray mask = MaskedSoftmax.mask(new Shape(shape.get(0), 1, shape.get(1)), validLengths)
                .reshape(shape.get(0), shape.get(1)).toType(scores.getDataType(), false);
        NDArray tokens = mask.sum();
        return picked.mul(mask).sum().neg().div(tokens.maximum(1f));
    }
}
