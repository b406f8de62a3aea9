package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InPlaceTrainerTest {

    private static Block mlp() {
        return new SequentialBlock().add(Linear.builder().setUnits(5).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /** DJL's own trainer (its parameter server) for {@code block}, owned by {@code owner}. */
    private static Trainer djlTrainer(NDManager owner, Block block, Optimizer optimizer) {
        Model model = Model.newInstance("djl's");
        model.setBlock(block);
        owner.attachInternal("djl's model", model);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
        trainer.initialize(new Shape(1, 4));
        return trainer;
    }

    private static void trainSteps(Trainer trainer, NDArray x, NDArray y, int steps) {
        for (int i = 0; i < steps; i++) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
            }
            trainer.step();
        }
    }

    /**
     * The same start (the same seed before each initialisation: MXNet's parameter server keeps its
     * own copy of the weights it was initialised with), the same batches: the in-place step must
     * give DJL's weights, update after update.
     */
    private static void givesDjlsWeights(Supplier<Optimizer> optimizer) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(8, 4));
            NDArray y = manager.create(new float[] {0, 1, 2, 0, 1, 2, 0, 1});
            Engine.getInstance().setRandomSeed(5);
            Trainer ours = Training.newTrainer(manager, mlp(), Loss.softmaxCrossEntropyLoss(), optimizer.get(), new Shape(1, 4));
            Engine.getInstance().setRandomSeed(5);
            Trainer djls = djlTrainer(manager, mlp(), optimizer.get());
            var theirs = djls.getModel().getBlock().getParameters().values();
            var mine = ours.getModel().getBlock().getParameters().values();
            for (int i = 0; i < mine.size(); i++) {
                assertArrayEquals(theirs.get(i).getArray().toFloatArray(), mine.get(i).getArray().toFloatArray(),
                        "the same seed gives the same start");
            }
            trainSteps(ours, x, y, 6);
            trainSteps(djls, x, y, 6);
            for (int i = 0; i < mine.size(); i++) {
                assertArrayEquals(theirs.get(i).getArray().toFloatArray(), mine.get(i).getArray().toFloatArray(), 1e-6f,
                        "parameter " + mine.get(i).getName() + " after 6 steps");
            }
        }
    }

    @Test
    void theCourseTrainerUpdatesInPlace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, mlp(), Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), new Shape(1, 4));
            assertInstanceOf(InPlaceTrainer.class, trainer);
        }
    }

    @Test
    void plainSgdGivesTheWeightsOfDjlsParameterServer() {
        givesDjlsWeights(() -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
    }

    @Test
    void sgdWithMomentumAndAdamKeepTheirStateAndScheduleAsInDjl() {
        givesDjlsWeights(() -> Optimizer.sgd().setLearningRateTracker(Tracker.factor().setBaseValue(0.1f).setFactor(0.8f)
                .build()).optMomentum(0.9f).build());
        givesDjlsWeights(() -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    }

    /** Six clipped steps of {@code trainer} on (x, y): the gradients scaled in place first, or by {@code clippedStep}. */
    private static void clippedSteps(Trainer trainer, NDArray x, NDArray y, boolean inPlaceFirst) {
        for (int i = 0; i < 6; i++) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
            }
            var parameters = trainer.getModel().getBlock().getParameters();
            if (inPlaceFirst) {
                assertTrue(GradientClipping.clipByGlobalNorm(parameters, 0.05) > 0.05, "every step is clipped");
                trainer.step();
            } else {
                InPlaceTrainer.clippedStep(trainer, GradientClipping.globalNorm(parameters), 0.05);
            }
        }
    }

    /** The weights after six clipped steps both ways from the same start must be equal, bit for bit. */
    private static void clippedStepGivesTheWeightsOfClippingFirst(Supplier<Optimizer> optimizer, boolean djls) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(8, 4));
            NDArray y = manager.create(new float[] {0, 1, 2, 0, 1, 2, 0, 1});
            Trainer[] trainers = new Trainer[2];
            for (int i = 0; i < 2; i++) {
                Engine.getInstance().setRandomSeed(5);
                trainers[i] = djls ? djlTrainer(manager, mlp(), optimizer.get())
                        : Training.newTrainer(manager, mlp(), Loss.softmaxCrossEntropyLoss(), optimizer.get(), new Shape(1, 4));
                clippedSteps(trainers[i], x, y, i == 0);
            }
            var first = trainers[0].getModel().getBlock().getParameters().values();
            var second = trainers[1].getModel().getBlock().getParameters().values();
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i).getArray().toFloatArray(), second.get(i).getArray().toFloatArray(), 0f,
                        "parameter " + first.get(i).getName() + " after 6 clipped steps");
            }
        }
    }

    @Test
    void aClippedStepGivesTheWeightsOfClippingTheGradientsFirst() {
        clippedStepGivesTheWeightsOfClippingFirst(() -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f))
                .build(), false);
        clippedStepGivesTheWeightsOfClippingFirst(() -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f))
                .optWeightDecays(0.01f).optClipGrad(0.02f).build(), false);
        clippedStepGivesTheWeightsOfClippingFirst(() -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f))
                .optMomentum(0.9f).build(), false);
        clippedStepGivesTheWeightsOfClippingFirst(() -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f))
                .build(), true);
    }

    @Test
    void aStepWithoutBackwardStillGetsDjlsMessage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = Training.newTrainer(manager, mlp(), Loss.softmaxCrossEntropyLoss(),
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), new Shape(1, 4));
            trainer.forward(new NDList(manager.ones(new Shape(2, 4))));
            IllegalStateException e = assertThrows(IllegalStateException.class, trainer::step);
            assertTrue(e.getMessage().contains("backward"), e.getMessage());
        }
    }
}
