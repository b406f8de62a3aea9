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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochsTest {

    private static Trainer linearTrainer(NDManager manager, int inputs, int outputs, Loss loss) {
        return Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(outputs).build()), loss,
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), new Shape(1, inputs));
    }

    @Test
    void aPassVisitsEveryExampleOnceInBatchesAndJoinsWhatItKeeps() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            // 37 examples in batches of 2: 19 batches, the last of 1.
            NDArray features = manager.randomNormal(new Shape(37, 2));
            NDArray ids = manager.arange(37f);
            Trainer trainer = linearTrainer(manager, 2, 1, Loss.l2Loss());
            List<Long> sizes = new ArrayList<>();
            double[] expectedLoss = {0};
            BatchChecks checks = BatchChecks.training(new TrainingHistory("loss"));
            checks.startEpoch();
            double[] totals = Epochs.shuffledPass(trainer, new NDList(features, ids), 2, checks, (batch, rows) -> {
                NDArray x = rows.get(0);
                assertEquals(batch, x.getManager(), "the batch's rows belong to the batch's manager");
                sizes.add(x.getShape().get(0));
                // Row i of the features goes with id i: every array's rows are taken in one order.
                NDArray same = features.get(rows.get(1).toType(DataType.INT64, false)).eq(x);
                assertTrue(same.all().getBoolean(), "features and ids in one order");
                NDArray loss = trainer.forward(new NDList(x)).singletonOrThrow().square().mean();
                expectedLoss[0] += loss.getFloat() * x.getShape().get(0);
                return new NDList(loss, rows.get(1));
            }, kept -> {
                float[] seen = kept.singletonOrThrow().toFloatArray();
                Arrays.sort(seen);
                float[] all = new float[37];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                assertArrayEquals(all, seen, "every example once, the kept ids joined over the epoch");
                return new double[] {seen.length, kept.singletonOrThrow().sum().getFloat()};
            });
            List<Long> expectedSizes = new ArrayList<>(java.util.Collections.nCopies(18, 2L));
            expectedSizes.add(1L);
            assertEquals(expectedSizes, sizes);
            assertArrayEquals(new double[] {expectedLoss[0], 37, 36 * 37 / 2}, totals, 1e-4,
                    "loss summed over examples, then what the pass made of the kept arrays");
        }
    }

    @Test
    void aPassOfFewerExamplesThanABatchIsOneBatch() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = linearTrainer(manager, 2, 1, Loss.l2Loss());
            BatchChecks checks = BatchChecks.training(new TrainingHistory("loss"));
            checks.startEpoch();
            List<Long> sizes = new ArrayList<>();
            double[] totals = Epochs.shuffledPass(trainer, new NDList(manager.ones(new Shape(3, 2))), 8, checks,
                    (batch, rows) -> {
                        sizes.add(rows.head().getShape().get(0));
                        return new NDList(trainer.forward(rows).singletonOrThrow().square().mean());
                    }, kept -> new double[0]);
            assertEquals(List.of(3L), sizes);
            assertEquals(1, totals.length, "only the loss when nothing is kept");
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
