package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dlcourse.data.DateTranslationDataset;
import dlcourse.nn.EncoderDecoder;
import dlcourse.nn.SequenceDecoding;
import dlcourse.nn.SequenceMaskedCrossEntropyLoss;
import dlcourse.notebook.Messages;
import dlcourse.tensor.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.UUID;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Training and evaluating an {@link EncoderDecoder} on {@link DateTranslationDataset} arrays:
 * teacher forcing with the trainer's loss (a {@code SequenceMaskedCrossEntropyLoss}), batches of
 * sources of similar length, gradients optionally clipped to a maximum norm, one sub-manager per
 * batch so native memory stays flat. Per epoch the mean training loss and the exact match of
 * greedy translations of held-out dates go into a {@link TrainingHistory}.
 *
 * <pre>
 * Trainer trainer = TranslationTraining.newTrainer(manager, model, dates, 0.01f);
 * TranslationTraining training = new TranslationTraining(trainer, dates, 64).withGradientClipping(1.0)
 *         .withLivePlot("Seq2seq on dates");
 * TrainingHistory history = training.fit(train, validation, 10);
 * double beam = training.exactMatch(test, 3);   // beam search with 3 beams
 * </pre>
 */
public final class TranslationTraining {

    public static final String TRAIN_LOSS = "train loss";
    public static final String VALIDATION_EXACT_MATCH = "validation exact match";

