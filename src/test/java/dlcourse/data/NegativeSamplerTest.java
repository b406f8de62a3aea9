package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

    @Test
    void probabilitiesAreCountsToThePowerNormalised() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Counts 0, 1, 16 with power 0.5: weights 0, 1, 4, so probabilities 0, 0.2, 0.8.
            NegativeSampler sampler = NegativeSampler.of(new long[] {0, 1, 16}, 0.5, manager);
            assertArrayEquals(new double[] {0, 0.2, 0.8}, sampler.probabilities(), 1e-12);
        }
    }

    @Test
    void samplesFollowTheProbabilities() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NegativeSampler sampler = NegativeSampler.of(new long[] {0, 1, 16}, 0.5, manager);
            NDArray samples = sampler.sample(manager, new Shape(200, 50));
            assertEquals(new Shape(200, 50), samples.getShape());
            assertEquals(DataType.INT32, samples.getDataType());
            int[] values = samples.toIntArray();
            int ones = 0;
            for (int v : values) {
                assertTrue(v == 1 || v == 2, "word " + v + " has probability 0");
                ones += v == 1 ? 1 : 0;
            }
            assertEquals(0.2, ones / 10_000.0, 0.02);
        }
    }

    @Test
    void badCountsAreExplained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> NegativeSampler.of(new long[] {0, 0}, 0.75, manager));
            assertTrue(zero.getMessage().contains("every count is 0"), zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> NegativeSampler.of(new long[] {1, -1}, 0.75, manager));
            assertThrows(IllegalArgumentException.class, () -> NegativeSampler.of(new long[] {1, 1}, -1, manager));
        }
    }
}
