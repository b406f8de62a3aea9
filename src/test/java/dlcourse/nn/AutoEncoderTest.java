package dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class AutoEncoderTest {

    @Test
    void denseAutoEncoderMapsImagesToCodesAndBackToImagesInZeroOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoEncoder net = AutoEncoder.dense(new int[] {16}, 3, 8, 4);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 4));
            NDArray images = manager.randomUniform(0, 1, new Shape(5, 8, 4));
            NDArray codes = net.encode(images);
            assertEquals(new Shape(5, 3), codes.getShape());
            NDArray back = net.decode(codes);
            assertEquals(new Shape(5, 8, 4), back.getShape());
            assertTrue(back.min().getFloat() >= 0 && back.max().getFloat() <= 1, "sigmoid output is in [0, 1]");
            NDArray whole = net.forward(new ParameterStore(manager, false), new NDList(images), false).singletonOrThrow();
            assertTrue(whole.sub(back).abs().max().getFloat() < 1e-6, "forward = decode(encode(x))");
            assertEquals(new Shape(2, 8, 4), net.getOutputShapes(new Shape[] {new Shape(2, 8, 4)})[0]);
        }
    }

    @Test
    void convolutionalAutoEncoderKeepsTheImageShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoEncoder net = AutoEncoder.convolutional(4, 12, 8);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 12, 8));
            NDArray images = manager.randomUniform(0, 1, new Shape(2, 12, 8));
            assertEquals(new Shape(2, 4), net.encode(images).getShape());
            NDArray back = net.forward(new ParameterStore(manager, false), new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(2, 12, 8), back.getShape());
        }
    }

    @Test
    void refusesSizesItCannotBuild() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> AutoEncoder.convolutional(8, 30, 28));
        assertTrue(odd.getMessage().contains("30x28"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AutoEncoder.dense(new int[] {16}, 0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> AutoEncoder.dense(new int[] {0}, 2, 28, 28));
    }
}
