package dlcourse.train;

import dlcourse.notebook.Messages;

/**
 * What every loop of this package checks between two batches. An interrupt of the thread that
 * runs it (Jupyter's stop button) ends the loop before the next batch, so no optimiser step is
 * half applied and no gradient collector stays open. In training, a loss or a gradient norm that
 * is no longer a finite number ends the loop before the optimiser applies that batch's step.
 * Either way the history keeps the finished epochs, and the exception's message says so, in the
 * course's language ({@link Messages}).
 */
final class BatchChecks {

    private final TrainingHistory history;
    private int epoch;
    private double lastFiniteLoss = Double.NaN;
    private int lastFiniteBatch;
    private int lastFiniteEpoch;

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
            throw new TrainingInterruptedException(Messages.text("train.interrupted.evaluation", batch, batches));
        }
    }

    /** The epoch that the next batches belong to: the one after the history's last. */
    void startEpoch() {
        epoch = history.size() + 1;
    }

    /** Before batch {@code batch} (from 1) of {@code batches}: stops on an interrupt. */
    void beforeBatch(int batch, int batches) {
        if (Thread.interrupted()) {
            throw new TrainingInterruptedException(Messages.text("train.interrupted", epoch, batch, batches, historyHolds()));
        }
    }

    /** The exception for an interrupt while the epoch's validation figures were measured. */
    TrainingInterruptedException interruptedWhileValidating() {
        return new TrainingInterruptedException(Messages.text("train.interrupted.validating", epoch, historyHolds()));
    }

    /** After the loss of batch {@code batch} of {@code batches} is known, before backward and the step. */
    void checkLoss(int batch, int batches, double loss) {
        if (!Double.isFinite(loss)) {
            throw diverged(batch, batches, Messages.text("train.diverged.loss", loss));
        }
        lastFiniteLoss = loss;
        lastFiniteBatch = batch;
        lastFiniteEpoch = epoch;
    }

    /** After backward, before the step: the norm of all gradients together, which must be finite too. */
    void checkGradientNorm(int batch, int batches, double norm) {
        if (!Double.isFinite(norm)) {
            throw diverged(batch, batches, Messages.text("train.diverged.gradients", norm));
        }
    }

    private TrainingDivergedException diverged(int batch, int batches, String what) {
        if (lastFiniteBatch == 0) {
            return new TrainingDivergedException(Messages.text("train.diverged.noFiniteLoss",
                    epoch, batch, batches, what, historyHolds()));
        }
        return new TrainingDivergedException(Messages.text("train.diverged",
                epoch, batch, batches, what, lastFiniteLoss, lastFiniteBatch, lastFiniteEpoch, historyHolds()));
    }

    private String historyHolds() {
        int finished = history.size();
        return finished == 0 ? Messages.text("train.history.none")
                : finished == 1 ? Messages.text("train.history.one") : Messages.text("train.history.many", finished);
    }
}
