package dlcourse.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dlcourse.data.DateTranslationDataset;
import dlcourse.nn.EncoderDecoder;
import dlcourse.nn.SequenceDecoding;
import dlcourse.nn.SequenceMaskedCrossEntropyLoss;
import dlcourse.tensor.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Training and evaluating an {@link EncoderDecoder} on {@link DateTranslationDataset} arrays:
 * teacher forcing with the trainer's loss (a {@code SequenceMaskedCrossEntropyLoss}), gradients
 * clipped to a maximum norm, one sub-manager per batch so native memory stays flat.
 *
 * <pre>
 * TranslationTraining.Epoch epoch = TranslationTraining.trainEpoch(trainer, train, 128, 1.0);
 * double accuracy = TranslationTraining.exactMatch(trainer, model, dates, test, 1);   // greedy
 * </pre>
 */
public final class TranslationTraining {

    /** What one epoch measured: mean loss per target token and seconds. */
    public record Epoch(double loss, double seconds) {
    }

    private TranslationTraining() {
    }

    /**
     * A trainer for {@code model} with {@link SequenceMaskedCrossEntropyLoss} and Adam at a fixed
     * {@code learningRate}, initialised for {@code dataset}'s sources and targets. Its model is
     * closed with {@code owner}.
     */
    public static Trainer newTrainer(NDManager owner, EncoderDecoder model, DateTranslationDataset dataset,
                                     float learningRate) {
        return newTrainer(owner, model, dataset,
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
    }

    /** A trainer for {@code model} with {@link SequenceMaskedCrossEntropyLoss} and {@code optimizer}. */
    public static Trainer newTrainer(NDManager owner, EncoderDecoder model, DateTranslationDataset dataset,
                                     Optimizer optimizer) {
        Model container = Model.newInstance("translation " + UUID.randomUUID());
        container.setBlock(model);
        owner.attachInternal("model " + UUID.randomUUID(), container);
        Trainer trainer = container.newTrainer(new DefaultTrainingConfig(new SequenceMaskedCrossEntropyLoss())
                .optOptimizer(optimizer));
        trainer.initialize(new Shape(1, dataset.sourceSteps()), new Shape(1), new Shape(1, dataset.targetSteps()));
        return trainer;
    }

    /**
     * One pass over {@code data} in batches of {@code batchSize}. Batches hold sources of similar
     * length (examples are shuffled, sorted by length within groups of 8 batches, and the batches
     * shuffled again) and are cut to their longest source, so little time goes into padding.
     */
    public static Epoch trainEpoch(Trainer trainer, DateTranslationDataset.Arrays data, int batchSize,
                                   double maxGradientNorm) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        double totalLoss = 0;
        long start = System.nanoTime();
        List<int[]> batches = lengthBuckets(data.sourceValidLengths().toIntArray(), batchSize, Seeds.random());
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            for (int[] batch : batches) {
                try (NDManager step = epoch.newSubManager()) {
                    NDArray rows = step.create(batch);
                    NDArray lengths = rows(step, data.sourceValidLengths(), rows);
                    long longest = lengths.max().getInt();
                    NDList inputs = new NDList(rows(step, data.sources(), rows).get(":, :{}", longest), lengths,
                            rows(step, data.targetInputs(), rows));
                    NDList labels = new NDList(rows(step, data.targetOutputs(), rows),
                            rows(step, data.targetValidLengths(), rows));
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                        collector.backward(loss);
                        totalLoss += loss.getFloat();
                    }
                    LanguageModelTraining.clipGradients(trainer, maxGradientNorm);
                    trainer.step();
                }
            }
        }
        return new Epoch(totalLoss / Math.max(batches.size(), 1), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The given rows of {@code data}, owned by {@code step}. An operation's result belongs to its
     * first operand's manager: without the attach, each batch and every activation computed from
     * it would belong to the data's long-lived manager and stay in memory until the notebook ends.
     */
    private static NDArray rows(NDManager step, NDArray data, NDArray rows) {
        NDArray picked = data.get(rows);
        picked.attach(step);
        return picked;
    }

    /** Example indices cut into full batches of similar length, in random order. */
    static List<int[]> lengthBuckets(int[] lengths, int batchSize, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int group = batchSize * 8;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from + batchSize <= order.size(); from += group) {
            List<Integer> chunk = new ArrayList<>(order.subList(from, Math.min(from + group, order.size())));
            chunk.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int b = 0; b + batchSize <= chunk.size(); b += batchSize) {
                batches.add(chunk.subList(b, b + batchSize).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** The mean loss per target token on {@code data} (no training). */
    public static double loss(Trainer trainer, DateTranslationDataset.Arrays data) {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(data.sources(), data.sourceValidLengths(), data.targetInputs());
            NDList labels = new NDList(data.targetOutputs(), data.targetValidLengths());
            // Borrowed for the evaluation, so that its results belong to scratch and are freed with it.
            scratch.tempAttachAll(inputs, labels);
            return trainer.getLoss().evaluate(labels, trainer.evaluate(inputs)).getFloat();
        }
    }

    /**
     * Translations of {@code data}'s sources, (examples, target steps) token indices: greedy for
     * {@code beamWidth} 1, beam search otherwise. The result belongs to {@code manager}.
     */
    public static NDArray translate(NDManager manager, EncoderDecoder model,
                                    DateTranslationDataset dataset, DateTranslationDataset.Arrays data, int beamWidth) {
        int begin = dataset.targetVocab().index(DateTranslationDataset.BEGIN);
        int end = dataset.targetVocab().index(DateTranslationDataset.END);
        ParameterStore parameters = new ParameterStore(manager, false);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray sources = data.sources();
            NDArray lengths = data.sourceValidLengths();
            scratch.tempAttachAll(sources, lengths);
            NDArray result = beamWidth == 1
                    ? SequenceDecoding.greedy(model, parameters, sources, lengths, begin, end, dataset.targetSteps())
                    : SequenceDecoding.beamSearch(model, parameters, sources, lengths, begin, end,
                            dataset.targetSteps(), beamWidth);
            result.attach(manager);
            return result;
        }
    }

    /** Fraction of {@code data}'s dates translated exactly right (greedy for beam width 1). */
    public static double exactMatch(Trainer trainer, EncoderDecoder model, DateTranslationDataset dataset,
                                    DateTranslationDataset.Arrays data, int beamWidth) {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray predicted = translate(scratch, model, dataset, data, beamWidth);
            return SequenceDecoding.exactMatch(predicted, data.targetOutputs());
        }
    }
}
