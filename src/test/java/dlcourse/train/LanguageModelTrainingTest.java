package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dlcourse.data.SequenceBatches;
import dlcourse.nn.RecurrentModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LanguageModelTrainingTest {

    private static Model model(int vocabulary) {
        Model model = Model.newInstance("test");
        model.setBlock(RecurrentModel.languageModel(
                GRU.builder().setStateSize(16).setNumLayers(1).optReturnState(true).build(), vocabulary));
        return model;
    }

    private static Trainer trainer(Model model, Loss loss) {
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build()));
        trainer.initialize(new Shape(4, 6));
        return trainer;
    }

    @Test
    void perplexityIsTheExponentialOfTheMeanLoss() {
        assertEquals(Math.E, LanguageModelTraining.perplexity(10, 10), 1e-12);
        assertEquals(4, LanguageModelTraining.perplexity(3 * Math.log(4), 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LanguageModelTraining.perplexity(1, 0));
    }

    @Test
    void bigramPerplexityCountsPairsWithLaplaceSmoothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Train 0 1 0 1 0 over 3 tokens: after 0 comes 1 twice, after 1 comes 0 twice. Smoothed,
            // P(1 | 0) = (2 + 1) / (2 + 3) = 0.6 and P(0 | 1) = 0.6, P(2 | 0) = 1 / 5.
            NDArray train = manager.create(new int[] {0, 1, 0, 1, 0});
            assertEquals(1 / 0.6, LanguageModelTraining.bigramPerplexity(train, manager.create(new int[] {0, 1, 0}), 3), 1e-5);
            // Pairs (1,0) and (0,2): exp(-(ln 0.6 + ln 0.2) / 2) = 1 / sqrt(0.12).
            assertEquals(1 / Math.sqrt(0.12), LanguageModelTraining.bigramPerplexity(train,
                    manager.create(new int[] {1, 0, 2}), 3), 1e-4);
            // Token 2 never occurs in training: after it every token has probability 1/3. Pairs (2,0), (0,2),
            // (2,2): exp(-(ln 1/3 + ln 1/5 + ln 1/3) / 3) = 45^(1/3).
            assertEquals(Math.cbrt(45), LanguageModelTraining.bigramPerplexity(train, manager.create(new int[] {2, 0, 2, 2}), 3), 1e-4);
            assertEquals(3, LanguageModelTraining.bigramPerplexity(train, manager.create(new int[] {2, 2}), 3), 1e-5);
            assertTrue(!train.isReleased(), "the corpora stay");
        }
    }

    @Test
    void bigramPerplexityRefusesBadCorpora() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray train = manager.create(new int[] {0, 1, 0, 1, 0});
            String message = assertThrows(IllegalArgumentException.class, () -> LanguageModelTraining.bigramPerplexity(
                    train, manager.create(new int[] {0, 5}), 3)).getMessage();
            assertTrue(message.contains("token index 5") && message.contains("3 tokens"), message);
            assertThrows(IllegalArgumentException.class, () -> LanguageModelTraining.bigramPerplexity(
                    train, manager.create(new int[] {1}), 3));
            assertThrows(IllegalArgumentException.class, () -> LanguageModelTraining.bigramPerplexity(
                    manager.create(new float[] {0, 1, 0}), train, 3));
        }
    }

    @Test
    void fitLearnsARepeatingTextAndRecordsEveryEpochWithItsFigures() {
        // A fresh model for each partitioning: one already trained starts (and stays) at perplexity 1.
        for (SequenceBatches.Partitioning partitioning : SequenceBatches.Partitioning.values()) {
            Engine.getInstance().setRandomSeed(1);
            try (Model model = model(3); Trainer trainer = trainer(model, Loss.softmaxCrossEntropyLoss())) {
                NDArray corpus = trainer.getManager().arange(0, 600, 1, DataType.INT32).mod(3);   // 0 1 2 0 1 2 ...
                SequenceBatches batches = new SequenceBatches(corpus, 4, 6, partitioning, new Random(0));
                LanguageModelTraining training = new LanguageModelTraining(trainer).withGradientClipping(1.0);
                double before = training.perplexity(batches);
                TrainingHistory history = training.fit(batches, batches, 2);
                training.fit(batches, batches, 1);
                assertEquals(3, history.size(), "a second fit continues the history");
                double after = training.perplexity(batches);
                assertTrue(after < 1.2 && after < before, partitioning + ": perplexity " + before + " -> " + after);
                assertTrue(history.last(LanguageModelTraining.VALIDATION_PERPLEXITY) < 1.2, history.toString());
                assertTrue(history.values(LanguageModelTraining.TRAIN_PERPLEXITY)[2]
                        < history.values(LanguageModelTraining.TRAIN_PERPLEXITY)[0], history.toString());
                // 600 tokens give at least 23 batches of 4 x 6 tokens (random offset below 6) per epoch.
                assertTrue(training.gradientNorms().length >= 3 * 23, "one norm per batch of every epoch");
                assertTrue(training.tokensPerSecond() > 0);
            }
        }
    }

    @Test
    void gradientsAreClippedWithTheLibrarysClippingAndANonPositiveMaximumIsRefused() {
        Engine.getInstance().setRandomSeed(2);
        // Plain SGD, whose step is the rate times the (clipped) gradient. The gradients themselves cannot
        // be read after a step: PyTorch's optimisers set them to zero, MXNet's keep them.
        float rate = 0.05f;
        try (Model model = model(3); Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(rate)).build()))) {
            trainer.initialize(new Shape(4, 6));
            NDArray corpus = trainer.getManager().arange(0, 60, 1, DataType.INT32).mod(3);
            SequenceBatches batches = new SequenceBatches(corpus, 2, 5, SequenceBatches.Partitioning.SEQUENTIAL);
            RecurrentModel net = (RecurrentModel) model.getBlock();
            String message = assertThrows(IllegalArgumentException.class,
                    () -> new LanguageModelTraining(trainer).withGradientClipping(0)).getMessage();
            assertTrue(message.contains("got 0.0") && message.contains("POSITIVE_INFINITY"), message);
            NDList before = new NDList();
            net.getParameters().values().forEach(parameter -> before.add(parameter.getArray().duplicate()));
            // With a tiny maximum every step is clipped: the norms reported are those before clipping.
            LanguageModelTraining training = new LanguageModelTraining(trainer).withGradientClipping(1e-6);
            training.fit(batches, batches, 1);
            int steps = training.gradientNorms().length;
            assertTrue(steps > 0 && java.util.Arrays.stream(training.gradientNorms()).allMatch(norm -> norm > 1e-6));
            NDList moved = new NDList();
            List<NDArray> after = net.getParameters().values().stream().map(Parameter::getArray).toList();
            for (int i = 0; i < after.size(); i++) {
                moved.add(after.get(i).sub(before.get(i)));
            }
            // Each step moved the parameters by the rate times a gradient of global norm 1e-6, at most.
            double distance = GradientClipping.globalNorm(moved);
            assertTrue(distance > 0 && distance <= steps * rate * 1e-6 * 1.001,
                    "the parameters moved " + distance + " in " + steps + " clipped steps");
        }
    }

    @Test
    void aLossOtherThanCrossEntropyIsRefused() {
        try (Model model = model(3); Trainer trainer = trainer(model, Loss.l2Loss())) {
            String message = assertThrows(IllegalArgumentException.class, () -> new LanguageModelTraining(trainer))
                    .getMessage();
            assertTrue(message.contains("softmaxCrossEntropyLoss"), message);
        }
    }

    @Test
    void aModelOtherThanARecurrentModelIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, Linear.builder().setUnits(2).build(),
                    Loss.softmaxCrossEntropyLoss(), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(),
                    new Shape(1, 2));
            String message = assertThrows(IllegalArgumentException.class, () -> new LanguageModelTraining(trainer))
                    .getMessage();
            assertTrue(message.contains("block is a Linear") && message.contains("RecurrentModel.languageModel"), message);
        }
    }

    @Test
    void anInterruptStopsFitBeforeTheNextBatchAndTheModelCanBeEvaluatedAndTrainedOn() {
        Engine.getInstance().setRandomSeed(1);
        try (Model model = model(3); Trainer trainer = trainer(model, Loss.softmaxCrossEntropyLoss())) {
            NDArray corpus = trainer.getManager().arange(0, 600, 1, DataType.INT32).mod(3);
            SequenceBatches batches = new SequenceBatches(corpus, 4, 6, SequenceBatches.Partitioning.SEQUENTIAL, new Random(0));
            LanguageModelTraining training = new LanguageModelTraining(trainer);
            training.fit(batches, batches, 1);
            Thread.currentThread().interrupt();
            String message = assertThrows(TrainingInterruptedException.class, () -> training.fit(batches, batches, 2))
                    .getMessage();
            assertTrue(message.matches("Training interrupted in epoch 2, before batch 1 of 2[34]: the model keeps the steps "
                    + "it made, and history\\(\\) holds the 1 finished epoch; evaluate it, or call fit again to go on\\."),
                    message);
            Thread.currentThread().interrupt();
            assertThrows(TrainingInterruptedException.class, () -> training.perplexity(batches));
            assertTrue(training.perplexity(batches) >= 1);
            training.fit(batches, batches, 1);
            assertEquals(2, training.history().size());
        }
    }

    @Test
    void aNaNLearningRateThatGotPastTheTrainerFactoryStopsTrainingAtTheSecondBatch() {
        Model model = model(3);
        // Made without Training.newTrainer, which would refuse the rate: the loop's own check catches it.
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(Float.NaN)).build()));
        try (model; trainer) {
            trainer.initialize(new Shape(4, 6));
            NDArray corpus = trainer.getManager().arange(0, 600, 1, DataType.INT32).mod(3);
            SequenceBatches batches = new SequenceBatches(corpus, 4, 6, SequenceBatches.Partitioning.RANDOM, new Random(0));
            LanguageModelTraining training = new LanguageModelTraining(trainer).withGradientClipping(1.0);
            String message = assertThrows(TrainingDivergedException.class, () -> training.fit(batches, batches, 3))
                    .getMessage();
            assertTrue(message.matches("Training stopped in epoch 1 at batch 2 of 2[34]: the loss is NaN; the last finite "
                    + "loss was 1\\.\\d+, at batch 1 of epoch 1\\. The learning rate is probably too large: .*"), message);
            assertEquals(0, training.history().size());
        }
    }

    @Test
    void batchesWithTokensBeyondTheModelsVocabularyAreRefused() {
        try (Model model = model(3); Trainer trainer = trainer(model, Loss.softmaxCrossEntropyLoss())) {
            NDArray corpus = trainer.getManager().arange(0, 60, 1, DataType.INT32).mod(5);
            SequenceBatches batches = new SequenceBatches(corpus, 2, 5, SequenceBatches.Partitioning.RANDOM);
            LanguageModelTraining training = new LanguageModelTraining(trainer);
            String message = assertThrows(IllegalArgumentException.class, () -> training.fit(batches, batches, 1))
                    .getMessage();
            assertEquals("the training batches hold token index 4, but the model reads a vocabulary of 3 tokens (indices 0 "
                    + "to 2): build the model with the size of the vocabulary that made the corpus, vocab.size()", message);
            dlcourse.notebook.Course.language("zh");
            try {
                assertEquals("训练批量中有词元下标 4，但模型读取的词表只有 3 个词元（下标 0 到 2）：请用生成语料的词表的大小"
                        + " vocab.size() 构建模型", assertThrows(IllegalArgumentException.class,
                                () -> training.fit(batches, batches, 1)).getMessage());
            } finally {
                dlcourse.notebook.Course.language("en");
            }
            assertThrows(IllegalArgumentException.class, () -> training.perplexity(batches));
        }
    }
}
