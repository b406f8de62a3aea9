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
    void aChineseNotebookGetsTheMessagesInChineseWithTheEpochBeforeTheBatch() {
        dlcourse.notebook.Course.language("zh");
        try {
            TrainingHistory history = new TrainingHistory("loss");
            history.record(1, 1.0, 2.5);
            BatchChecks checks = inEpoch(history);
            checks.checkLoss(5, 40, 2.30412);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> checks.checkLoss(6, 40, Double.NaN));
            assertEquals("训练在第 2 轮第 6 个批量（共 40 个）处发散而停止：损失为 NaN；最后一个有限的损失是 2.304，出现在第 2 轮的"
                    + "第 5 个批量。学习率很可能过大：把它调小，比如调到十分之一，或者对梯度进行裁剪。history() 中保存着已完成的 1 轮；"
                    + "权重可能已不再是有限值，请新建一个训练器后再训练。", e.getMessage());
            Thread.currentThread().interrupt();
            TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
                    () -> checks.beforeBatch(7, 40));
            assertEquals("训练在第 2 轮、第 7 个批量（共 40 个）之前被中断：模型保留已完成的更新步骤，history() 中保存着已完成的 1 轮；"
                    + "可以评估模型，或再次调用 fit 继续训练。", stop.getMessage());
        } finally {
            dlcourse.notebook.Course.language("en");
        }
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
