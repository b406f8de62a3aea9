package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SkipGramTest {

    @Test
    void scoresAreDotProductsOfCenterAndContextVectors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SkipGram model = new SkipGram(3, 2);
            model.initialize(manager, DataType.FLOAT32, new Shape(1));
            // Copied in through an index: set(float[]) makes DJL's PyTorch engine print a libtorch
            // deprecation warning to the test log.
            model.centerVectors().set(new NDIndex(":"), manager.create(new float[][] {{1, 0}, {0, 1}, {1, 1}}));
            model.contextVectors().set(new NDIndex(":"), manager.create(new float[][] {{2, 3}, {-1, 4}, {0, 5}}));
            NDArray centers = manager.create(new int[] {0, 2});
            NDArray candidates = manager.create(new int[][] {{0, 1, 2}, {1, 1, 0}});
            NDArray scores = model.forward(new ParameterStore(manager, false), new NDList(centers, candidates), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 3), scores.getShape());
            // center 0 = (1,0): 2, -1, 0; center 2 = (1,1): 3, 3, 5.
            assertArrayEquals(new float[] {2, -1, 0, 3, 3, 5}, scores.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void startsWithSmallRandomVectors() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            SkipGram model = new SkipGram(100, 10);
            model.initialize(manager, DataType.FLOAT32, new Shape(1));
            assertEquals(new Shape(100, 10), model.centerVectors().getShape());
            float largest = model.centerVectors().abs().max().getFloat();
            assertTrue(largest <= 0.05f && largest > 0.02f, "largest " + largest);
        }
    }

    @Test
    void badInputIsExplained() {
        assertThrows(IllegalArgumentException.class, () -> new SkipGram(1, 5));
        try (NDManager manager = NDManager.newBaseManager()) {
            SkipGram model = new SkipGram(3, 2);
            model.initialize(manager, DataType.FLOAT32, new Shape(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(
                    new ParameterStore(manager, false), new NDList(manager.create(new int[] {0, 1})), false));
            assertTrue(e.getMessage().contains("centers (batch) and candidates"), e.getMessage());
        }
    }
}
