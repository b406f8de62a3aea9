package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochsTest {

    private static Trainer linearTrainer(NDManager manager, int inputs, int outputs, Loss loss) {
        return Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(outputs).build()), loss,
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), new Shape(1, inputs));
    }

    @Test
    void aPassVisitsEveryExampleOnceInBatchesAndAddsUpTheSums() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.randomNormal(new Shape(10, 2));
            Trainer trainer = linearTrainer(manager, 2, 1, Loss.l2Loss());
            List<Long> sizes = new ArrayList<>();
            List<Long> seen = new ArrayList<>();
            double[] expectedLoss = {0};
            BatchChecks checks = BatchChecks.training(new TrainingHistory("loss"));
            checks.startEpoch();
            double[] totals = Epochs.shuffledPass(trainer, 10, 4, checks, (batch, indices) -> {
                sizes.add(indices.getShape().get(0));
                for (long i : indices.toType(DataType.INT64, false).toLongArray()) {
                    seen.add(i);
                }
                NDArray out = trainer.forward(new NDList(features.get(batch, new ai.djl.ndarray.index.NDIndex("{}", indices))))
                        .singletonOrThrow();
                NDArray loss = out.square().mean();
                expectedLoss[0] += loss.getFloat() * indices.getShape().get(0);
                // the second number counts the batch's examples
                return new NDList(loss, batch.create((float) indices.getShape().get(0)));
            });
            assertEquals(List.of(4L, 4L, 2L), sizes);
            assertEquals(10, seen.stream().distinct().count(), "every example once: " + seen);
            assertArrayEquals(new double[] {expectedLoss[0], 10}, totals, 1e-4, "loss summed over examples, then the counts");
        }
    }

    @Test
    void epochsAreRecordedWithTheRowOfEachAndMemoryStaysFlat() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager(); NDManager data = manager.newSubManager()) {
            NDArray features = data.randomNormal(new Shape(256, 2));
            NDArray labels = features.get(":, 0").gt(0).toType(DataType.FLOAT32, false);
            Trainer trainer = linearTrainer(manager, 2, 2, Loss.softmaxCrossEntropyLoss());
            Training training = new Training(trainer, 32);
            training.fit(features, labels, features, labels, 1);
            int dataArrays = ((BaseNDManager) data).getManagedArrays().size();
            int trainerArrays = ((BaseNDManager) trainer.getManager()).getManagedArrays().size();
            training.fit(features, labels, features, labels, 3);
            training.predict(features, manager.newSubManager()).close();
            // Batches, activations and sums live in per-epoch and per-batch managers.
            assertEquals(dataArrays, ((BaseNDManager) data).getManagedArrays().size());
            assertEquals(trainerArrays, ((BaseNDManager) trainer.getManager()).getManagedArrays().size());
            assertEquals(4, training.history().size());
            assertEquals(List.of(1, 2, 3, 4), training.history().table().intColumn(TrainingHistory.EPOCH).asList());
        }
    }

    @Test
    void fewerThanOneEpochIsRefusedBeforeAnythingRuns() {
        TrainingHistory history = new TrainingHistory("loss");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Epochs.run(history, null, 0, checks -> {
                    throw new AssertionError("must not train");
                }, totals -> totals));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertEquals(0, history.size());
    }

    @Test
    void anInterruptWhileMeasuringValidationNamesTheEpochAndKeepsTheEarlierOnes() {
        TrainingHistory history = new TrainingHistory("loss", "validation loss");
        Epochs.run(history, null, 1, checks -> new double[] {1}, totals -> new double[] {totals[0], 2});
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> Epochs.run(history, null, 3, checks -> new double[] {1}, totals -> {
                    Thread.currentThread().interrupt();
                    BatchChecks.beforeEvaluationBatch(1, 5);
                    return new double[] {totals[0], 2};
                }));
        assertEquals("Training interrupted in epoch 2 while measuring validation after its last batch: the model keeps "
                + "the epoch's steps, and history() holds the 1 finished epoch; evaluate it, or call fit again to go on.",
                e.getMessage());
        assertEquals(1, history.size());
    }
}
