package dlcourse.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.function.Predicate;

/**
 * DJL's {@link Trainer} with an optimiser step that updates every parameter where it lives: one
 * call of the optimiser (one engine operator, {@code sgd_update} or {@code adam_update} on MXNet)
 * per parameter, with the parameter's own gradient. DJL's step goes through a parameter server;
 * MXNet's keeps a second copy of every parameter, so each step there copies every gradient in,
 * calls back into Java for the update and copies every weight out, a fixed cost that weighs most
 * on a small model (an MLP step spent 14% of its time there). The update itself is the same
 * optimiser with the same settings, schedule and update count, so training gives the same weights.
 *
 * <p>The first step is DJL's own, which also checks that backward ran (its error names the fix);
 * a trainer on several devices, or whose parameters live on another device than it trains on,
 * keeps DJL's step throughout.
 *
 * <p>A step after gradient clipping ({@link #clippedStep}) hands Adam on MXNet the clipping factor
 * as the update's gradient scale ({@code adam_update} computes {@code grad * rescale_grad}, the
 * product that scaling each gradient in place would have stored): the same weights, bit for bit,
 * without an operator per parameter to scale the gradients first.
 */
final class InPlaceTrainer extends Trainer {

    /** DJL's optimisers read their gradient scale from this protected field at every update. */
    private static final Field RESCALE_GRAD = rescaleGradField();

    private final Optimizer optimizer;
    private final boolean adamOnMxnet;
    private boolean inPlace;

    /** A trainer for {@code model}; the initialisers of {@code config} go on its block, as in DJL's {@code newTrainer}. */
    InPlaceTrainer(Model model, TrainingConfig config) {
        super(model, config);
        for (Pair<Initializer, Predicate<Parameter>> initializer : config.getInitializers()) {
            if (initializer.getKey() != null && initializer.getValue() != null) {
                model.getBlock().setInitializer(initializer.getKey(), initializer.getValue());
            }
        }
        optimizer = config.getOptimizer();
        adamOnMxnet = RESCALE_GRAD != null && optimizer.getClass() == Adam.class
                && getManager().getEngine().getEngineName().equals("MXNet");
    }

    /**
     * The step after clipping: every gradient times {@link GradientClipping#factor factor(norm, maxNorm)},
     * then the update; {@code norm} is the gradients' global norm. The same weights as
     * {@link GradientClipping#clipByGlobalNorm} followed by {@code trainer.step()}.
     */
    static void clippedStep(Trainer trainer, double norm, double maxNorm) {
        float factor = GradientClipping.factor(norm, maxNorm);
        if (trainer instanceof InPlaceTrainer inPlaceTrainer && inPlaceTrainer.scalesInUpdate(factor)) {
            inPlaceTrainer.stepWithGradientScale(factor);
        } else {
            GradientClipping.scaleGradients(trainer.getModel().getBlock().getParameters(), factor);
            trainer.step();
        }
    }

    /** True when the in-place update itself can multiply the gradients by {@code factor} (Adam on MXNet, its own scale 1). */
    private boolean scalesInUpdate(float factor) {
        return factor != 1f && inPlace && adamOnMxnet && rescaleGrad() == 1f;
    }

    /** One in-place step whose update multiplies every gradient by {@code factor}. */
    private void stepWithGradientScale(float factor) {
        setRescaleGrad(factor);
        try {
            step();
        } finally {
            setRescaleGrad(1f);
        }
    }

    /** Updates every parameter that requires a gradient once, in place. */
    @Override
    public void step() {
        if (!inPlace) {
            super.step();
            inPlace = onOneDevice();
            return;
        }
        for (Pair<String, Parameter> pair : getModel().getBlock().getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                NDArray weight = parameter.getArray();
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
            }
        }
    }

    private float rescaleGrad() {
        try {
            return RESCALE_GRAD.getFloat(optimizer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the optimiser's gradient scale", e);
        }
    }

    private void setRescaleGrad(float value) {
        try {
            RESCALE_GRAD.setFloat(optimizer, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the optimiser's gradient scale", e);
        }
    }

    /** {@code Optimizer.rescaleGrad}, made accessible; null where this DJL has no such field (then gradients are scaled in place). */
    private static Field rescaleGradField() {
        try {
            Field field = Optimizer.class.getDeclaredField("rescaleGrad");
            field.setAccessible(true);
            return field.getType() == float.class ? field : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    /** True when it trains on one device and every parameter lives there: DJL's store then holds the parameters themselves. */
    private boolean onOneDevice() {
        Device[] devices = getDevices();
        if (devices.length != 1) {
            return false;
        }
        for (Pair<String, Parameter> pair : getModel().getBlock().getParameters()) {
            if (pair.getValue().isInitialized() && !pair.getValue().getArray().getDevice().equals(devices[0])) {
                return false;
            }
        }
        return true;
    }
}
