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
         * Forward and loss for the examples at {@code indices}, with every array in {@code batch}.
         * Returns the batch's mean loss first (it is differentiated), then any sums to add up over the epoch.
         */
        NDList lossAndSums(NDManager batch, NDArray indices);
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
     * One pass over {@code n} examples in a random order, in batches of {@code batchSize}, with an
     * optimiser step after each, and {@code checks} before each batch and on each batch's loss.
     * Returns the epoch's totals: the loss summed over examples (each batch's mean loss times its
     * size), then each of the step's sums added up over the batches.
     */
    static double[] shuffledPass(Trainer trainer, long n, int batchSize, BatchChecks checks, BatchStep step) {
        int batches = batchCount(n, batchSize);
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray order = epoch.randomPermutation(n);
            double lossTotal = 0;
            NDList sums = null;
            for (int b = 0; b < batches; b++) {
                checks.beforeBatch(b + 1, batches);
                long start = (long) b * batchSize;
                try (NDManager batch = epoch.newSubManager()) {
                    NDArray indices = order.get(batch, range(start, Math.min(n, start + batchSize)));
                    long size = indices.getShape().get(0);
                    NDList results;
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        results = step.lossAndSums(batch, indices);
                        // The one read-back of a batch: the loss, checked before it is differentiated.
                        float loss = results.head().getFloat();
                        checks.checkLoss(b + 1, batches, loss);
                        collector.backward(results.head());
                        lossTotal += (double) loss * size;
                    }
                    if (sums == null) {
                        sums = new NDList(results.size() - 1);
                        for (int i = 1; i < results.size(); i++) {
                            sums.add(epoch.zeros(new Shape(), DataType.FLOAT32));
                        }
                    }
                    // Summed on the engine, read once per epoch; after the collector, so not recorded for autograd.
                    for (int i = 1; i < results.size(); i++) {
                        sums.get(i - 1).addi(results.get(i).toType(DataType.FLOAT32, false));
                    }
                    trainer.step();
                }
            }
            double[] totals = new double[sums.size() + 1];
            totals[0] = lossTotal;
            for (int i = 1; i < totals.length; i++) {
                totals[i] = sums.get(i - 1).getFloat();
            }
            return totals;
        }
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
        NDList parts = new NDList();
        int batches = batchCount(n, batchSize);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            for (int b = 0; b < batches; b++) {
                BatchChecks.beforeEvaluationBatch(b + 1, batches);
                long start = (long) b * batchSize;
                NDArray x = features.get(scratch, range(start, Math.min(n, start + batchSize)));
                parts.add(map.apply(trainer.evaluate(new NDList(x)).singletonOrThrow()));
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
