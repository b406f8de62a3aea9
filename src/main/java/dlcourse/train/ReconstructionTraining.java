package dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

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
    private final int batchSize;
    private final TrainingHistory history = new TrainingHistory(TRAIN_LOSS, VALIDATION_ERROR);
    private String livePlotTitle;

    /** A loop that trains {@code trainer}'s model (initialised for its input shape) in batches of {@code batchSize}. */
    public ReconstructionTraining(Trainer trainer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.trainer = trainer;
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
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        long n = inputs.getShape().get(0);
        LiveTrainingPlot livePlot = livePlotTitle == null ? null
                : new LiveTrainingPlot(livePlotTitle, TRAIN_LOSS, VALIDATION_ERROR);
        for (int e = 0; e < epochs; e++) {
            Timer timer = new Timer();
            double lossSum = trainEpoch(inputs, targets, n);
            double seconds = timer.stop();
            history.record(history.size() + 1, seconds, lossSum / n, evaluate(validationInputs, validationTargets));
            if (livePlot != null) {
                livePlot.update(history);
            }
        }
        if (livePlot != null) {
            livePlot.finish(history);
        }
        return history;
    }

    private double trainEpoch(NDArray inputs, NDArray targets, long n) {
        try (NDManager epoch = trainer.getManager().newSubManager()) {
            NDArray order = epoch.randomPermutation(n);
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = epoch.newSubManager()) {
                    NDArray indices = order.get(batch, new NDIndex(start + ":" + Math.min(n, start + batchSize)));
                    NDArray x = inputs.get(batch, new NDIndex("{}", indices));
                    NDArray y = targets.get(batch, new NDIndex("{}", indices));
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList outputs = trainer.forward(new NDList(x));
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), outputs);
                        collector.backward(loss);
                        lossSum.addi(loss.mul(x.getShape().get(0)));
                    }
                    trainer.step();
                }
            }
            return lossSum.getFloat();
        }
    }

    /** The mean squared error per element between the model's outputs for {@code inputs} and {@code targets}. */
    public double evaluate(NDArray inputs, NDArray targets) {
        checkPairs(inputs, targets, "evaluation");
        long n = inputs.getShape().get(0);
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray squares = scratch.zeros(new Shape(), DataType.FLOAT32);
            for (long start = 0; start < n; start += batchSize) {
                try (NDManager batch = scratch.newSubManager()) {
                    String range = start + ":" + Math.min(n, start + batchSize);
                    NDArray outputs = trainer.evaluate(new NDList(inputs.get(batch, new NDIndex(range)))).singletonOrThrow();
                    squares.addi(outputs.sub(targets.get(batch, new NDIndex(range))).square().sum());
                }
            }
            return squares.getFloat() / targets.size();
        }
    }

    /** The model's outputs for {@code inputs}, computed in inference mode, owned by {@code manager}. */
    public NDArray predict(NDArray inputs, NDManager manager) {
        long n = inputs.getShape().get(0);
        NDList parts = new NDList();
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            for (long start = 0; start < n; start += batchSize) {
                NDArray x = inputs.get(scratch, new NDIndex(start + ":" + Math.min(n, start + batchSize)));
                parts.add(trainer.evaluate(new NDList(x)).singletonOrThrow());
            }
            NDArray outputs = NDArrays.concat(parts);
            outputs.attach(manager);
            return outputs;
        }
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

    private static void checkPairs(NDArray inputs, NDArray targets, String what) {
        if (inputs.getShape().dimension() == 0 || targets.getShape().dimension() == 0
                || inputs.getShape().get(0) != targets.getShape().get(0)) {
            throw new IllegalArgumentException(what + " inputs " + inputs.getShape() + " and targets "
                    + targets.getShape() + " must have the same number of examples along axis 0");
        }
        if (inputs.getShape().get(0) == 0) {
            throw new IllegalArgumentException(what + " data has no examples");
        }
    }
}
