package dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ContoursTest {

    @Test
    void aCircleOfRadiusOneLiesAtDistanceOneFromTheCentre() {
        double[][] grid = Contours.evaluate((x, y) -> x * x + y * y, -2, 2, -2, 2);
        double[][] line = Contours.segments(grid, 1.0, -2, 2, -2, 2);
        assertEquals(line[0].length, line[1].length);
        int points = 0;
        for (int k = 0; k < line[0].length; k++) {
            if (!Double.isNaN(line[0][k])) {
                points++;
                assertEquals(1.0, Math.hypot(line[0][k], line[1][k]), 0.01);
            }
        }
        assertTrue(points > 100, "the circle crosses many cells: " + points);
    }

    @Test
    void aPlaneCrossesEachCellOnceAtTheLevel() {
        // f = x on [0, 1]²: the line f = 0.5 is the vertical x = 0.5; one segment per row of cells.
        double[][] grid = Contours.evaluate((x, y) -> x, 0, 1, 0, 1);
        double[][] line = Contours.segments(grid, 0.5, 0, 1, 0, 1);
        assertEquals(3 * (Contours.GRID - 1), line[0].length);   // two points and a NaN gap per cell
        for (double x : line[0]) {
            assertTrue(Double.isNaN(x) || Math.abs(x - 0.5) < 1e-12, "x = " + x);
        }
    }

    @Test
    void quantileLevelsAreSortedValuesOfTheGrid() {
        double[][] grid = {{0, 1, 2, 3}, {4, 5, 6, 7}};
        // ranks floor(((k + 0.5) / 2)² · 8) = 0 and 4
        assertArrayEquals(new double[] {0, 4}, Contours.quantileLevels(grid, 2), 0);
    }

    @Test
    void chartHasTheBoxAndDrawsWithAPathOnTop() {
        XYChart chart = Contours.of("bowl", "x", "y", (x, y) -> x * x + 10 * y * y, -3, 3, -1, 1);
        assertEquals("bowl", chart.getTitle());
        assertEquals("x", chart.getXAxisTitle());
        assertTrue(chart.getSeriesMap().size() >= 5);
        var first = Contours.path(chart, "path", new double[] {-2.5, 0}, new double[] {0.8, 0});
        var second = Contours.path(chart, "another", new double[] {2.5, 0}, new double[] {0.8, 0});
        assertEquals(chart.getStyler().getSeriesColors()[0], first.getLineColor(), "the first path gets the palette's first colour");
        assertEquals(chart.getStyler().getSeriesColors()[1], second.getLineColor());
        BufferedImage image = Plots.image(chart);
        assertEquals(Plots.WIDTH, image.getWidth());
    }

    @Test
    void anEmptyBoxIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Contours.of("t", "x", "y", (x, y) -> x, 1, 1, 0, 1));
        assertTrue(error.getMessage().contains("xMin < xMax"), error.getMessage());
    }
}
