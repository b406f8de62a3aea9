package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchChecksTest {

    private static BatchChecks inEpoch(TrainingHistory history) {
        BatchChecks checks = BatchChecks.training(history);
        checks.startEpoch();
        return checks;
    }

    private static TrainingHistory twoEpochs() {
        TrainingHistory history = new TrainingHistory("loss");
        history.record(1, 1.0, 2.5);
        history.record(2, 1.0, 1.5);
        return history;
    }

    @Test
    void anInterruptBetweenBatchesSaysWhereTrainingStoppedAndWhatIsKept() {
        BatchChecks checks = inEpoch(twoEpochs());
        checks.beforeBatch(1, 40);
        Thread.currentThread().interrupt();
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> checks.beforeBatch(7, 40));
        assertEquals("Training interrupted in epoch 3, before batch 7 of 40: the model keeps the steps it made, and "
                + "history() holds the 2 finished epochs; evaluate it, or call fit again to go on.", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed, so the next cell runs");
        assertEquals("Training interrupted in epoch 3 while measuring validation after its last batch: the model keeps "
                + "the epoch's steps, and history() holds the 2 finished epochs; evaluate it, or call fit again to go on.",
                checks.interruptedWhileValidating().getMessage());
    }

    @Test
    void anInterruptedEvaluationSaysTheModelIsUnchanged() {
        BatchChecks.beforeEvaluationBatch(1, 3);
        Thread.currentThread().interrupt();
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> BatchChecks.beforeEvaluationBatch(2, 3));
        assertEquals("Evaluation interrupted before batch 2 of 3: the model is unchanged, so run the cell again for the "
                + "result.", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aLossThatIsNoLongerFiniteNamesTheEpochTheBatchTheLastFiniteLossAndTheLearningRate() {
        TrainingHistory history = new TrainingHistory("loss");
        history.record(1, 1.0, 2.5);
        BatchChecks checks = inEpoch(history);
        checks.checkLoss(1, 40, 2.30412);
        checks.checkLoss(2, 40, 7.1e12);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> checks.checkLoss(3, 40, Double.NaN));
        assertEquals("Training stopped in epoch 2 at batch 3 of 40: the loss is NaN; the last finite loss was 7.100e+12, "
                + "at batch 2 of epoch 2. The learning rate is probably too large: lower it, say 10 times, or clip the "
                + "gradients. history() holds the 1 finished epoch; the weights may no longer be finite, so make a new "
                + "trainer before training again.", e.getMessage());
        TrainingDivergedException norm = assertThrows(TrainingDivergedException.class,
                () -> checks.checkGradientNorm(2, 40, Double.POSITIVE_INFINITY));
        assertEquals("Training stopped in epoch 2 at batch 2 of 40: the gradients' norm is Infinity; the last finite "
                + "loss was 7.100e+12, at batch 2 of epoch 2. The learning rate is probably too large: lower it, say 10 "
                + "times, or clip the gradients. history() holds the 1 finished epoch; the weights may no longer be "
                + "finite, so make a new trainer before training again.", norm.getMessage());
    }

    @Test
    void aLossThatIsNeverFinitePointsAtTheData() {
        BatchChecks checks = inEpoch(new TrainingHistory("loss"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> checks.checkLoss(1, 8, Double.POSITIVE_INFINITY));
        assertEquals("Training stopped in epoch 1 at batch 1 of 8: the loss is Infinity, and no batch had a finite loss "
                + "yet: look for NaN or infinite values in the data, or a learning rate far too large. history() holds "
                + "no finished epoch yet; the weights may no longer be finite, so make a new trainer before training "
                + "again.", e.getMessage());
    }
}
