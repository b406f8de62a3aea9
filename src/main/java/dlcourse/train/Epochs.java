package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dlcourse.notebook.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The epoch loop of every trainer in this package, written once. {@link #run}: epochs timed and
 * recorded in a {@link TrainingHistory} with a live plot, for all five trainers. For those whose
 * batches are independent examples ({@link Training}, {@link ReconstructionTraining},
 * {@link SkipGramTraining}) also the pass itself: one shuffled pass in mini-batches, each batch in
 * its own NDManager, forward and loss inside a gradient collector, backward, optimiser step; and
 * inference over data in batches. Between batches every loop checks for an interrupt, and
 * training checks that the loss is still finite ({@link BatchChecks}). What differs between the
 * trainers (what a batch holds, what the loss compares, what is measured) is passed in.
 */
final class Epochs {

    /** The work of one batch inside the gradient collector. */
    @FunctionalInterface
    interface BatchStep {
        /**
         * Forward and loss for one batch: {@code batchData} holds the batch's rows of every data array
         * of the pass, in the pass's order, owned by {@code batch} like the arrays made from them.
         * Returns the batch's mean loss first (it is differentiated), then any arrays of one row per
         * example to keep: the pass joins each of them over the epoch, for its end-of-epoch totals.
         */
        NDList lossAndKept(NDManager batch, NDList batchData);
    }

    private Epochs() {
    }

    /**
     * Trains {@code epochs} epochs: {@code trainEpoch} is timed (training only), then {@code row}
     * turns its totals into the history's values (evaluation may happen there, untimed). A live
     * plot of every metric is drawn when {@code livePlotTitle} is not null. The loop of
     * {@code trainEpoch} calls the checks it is given before every batch and with every batch's
     * loss; an interrupt or a loss that is not finite ends the run with the finished epochs recorded.
     */
    static TrainingHistory run(TrainingHistory history, String livePlotTitle, int epochs,
                               Function<BatchChecks, double[]> trainEpoch, Function<double[], double[]> row) {
        if (epochs < 1) {
            throw new IllegalArgumentException(Messages.text("train.epochs", epochs));
        }
        // Each call draws its own chart, in the cell that called it.
        LiveTrainingPlot livePlot = livePlotTitle == null ? null
                : new LiveTrainingPlot(livePlotTitle, history.metrics().toArray(new String[0]));
        BatchChecks checks = BatchChecks.training(history);
        int recordedBefore = history.size();
        try {
            for (int e = 0; e < epochs; e++) {
                checks.startEpoch();
                Timer timer = new Timer();
                double[] totals = trainEpoch.apply(checks);
                double seconds = timer.stop();
                double[] values;
                try {
                    values = row.apply(totals);
                } catch (TrainingInterruptedException interrupted) {
                    throw checks.interruptedWhileValidating();
                }
                history.record(history.size() + 1, seconds, values);
                if (livePlot != null) {
                    livePlot.update(history);
                }
            }
        } finally {
            if (livePlot != null && history.size() > recordedBefore) {
                livePlot.finish(history);
            }
        }
        return history;
    }

    /**
     * One pass over the examples of {@code data} (arrays with the examples along axis 0) in a random
     * order, in batches of {@code batchSize}, with an optimiser step after each, and {@code checks}
     * before each batch and on each batch's loss. Returns the epoch's totals: the loss summed over
     * examples (each batch's mean loss times its size), then what {@code totals} makes of the kept
     * arrays, each joined over the epoch (so a count needs no engine operators per batch).
     */
    static double[] shuffledPass(Trainer trainer, NDList data, int batchSize, BatchChecks checks, BatchStep step,
                                 Function<NDList, double[]> totals) {
        long n = data.head().getShape().get(0);
        int batches = batchCount(n, batchSize);
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray order = epoch.randomPermutation(n);
            double lossTotal = 0;
            List<NDList> kept = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                checks.beforeBatch(b + 1, batches);
                long start = (long) b * batchSize;
                try (NDManager batch = epoch.newSubManager()) {
                    // One gather per array, just before the batch is used: its rows are still in the CPU's cache.
                    NDList batchData = rows(batch, data, order.get(batch, range(start, Math.min(n, start + batchSize))));
                    long size = batchData.head().getShape().get(0);
                    NDList results;
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        results = step.lossAndKept(batch, batchData);
                        // The one read-back of a batch: the loss, checked before it is differentiated.
                        float loss = results.head().getFloat();
                        checks.checkLoss(b + 1, batches, loss);
                        collector.backward(results.head());
                        lossTotal += (double) loss * size;
                    }
                    NDList keep = results.subNDList(1);
                    keep.attach(epoch);
                    kept.add(keep);
                    trainer.step();
                }
            }
            double[] epochTotals = totals.apply(joined(kept));
            double[] all = new double[epochTotals.length + 1];
            all[0] = lossTotal;
            System.arraycopy(epochTotals, 0, all, 1, epochTotals.length);
            return all;
        }
    }

    /** The rows at {@code indices} of every array of {@code data}, in {@code batch}. */
    static NDList rows(NDManager batch, NDList data, NDArray indices) {
        NDList rows = new NDList(data.size());
        for (NDArray array : data) {
            rows.add(array.get(batch, new NDIndex("{}", indices)));
        }
        return rows;
    }

    /** Each position of the batches' kept arrays joined along axis 0 over all batches. */
    private static NDList joined(List<NDList> kept) {
        NDList columns = new NDList();
        for (int i = 0; !kept.isEmpty() && i < kept.get(0).size(); i++) {
            NDList column = new NDList(kept.size());
            for (NDList batch : kept) {
                column.add(batch.get(i));
            }
            columns.add(NDArrays.concat(column));
        }
        return columns;
    }

    /** The index of examples {@code start} to {@code end} (exclusive) along axis 0, built without parsing a string. */
    static NDIndex range(long start, long end) {
        return new NDIndex().addSliceDim(start, end);
    }

    /** Number of batches of at most {@code batchSize} that {@code n} examples make. */
    private static int batchCount(long n, int batchSize) {
        return (int) ((n + batchSize - 1) / batchSize);
    }

    /**
     * The model's outputs for {@code features} in batches of {@code batchSize}, in inference mode,
     * each passed through {@code map} (say argMax) and joined along axis 0; owned by {@code manager}.
     */
    static NDArray predict(Trainer trainer, NDArray features, int batchSize, NDManager manager,
                           Function<NDArray, NDArray> map) {
        long n = features.getShape().get(0);
        int batches = batchCount(n, batchSize);
        NDList parts = new NDList(batches);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            for (int b = 0; b < batches; b++) {
                BatchChecks.beforeEvaluationBatch(b + 1, batches);
                long start = (long) b * batchSize;
                // The batch's input and activations go with its manager; only what map makes of it is kept.
                try (NDManager batch = scratch.newSubManager()) {
                    NDArray x = features.get(batch, range(start, Math.min(n, start + batchSize)));
                    NDArray part = map.apply(trainer.evaluate(new NDList(x)).singletonOrThrow());
                    part.attach(scratch);
                    parts.add(part);
                }
            }
            NDArray joined = NDArrays.concat(parts);
            joined.attach(manager);
            return joined;
        }
    }

    /**
     * A sum over {@code n} examples in batches of {@code batchSize}, in inference mode:
     * {@code batchSum} gets the batch's manager and its index range ("start:end") and returns an
     * array whose total is added up; the total is returned.
     */
    static double sumInBatches(Trainer trainer, long n, int batchSize, BatchSum batchSum) {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray total = scratch.zeros(new Shape(), DataType.FLOAT32);
            int batches = batchCount(n, batchSize);
            for (int b = 0; b < batches; b++) {
                BatchChecks.beforeEvaluationBatch(b + 1, batches);
                long start = (long) b * batchSize;
                try (NDManager batch = scratch.newSubManager()) {
                    total.addi(batchSum.sum(batch, range(start, Math.min(n, start + batchSize)))
                            .toType(DataType.FLOAT32, false));
                }
            }
            return total.getFloat();
        }
    }

    /**
     * The input shape {@code trainer}'s model was initialised for (batch axis first), which every
     * batch of features must repeat after its batch axis; null for a model of several inputs.
     */
    static Shape inputShape(Trainer trainer) {
        Block block = trainer.getModel().getBlock();
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the trainer's model is not initialised for an input shape; make the "
                    + "trainer with Training.newTrainer(manager, block, loss, optimizer, inputShape)");
        }
        Shape[] shapes = block.getInputShapes();
        return shapes.length == 1 ? shapes[0] : null;
    }

    /**
     * Throws, naming both shapes, unless {@code features} are examples of the shape the model was
     * built for ({@code inputShape} after its batch axis); {@code what} says which features, in the
     * course's language (a {@code train.data.*} message).
     */
    static void checkFeatures(Shape inputShape, NDArray features, String what) {
        Shape shape = features.getShape();
        if (inputShape == null || (shape.dimension() > 0 && shape.slice(1).equals(inputShape.slice(1)))) {
            return;
        }
        Shape example = inputShape.slice(1);
        long n = shape.dimension() == 0 ? 0 : shape.get(0);
        String reshape = shape.dimension() > 0 && shape.size() == n * example.size()
                ? Messages.text("train.shape.reshape", new Shape(n).addAll(example)) : "";
        throw new IllegalArgumentException(Messages.text("train.shape", what, shape,
                shape.dimension() > 0 ? Messages.text("train.shape.examples", shape.slice(1)) : "", inputShape, example,
                reshape, shape.dimension() > 0 ? new Shape(1).addAll(shape.slice(1)) : "(1, ...)"));
    }

    /** A batch's contribution to a sum, computed with arrays in {@code batch}. */
    @FunctionalInterface
    interface BatchSum {
        NDArray sum(NDManager batch, NDIndex range);
    }
}
