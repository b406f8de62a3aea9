package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import dlcourse.data.DateTranslationDataset;
import dlcourse.nn.EncoderDecoder;
import dlcourse.nn.RecurrentDecoder;
import dlcourse.nn.RecurrentEncoder;
import dlcourse.nn.TransformerDecoder;
import dlcourse.nn.TransformerEncoder;
import dlcourse.tensor.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslationTrainingTest {

    @Test
    void lengthBucketsUseEveryExampleAtMostOnceInFullBatchesOfSimilarLength() {
        int[] lengths = new int[100];
        Random random = new Random(1);
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 5 + random.nextInt(30);
        }
        List<int[]> batches = TranslationTraining.lengthBuckets(lengths, 4, new Random(2));
        Set<Integer> seen = new HashSet<>();
        int spread = 0;
        for (int[] batch : batches) {
            assertEquals(4, batch.length);
            int shortest = Integer.MAX_VALUE, longest = 0;
            for (int i : batch) {
                assertTrue(seen.add(i), "example " + i + " is in two batches");
                shortest = Math.min(shortest, lengths[i]);
                longest = Math.max(longest, lengths[i]);
            }
            spread += longest - shortest;
        }
        // Groups of 32 cut 96 examples into 24 batches; 4 are left over (not a full batch of a full group).
        assertEquals(25, batches.size());
        // Sorted within groups of 8 batches: lengths within a batch differ by little (random would be about 18).
        assertTrue(spread / (double) batches.size() < 8, "mean spread of lengths in a batch " + spread / 25.0);
    }

    @Test
    void trainingLowersTheLossAndTranslationsHaveOneRowPerDate() {
        Seeds.set(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(300, 5);
            DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
            DateTranslationDataset.Arrays test = dates.arrays(manager, DateTranslationDataset.Split.TEST);
            EncoderDecoder model = new EncoderDecoder(new RecurrentEncoder(dates.sourceVocab().size(), 8, 16, 1),
                    new RecurrentDecoder(dates.targetVocab().size(), 8, 16, 1));
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            double before = TranslationTraining.loss(trainer, train);
            TranslationTraining.Epoch last = null;
            for (int epoch = 0; epoch < 3; epoch++) {
                last = TranslationTraining.trainEpoch(trainer, train, 16, 1.0);
            }
            double after = TranslationTraining.loss(trainer, train);
            assertTrue(after < before, "loss " + before + " -> " + after);
            assertTrue(last.seconds() > 0 && Double.isFinite(last.loss()));
            NDArray greedy = TranslationTraining.translate(manager, model, dates, test, 1);
            NDArray beam = TranslationTraining.translate(manager, model, dates, test, 2);
            assertEquals(new Shape(test.size(), dates.targetSteps()), greedy.getShape());
            assertEquals(greedy.getShape(), beam.getShape());
            double exact = TranslationTraining.exactMatch(trainer, model, dates, test, 1);
            assertTrue(exact >= 0 && exact <= 1, "exact match " + exact);
        }
    }

    @Test
    void trainingAndEvaluatingLeaveNothingInTheDataManager() {
        Seeds.set(4);
        try (NDManager manager = NDManager.newBaseManager(); NDManager dataManager = manager.newSubManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(200, 6);
            DateTranslationDataset.Arrays train = dates.arrays(dataManager, DateTranslationDataset.Split.TRAIN);
            EncoderDecoder model = new EncoderDecoder(new TransformerEncoder(dates.sourceVocab().size(), 8, 16, 2, 1),
                    new TransformerDecoder(dates.targetVocab().size(), 8, 16, 2, 1));
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            int before = ((BaseNDManager) dataManager).getManagedArrays().size();
            TranslationTraining.trainEpoch(trainer, train, 16, 1.0);
            TranslationTraining.loss(trainer, train);
            TranslationTraining.exactMatch(trainer, model, dates, train, 2);
            // Batches and activations belong to per-step managers: the data's manager holds only the data.
            assertEquals(before, ((BaseNDManager) dataManager).getManagedArrays().size());
        }
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(50, 5);
            EncoderDecoder model = new EncoderDecoder(new RecurrentEncoder(dates.sourceVocab().size(), 4, 4, 1),
                    new RecurrentDecoder(dates.targetVocab().size(), 4, 4, 1));
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TranslationTraining
                    .trainEpoch(trainer, dates.arrays(manager, DateTranslationDataset.Split.TRAIN), 0, 1.0));
            assertTrue(error.getMessage().contains("got 0"), error.getMessage());
        }
    }
}
