package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The epoch loop that {@link Training}, {@link ReconstructionTraining} and {@link SkipGramTraining}
 * share, written once: epochs timed and recorded in a {@link TrainingHistory} with a live plot;
 * one shuffled pass in mini-batches, each batch in its own NDManager, forward and loss inside a
 * gradient collector, backward, optimiser step; and inference over data in batches. What differs
 * between the three (what a batch holds, what the loss compares, what is measured) is passed in.
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
     * plot of every metric is drawn when {@code livePlotTitle} is not null.
     */
    static TrainingHistory run(TrainingHistory history, String livePlotTitle, int epochs,
                               Supplier<double[]> trainEpoch, Function<double[], double[]> row) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        // Each call draws its own chart, in the cell that called it.
        LiveTrainingPlot livePlot = livePlotTitle == null ? null
                : new LiveTrainingPlot(livePlotTitle, history.metrics().toArray(new String[0]));
        for (int e = 0; e < epochs; e++) {
            Timer timer = new Timer();
            double[] totals = trainEpoch.get();
            double seconds = timer.stop();
            history.record(history.size() + 1, seconds, row.apply(totals));
            if (livePlot != null) {
                livePlot.update(history);
            }
        }
        if (livePlot != null) {
            livePlot.finish(history);
        }
        return history;
    }

    /**
     * One pass over {@code n} examples in a random order, in batches of {@code batchSize}, with an
     * optimiser step after each. Returns the epoch's totals: the loss summed over examples (each
     * batch's mean loss times its size), then each of the step's sums added up over the batches.
     */
    static double[] shuffledPass(Trainer trainer, long n, int batchSize, BatchStep step) {
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray order = epoch.randomPermutation(n);
            NDList totals = null;
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = epoch.newSubManager()) {
                    NDArray indices = order.get(batch, new NDIndex(start + ":" + Math.min(n, start + batchSize)));
                    long size = indices.getShape().get(0);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList results = step.lossAndSums(batch, indices);
                        collector.backward(results.head());
                        if (totals == null) {
                            totals = new NDList(results.size());
                            for (int i = 0; i < results.size(); i++) {
                                totals.add(epoch.zeros(new Shape(), DataType.FLOAT32));
                            }
                        }
                        // Summed on the engine, read once per epoch: no wait for the engine after every batch.
                        totals.get(0).addi(results.head().stopGradient().mul(size));
                        for (int i = 1; i < results.size(); i++) {
                            totals.get(i).addi(results.get(i).stopGradient().toType(DataType.FLOAT32, false));
                        }
                    }
                    trainer.step();
                }
            }
            double[] sums = new double[totals.size()];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = totals.get(i).getFloat();
            }
            return sums;
        }
    }

    /**
     * The model's outputs for {@code features} in batches of {@code batchSize}, in inference mode,
     * each passed through {@code map} (say argMax) and joined along axis 0; owned by {@code manager}.
     */
    static NDArray predict(Trainer trainer, NDArray features, int batchSize, NDManager manager,
                           Function<NDArray, NDArray> map) {
        long n = features.getShape().get(0);
        NDList parts = new NDList();
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            for (long start = 0; start < n; start += batchSize) {
                NDArray x = features.get(scratch, new NDIndex(start + ":" + Math.min(n, start + batchSize)));
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
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = scratch.newSubManager()) {
                    total.addi(batchSum.sum(batch, new NDIndex(start + ":" + Math.min(n, start + batchSize)))
                            .toType(DataType.FLOAT32, false));
                }
            }
            return total.getFloat();
        }
    }

    /** A batch's contribution to a sum, computed with arrays in {@code batch}. */
    @FunctionalInterface
    interface BatchSum {
        NDArray sum(NDManager batch, NDIndex range);
    }
}
