package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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
    void float64ArraysTakeTheOperatorPerArrayAndGiveTheSameNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList gradients = new NDList(manager.create(new double[] {3, 0}), manager.create(new double[] {0, 4}));
            assertEquals(5.0, GradientClipping.globalNorm(gradients), 1e-6);
            assertEquals(2, manager.getManagedArrays().size(), "the sums of squares are freed");
        }
    }

    /** A dense layer of one unit with weights for 2 inputs, after backward of its output for x = (3, 4). */
    private static Block linearAfterBackward(NDManager manager) {
        Block linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        NDArray x = manager.create(new float[] {3, 4}, new Shape(1, 2));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(linear.forward(new ParameterStore(manager, false), new NDList(x), true).head().sum());
        }
        return linear;
    }

    @Test
    void clipsABlocksGradientsAndLeavesNoGradientHandlesBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = linearAfterBackward(manager);
            // d(w . x + b)/dw = x = (3, 4) and d/db = 1: norm sqrt(9 + 16 + 1).
            NDManager owner = linear.getParameters().valueAt(0).getArray().getManager();
            int arrays = owner.getManagedArrays().size();
            assertEquals(Math.sqrt(26), GradientClipping.clipByGlobalNorm(linear.getParameters(), 1.0), 1e-5);
            assertEquals(arrays, owner.getManagedArrays().size(), "no getGradient() handle stays in the parameters' manager");
            float scale = (float) (1 / Math.sqrt(26));
            assertArrayEquals(new float[] {3 * scale, 4 * scale},
                    linear.getParameters().get("weight").getArray().getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {scale}, linear.getParameters().get("bias").getArray().getGradient().toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void theFactorScalesOnlyANormAboveTheMaximum() {
        assertEquals(0.2f, GradientClipping.factor(5.0, 1.0), 0f);
        assertEquals(1f, GradientClipping.factor(0.5, 1.0), 0f);
        assertEquals(1f, GradientClipping.factor(1e9, Double.POSITIVE_INFINITY), 0f);
    }

    @Test
    void aBlocksGlobalNormLeavesItsGradientsAndNoHandlesBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = linearAfterBackward(manager);
            NDManager owner = linear.getParameters().valueAt(0).getArray().getManager();
            int arrays = owner.getManagedArrays().size();
            assertEquals(Math.sqrt(26), GradientClipping.globalNorm(linear.getParameters()), 1e-5);
            GradientClipping.scaleGradients(linear.getParameters(), 0.5f);
            assertEquals(arrays, owner.getManagedArrays().size(), "no getGradient() handle stays in the parameters' manager");
            assertArrayEquals(new float[] {1.5f, 2}, linear.getParameters().get("weight").getArray().getGradient()
                    .toFloatArray(), 0f);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> GradientClipping.globalNorm(new ParameterList()));
            assertEquals("no gradients to measure: the block has no parameters", error.getMessage());
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
