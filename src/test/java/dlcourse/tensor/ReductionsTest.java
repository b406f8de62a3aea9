package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    /** 0 … 23 as (2, 3, 4): block 0 holds 0 … 11, block 1 holds 12 … 23. */
    private static NDArray blocks(NDManager manager) {
        return manager.arange(24f).reshape(2, 3, 4);
    }

    @Test
    void meanOverTwoAxesIsTheMeanOfEachBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mean = Reductions.mean(blocks(manager), new int[] {1, 2}, false);
            assertEquals(new Shape(2), mean.getShape());
            assertArrayEquals(new float[] {5.5f, 17.5f}, mean.toFloatArray());
        }
    }

    @Test
    void keepDimsKeepsTheReducedAxesWithSizeOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mean = Reductions.mean(blocks(manager), new int[] {0, 2}, true);
            assertEquals(new Shape(1, 3, 1), mean.getShape());
            // row r of both blocks: 4r … 4r+3 and 12+4r … 15+4r, mean 7.5 + 4r
            assertArrayEquals(new float[] {7.5f, 11.5f, 15.5f}, mean.toFloatArray());
        }
    }

    @Test
    void maxAndMinOverSeveralAxesGiveEachBlocksExtremes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = blocks(manager);
            assertArrayEquals(new float[] {11f, 23f}, Reductions.max(x, new int[] {1, 2}, false).toFloatArray());
            NDArray min = Reductions.min(x, new int[] {0, 2}, true);
            assertEquals(new Shape(1, 3, 1), min.getShape());
            assertArrayEquals(new float[] {0f, 4f, 8f}, min.toFloatArray());
        }
    }

    @Test
    void negativeAxesCountFromTheEndAndOrderDoesNotMatter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = blocks(manager);
            assertArrayEquals(Reductions.max(x, new int[] {1, 2}, false).toFloatArray(),
                    Reductions.max(x, new int[] {-1, 1}, false).toFloatArray());
            assertArrayEquals(new float[] {11.5f}, Reductions.mean(x, new int[] {2, 0, 1}, false).toFloatArray());
        }
    }

    @Test
    void aSingleAxisGivesWhatTheEngineGives() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = blocks(manager);
            assertArrayEquals(x.max(new int[] {1}, true).toFloatArray(), Reductions.max(x, new int[] {1}, true).toFloatArray());
            assertArrayEquals(x.mean(new int[] {2}).toFloatArray(), Reductions.mean(x, new int[] {2}, false).toFloatArray());
        }
    }

    @Test
    void badAxesAreRefusedWithTheShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = blocks(manager);
            assertEquals("axis 3 does not exist in an array of shape (2, 3, 4); its axes are 0 to 2 (or -1 to -3)",
                    assertThrows(IllegalArgumentException.class, () -> Reductions.mean(x, new int[] {1, 3}, false)).getMessage());
            assertEquals("axis 2 is given twice in [2, -1]",
                    assertThrows(IllegalArgumentException.class, () -> Reductions.max(x, new int[] {2, -1}, false)).getMessage());
            assertEquals("no axes to reduce over; give at least one, e.g. new int[] {1}",
                    assertThrows(IllegalArgumentException.class, () -> Reductions.min(x, new int[0], false)).getMessage());
        }
    }

    @Test
    void theHintNamesTheseMethodsOnlyForTheEnginesRefusalOfSeveralAxes() {
        assertEquals(" (this engine reduces over one axis at a time: Reductions.mean, max and min take several, on every engine)",
                Reductions.hintFor(new UnsupportedOperationException("Only 1 axis is support!")));
        assertEquals("", Reductions.hintFor(new UnsupportedOperationException("Not implemented")));
        assertEquals("", Reductions.hintFor(new IllegalStateException("Only 1 axis is support!")));
    }
}
