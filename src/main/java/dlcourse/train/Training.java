package dlcourse.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dlcourse.notebook.Messages;
import java.util.UUID;
import java.util.function.UnaryOperator;

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
 * <p>Features are the model's input with the examples along axis 0, each of the shape the
 * trainer was initialised for (a different shape is refused with both shapes named); labels are
 * class indices (N). Every batch lives in its own NDManager, closed when the batch is done, so native memory
 * does not grow across epochs.
 */
public final class Training {

    public static final String TRAIN_LOSS = "train loss";
    public static final String TRAIN_ACCURACY = "train accuracy";
    public static final String VALIDATION_ACCURACY = "validation accuracy";

    private final Trainer trainer;
    private final Shape inputShape;
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS, TRAIN_ACCURACY, VALIDATION_ACCURACY);
    private String livePlotTitle;
    private UnaryOperator<NDArray> augmentation = UnaryOperator.identity();
    private long samplesTrained;

    /** A loop that trains {@code trainer}'s model (initialised for its input shape) in batches of {@code batchSize}. */
    public Training(Trainer trainer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.trainer = trainer;
        this.inputShape = Epochs.inputShape(trainer);
        this.batchSize = batchSize;
    }

    /**
     * A trainer for {@code block} with {@code loss} and {@code optimizer}, initialised for inputs of
     * {@code inputShape} (batch axis first, of size 1 for example). Its model, its parameter server
     * and the optimiser's states are closed with {@code owner}, so re-running the notebook cell
     * that made {@code owner} frees them (see {@link TrainerResources}). Its optimiser step
     * updates the parameters in place ({@link InPlaceTrainer}): the same update, without DJL's
     * copies. An optimiser setting that cannot train (a NaN or negative learning rate, say) is
     * refused here, by name.
     */
    public static Trainer newTrainer(NDManager owner, Block block, Loss loss, Optimizer optimizer, Shape inputShape) {
        Trainer trainer = ownedTrainer(owner, "model " + block.getClass().getSimpleName(), block, loss, optimizer);
        trainer.initialize(inputShape);
        return trainer;
    }

    /**
     * What every trainer of the library is, before it is initialised: {@code optimizer} checked, a
     * model named {@code modelName} holding {@code block} and closed with {@code owner} (with the
     * trainer's parameter server and the optimiser's states), and an in-place optimiser step.
     */
    static Trainer ownedTrainer(NDManager owner, String modelName, Block block, Loss loss, Optimizer optimizer) {
        OptimizerSettings.check(optimizer);
        Model model = Model.newInstance(modelName);
        model.setBlock(block);
        owner.attachInternal("model " + UUID.randomUUID(), model);
        Trainer trainer = new InPlaceTrainer(model, new DefaultTrainingConfig(loss).optOptimizer(optimizer));
        TrainerResources.closeWith(owner, trainer, optimizer);
        return trainer;
    }

    /** Draws loss and accuracies after every epoch, in place where the kernel can. */
    public Training withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /**
     * Transforms every training batch before the model sees it (data augmentation: say random
     * flips or shifts), so each epoch shows the model new variants of the examples. Validation
     * and test data are never transformed. The function gets the batch's features and returns
     * arrays of the same shape.
     */
    public Training withAugmentation(UnaryOperator<NDArray> augmentation) {
        this.augmentation = augmentation;
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
        Epochs.checkFeatures(inputShape, features, Messages.text("train.data.trainingFeatures"));
        Epochs.checkFeatures(inputShape, validationFeatures, Messages.text("train.data.validationFeatures"));
        long n = features.getShape().get(0);
        return Epochs.run(history, livePlotTitle, epochs, checks -> {
            double[] lossAndCorrect = Epochs.shuffledPass(trainer, new NDList(features, labels), batchSize, checks,
                    (batch, xy) -> {
                        NDArray y = xy.get(1);
                        NDList scores = trainer.forward(new NDList(augmentation.apply(xy.get(0))));
                        // The predicted classes and labels are kept; they are compared once, at the epoch's end.
                        return new NDList(trainer.getLoss().evaluate(new NDList(y), scores),
                                scores.singletonOrThrow().argMax(1), y);
                    }, kept -> new double[] {countEqual(kept.get(0), kept.get(1))});
            samplesTrained += n;
            return lossAndCorrect;
        }, totals -> new double[] {totals[0] / n, totals[1] / n, evaluate(validationFeatures, validationLabels)});
    }

    /**
     * Accuracy on {@code features}: the fraction whose predicted class equals the label, with the
     * model in evaluation mode. Per batch only the forward pass and the predicted class; the
     * comparison with the labels is one, at the end.
     */
    public double evaluate(NDArray features, NDArray labels) {
        checkExamples(features, labels, "evaluation");
        Epochs.checkFeatures(inputShape, features, Messages.text("train.data.features"));
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray predicted = Epochs.predict(trainer, features, batchSize, scratch, scores -> scores.argMax(1));
            return countEqual(predicted, labels) / features.getShape().get(0);
        }
    }

    /** The predicted class (float32, like the labels) of every example, owned by {@code manager}. */
    public NDArray predict(NDArray features, NDManager manager) {
        Epochs.checkFeatures(inputShape, features, Messages.text("train.data.features"));
        return Epochs.predict(trainer, features, batchSize, manager,
                scores -> scores.argMax(1).toType(DataType.FLOAT32, false));
    }

    /** Fraction of rows of {@code scores} (N, classes) whose largest entry is at the label's index. */
    public static double accuracy(NDArray scores, NDArray labels) {
        if (scores.getShape().dimension() != 2 || labels.getShape().dimension() != 1
                || scores.getShape().get(0) != labels.getShape().get(0)) {
            throw new IllegalArgumentException("accuracy needs scores of shape (N, classes) and labels of shape (N), got "
                    + scores.getShape() + " and " + labels.getShape());
        }
        try (NDArray predicted = scores.argMax(1)) {
            return countEqual(predicted, labels) / labels.getShape().get(0);
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

    /** How many of the classes {@code predicted} equal {@code labels}; the arrays it makes are closed. */
    private static double countEqual(NDArray predicted, NDArray labels) {
        try (NDArray asLabels = predicted.toType(labels.getDataType(), true);
             NDArray equal = asLabels.eq(labels);
             NDArray ones = equal.toType(DataType.FLOAT32, true);
             NDArray count = ones.sum()) {
            return count.getFloat();
        }
    }

    private static void checkExamples(NDArray features, NDArray labels, String what) {
        if (labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException(Messages.text("train.labels.shape", data(what), labels.getShape()));
        }
        if (features.getShape().dimension() == 0 || features.getShape().get(0) != labels.getShape().get(0)) {
            throw new IllegalArgumentException(Messages.text("train.examples.count", data(what), features.getShape(),
                    labels.getShape()));
        }
        if (labels.getShape().get(0) == 0) {
            throw new IllegalArgumentException(Messages.text("train.examples.none", data(what)));
        }
    }

    /** "training", "validation" or "evaluation" in the course's language, for a message about that data. */
    static String data(String what) {
        return Messages.text("train.data." + what);
    }
}
