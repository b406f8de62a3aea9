package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorsTest {

    @Test
    void formatsAFloatMatrixWithShapeTypeAndTrimmedDigits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new float[] {1f, 2.5f, -3f, 0.125f, 100f, 1e-5f}, new Shape(2, 3));
            assertEquals("NDArray (2, 3) float32\n[[1.0, 2.5, -3.0],\n [0.125, 100.0, 1.000e-05]]",
                    Tensors.format(array));
        }
    }

    @Test
    void formatsIntegersWithoutDecimalPoint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new int[] {1, -2, 300});
            assertEquals("NDArray (3) int32\n[1, -2, 300]", Tensors.format(array));
        }
    }

    @Test
    void roundsToFourSignificantDigits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 0.1f is 0.100000001490116... as a double: the float noise must not show.
            NDArray array = manager.create(new float[] {3.14159265f, 2f / 3f, 1234.5678f, 0.1f, 12345.678f});
            assertEquals("NDArray (5) float32\n[3.142, 0.6667, 1235, 0.1, 1.235e+04]", Tensors.format(array));
        }
    }

    @Test
    void roundsToTheDigitsAsked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new double[] {3.14159265, 2.0 / 3.0});
            assertEquals("NDArray (2) float64\n[3.14, 0.667]", Tensors.format(array, 3));
        }
    }

    @Test
    void formatsAScalar() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals("NDArray () float32\n3.5", Tensors.format(manager.create(3.5f)));
        }
    }

    @Test
    void elidesTheMiddleOfALongRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] values = new int[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            assertEquals("NDArray (20) int32\n[0, 1, 2, 3, 4, …, 15, 16, 17, 18, 19]",
                    Tensors.format(manager.create(values)));
        }
    }

    @Test
    void elidesTheMiddleRowsOfATallMatrix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] values = new int[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            assertEquals("NDArray (20, 1) int32\n[[0],\n [1],\n [2],\n [3],\n …,\n [16],\n [17],\n [18],\n [19]]",
                    Tensors.format(manager.create(values, new Shape(20, 1))));
        }
    }

    @Test
    void showsRowsThatFitWithoutElision() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] values = new int[10];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * i;
            }
            String text = Tensors.format(manager.create(values));
            assertEquals("NDArray (10) int32\n[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", text);
        }
    }

    @Test
    void summarisesArraysOverOneHundredThousandElements() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.arange(0f, 100_001f);
            assertEquals("NDArray (100001) float32\n(100001 values: min 0.000, mean 5.000e+04, max 1.000e+05)",
                    Tensors.format(array));
        }
    }

    @Test
    void printsOneHundredThousandElementsInFull() {
        try (NDManager manager = NDManager.newBaseManager()) {
            String text = Tensors.format(manager.zeros(new Shape(100, 1000)));
            assertTrue(text.startsWith("NDArray (100, 1000) float32\n[[0.0, 0.0, 0.0, 0.0, 0.0, …,"), text);
        }
    }

    @Test
    void summaryGivesMinimumMeanAndMaximum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = manager.create(new float[] {-1f, 0.5f, 3.5f});
            assertEquals("(3 values: min -1.000, mean 1.000, max 3.500)", Tensors.summary(array));
        }
    }

    @Test
    void refusesAClosedArrayAndSaysWhy() {
        NDArray closed;
        try (NDManager manager = NDManager.newBaseManager()) {
            closed = manager.ones(new Shape(2));
        }
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Tensors.format(closed));
        assertTrue(error.getMessage().contains("was closed"), error.getMessage());
        assertTrue(error.getMessage().contains("create it again"), error.getMessage());
    }
}
