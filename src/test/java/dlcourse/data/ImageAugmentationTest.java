package dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ImageAugmentationTest {

    @Test
    void everyImageIsEitherKeptOrMirroredAndAboutHalfAreMirrored() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(0f, 1f, new Shape(400, 1, 3, 4));
            NDArray out = ImageAugmentation.randomHorizontalFlip(images);
            assertEquals(images.getShape(), out.getShape());
            int mirrored = 0;
            for (int i = 0; i < 400; i++) {
                NDArray image = images.get(i), result = out.get(i);
                boolean kept = result.sub(image).abs().max().getFloat() < 1e-6;
                boolean flipped = result.sub(image.flip(2)).abs().max().getFloat() < 1e-6;
                assertTrue(kept ^ flipped, "image " + i + " must be kept or mirrored left to right");
                mirrored += flipped ? 1 : 0;
            }
            assertTrue(mirrored > 150 && mirrored < 250, mirrored + " of 400 mirrored");
        }
    }

    @Test
    void imagesWithoutAChannelAxisAreRefusedWithTheFix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageAugmentation.randomHorizontalFlip(manager.zeros(new Shape(2, 28, 28))));
            assertTrue(e.getMessage().contains("(2, 28, 28)") && e.getMessage().contains("reshape"), e.getMessage());
        }
    }
}
