package dlcourse.train;

import java.util.Locale;

/**
 * What every loop of this package checks between two batches. An interrupt of the thread that
 * runs it (Jupyter's stop button) ends the loop before the next batch, so no optimiser step is
 * half applied and no gradient collector stays open. In training, a loss or a gradient norm that
 * is no longer a finite number ends the loop before the optimiser applies that batch's step.
 * Either way the history keeps the finished epochs, and the exception's message says so.
 */
final class BatchChecks {

    private final TrainingHistory history;
    private int epoch;
    private double lastFiniteLoss = Double.NaN;
    private String lastFiniteBatch;

    private BatchChecks(TrainingHistory history) {
        this.history = history;
    }

    /** The checks of a training run that records its epochs in {@code history}. */
    static BatchChecks training(TrainingHistory history) {
        return new BatchChecks(history);
    }

    /** An evaluation's check before batch {@code batch} (from 1) of {@code batches}: stops on an interrupt. */
    static void beforeEvaluationBatch(int batch, int batches) {
        if (Thread.interrupted()) {
            throw new TrainingInterruptedException("Evaluation interrupted before batch " + batch + " of " + batches
                    + ": the model is unchanged, so run the cell again for the result.");
        }
    }

    /** The epoch that the next batches belong to: the one after the history's last. */
    void startEpoch() {
        epoch = history.size() + 1;
    }

    /** Before batch {@code batch} (from 1) of {@code batches}: stops on an interrupt. */
    void beforeBatch(int batch, int batches) {
        if (Thread.interrupted()) {
            throw new TrainingInterruptedException("Training interrupted in epoch " + epoch + ", before batch " + batch
                    + " of " + batches + ": the model keeps the steps it made, and " + historyHolds()
                    + "; evaluate it, or call fit again to go on.");
        }
    }

    /** The exception for an interrupt while the epoch's validation figures were measured. */
    TrainingInterruptedException interruptedWhileValidating() {
        return new TrainingInterruptedException("Training interrupted in epoch " + epoch
                + " while measuring validation after its last batch: the model keeps the epoch's steps, and "
                + historyHolds() + "; evaluate it, or call fit again to go on.");
    }

    /** After the loss of batch {@code batch} of {@code batches} is known, before backward and the step. */
    void checkLoss(int batch, int batches, double loss) {
        if (!Double.isFinite(loss)) {
            throw diverged(batch, batches, "the loss is " + loss);
        }
        lastFiniteLoss = loss;
        lastFiniteBatch = "batch " + batch + " of epoch " + epoch;
    }

    /** After backward, before the step: the norm of all gradients together, which must be finite too. */
    void checkGradientNorm(int batch, int batches, double norm) {
        if (!Double.isFinite(norm)) {
            throw diverged(batch, batches, "the gradients' norm is " + norm);
        }
    }

    private TrainingDivergedException diverged(int batch, int batches, String what) {
        String start = "Training stopped in epoch " + epoch + " at batch " + batch + " of " + batches + ": " + what;
        String kept = " " + historyHolds()
                + "; the weights may no longer be finite, so make a new trainer before training again.";
        if (lastFiniteBatch == null) {
            return new TrainingDivergedException(start + ", and no batch had a finite loss yet: look for NaN or infinite "
                    + "values in the data, or a learning rate far too large." + kept);
        }
        return new TrainingDivergedException(start + String.format(Locale.ROOT, "; the last finite loss was %.4g, at %s.",
                lastFiniteLoss, lastFiniteBatch) + " The learning rate is probably too large: lower it, say 10 times, "
                + "or clip the gradients." + kept);
    }

    private String historyHolds() {
        int finished = history.size();
        return "history() holds " + (finished == 0 ? "no finished epoch yet"
                : finished == 1 ? "the 1 finished epoch" : "the " + finished + " finished epochs");
    }
}
