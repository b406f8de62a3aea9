package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dlcourse.data.SequenceBatches;
import dlcourse.nn.RecurrentModel;
import dlcourse.notebook.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training a {@link RecurrentModel} as a language model with truncated backpropagation through
 * time, as chapter 07 builds it: the state is carried from batch to batch (sequential
 * partitioning) or started afresh (random partitioning), detached so that gradients stop at the
 * batch boundary, and gradients may be clipped to a maximum norm before each step. Per epoch the
 * training and the validation perplexity go into a {@link TrainingHistory}.
 *
 * <pre>
 * LanguageModelTraining training = new LanguageModelTraining(trainer).withGradientClipping(1.0)
 *         .withLivePlot("Character RNN");
 * TrainingHistory history = training.fit(trainBatches, validationBatches, 20);
 * double perplexity = training.perplexity(testBatches);
 * </pre>
 */
public final class LanguageModelTraining {

    public static final String TRAIN_PERPLEXITY = "train perplexity";
    public static final String VALIDATION_PERPLEXITY = "validation perplexity";

    private final Trainer trainer;
    private final RecurrentModel model;
    private final Loss loss;
    private final TrainingHistory history = new TrainingHistory(TRAIN_PERPLEXITY, VALIDATION_PERPLEXITY);
    private final List<double[]> gradientNorms = new ArrayList<>();
    private double maxGradientNorm = Double.POSITIVE_INFINITY;
    private String livePlotTitle;
    private long tokensTrained;

    /**
     * A loop that trains {@code trainer}'s model, a {@link RecurrentModel}, with the trainer's
     * loss, which must be softmax cross-entropy over the model's scores.
     */
    public LanguageModelTraining(Trainer trainer) {
        if (!(trainer.getModel().getBlock() instanceof RecurrentModel recurrent)) {
            throw new IllegalArgumentException("a language model is a RecurrentModel; this trainer's block is a "
                    + trainer.getModel().getBlock().getClass().getSimpleName()
                    + ": make the trainer for RecurrentModel.languageModel(layer, vocab.size())");
        }
        this.trainer = trainer;
        this.model = recurrent;
        this.loss = requireCrossEntropy(trainer);
    }

    /**
     * Scales the gradients down to norm {@code maxNorm} before every step where theirs is larger
     * (chapter 07); without this call they are not clipped.
     */
    public LanguageModelTraining withGradientClipping(double maxNorm) {
        maxGradientNorm = GradientClipping.checkMaxNorm(maxNorm);
        return this;
    }

    /** Draws the training and validation perplexity after every epoch, in place where the kernel can. */
    public LanguageModelTraining withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /**
     * Trains for {@code epochs} passes over {@code training} and returns the history, which
     * continues from earlier calls. After each epoch the perplexity on {@code validation} is
     * measured, untimed: the seconds column counts training only.
     */
    public TrainingHistory fit(SequenceBatches training, SequenceBatches validation, int epochs) {
        checkTokens(training, "training");
        checkTokens(validation, "validation");
        return Epochs.run(history, livePlotTitle, epochs, checks -> trainPass(training, checks),
                totals -> new double[] {perplexity(totals[0], (long) totals[1]), perplexity(validation)});
    }

