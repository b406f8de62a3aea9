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
}
