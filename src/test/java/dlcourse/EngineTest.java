package dlcourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.util.Utils;
import java.util.Set;
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
}