    private final Trainer trainer;
    private final EncoderDecoder model;
    private final DateTranslationDataset dataset;
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS, VALIDATION_EXACT_MATCH);
    private double maxGradientNorm = Double.POSITIVE_INFINITY;
    private String livePlotTitle;
    private long samplesTrained;

    /**
     * A loop that trains {@code trainer}'s model, an {@link EncoderDecoder} (see {@link #newTrainer}),
     * on {@code dataset}'s arrays in batches of {@code batchSize} dates.
     */
    public TranslationTraining(Trainer trainer, DateTranslationDataset dataset, int batchSize) {
        Objects.requireNonNull(dataset, "the dataset is null; pass the DateTranslationDataset "
                + "whose arrays the model trains on (its vocabularies give <bos> and <eos>)");
        if (!(trainer.getModel().getBlock() instanceof EncoderDecoder encoderDecoder)) {
            throw new IllegalArgumentException("translation trains an EncoderDecoder; this trainer's block is a "
                    + trainer.getModel().getBlock().getClass().getSimpleName()
                    + ": make the trainer with TranslationTraining.newTrainer(manager, model, dataset, learningRate)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        this.trainer = trainer;
        this.model = encoderDecoder;
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    /**
     * Scales the gradients down to norm {@code maxNorm} before every step where theirs is larger
     * (chapter 07); without this call they are not clipped.
     */
    public TranslationTraining withGradientClipping(double maxNorm) {
        maxGradientNorm = GradientClipping.checkMaxNorm(maxNorm);
        return this;
    }

    /** Draws the training loss and the validation exact match after every epoch, in place where the kernel can. */
    public TranslationTraining withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /**
     * Trains for {@code epochs} passes over {@code training} and returns the history, which
     * continues from earlier calls. After each epoch the greedy translations of {@code validation}
     * are scored by exact match, untimed: the seconds column counts training only.
     */
    public TrainingHistory fit(DateTranslationDataset.Arrays training, DateTranslationDataset.Arrays validation,
                               int epochs) {
        return Epochs.run(history, livePlotTitle, epochs, checks -> new double[] {trainPass(training, checks)},
                totals -> new double[] {totals[0], exactMatch(validation, 1)});
    }

    /** Fraction of {@code data}'s dates translated exactly right: greedy for {@code beamWidth} 1, beam search otherwise. */
    public double exactMatch(DateTranslationDataset.Arrays data, int beamWidth) {
        BatchChecks.beforeEvaluationBatch(1, 1);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray predicted = translate(scratch, model, dataset, data, beamWidth);
            return SequenceDecoding.exactMatch(predicted, data.targetOutputs());
        }
    }

    /** The mean loss per target token on {@code data} (no training). */
    public double loss(DateTranslationDataset.Arrays data) {
        BatchChecks.beforeEvaluationBatch(1, 1);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(data.sources(), data.sourceValidLengths(), data.targetInputs());
            NDList labels = new NDList(data.targetOutputs(), data.targetValidLengths());
            // Borrowed for the evaluation, so that its results belong to scratch and are freed with it.
            scratch.tempAttachAll(inputs, labels);
            return trainer.getLoss().evaluate(labels, trainer.evaluate(inputs)).getFloat();
        }
    }

    /** The history of every epoch trained so far. */
    public TrainingHistory history() {
        return history;
    }

    /** Training dates per second over all epochs so far (validation not counted). */
    public double samplesPerSecond() {
        double seconds = history.totalSeconds();
        return seconds == 0 ? 0 : samplesTrained / seconds;
    }

    /**
     * A trainer for {@code model} with {@link SequenceMaskedCrossEntropyLoss} and Adam at a fixed
     * {@code learningRate}, initialised for {@code dataset}'s sources and targets. Its model, its
     * parameter server and the optimiser's states are closed with {@code owner}.
     */
    public static Trainer newTrainer(NDManager owner, EncoderDecoder model, DateTranslationDataset dataset,
                                     float learningRate) {
        return newTrainer(owner, model, dataset,
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
    }

    /** A trainer for {@code model} with {@link SequenceMaskedCrossEntropyLoss} and {@code optimizer}, closed as above. */
    public static Trainer newTrainer(NDManager owner, EncoderDecoder model, DateTranslationDataset dataset,
                                     Optimizer optimizer) {
        Trainer trainer = Training.ownedTrainer(owner, "translation " + UUID.randomUUID(), model,
                new SequenceMaskedCrossEntropyLoss(), optimizer);
        trainer.initialize(new Shape(1, dataset.sourceSteps()), new Shape(1), new Shape(1, dataset.targetSteps()));
        return trainer;
    }

    /**
     * One pass over {@code data}, an optimiser step after each batch, with {@code checks} before
     * each batch and on its loss and gradient norm; returns the mean of the batches' losses.
     * Batches hold sources of similar length (examples are shuffled, sorted by length within
     * groups of 8 batches, and the batches shuffled again) and are cut to their longest source, so
     * little time goes into padding.
     */
    private double trainPass(DateTranslationDataset.Arrays data, BatchChecks checks) {
        double totalLoss = 0;
        int[] sourceLengths = data.sourceValidLengths().toIntArray();
        List<int[]> batches = lengthBuckets(sourceLengths, batchSize, Seeds.random());
        if (batches.isEmpty()) {
            throw new IllegalArgumentException(Messages.text("train.tooFewDates", data.size(), batchSize));
        }
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            for (int b = 0; b < batches.size(); b++) {
                checks.beforeBatch(b + 1, batches.size());
                int[] batch = batches.get(b);
                try (NDManager step = epoch.newSubManager()) {
                    NDArray rows = step.create(batch);
                    NDArray lengths = rows(step, data.sourceValidLengths(), rows);
                    // The longest source of the batch, from the lengths read once per epoch: no read-back per batch.
                    int longest = Arrays.stream(batch).map(i -> sourceLengths[i]).max().orElseThrow();
                    NDList inputs = new NDList(rows(step, data.sources(), rows).get(":, :{}", longest), lengths,
                            rows(step, data.targetInputs(), rows));
                    NDList labels = new NDList(rows(step, data.targetOutputs(), rows),
                            rows(step, data.targetValidLengths(), rows));
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                        float value = loss.getFloat();
                        checks.checkLoss(b + 1, batches.size(), value);
                        collector.backward(loss);
                        totalLoss += value;
                    }
                    double norm = GradientClipping.globalNorm(model.getParameters());
                    checks.checkGradientNorm(b + 1, batches.size(), norm);
                    InPlaceTrainer.clippedStep(trainer, norm, maxGradientNorm);
                }
            }
        }
        samplesTrained += (long) batches.size() * batchSize;
        return totalLoss / batches.size();
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

    /**
     * Exact match against source length: {@code predicted} translations (examples, target steps) of
     * {@code data}'s sources, grouped into buckets of {@code bucketWidth} source characters. One row
     * per bucket that holds an example, shortest first: "source length" (the middle of the bucket),
     * "examples" and "exact match".
     */
    public static Table exactMatchByLength(NDArray predicted, DateTranslationDataset.Arrays data, int bucketWidth) {
        if (bucketWidth < 1) {
            throw new IllegalArgumentException("a bucket holds 1 or more source lengths, got " + bucketWidth);
        }
        int[] buckets = data.sourceValidLengths().toIntArray();
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] /= bucketWidth;
        }
        return grouped("Exact match by source length", predicted, data, buckets, "source length",
                bucket -> bucket * bucketWidth + (bucketWidth - 1) / 2.0);
    }

    /**
     * Exact match against the number of dates a source lists: {@code predicted} translations
     * (examples, target steps) of {@code data}'s sources, one row per number of dates, fewest first:
     * "dates", "examples" and "exact match". (A target holds 11 tokens per date.)
     */
    public static Table exactMatchByDates(NDArray predicted, DateTranslationDataset.Arrays data) {
        int[] dates = data.targetValidLengths().toIntArray();
        for (int i = 0; i < dates.length; i++) {
            dates[i] /= DateTranslationDataset.DATE_LENGTH + 1;
        }
        return grouped("Exact match by number of dates", predicted, data, dates, "dates", count -> count);
    }

    /**
     * Exact match per group ({@code groups[i]} is example i's), a row per group in increasing order;
     * the first column, {@code name}, holds each group's {@code value}.
     */
    private static Table grouped(String title, NDArray predicted, DateTranslationDataset.Arrays data, int[] groups,
                                 String name, IntToDoubleFunction value) {
        Shape targets = data.targetOutputs().getShape();
        if (!predicted.getShape().equals(targets)) {
            throw new IllegalArgumentException("predicted " + predicted.getShape() + " must have the shape of the targets "
                    + targets + ": one row of target steps per example, as translate returns them");
        }
        // The sum converted back to INT32: PyTorch sums INT32 into INT64, MXNet keeps INT32.
        int[] wrongTokens = predicted.toType(DataType.INT32, false).neq(data.targetOutputs().toType(DataType.INT32, false))
                .toType(DataType.INT32, false).sum(new int[] {1}).toType(DataType.INT32, false).toIntArray();
        SortedMap<Integer, int[]> counts = new TreeMap<>();   // group -> {examples, exact}
        for (int i = 0; i < groups.length; i++) {
            int[] count = counts.computeIfAbsent(groups[i], g -> new int[2]);
            count[0]++;
            count[1] += wrongTokens[i] == 0 ? 1 : 0;
        }
        Table table = Table.create(title, DoubleColumn.create(name), IntColumn.create("examples"),
                DoubleColumn.create("exact match"));
        counts.forEach((group, count) -> {
            table.doubleColumn(0).append(value.applyAsDouble(group));
            table.intColumn(1).append(count[0]);
            table.doubleColumn(2).append((double) count[1] / count[0]);
        });
        DoubleColumn groupValues = table.doubleColumn(0);
        if (groupValues.asList().stream().allMatch(v -> v == Math.rint(v))) {
            groupValues.setPrintFormatter(NumberColumnFormatter.ints());   // "2 dates", not "2.000"
        }
        return table;
    }
}
