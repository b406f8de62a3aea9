package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingTest {

    @Test
    void accuracyOfScoresCountsRowsWhoseLargestEntryIsTheLabel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray scores = manager.create(new float[][] {{2, 1, 0}, {0, 3, 1}, {5, 0, 6}, {1, 2, 0}});
            NDArray labels = manager.create(new float[] {0, 1, 0, 0});
            assertEquals(0.5, Training.accuracy(scores, labels), 1e-9);   // rows 0 and 1 right
        }
    }

    @Test
    void accuracyRefusesMismatchedShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Training.accuracy(manager.zeros(new Shape(4, 3)), manager.zeros(new Shape(3))));
            assertTrue(e.getMessage().contains("(4, 3)") && e.getMessage().contains("(3)"), e.getMessage());
        }
    }

    private static NDArray signOfFirstFeature(NDArray features) {
        return features.get(":, 0").gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }

    private static Trainer linearClassifier(NDManager manager) {
        return Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(2).build()),
                Loss.softmaxCrossEntropyLoss(), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build(),
                new Shape(1, 2));
    }

    @Test
    void learnsASeparableProblemAndRecordsEveryEpoch() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            // Class 1 when the first feature is positive: a linear model must learn it.
            NDArray features = manager.randomNormal(new Shape(512, 2));
            NDArray labels = signOfFirstFeature(features);
            Trainer trainer = linearClassifier(manager);
            Training training = new Training(trainer, 64);
            TrainingHistory history = training.fit(features, labels, features, labels, 5);
            assertEquals(5, history.size());
            assertTrue(history.last(Training.VALIDATION_ACCURACY) > 0.95, history.toString());
            assertTrue(history.values(Training.TRAIN_LOSS)[4] < history.values(Training.TRAIN_LOSS)[0]);
            assertEquals(history.last(Training.VALIDATION_ACCURACY), training.evaluate(features, labels), 1e-6);
            training.fit(features, labels, features, labels, 1);
            assertEquals(6, training.history().size(), "a second fit continues the history");
            NDArray predicted = training.predict(features, manager);
            assertEquals(new Shape(512), predicted.getShape());
            assertTrue(training.samplesPerSecond() > 0);
        }
    }

    @Test
    void augmentationTransformsEveryTrainingBatchAndNothingElse() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.randomNormal(new Shape(512, 2));
            NDArray labels = signOfFirstFeature(features);
            Trainer trainer = linearClassifier(manager);
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            // An augmentation that swaps the features' signs keeps the problem learnable, and is counted.
            Training training = new Training(trainer, 64).withAugmentation(x -> {
                calls.incrementAndGet();
                return x.neg();
            });
            TrainingHistory history = training.fit(features, labels, features, labels, 2);
            assertEquals(2 * 512 / 64, calls.get(), "one call per training batch");
            training.evaluate(features, labels);
            training.predict(features, manager);
            assertEquals(16, calls.get(), "evaluation and prediction see the data as it is");
            // Trained on negated features, the model gets the untouched validation data wrong.
            assertTrue(history.last(Training.TRAIN_ACCURACY) > 0.9, history.toString());
            assertTrue(history.last(Training.VALIDATION_ACCURACY) < 0.1, history.toString());
        }
    }

    @Test
    void refusesFeaturesAndLabelsOfDifferentLengths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(Linear.builder().setUnits(2).build()),
                    Loss.softmaxCrossEntropyLoss(), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(),
                    new Shape(1, 2));
            Training training = new Training(trainer, 8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> training.fit(
                    manager.zeros(new Shape(10, 2)), manager.zeros(new Shape(9)),
                    manager.zeros(new Shape(4, 2)), manager.zeros(new Shape(4)), 1));
            assertTrue(e.getMessage().contains("training features (10, 2)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Training(trainer, 0));
        }
    }

    @Test
    void anInterruptFromAnotherThreadStopsFitBetweenBatchesAndLeavesAUsableModelAndHistory() throws Exception {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.randomNormal(new Shape(512, 2));
            NDArray labels = signOfFirstFeature(features);
            Thread trainingThread = Thread.currentThread();
            CountDownLatch secondEpoch = new CountDownLatch(1);
            AtomicInteger batches = new AtomicInteger();
            // 8 batches of 64 an epoch: the tenth training batch is in the second epoch.
            Training training = new Training(linearClassifier(manager), 64).withAugmentation(x -> {
                if (batches.incrementAndGet() == 10) {
                    secondEpoch.countDown();
                }
                return x;
            });
            Thread stopButton = new Thread(() -> {
                try {
                    secondEpoch.await();
                    trainingThread.interrupt();
                } catch (InterruptedException unexpected) {
                    Thread.currentThread().interrupt();
                }
            });
            stopButton.start();
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> training.fit(features, labels, features, labels, 10_000));
            stopButton.join();
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed, so the next cell runs");
            int finished = training.history().size();
            assertTrue(finished >= 1 && finished < 10_000, "finished epochs: " + finished);
            // Between two batches, or while the epoch's validation accuracy was measured.
            assertTrue(e.getMessage().matches("Training interrupted in epoch " + (finished + 1)
                    + "(, before batch [1-8] of 8| while measuring validation after its last batch): the model keeps "
                    + "the .*, and history\\(\\) holds the " + finished + " finished epochs?; evaluate it, or call fit "
                    + "again to go on\\."), e.getMessage());
            assertEquals(List.of(IntStream.rangeClosed(1, finished).boxed().toArray()),
                    training.history().table().intColumn(TrainingHistory.EPOCH).asList());
            double accuracy = training.evaluate(features, labels);
            assertTrue(accuracy > 0.8, "the model trained before the interrupt: accuracy " + accuracy);
            training.fit(features, labels, features, labels, 1);
            assertEquals(finished + 1, training.history().size(), "fit goes on after the interrupt");
        }
    }

    @Test
    void anInterruptedEvaluationOrPredictionSaysSoAndTheNextOneWorks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.randomNormal(new Shape(100, 2));
            NDArray labels = signOfFirstFeature(features);
            Training training = new Training(linearClassifier(manager), 32);
            Thread.currentThread().interrupt();
            String message = assertThrows(TrainingInterruptedException.class,
                    () -> training.evaluate(features, labels)).getMessage();
            assertEquals("Evaluation interrupted before batch 1 of 4: the model is unchanged, so run the cell again for "
                    + "the result.", message);
            Thread.currentThread().interrupt();
            assertThrows(TrainingInterruptedException.class, () -> training.predict(features, manager));
            assertFalse(Thread.currentThread().isInterrupted());
            assertEquals(new Shape(100), training.predict(features, manager).getShape());
        }
    }

    @Test
    void dataWithNaNStopsFitAtTheFirstBatchAndSaysWhereToLook() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.randomNormal(new Shape(64, 2));
            NDArray labels = signOfFirstFeature(features);
            features.set(new ai.djl.ndarray.index.NDIndex("0, 0"), Float.NaN);
            Training training = new Training(linearClassifier(manager), 64);
            String message = assertThrows(TrainingDivergedException.class,
                    () -> training.fit(features, labels, features, labels, 1)).getMessage();
            assertTrue(message.startsWith("Training stopped in epoch 1 at batch 1 of 1: the loss is NaN, and no batch had "
                    + "a finite loss yet: look for NaN or infinite values in the data"), message);
            assertEquals(0, training.history().size());
        }
    }

    @Test
    void featuresOfAnotherShapeThanTheModelWasBuiltForGetBothShapesNamedNotTheEnginesWords() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, new SequentialBlock().add(ai.djl.nn.Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build()), Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), new Shape(1, 28, 28));
            Training training = new Training(trainer, 8);
            NDArray small = manager.zeros(new Shape(64, 3, 3));
            NDArray labels = manager.zeros(new Shape(64));
            String fit = assertThrows(IllegalArgumentException.class,
                    () -> training.fit(small, labels, small, labels, 1)).getMessage();
            assertEquals("the training features have shape (64, 3, 3), examples of shape (3, 3), but the model was built "
                    + "for inputs of shape (1, 28, 28), examples of shape (28, 28): make the trainer for inputs of shape "
                    + "(1, 3, 3)", fit);
            NDArray flat = manager.zeros(new Shape(64, 784));
            String evaluate = assertThrows(IllegalArgumentException.class,
                    () -> training.evaluate(flat, labels)).getMessage();
            assertEquals("the features have shape (64, 784), examples of shape (784), but the model was built for inputs "
                    + "of shape (1, 28, 28), examples of shape (28, 28): reshape them to (64, 28, 28), or make the trainer "
                    + "for inputs of shape (1, 784)", evaluate);
            dlcourse.notebook.Course.language("zh");
            try {
                assertEquals("特征的形状为 (64, 784)（每个样本的形状为 (784)），但模型是为形状 (1, 28, 28) 的输入构建的"
                        + "（每个样本的形状为 (28, 28)）：把它们变形为 (64, 28, 28)，或者为形状 (1, 784) 的输入创建训练器",
                        assertThrows(IllegalArgumentException.class, () -> training.evaluate(flat, labels)).getMessage());
            } finally {
                dlcourse.notebook.Course.language("en");
            }
            assertThrows(IllegalArgumentException.class, () -> training.predict(small, manager));
            assertEquals(0, training.history().size());
        }
    }
}
