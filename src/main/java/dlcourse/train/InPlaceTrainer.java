package dlcourse.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
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
 */
final class InPlaceTrainer extends Trainer {

    private final Optimizer optimizer;
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
