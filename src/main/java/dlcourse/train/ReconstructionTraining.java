package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import dlcourse.notebook.Messages;

/**
 * The training loop of a model whose target is an array, not a class: an autoencoder learning to
 * rebuild its input (targets = inputs), or a denoising one (noisy inputs, clean targets). The
 * same loop as {@link Training}: shuffled mini-batches, each in its own NDManager; per epoch the
 * mean training loss and the mean squared error on held-out data go into a {@link TrainingHistory}.
 *
 * <pre>
 * Trainer trainer = Training.newTrainer(manager, autoEncoder, Loss.l2Loss("squared error", 1), adam, new Shape(1, 28, 28));
 * ReconstructionTraining training = new ReconstructionTraining(trainer, 128);
 * training.fit(images, images, validationImages, validationImages, 10);
 * double error = training.evaluate(testImages, testImages);   // mean squared error per pixel
 * </pre>
 */
public final class ReconstructionTraining {

    public static final String TRAIN_LOSS = "train loss";
    public static final String VALIDATION_ERROR = "validation error";

    private final Trainer trainer;
    private final Shape inputShape;
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS, VALIDATION_ERROR);
    private String livePlotTitle;

    /** A loop that trains {@code trainer}'s model (initialised for its input shape) in batches of {@code batchSize}. */
    public ReconstructionTraining(Trainer trainer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.trainer = trainer;
        this.inputShape = Epochs.inputShape(trainer);
        this.batchSize = batchSize;
    }

    /** Draws the loss and the validation error after every epoch, in place where the kernel can. */
    public ReconstructionTraining withLivePlot(String title) {
        livePlotTitle = title;
        return this;
    }

    /**
     * Trains for {@code epochs} passes over the pairs (inputs[i], targets[i]) and returns the history,
     * which continues from earlier calls. The seconds column counts training only.
     */
    public TrainingHistory fit(NDArray inputs, NDArray targets, NDArray validationInputs, NDArray validationTargets,
                               int epochs) {
        checkPairs(inputs, targets, "training");
        checkPairs(validationInputs, validationTargets, "validation");
        long n = inputs.getShape().get(0);
        return Epochs.run(history, livePlotTitle, epochs, checks -> Epochs.shuffledPass(trainer,
                new NDList(inputs, targets), batchSize, checks, (batch, xy) -> new NDList(
                        trainer.getLoss().evaluate(new NDList(xy.get(1)), trainer.forward(new NDList(xy.get(0))))),
                kept -> new double[0]), totals -> new double[] {totals[0] / n, evaluate(validationInputs, validationTargets)});
    }

    /** The mean squared error per element between the model's outputs for {@code inputs} and {@code targets}. */
    public double evaluate(NDArray inputs, NDArray targets) {
        checkPairs(inputs, targets, "evaluation");
        return Epochs.sumInBatches(trainer, inputs.getShape().get(0), batchSize, (batch, range) ->
                trainer.evaluate(new NDList(inputs.get(batch, range))).singletonOrThrow()
                        .sub(targets.get(batch, range)).square().sum()) / targets.size();
    }

    /** The model's outputs for {@code inputs}, computed in inference mode, owned by {@code manager}. */
    public NDArray predict(NDArray inputs, NDManager manager) {
        Epochs.checkFeatures(inputShape, inputs, Messages.text("train.data.inputs"));
        return Epochs.predict(trainer, inputs, batchSize, manager, outputs -> outputs);
    }

    /** The history of every epoch trained so far. */
    public TrainingHistory history() {
        return history;
    }

    /** The mean squared error per element between two arrays of the same shape. */
    public static double meanSquaredError(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("mean squared error needs arrays of the same shape, got "
                    + a.getShape() + " and " + b.getShape());
        }
        try (NDArray difference = a.sub(b); NDArray squares = difference.square(); NDArray mean = squares.mean()) {
            return mean.getFloat();
        }
    }

    /**
     * Throws unless {@code inputs} and {@code targets} hold the same number of examples, the inputs
     * of the shape the model was built for and the targets of the shape of its outputs.
     */
    private void checkPairs(NDArray inputs, NDArray targets, String what) {
        if (inputs.getShape().dimension() == 0 || targets.getShape().dimension() == 0
                || inputs.getShape().get(0) != targets.getShape().get(0)) {
            throw new IllegalArgumentException(Messages.text("train.pairs.count", Training.data(what), inputs.getShape(),
                    targets.getShape()));
        }
        if (inputs.getShape().get(0) == 0) {
            throw new IllegalArgumentException(Messages.text("train.examples.none", Training.data(what)));
        }
        Epochs.checkFeatures(inputShape, inputs, Messages.text("train.data." + what + "Inputs"));
        if (inputShape == null) {
            return;
        }
        Shape output = trainer.getModel().getBlock().getOutputShapes(new Shape[] {inputShape})[0];
        if (!targets.getShape().slice(1).equals(output.slice(1))) {
            throw new IllegalArgumentException(Messages.text("train.targets.shape", Training.data(what),
                    targets.getShape(), targets.getShape().slice(1), output.slice(1)));
        }
    }
}
