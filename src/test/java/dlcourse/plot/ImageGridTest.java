package dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void sizeWithoutCaptionsOrTitle() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 4 images of 28x28 in 2 columns at scale 1: cells of 28 + 6 padding, plus 6 at the far edge.
            BufferedImage grid = ImageGrid.of(manager.zeros(new Shape(4, 28, 28)), null, 2, 1, null);
            assertEquals(2 * (28 + 6) + 6, grid.getWidth());
            assertEquals(2 * (28 + 6) + 6, grid.getHeight());
        }
    }

    @Test
    void sizeWithCaptionsTitleAndAnIncompleteLastRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 5 images in 3 columns make 2 rows; captions add 18 per row, the title 28 once.
            BufferedImage grid = ImageGrid.of(manager.zeros(new Shape(5, 28, 28)),
                    List.of("a", "b", "c", "d", "e"), 3, 2, "Title");
            assertEquals(3 * (56 + 6) + 6, grid.getWidth());
            assertEquals(2 * (56 + 6 + 18) + 6 + 28, grid.getHeight());
        }
    }

    @Test
    void defaultScaleIsThree() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BufferedImage grid = ImageGrid.of(manager.zeros(new Shape(2, 10, 20)), List.of("a", "b"), 2);
            assertEquals(2 * (60 + 6) + 6, grid.getWidth());
            assertEquals(30 + 6 + 18 + 6, grid.getHeight());
        }
    }

    @Test
    void inkIsDarkOnWhitePaper() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.create(new float[] {1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0.5f, 0.5f, 0.5f, 0.5f},
                    new Shape(3, 2, 2));
            BufferedImage grid = ImageGrid.of(images, null, 3, 4, null);
            // image i occupies x from 6 + i * (8 + 6), y from 6, 8 pixels square
            assertEquals(BLACK, rgb(grid, 6 + 3, 6 + 3), "1.0 is black");
            assertEquals(WHITE, rgb(grid, 6 + 14 + 3, 6 + 3), "0.0 is white");
            assertEquals(0x7F7F7F, rgb(grid, 6 + 28 + 3, 6 + 3), "0.5 is mid grey: 255 - round(127.5)");
            assertEquals(WHITE, rgb(grid, 2, 2), "the padding is white");
        }
    }

    @Test
    void valuesOutsideZeroToOneAreClipped() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.create(new float[] {2f, -1f}, new Shape(2, 1, 1));
            BufferedImage grid = ImageGrid.of(images, null, 2, 1, null);
            assertEquals(BLACK, rgb(grid, 6, 6));
            assertEquals(WHITE, rgb(grid, 6 + 7, 6));
        }
    }

    @Test
    void pixelsKeepTheirRowAndColumn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // one 2x3 image, black only at row 1, column 2
            NDArray image = manager.create(new float[] {0, 0, 0, 0, 0, 1}, new Shape(1, 2, 3));
            BufferedImage grid = ImageGrid.of(image, null, 1, 1, null);
            assertEquals(BLACK, rgb(grid, 6 + 2, 6 + 1));
            assertEquals(WHITE, rgb(grid, 6 + 1, 6 + 1));
            assertEquals(WHITE, rgb(grid, 6 + 2, 6));
        }
    }

    @Test
    void acceptsASingleChannelAxis() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BufferedImage grid = ImageGrid.of(manager.ones(new Shape(2, 1, 28, 28)), null, 2, 1, null);
            assertEquals(2 * (28 + 6) + 6, grid.getWidth());
            assertEquals(BLACK, rgb(grid, 6 + 34, 6));
        }
    }

    @Test
    void titleMovesTheImagesDown() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BufferedImage grid = ImageGrid.of(manager.ones(new Shape(1, 4, 4)), null, 1, 1, "T");
            assertEquals(BLACK, rgb(grid, 6, 28 + 6));
            assertEquals(WHITE, rgb(grid, 6 + 3, 28 + 3));
        }
    }

    @Test
    void wrongShapeNamesTheShapesAccepted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray colour = manager.zeros(new Shape(2, 3, 28, 28));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ImageGrid.of(colour, null, 2));
            assertEquals("image grid needs images of shape (N, H, W) or (N, 1, H, W), got (2, 3, 28, 28)",
                    error.getMessage());
            NDArray single = manager.zeros(new Shape(28, 28));
            assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(single, null, 2));
        }
    }

    @Test
    void wrongCaptionCountSaysOnePerImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.zeros(new Shape(3, 28, 28));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ImageGrid.of(images, List.of("a", "b"), 3));
            assertEquals("image grid has 3 images but 2 captions; give one caption per image, or none",
                    error.getMessage());
        }
    }

    @Test
    void columnsAndScaleMustBeAtLeastOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.zeros(new Shape(3, 28, 28));
            IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                    () -> ImageGrid.of(images, null, 0));
            assertEquals("columns and scale must be at least 1, got 0 and 3", columns.getMessage());
            IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                    () -> ImageGrid.of(images, null, 2, 0, null));
            assertEquals("columns and scale must be at least 1, got 2 and 0", scale.getMessage());
        }
    }
}
