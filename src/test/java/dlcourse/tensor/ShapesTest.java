package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void requireReturnsTheSameArrayWhenTheShapeMatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.zeros(new Shape(2, 3));
            assertSame(array, Shapes.require(array, new Shape(2, 3), "x"));
            assertSame(array, Shapes.require(array, new long[] {2, 3}, "x"));
        }
    }

    @Test
    void minusOneMatchesAnySize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.zeros(new Shape(7, 3));
            assertSame(array, Shapes.require(array, new Shape(-1, 3), "batch"));
            assertSame(array, Shapes.require(array, new Shape(-1, -1), "batch"));
            assertTrue(Shapes.matches(new Shape(1, 5, 4), new Shape(-1, 5, -1)));
        }
    }

    @Test
    void matchesNeedsTheSameRankAndEveryFixedDimension() {
        assertFalse(Shapes.matches(new Shape(2, 3), new Shape(2, 4)));
        assertFalse(Shapes.matches(new Shape(6), new Shape(2, 3)));
        assertFalse(Shapes.matches(new Shape(2, 3), new Shape(-1)));
        assertTrue(Shapes.matches(new Shape(), new Shape()));
    }

    @Test
    void mismatchNamesTheArgumentTheActualAndTheExpectedShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.zeros(new Shape(2, 3));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Shapes.require(weights, new Shape(3, 2), "weights"));
            assertEquals("weights has shape (2, 3), expected (3, 2)", error.getMessage());
        }
    }

    @Test
    void mismatchWritesMinusOneAsAny() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.zeros(new Shape(4, 5));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Shapes.require(batch, new Shape(-1, 784), "batch"));
            assertEquals("batch has shape (4, 5), expected (any, 784)", error.getMessage());
        }
    }

    @Test
    void rankMismatchSuggestsReshapeOrExpandDims() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.zeros(new Shape(28, 28));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Shapes.require(image, new Shape(-1, 28, 28), "image"));
            assertEquals("image has shape (28, 28), expected (any, 28, 28)"
                    + " (rank 2 instead of 3: reshape it, or add the missing axis with expandDims)",
                    error.getMessage());
        }
    }
}
