package dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MatrixDiagramTest {

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void theSumIsWrittenOutWithBracketedNegatives() {
        // row (1, 0, 3) of A times column (2, -1, 4) of B: 2 + 0 + 12 = 14
        String sum = MatrixDiagram.sum(new double[] {1, 0, 3}, new double[][] {{2}, {-1}, {4}}, 0, 14, 1, 0);
        assertEquals("c[1][0] = 1·2 + 0·(−1) + 3·4 = 14", sum);
    }

    @Test
    void numbersKeepAtMostTwoDecimals() {
        assertEquals("0.5", MatrixDiagram.number(0.5, false));
        assertEquals("0.33", MatrixDiagram.number(1.0 / 3, false));
        assertEquals("−2", MatrixDiagram.number(-2, false));
        assertEquals("(−2.25)", MatrixDiagram.number(-2.25, true));
        assertEquals("0", MatrixDiagram.number(-0.001, true));
    }

    @Test
    void theRowTheColumnAndTheEntryAreColoured() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[][] {{1, 2, 0}, {1, 0, 3}});        // 2 × 3
            NDArray b = manager.create(new float[][] {{2, 1}, {-1, 0}, {4, 1}});     // 3 × 2
            BufferedImage image = MatrixDiagram.product(a, b, 1, 0);
            int cell = MatrixDiagram.CELL;
            int grids = (3 + 2) * cell + MatrixDiagram.GAP;
            int aLeft = (image.getWidth() - grids) / 2;                             // centred
            int cLeft = aLeft + 3 * cell + MatrixDiagram.GAP;
            int bTop = MatrixDiagram.TITLE + MatrixDiagram.MARGIN;
            int cTop = bTop + 3 * cell + MatrixDiagram.GAP;
            // a corner pixel of each cell (the numbers sit in the middle)
            assertEquals(0xFFFFFF, rgb(image, aLeft + 3, cTop + 3), "row 0 of A is plain");
            assertEquals(MatrixDiagram.ROW.getRGB() & 0xFFFFFF, rgb(image, aLeft + 3, cTop + cell + 3), "row 1 of A");
            assertEquals(MatrixDiagram.COLUMN.getRGB() & 0xFFFFFF, rgb(image, cLeft + 3, bTop + 2 * cell + 3), "column 0 of B");
            assertEquals(0xFFFFFF, rgb(image, cLeft + cell + 3, bTop + 3), "column 1 of B is plain");
            assertEquals(MatrixDiagram.ENTRY.getRGB() & 0xFFFFFF, rgb(image, cLeft + 3, cTop + cell + 3), "entry (1, 0) of C");
            assertEquals(0xFFFFFF, rgb(image, cLeft + cell + 3, cTop + cell + 3), "entry (1, 1) of C is plain");
            assertEquals(cTop + 2 * cell + MatrixDiagram.MARGIN + MatrixDiagram.SUM, image.getHeight());
            assertTrue(image.getWidth() >= grids + 2 * MatrixDiagram.MARGIN, "room for the grids and margins");
        }
    }

    @Test
    void mismatchedShapesAreRefusedWithBothShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.ones(new ai.djl.ndarray.types.Shape(2, 3));
            NDArray b = manager.ones(new ai.djl.ndarray.types.Shape(2, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixDiagram.product(a, b, 0, 0));
            assertTrue(e.getMessage().contains("A is 2 × 3 and B is 2 × 2"), e.getMessage());
        }
    }

    @Test
    void anEntryOutsideTheProductIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.ones(new ai.djl.ndarray.types.Shape(2, 3));
            NDArray b = manager.ones(new ai.djl.ndarray.types.Shape(3, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixDiagram.product(a, b, 2, 0));
            assertTrue(e.getMessage().contains("outside C = AB, which is 2 × 2"), e.getMessage());
        }
    }

    @Test
    void vectorsAndLargeMatricesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                    () -> MatrixDiagram.product(manager.ones(new ai.djl.ndarray.types.Shape(3)),
                            manager.ones(new ai.djl.ndarray.types.Shape(3, 1)), 0, 0));
            assertTrue(vector.getMessage().contains("A must be a matrix"), vector.getMessage());
            IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                    () -> MatrixDiagram.product(manager.ones(new ai.djl.ndarray.types.Shape(9, 2)),
                            manager.ones(new ai.djl.ndarray.types.Shape(2, 2)), 0, 0));
            assertTrue(large.getMessage().contains("8 × 8 or smaller"), large.getMessage());
        }
    }
}
