package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class ReconstructionTrainingTest {

    @Test
    void meanSquaredErrorIsWorkedOutByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[][] {{1, 2}, {3, 4}});
            NDArray b = manager.create(new float[][] {{1, 0}, {3, 5}});
            assertEquals((0 + 4 + 0 + 1) / 4.0, ReconstructionTraining.meanSquaredError(a, b), 1e-6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReconstructionTraining.meanSquaredError(a, manager.zeros(new Shape(4))));
            assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("(4)"), e.getMessage());
        }
    }

    @Test
    void learnsToCopyItsInputThroughALinearLayer() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.randomNormal(new Shape(256, 3));
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(3).build()),
                    Loss.l2Loss("squared error", 1), Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build(),
                    new Shape(1, 3));
            ReconstructionTraining training = new ReconstructionTraining(trainer, 32);
            TrainingHistory history = training.fit(data, data, data, data, 20);
            assertEquals(20, history.size());
            assertTrue(history.last(ReconstructionTraining.VALIDATION_ERROR) < 0.01, history.toString());
            assertTrue(history.values(ReconstructionTraining.TRAIN_LOSS)[19] < history.values(ReconstructionTraining.TRAIN_LOSS)[0]);
            NDArray copied = training.predict(data, manager);
            assertEquals(history.last(ReconstructionTraining.VALIDATION_ERROR),
                    ReconstructionTraining.meanSquaredError(copied, data), 1e-5);
            assertThrows(IllegalArgumentException.class,
                    () -> training.fit(data, data.get("0:10"), data, data, 1));
        }
    }

    @Test
    void aDivergingLossStopsFitWithTheEpochTheBatchAndTheLastFiniteLossAndKeepsTheHistory() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.randomNormal(new Shape(256, 2));
            // A sound rate for the 8 steps of the first epoch, then one far too large: the error grows
            // about 10^5 times a step, and the squared error overflows within a few batches.
            Tracker rate = update -> update <= 8 ? 0.05f : 1e5f;
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(2).build()),
                    Loss.l2Loss("squared error", 1), Optimizer.sgd().setLearningRateTracker(rate).build(), new Shape(1, 2));
            ReconstructionTraining training = new ReconstructionTraining(trainer, 32);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> training.fit(data, data, data, data, 5));
            assertTrue(e.getMessage().matches("Training stopped in epoch 2 at batch [2-8] of 8: the loss is (NaN|Infinity); "
                    + "the last finite loss was .*, at batch [1-7] of epoch 2\\. The learning rate is probably too large: "
                    + "lower it, say 10 times, or clip the gradients\\. history\\(\\) holds the 1 finished epoch; the "
                    + "weights may no longer be finite, so make a new trainer before training again\\."), e.getMessage());
            assertEquals(1, training.history().size(), "the finished epoch is kept");
            assertTrue(Double.isFinite(training.history().last(ReconstructionTraining.TRAIN_LOSS)));
        }
    }

    @Test
    void anInterruptStopsFitBeforeTheNextBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.randomNormal(new Shape(64, 3));
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(3).build()),
                    Loss.l2Loss("squared error", 1), Optimizer.adam().build(), new Shape(1, 3));
            ReconstructionTraining training = new ReconstructionTraining(trainer, 32);
            Thread.currentThread().interrupt();
            String message = assertThrows(TrainingInterruptedException.class,
                    () -> training.fit(data, data, data, data, 3)).getMessage();
            assertTrue(message.startsWith("Training interrupted in epoch 1, before batch 1 of 2:"), message);
            assertEquals(0, training.history().size());
            training.fit(data, data, data, data, 1);
            assertEquals(1, training.history().size());
        }
    }

    @Test
    void inputsOrTargetsOfAnotherShapeThanTheModelsAreRefusedWithBothShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(3).build()),
                    Loss.l2Loss("squared error", 1), Optimizer.adam().build(), new Shape(1, 3));
            ReconstructionTraining training = new ReconstructionTraining(trainer, 32);
            NDArray inputs = manager.zeros(new Shape(10, 3));
            String targets = assertThrows(IllegalArgumentException.class,
                    () -> training.fit(inputs, manager.zeros(new Shape(10, 1)), inputs, inputs, 1)).getMessage();
            assertEquals("the training targets have shape (10, 1), examples of shape (1), but the model's outputs have "
                    + "examples of shape (3): give targets of the outputs' shape (the squared error would otherwise be "
                    + "broadcast between mismatched arrays)", targets);
            dlcourse.notebook.Course.language("zh");
            try {
                assertEquals("训练目标的形状为 (10, 1)（每个样本的形状为 (1)），但模型输出的每个样本的形状为 (3)：请给出与输出形状"
                        + "相同的目标（否则平方误差会在形状不匹配的数组之间广播）", assertThrows(IllegalArgumentException.class,
                                () -> training.fit(inputs, manager.zeros(new Shape(10, 1)), inputs, inputs, 1)).getMessage());
            } finally {
                dlcourse.notebook.Course.language("en");
            }
            String wide = assertThrows(IllegalArgumentException.class,
                    () -> training.predict(manager.zeros(new Shape(10, 4)), manager)).getMessage();
            assertTrue(wide.startsWith("the inputs have shape (10, 4), examples of shape (4), but the model was built for "
                    + "inputs of shape (1, 3)"), wide);
        }
    }
}
