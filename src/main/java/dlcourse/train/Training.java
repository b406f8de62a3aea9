package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.UUID;
import ai.djl.training.Trainer;

/**
 * The training loop of a classifier, written once and reused from notebook 04 on: shuffled
 * mini-batches, forward, loss, backward, optimiser step; then, per epoch, the mean training
 * loss, the training accuracy and the accuracy on held-out data go into a {@link TrainingHistory}.
 *
 * <pre>
 * Training training = new Training(trainer, 256).withLivePlot("MLP on Fashion-MNIST");
 * TrainingHistory history = training.fit(trainImages, trainLabels, validationImages, validationLabels, 10);
 * double testAccuracy = training.evaluate(testImages, testLabels);
 * </pre>
 *
 * <p>Features are the model's input with the examples along axis 0; labels are class indices
 * (N). Every batch lives in its own NDManager, closed when the batch is done, so native memory
 * does not grow across epochs.
 */
public final class Training {

    public static final String TRAIN_LOSS = "train loss";
    public static final String TRAIN_ACCURACY = "train accuracy";
    public static final String VALIDATION_ACCURACY = "validation accuracy";

    private final Trainer trainer;
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS, TRAIN_ACCURACY, VALIDATION_ACCURACY);
    private String livePlotTitle;
    private long samplesTrained;

    /** A loop that trains {@code trainer}'s model (initialised for its input shape) in batches of {@code batchSize}. */
    public Training(Trainer trainer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.trainer = trainer;
        this.batchSize = batchSize;
    }

    /**
     * A trainer for {@code block} with {@code loss} and {@code optimizer}, initialised for inputs of
     * {@code inputShape} (batch axis first, of size 1 for example). Its model is closed with
     * {@code owner}, so re-running the notebook cell that made {@code owner} frees it.
     */
    public static Trainer newTrainer(NDManager owner, Block block, Loss loss, Optimizer optimizer, Shape inputShape) {
        Model model = Model.newInstance("model " + block.getClass().getSimpleName());
        model.setBlock(block);
        owner.attachInternal("model " + UUID.randomUUID(), model);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer));
        trainer.initialize(inputShape);
        return trainer;
    }

    /** Draws loss and accuracies after every epoch, in place where the kernel can. */
    public Training withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /**
     * Trains for {@code epochs} passes over the training data and returns the history, which
     * continues from earlier calls (epochs are numbered on). The seconds column counts training only.
     */
    public TrainingHistory fit(NDArray features, NDArray labels, NDArray validationFeatures,
                               NDArray validationLabels, int epochs) {
        checkExamples(features, labels, "training");
        checkExamples(validationFeatures, validationLabels, "validation");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        long n = features.getShape().get(0);
        // Each call draws its own chart, in the cell that called it.
        LiveTrainingPlot livePlot = livePlotTitle == null ? null
                : new LiveTrainingPlot(livePlotTitle, TRAIN_LOSS, TRAIN_ACCURACY, VALIDATION_ACCURACY);
        for (int e = 0; e < epochs; e++) {
            Timer timer = new Timer();
            double[] lossAndCorrect = trainEpoch(features, labels, n);
            double seconds = timer.stop();
            samplesTrained += n;
            double validation = evaluate(validationFeatures, validationLabels);
            history.record(history.size() + 1, seconds, lossAndCorrect[0] / n, lossAndCorrect[1] / n, validation);
            if (livePlot != null) {
                livePlot.update(history);
            }
        }
        if (livePlot != null) {
            livePlot.finish(history);
        }
        return history;
    }

    private double[] trainEpoch(NDArray features, NDArray labels, long n) {
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray order = epoch.randomPermutation(n);
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            NDArray correct = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = epoch.newSubManager()) {
                    NDArray indices = order.get(batch, new NDIndex(start + ":" + Math.min(n, start + batchSize)));
                    NDArray x = features.get(batch, new NDIndex("{}", indices));
                    NDArray y = labels.get(batch, new NDIndex("{}", indices));
                    long size = y.getShape().get(0);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList scores = trainer.forward(new NDList(x));
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), scores);
                        collector.backward(loss);
                        lossSum.addi(loss.mul(size));
                        correct.addi(correctCount(scores.singletonOrThrow(), y));
                    }
                    trainer.step();
                }
            }
            return new double[] {lossSum.getFloat(), correct.getFloat()};
        }
    }

    /** Accuracy on {@code features}: the fraction whose predicted class equals the label, with the model in evaluation mode. */
    public double evaluate(NDArray features, NDArray labels) {
        checkExamples(features, labels, "evaluation");
        long n = features.getShape().get(0);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray correct = scratch.zeros(new Shape(), DataType.FLOAT32);
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = scratch.newSubManager()) {
                    String range = start + ":" + Math.min(n, start + batchSize);
                    NDArray x = features.get(batch, new NDIndex(range));
                    NDArray y = labels.get(batch, new NDIndex(range));
                    NDArray scores = trainer.evaluate(new NDList(x)).singletonOrThrow();
                    correct.addi(correctCount(scores, y));
                }
            }
            return correct.getFloat() / n;
        }
    }

    /** The predicted class (float32, like the labels) of every example, owned by {@code manager}. */
    public NDArray predict(NDArray features, NDManager manager) {
        long n = features.getShape().get(0);
        NDList parts = new NDList();
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            for (long start = 0; start < n; start += batchSize) {
                String range = start + ":" + Math.min(n, start + batchSize);
                NDArray x = features.get(scratch, new NDIndex(range));
                parts.add(trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false));
            }
            NDArray predicted = NDArrays.concat(parts);
            predicted.attach(manager);
            return predicted;
        }
    }

    /** Fraction of rows of {@code scores} (N, classes) whose largest entry is at the label's index. */
    public static double accuracy(NDArray scores, NDArray labels) {
        if (scores.getShape().dimension() != 2 || labels.getShape().dimension() != 1
                || scores.getShape().get(0) != labels.getShape().get(0)) {
            throw new IllegalArgumentException("accuracy needs scores of shape (N, classes) and labels of shape (N), got "
                    + scores.getShape() + " and " + labels.getShape());
        }
        try (NDArray correct = correctCount(scores, labels)) {
            return correct.getFloat() / labels.getShape().get(0);
        }
    }

    /** The history of every epoch trained so far. */
    public TrainingHistory history() {
        return history;
    }

    /** Training samples per second over all epochs so far (evaluation not counted). */
    public double samplesPerSecond() {
        double seconds = history.totalSeconds();
        return seconds == 0 ? 0 : samplesTrained / seconds;
    }

    private static NDArray correctCount(NDArray scores, NDArray labels) {
        return scores.argMax(1).toType(DataType.FLOAT32, false).eq(labels.toType(DataType.FLOAT32, false))
                .toType(DataType.FLOAT32, false).sum();
    }

    private static void checkExamples(NDArray features, NDArray labels, String what) {
        if (labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException(what + " labels must be class indices of shape (N), got shape "
                    + labels.getShape());
        }
        if (features.getShape().dimension() == 0 || features.getShape().get(0) != labels.getShape().get(0)) {
            throw new IllegalArgumentException(what + " features " + features.getShape() + " and labels "
                    + labels.getShape() + " must have the same number of examples along axis 0");
        }
        if (labels.getShape().get(0) == 0) {
            throw new IllegalArgumentException(what + " data has no examples");
        }
    }
}
