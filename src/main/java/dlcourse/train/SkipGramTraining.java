package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import dlcourse.data.NegativeSampler;
import dlcourse.data.SkipGramData;

/**
 * The training loop of word2vec's skip-gram with negative sampling (notebook 13). Each batch of
 * (center, context) pairs gets {@code negatives} noise words per pair from a {@link NegativeSampler};
 * the model scores the context and the noise words, and the loss (the trainer's, sigmoid binary
 * cross-entropy) pushes the context's score up and the noise words' down. Per epoch the mean loss
 * goes into a {@link TrainingHistory}.
 *
 * <pre>
 * Trainer trainer = Training.newTrainer(manager, new SkipGram(vocab.size(), 50),
 *         Loss.sigmoidBinaryCrossEntropyLoss(), adam, new Shape(1));
 * SkipGramTraining training = new SkipGramTraining(trainer, sampler, 5, 512);
 * training.fit(pairs, 5);
 * </pre>
 */
public final class SkipGramTraining {

    public static final String TRAIN_LOSS = "train loss";

    private final Trainer trainer;
    private final NegativeSampler sampler;
    private final int negatives;
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS);
    private String livePlotTitle;

    /** A loop that trains {@code trainer}'s skip-gram model, {@code negatives} noise words per pair, {@code batchSize} pairs per batch. */
    public SkipGramTraining(Trainer trainer, NegativeSampler sampler, int negatives, int batchSize) {
        if (negatives < 1 || batchSize < 1) {
            throw new IllegalArgumentException("negatives and batch size must be at least 1, got " + negatives
                    + " and " + batchSize);
        }
        this.trainer = trainer;
        this.sampler = sampler;
        this.negatives = negatives;
        this.batchSize = batchSize;
    }

    /** Draws the loss after every epoch, in place where the kernel can. */
    public SkipGramTraining withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /** Trains for {@code epochs} passes over {@code pairs}, shuffled each time, and returns the history, which continues from earlier calls. */
    public TrainingHistory fit(SkipGramData pairs, int epochs) {
        try (NDManager data = trainer.getManager().newSubManager()) {
            NDArray centers = pairs.centers(data);
            NDArray contexts = pairs.contexts(data);
            long n = pairs.size();
            return Epochs.run(history, livePlotTitle, epochs, checks -> Epochs.shuffledPass(trainer,
                    new NDList(centers, contexts), batchSize, checks, (batch, centerAndContext) -> {
                        NDArray center = centerAndContext.get(0);
                        long b = center.getShape().get(0);
                        NDArray context = centerAndContext.get(1).reshape(b, 1);
                        NDArray candidates = NDArrays.concat(new NDList(context, sampler.sample(batch, new Shape(b, negatives))), 1);
                        NDArray labels = NDArrays.concat(new NDList(batch.ones(new Shape(b, 1)), batch.zeros(new Shape(b, negatives))), 1);
                        return new NDList(trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(center, candidates))));
                    }, kept -> new double[0]), totals -> new double[] {totals[0] / n});
        }
    }

    /** The history of every epoch trained so far. */
    public TrainingHistory history() {
        return history;
    }
}
