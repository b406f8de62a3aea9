package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class OptimizerSettingsTest {

    private static String refusal(Optimizer optimizer) {
        return assertThrows(IllegalArgumentException.class, () -> OptimizerSettings.check(optimizer)).getMessage();
    }

    @Test
    void aNaNInfiniteOrNegativeLearningRateIsRefusedWithItsValue() {
        assertEquals("Sgd's learning rate is NaN at update 1; give the optimiser a positive, finite rate, for example "
                + "Tracker.fixed(0.01f)", refusal(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(Float.NaN)).build()));
        assertEquals("Adam's learning rate is Infinity at update 1; give the optimiser a positive, finite rate, for "
                + "example Tracker.fixed(0.01f)", refusal(Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(Float.POSITIVE_INFINITY)).build()));
        assertEquals("Adam's learning rate is -0.1 at update 1: a negative rate climbs the loss instead of descending it; "
                + "give the optimiser a positive, finite rate, for example Tracker.fixed(0.01f)",
                refusal(Optimizer.adam().optLearningRateTracker(Tracker.fixed(-0.1f)).build()));
    }

    @Test
    void aScheduleThatTurnsNaNLaterIsRefusedWithTheUpdate() {
        Tracker schedule = update -> update < 50 ? 0.01f : Float.NaN;
        assertEquals("Sgd's learning rate is NaN at update 100; give the optimiser a positive, finite rate, for example "
                + "Tracker.fixed(0.01f)", refusal(Optimizer.sgd().setLearningRateTracker(schedule).build()));
    }

    @Test
    void otherSettingsOutsideTheirRangeAreRefused() {
        Tracker rate = Tracker.fixed(0.01f);
        assertEquals("Adam's beta2 is 1.5; it must be in [0, 1)",
                refusal(Optimizer.adam().optLearningRateTracker(rate).optBeta2(1.5f).build()));
        assertEquals("Adam's epsilon is 0.0; it must be positive and finite",
                refusal(Optimizer.adam().optLearningRateTracker(rate).optEpsilon(0).build()));
        assertEquals("Sgd's momentum is NaN; it must be in [0, 1)",
                refusal(Optimizer.sgd().setLearningRateTracker(rate).optMomentum(Float.NaN).build()));
        assertEquals("Adam's weight decay is -0.05; it must be 0 or more, and finite",
                refusal(Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(-0.05f).build()));
    }

    @Test
    void theCourseSettingsPass() {
        OptimizerSettings.check(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
        OptimizerSettings.check(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).optWeightDecays(0.05f).build());
        OptimizerSettings.check(Optimizer.adam().optBeta2(0.98f).optLearningRateTracker(Tracker.warmUp()
                .optWarmUpBeginValue(1e-4f).optWarmUpSteps(200).setMainTracker(Tracker.cosine().setBaseValue(0.005f)
                        .optFinalValue(1e-4f).setMaxUpdates(1000).build()).build()).build());
        OptimizerSettings.check(Optimizer.adam().build());
    }

    @Test
    void theTrainerFactoriesRefuseANaNLearningRateBeforeAnythingRuns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            String message = assertThrows(IllegalArgumentException.class, () -> Training.newTrainer(manager,
                    Linear.builder().setUnits(2).build(), Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(Float.NaN)).build(), new Shape(1, 2))).getMessage();
            assertEquals("Sgd's learning rate is NaN at update 1; give the optimiser a positive, finite rate, for example "
                    + "Tracker.fixed(0.01f)", message);
        }
    }
}