    /** Perplexity of the model on {@code batches} (no training), carrying the state as the partitioning allows. */
    public double perplexity(SequenceBatches batches) {
        checkTokens(batches, "these");
        boolean carryState = batches.partitioning() == SequenceBatches.Partitioning.SEQUENTIAL;
        double totalLoss = 0;
        long tokens = 0;
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDList state = carryState ? model.beginState(epoch, batches.batchSize()) : null;
            List<SequenceBatches.Batch> list = batches.epoch(epoch);
            for (int b = 0; b < list.size(); b++) {
                BatchChecks.beforeEvaluationBatch(b + 1, list.size());
                SequenceBatches.Batch batch = list.get(b);
                try (NDManager step = epoch.newSubManager()) {
                    step.tempAttachAll(batch.inputs(), batch.targets());
                    NDList inputs = new NDList(batch.inputs());
                    inputs.addAll(carryState ? state : model.beginState(step, batches.batchSize()));
                    NDList outputs = trainer.evaluate(inputs);
                    totalLoss += crossEntropy(outputs.head(), batch.targets()).getFloat() * batch.targets().size();
                    tokens += batch.targets().size();
                    if (carryState) {
                        NDList previous = state;
                        state = outputs.subNDList(1);
                        state.attach(epoch);
                        previous.close();
                    }
                }
            }
        }
        return perplexity(totalLoss, tokens);
    }

    /** The history of every epoch trained so far. */
    public TrainingHistory history() {
        return history;
    }

    /** Training tokens per second over all epochs so far (validation not counted). */
    public double tokensPerSecond() {
        double seconds = history.totalSeconds();
        return seconds == 0 ? 0 : tokensTrained / seconds;
    }

    /** The gradients' norm before clipping, one per batch, of every epoch trained so far, oldest first. */
    public double[] gradientNorms() {
        return gradientNorms.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * One pass over {@code batches}, an optimiser step after each, with {@code checks} before each
     * batch and on its loss and gradient norm; returns the summed loss and the number of tokens.
     */
    private double[] trainPass(SequenceBatches batches, BatchChecks checks) {
        boolean carryState = batches.partitioning() == SequenceBatches.Partitioning.SEQUENTIAL;
        double totalLoss = 0;
        long tokens = 0;
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            List<SequenceBatches.Batch> list = batches.epoch(epoch);
            double[] norms = new double[list.size()];
            NDList state = carryState ? model.beginState(epoch, batches.batchSize()) : null;
            for (int b = 0; b < list.size(); b++) {
                checks.beforeBatch(b + 1, list.size());
                SequenceBatches.Batch batch = list.get(b);
                try (NDManager step = epoch.newSubManager()) {
                    // The batch's arrays join this step's manager for a while, so what is computed from them is freed with it.
                    step.tempAttachAll(batch.inputs(), batch.targets());
                    NDList inputs = new NDList(batch.inputs());
                    inputs.addAll(carryState ? state : model.beginState(step, batches.batchSize()));
                    NDList outputs;
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        outputs = trainer.forward(inputs);
                        NDArray value = crossEntropy(outputs.head(), batch.targets());
                        float loss = value.getFloat();
                        checks.checkLoss(b + 1, list.size(), loss);
                        collector.backward(value);
                        totalLoss += loss * batch.targets().size();
                        tokens += batch.targets().size();
                    }
                    norms[b] = GradientClipping.globalNorm(model.getParameters());
                    checks.checkGradientNorm(b + 1, list.size(), norms[b]);
                    InPlaceTrainer.clippedStep(trainer, norms[b], maxGradientNorm);
                    if (carryState) {
                        NDList previous = state;
                        state = detach(outputs.subNDList(1));
                        state.attach(epoch);
                        previous.close();
                    }
                }
            }
            gradientNorms.add(norms);
            tokensTrained += tokens;
            return new double[] {totalLoss, tokens};
        }
    }

    /** Perplexity from a summed cross-entropy loss (natural log) over {@code tokens} predictions: exp(loss / tokens). */
    public static double perplexity(double totalLoss, long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("perplexity needs at least one predicted token, got " + tokens);
        }
        return Math.exp(totalLoss / tokens);
    }

    /**
     * The validation perplexity of the count-based bigram baseline of chapter 07: the next token
     * predicted from the current one alone, P(j | i) = (C_ij + 1) / (sum_k C_ik + V), with C the
     * pair counts of {@code train} (one matrix product of one-hot rows) and Laplace smoothing.
     * Both corpora are 1-D integer token indices below {@code vocabSize}.
     */
    public static double bigramPerplexity(NDArray train, NDArray validation, int vocabSize) {
        try (NDManager scope = train.getManager().newSubManager()) {
            scope.tempAttachAll(train, validation);
            for (NDArray corpus : List.of(train, validation)) {
                if (corpus.getShape().dimension() != 1 || corpus.size() < 2 || !corpus.getDataType().isInteger()) {
                    throw new IllegalArgumentException("a bigram model needs 1-D integer token indices, two tokens or "
                            + "more, got " + corpus.getDataType() + " of shape " + corpus.getShape());
                }
                long largest = corpus.max().toType(DataType.INT64, false).getLong();
                if (largest >= vocabSize || corpus.min().toType(DataType.INT64, false).getLong() < 0) {
                    throw new IllegalArgumentException("token index " + largest + " is outside a vocabulary of "
                            + vocabSize + " tokens; pass vocab.size() as the vocabulary size");
                }
            }
            NDArray current = train.get(":-1").oneHot(vocabSize);
            NDArray next = train.get("1:").oneHot(vocabSize);
            NDArray counts = current.transpose().matMul(next);                                   // (V, V)
            NDArray logProbabilities = counts.add(1).div(counts.sum(new int[] {1}, true).add(vocabSize)).log();
            NDArray previous = validation.get(":-1").toType(DataType.INT64, false);
            NDArray following = validation.get("1:").toType(DataType.INT64, false);
            NDArray pairs = previous.mul(vocabSize).add(following);
            return Math.exp(-logProbabilities.reshape(-1).take(pairs).mean().getFloat());
        }
    }

    /** Throws unless every token of {@code batches} is below the model's vocabulary size (one-hot would zero the others). */
    private void checkTokens(SequenceBatches batches, String which) {
        if (batches.largestToken() >= model.vocabularySize()) {
            throw new IllegalArgumentException(Messages.text("train.tokens", Training.data(which),
                    batches.largestToken(), model.vocabularySize(), model.vocabularySize() - 1));
        }
    }

    private NDArray crossEntropy(NDArray scores, NDArray targets) {
        long classes = scores.getShape().get(scores.getShape().dimension() - 1);
        return loss.evaluate(new NDList(targets.reshape(-1)), new NDList(scores.reshape(-1, classes)));
    }

    private static NDList detach(NDList state) {
        NDList detached = new NDList(state.size());
        for (NDArray array : state) {
            detached.add(array.stopGradient());
        }
        return detached;
    }

    private static Loss requireCrossEntropy(Trainer trainer) {
        Loss loss = trainer.getLoss();
        if (!(loss instanceof SoftmaxCrossEntropyLoss)) {
            throw new IllegalArgumentException("a language model is trained with softmax cross-entropy; this trainer's "
                    + "loss is " + loss.getClass().getSimpleName() + ": use Loss.softmaxCrossEntropyLoss()");
        }
        return loss;
    }
}
