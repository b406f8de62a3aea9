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

    /** A GRU encoder and decoder with {@code embedding}-wide embeddings and {@code hidden} units, for {@code dates}. */
    private static EncoderDecoder seq2seq(DateTranslationDataset dates, int embedding, int hidden) {
        return new EncoderDecoder(new RecurrentEncoder(dates.sourceVocab().size(), embedding, hidden, 1),
                new RecurrentDecoder(dates.targetVocab().size(), embedding, hidden, 1));
    }

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
    void fitLowersTheLossRecordsExactMatchAndTranslationsHaveOneRowPerDate() {
        Seeds.set(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(300, 5);
            DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
            DateTranslationDataset.Arrays test = dates.arrays(manager, DateTranslationDataset.Split.TEST);
            EncoderDecoder model = seq2seq(dates, 8, 16);
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            assertTrue(trainer instanceof InPlaceTrainer, "the step updates the parameters in place");
            TranslationTraining training = new TranslationTraining(trainer, dates, 16).withGradientClipping(1.0);
            double before = training.loss(train);
            TrainingHistory history = training.fit(train, test, 2);
            training.fit(train, test, 1);
            assertEquals(3, history.size(), "a second fit continues the history");
            double after = training.loss(train);
            assertTrue(after < before, "loss " + before + " -> " + after);
            double[] losses = history.values(TranslationTraining.TRAIN_LOSS);
            assertTrue(losses[2] < losses[0], history.toString());
            assertEquals(training.exactMatch(test, 1), history.last(TranslationTraining.VALIDATION_EXACT_MATCH), 1e-9);
            assertTrue(training.samplesPerSecond() > 0);
            NDArray greedy = TranslationTraining.translate(manager, model, dates, test, 1);
            NDArray beam = TranslationTraining.translate(manager, model, dates, test, 2);
            assertEquals(new Shape(test.size(), dates.targetSteps()), greedy.getShape());
            assertEquals(greedy.getShape(), beam.getShape());
            double exact = training.exactMatch(test, 2);
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
            TranslationTraining training = new TranslationTraining(trainer, dates, 16).withGradientClipping(1.0);
            int before = ((BaseNDManager) dataManager).getManagedArrays().size();
            training.fit(train, train, 1);
            training.loss(train);
            training.exactMatch(train, 2);
            // Batches and activations belong to per-step managers: the data's manager holds only the data.
            assertEquals(before, ((BaseNDManager) dataManager).getManagedArrays().size());
        }
    }

    @Test
    void aBatchSizeBelowOneOrAboveTheDataIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(50, 5);
            EncoderDecoder model = seq2seq(dates, 4, 4);
            Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> new TranslationTraining(trainer, dates, 0));
            assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
            DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
            TranslationTraining training = new TranslationTraining(trainer, dates, 64);
            IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                    () -> training.fit(train, train, 1));
            assertEquals("the training data has 40 dates, fewer than one batch of 64; use a smaller batch size",
                    large.getMessage());
            assertEquals(0, training.history().size());
        }
    }

    @Test
    void aModelOtherThanAnEncoderDecoderIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(50, 5);
            Trainer trainer = Training.newTrainer(manager, ai.djl.nn.core.Linear.builder().setUnits(2).build(),
                    new dlcourse.nn.SequenceMaskedCrossEntropyLoss(),
                    ai.djl.training.optimizer.Optimizer.adam().build(), new Shape(1, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TranslationTraining(trainer, dates, 8));
            assertTrue(e.getMessage().contains("block is a Linear"), e.getMessage());
        }
    }

    @Test
    void exactMatchByLengthCountsWholeRowsPerBucketOfSourceLengths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(50, 5);
            List<DateTranslationDataset.Example> four = dates.examples(DateTranslationDataset.Split.TRAIN).subList(0, 4);
            DateTranslationDataset.Arrays data = dates.arrays(manager, four);
            int[] lengths = data.sourceValidLengths().toIntArray();
            // Right, right, wrong in one token, right: buckets as wide as the whole range hold all four.
            NDArray predicted = data.targetOutputs().duplicate();
            predicted.set(new ai.djl.ndarray.index.NDIndex("2, 3"), -1);
            tech.tablesaw.api.Table one = TranslationTraining.exactMatchByLength(predicted, data, 1000);
            assertEquals(1, one.rowCount());
            assertEquals(4, one.intColumn("examples").get(0));
            assertEquals(0.75, one.doubleColumn("exact match").get(0), 1e-9);
            assertEquals(499.5, one.doubleColumn("source length").get(0), 1e-9);
            // One character per bucket: a row per distinct length, shortest first, the wrong date only in its own.
            tech.tablesaw.api.Table each = TranslationTraining.exactMatchByLength(predicted, data, 1);
            assertEquals((int) java.util.Arrays.stream(lengths).distinct().count(), each.rowCount());
            double wrongLength = lengths[2];
            for (int row = 0; row < each.rowCount(); row++) {
                double length = each.doubleColumn("source length").get(row);
                long examples = java.util.Arrays.stream(lengths).filter(l -> l == length).count();
                assertEquals((int) examples, (int) each.intColumn("examples").get(row));
                double expected = length == wrongLength ? (examples - 1.0) / examples : 1.0;
                assertEquals(expected, each.doubleColumn("exact match").get(row), 1e-9, "length " + length);
                assertTrue(row == 0 || length > each.doubleColumn("source length").get(row - 1));
            }
            tech.tablesaw.api.Table byDates = TranslationTraining.exactMatchByDates(predicted, data);
            assertEquals(1, byDates.rowCount());
            assertEquals(1.0, byDates.doubleColumn("dates").get(0), 1e-9);
            assertEquals("1", byDates.doubleColumn("dates").getString(0), "a whole number of dates is printed as one");
            assertEquals("499.5", one.doubleColumn("source length").getString(0), "a bucket's middle keeps its half");
            assertEquals(0.75, byDates.doubleColumn("exact match").get(0), 1e-9);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> TranslationTraining.exactMatchByLength(predicted.get(":2"), data, 5));
            assertTrue(shape.getMessage().contains("(2, 11)"), shape.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TranslationTraining.exactMatchByLength(predicted, data, 0));
        }
    }

    @Test
    void exactMatchByDatesGroupsListsByTheirNumberOfDates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset lists = DateTranslationDataset.generate(100, 5, 2);
            List<DateTranslationDataset.Example> examples = lists.examples(DateTranslationDataset.Split.TRAIN);
            DateTranslationDataset.Arrays data = lists.arrays(manager, examples);
            NDArray predicted = data.targetOutputs().duplicate();
            int firstTwo = 0;
            while (examples.get(firstTwo).dates().size() != 2) {
                firstTwo++;
            }
            predicted.set(new ai.djl.ndarray.index.NDIndex(firstTwo + ", 15"), -1);   // in its second date
            long two = examples.stream().filter(example -> example.dates().size() == 2).count();
            tech.tablesaw.api.Table table = TranslationTraining.exactMatchByDates(predicted, data);
            assertEquals(List.of(1.0, 2.0), table.doubleColumn("dates").asList());
            assertEquals((int) (examples.size() - two), (int) table.intColumn("examples").get(0));
            assertEquals((int) two, (int) table.intColumn("examples").get(1));
            assertEquals(1.0, table.doubleColumn("exact match").get(0), 1e-9);
            assertEquals((two - 1.0) / two, table.doubleColumn("exact match").get(1), 1e-9);
        }
    }

    @Test
    void anInterruptStopsFitOrExactMatchAndANaNLearningRateIsRefused() {
        Seeds.set(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            DateTranslationDataset dates = DateTranslationDataset.generate(100, 5);
            DateTranslationDataset.Arrays train = dates.arrays(manager, DateTranslationDataset.Split.TRAIN);
            EncoderDecoder model = seq2seq(dates, 4, 8);
            String refused = assertThrows(IllegalArgumentException.class,
                    () -> TranslationTraining.newTrainer(manager, model, dates, Float.NaN)).getMessage();
            assertTrue(refused.startsWith("Adam's learning rate is NaN at update 1"), refused);
            TranslationTraining training = new TranslationTraining(TranslationTraining.newTrainer(manager, model, dates, 0.01f),
                    dates, 16);
            Thread.currentThread().interrupt();
            String message = assertThrows(TrainingInterruptedException.class, () -> training.fit(train, train, 2))
                    .getMessage();
            assertTrue(message.startsWith("Training interrupted in epoch 1, before batch 1 of 5:"), message);
            Thread.currentThread().interrupt();
            assertThrows(TrainingInterruptedException.class, () -> training.exactMatch(train, 1));
            training.fit(train, train, 1);
            assertEquals(1, training.history().size());
        }
    }
}
