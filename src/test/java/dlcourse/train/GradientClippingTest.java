package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void globalNormTreatsAllArraysAsOneVector() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList gradients = new NDList(manager.create(new float[] {3, 0}),
                    manager.create(new float[] {0, 4, 0, 0}, new Shape(2, 2)));
            assertEquals(5.0, GradientClipping.globalNorm(gradients), 1e-6);   // sqrt(9 + 16)
        }
    }

    @Test
    void aLargeGradientIsScaledToTheMaximumNormKeepingItsDirection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = manager.create(new float[] {3, 0});
            NDArray second = manager.create(new float[] {0, 4});
            double before = GradientClipping.clipByGlobalNorm(List.of(first, second), 1.0);
            assertEquals(5.0, before, 1e-6);
            assertArrayEquals(new float[] {0.6f, 0f}, first.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0f, 0.8f}, second.toFloatArray(), 1e-6f);
            assertEquals(1.0, GradientClipping.globalNorm(List.of(first, second)), 1e-6);
        }
    }

    @Test
    void aSmallGradientIsLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gradient = manager.create(new float[] {0.3f, 0.4f});
            assertEquals(0.5, GradientClipping.clipByGlobalNorm(new NDList(gradient), 1.0), 1e-6);
            assertArrayEquals(new float[] {0.3f, 0.4f}, gradient.toFloatArray(), 0f);
        }
    }

    @Test
    void badInputIsRejectedWithAReason() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList gradients = new NDList(manager.create(new float[] {1}));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> GradientClipping.clipByGlobalNorm(gradients, 0));
            assertEquals("the maximum gradient norm must be positive, got 0.0; pass Double.POSITIVE_INFINITY for no "
                    + "clipping", error.getMessage());
            assertThrows(IllegalArgumentException.class, () -> GradientClipping.globalNorm(new NDList()));
            List<NDArray> withNull = new java.util.ArrayList<>();
            withNull.add(null);
            error = assertThrows(IllegalArgumentException.class, () -> GradientClipping.globalNorm(withNull));
            assertTrue(error.getMessage().contains("backward"), error.getMessage());
        }
    }
}
