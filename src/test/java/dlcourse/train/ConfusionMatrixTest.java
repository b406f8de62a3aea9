package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

class ConfusionMatrixTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    @Test
    void countsEachPairOfTrueAndPredictedClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // true:      0 0 1 1 1 2
            // predicted: 0 1 1 1 2 2   -> 4 of 6 on the diagonal
            ConfusionMatrix matrix = ConfusionMatrix.of(manager.create(new float[] {0, 1, 1, 1, 2, 2}),
                    manager.create(new float[] {0, 0, 1, 1, 1, 2}), NAMES);
            assertArrayEquals(new long[] {1, 1, 0}, matrix.counts()[0]);
            assertArrayEquals(new long[] {0, 2, 1}, matrix.counts()[1]);
            assertArrayEquals(new long[] {0, 0, 1}, matrix.counts()[2]);
            assertEquals(4.0 / 6, matrix.accuracy(), 1e-12);
            assertEquals(2.0 / 3, matrix.classAccuracy(1), 1e-12);
            HeatMapChart chart = matrix.chart("confusion");
            assertEquals("confusion", chart.getTitle());
        }
    }

    @Test
    void refusesLabelsOutsideTheClasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
                    manager.create(new float[] {0, 3}), manager.create(new float[] {0, 1}), NAMES));
            assertTrue(e.getMessage().contains("predictions run from 0 to 3"), e.getMessage());
        }
    }

    @Test
    void refusesArraysOfDifferentShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
                    manager.create(new float[] {0, 1, 2}), manager.create(new float[] {0, 1}), NAMES));
        }
    }
}
