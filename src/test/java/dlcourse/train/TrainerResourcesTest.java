package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.NativeResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerResourcesTest {

    /**
     * A 2-to-2 linear layer (a weight and a bias) trained one step on four examples. The loss is L2,
     * not softmax cross-entropy: DJL's first step refuses gradients that sum to exactly 0, and a
     * softmax layer's gradients sum to 0 in exact arithmetic (so in float32 now and then).
     */
    private static Trainer trainedOneStep(NDManager owner, Optimizer optimizer) {
        Trainer trainer = Training.newTrainer(owner, new SequentialBlock().add(Linear.builder().setUnits(2).build()),
                Loss.l2Loss(), optimizer, new Shape(1, 2));
        NDArray features = owner.create(new float[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
        NDArray labels = owner.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}});
        try (GradientCollector collector = trainer.newGradientCollector()) {
            collector.backward(trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(features))));
        }
        trainer.step();
        return trainer;
    }

    private static ParameterServer parameterServer(Trainer trainer) {
        return (ParameterServer) TrainerResources.read(TrainerResources.read(trainer, Trainer.class, "parameterStore"),
                ParameterStore.class, "parameterServer");
    }

    @Test
    void adamsMomentsAndTheParameterServerAreClosedWithTheOwner() {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build();
        NDManager owner = NDManager.newBaseManager();
        ParameterServer server = parameterServer(trainedOneStep(owner, adam));
        // Adam keeps a mean and a variance for each of the 2 parameters: 4 arrays, detached by DJL.
        List<NDArray> states = TrainerResources.states(adam);
        assertEquals(4, states.size());
        assertTrue(states.stream().noneMatch(NDArray::isReleased));
        assertFalse(server instanceof NativeResource<?> nativeServer && nativeServer.isReleased());
        owner.close();
        assertTrue(states.stream().allMatch(NDArray::isReleased));
        assertEquals(List.of(), TrainerResources.states(adam));
        if (server instanceof NativeResource<?> nativeServer) {   // MXNet's KVStore; PyTorch's is plain Java
            assertTrue(nativeServer.isReleased());
        }
    }

    @Test
    void plainSgdKeepsNoStateAndSgdWithMomentumOnePerParameter() {
        try (NDManager owner = NDManager.newBaseManager()) {
            Optimizer plain = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            Optimizer momentum = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build();
            trainedOneStep(owner, plain);
            trainedOneStep(owner, momentum);
            assertEquals(0, TrainerResources.states(plain).size());
            assertEquals(2, TrainerResources.states(momentum).size());
        }
    }

    @Test
    void aFieldDjlDoesNotHaveIsNamedInTheError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainerResources.read(new Object(), Trainer.class, "parameterServers"));
        assertEquals("ai.djl.training.Trainer has no field 'parameterServers' (the course reads it in DJL 0.36 to free "
                + "the trainer's native memory); update dlcourse.train.TrainerResources", e.getMessage());
    }
}
