package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dlcourse.data.NegativeSampler;
import dlcourse.data.SkipGramData;
import dlcourse.data.Vocab;
import dlcourse.nn.SkipGram;
import dlcourse.nn.WordVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SkipGramTrainingTest {

    @Test
    void wordsOfTheSameTopicEndUpNearEachOther() {
        Engine.getInstance().setRandomSeed(3);
        Random random = new Random(3);
        // Two topics that never share a sentence: words 2-6 and words 7-11 (0 and 1 are <unk> and <pad>).
        int[][] sentences = new int[200][];
        for (int s = 0; s < sentences.length; s++) {
            int base = s % 2 == 0 ? 2 : 7;
            sentences[s] = random.ints(8, base, base + 5).toArray();
        }
        List<String> tokens = new ArrayList<>();
        for (char c = 'a'; c < 'a' + 10; c++) {
            tokens.add("w" + c);   // once each, so the vocabulary keeps this order: wa = 2, ..., wj = 11
        }
        Vocab vocab = Vocab.of(tokens);
        try (NDManager manager = NDManager.newBaseManager()) {
            SkipGram model = new SkipGram(vocab.size(), 8);
            Trainer trainer = Training.newTrainer(manager, model, Loss.sigmoidBinaryCrossEntropyLoss(),
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.02f)).build(), new Shape(1));
            NegativeSampler sampler = NegativeSampler.of(SkipGramData.counts(sentences, vocab.size()), 0.75, manager);
            SkipGramTraining training = new SkipGramTraining(trainer, sampler, 3, 64);
            TrainingHistory history = training.fit(SkipGramData.of(sentences, 2, random), 6);
            assertEquals(6, history.size());
            double[] loss = history.values(SkipGramTraining.TRAIN_LOSS);
            assertTrue(loss[5] < loss[0] - 0.05, "loss " + java.util.Arrays.toString(loss));
            WordVectors words = new WordVectors(vocab, model.centerVectors());
            double same = words.similarities(new int[] {2, 3, 7, 8}, new int[] {4, 5, 9, 10}).mean().getFloat();
            double other = words.similarities(new int[] {2, 3, 7, 8}, new int[] {9, 10, 4, 5}).mean().getFloat();
            assertTrue(same > other + 0.3, "same topic " + same + ", other topic " + other);
            assertThrows(IllegalArgumentException.class, () -> new SkipGramTraining(trainer, sampler, 0, 64));
            assertThrows(IllegalArgumentException.class, () -> training.fit(SkipGramData.of(sentences, 2, random), 0));
        }
    }
}
