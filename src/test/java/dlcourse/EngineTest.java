package dlcourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.util.Utils;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine Maven chose ({@code -Ddlcourse.engine}, or the platform's default) is the one DJL
 * runs, alone, offline, and with the semantics the notebooks are written for.
 */
public class EngineTest {

    /** DJL's name of the engine this build was made with (Surefire passes Maven's choice). */
    public static String builtWith() {
        String engine = System.getProperty("dlcourse.engine.built", "");
        return switch (engine) {
            case "mxnet" -> "MXNet";
            case "pytorch" -> "PyTorch";
            default -> throw new IllegalStateException("dlcourse.engine.built is '" + engine
                    + "': run the tests through Maven, which sets it from the engine profile");
        };
    }

    @Test
    void theBuildsEngineIsTheOnlyOneOnTheClasspath() {
        // DJL's api jar brings an "RPC" engine of its own (a client for remote models), never the default.
        assertEquals(Set.of(builtWith(), "RPC"), Engine.getAllEngines());
        assertEquals(builtWith(), Engine.getInstance().getEngineName());
    }

    @Test
    void theEngineRunsOffline() {
        assertEquals(true, Utils.isOfflineMode(), "DJL's offline switch: its native library comes from the jar");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(6f, manager.create(new float[] {1, 2, 3}).sum().getFloat());
        }
    }

    @Test
    void everyGradientCollectorStartsFromZeroGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1, 2, 3});
            w.setRequiresGradient(true);
            for (int pass = 1; pass <= 3; pass++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(w.mul(w).sum());
                }
                // d/dw Σ w² = 2w, in every pass: not 2w times the number of passes.
                assertArrayEquals(new float[] {2, 4, 6}, w.getGradient().toFloatArray(), "pass " + pass);
            }
        }
    }

    /**
     * An operation with a Java number keeps that number for the backward pass. DJL 0.36's PyTorch
     * engine kept it in a Java buffer, freed once the garbage collector ran: the gradient of
     * {@code x.mul(3f)} came out as -2.2e30 (the course's PtNDManager gives the tensor its own copy).
     */
    @Test
    void aGradientThroughAJavaNumberSurvivesTheGarbageCollector() throws InterruptedException {
        assertArrayEquals(new float[] {3, 3, 3, 3}, gradientAfterCollection(x -> x.mul(3f)));
        // A double, as a learner writes it: x / sqrt(4).
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradientAfterCollection(x -> x.div(Math.sqrt(4))));
    }

    /** d/dx Σ f(x) at x = (1, 2, 3, 4), with the garbage collector run between forward and backward. */
    private static float[] gradientAfterCollection(UnaryOperator<NDArray> f) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                List<ByteBuffer> reused = freeAndReuseDirectMemory();
                collector.backward(y);
                // The new buffers stay allocated until the backward pass has read what it kept.
                Reference.reachabilityFence(reused);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Lets the garbage collector free unreachable direct buffers, then fills new ones with -1e30. */
    private static List<ByteBuffer> freeAndReuseDirectMemory() throws InterruptedException {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            // Direct memory is freed by the JDK's cleaner thread, after the collection.
            Thread.sleep(50);
            for (int i = 0; i < 1000; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(8);
                buffer.putFloat(0, -1e30f).putFloat(4, -1e30f);
                buffers.add(buffer);
            }
        }
        return buffers;
    }
}
