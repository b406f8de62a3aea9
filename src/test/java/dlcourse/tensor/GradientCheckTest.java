package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void gradientOfASumOfSquaresIsTwiceTheInput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, -2, 0.5, 3}, new Shape(2, 2));
            NDArray numeric = GradientCheck.numerical(v -> v.square().sum(), x, 1e-5);
            assertEquals(new Shape(2, 2), numeric.getShape());
            assertEquals(DataType.FLOAT64, numeric.getDataType());
            // d/dx sum(x^2) = 2x; central differences are exact for a quadratic up to rounding.
            assertArrayEquals(new double[] {2, -4, 1, 6}, numeric.toDoubleArray(), 1e-8);
        }
    }

    @Test
    void gradientOfACubeAtTwoIsTwelve() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {2});
            NDArray numeric = GradientCheck.numerical(v -> v.pow(3).sum(), x, 1e-4);
            // (8.0012 - 7.9988) / 2e-4 = 12 + ε² = 12.00000001
            assertEquals(12.0, numeric.getDouble(0), 1e-6);
        }
    }

    @Test
    void keepsTheInputsDataTypeSoTheFunctionCanMixIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1, 2, 3});
            NDArray x = manager.create(new float[] {0.5f, -1f, 2f});
            NDArray numeric = GradientCheck.numerical(v -> v.mul(x).sum(), w, 1e-2);
            assertEquals(DataType.FLOAT32, numeric.getDataType());
            assertArrayEquals(new float[] {0.5f, -1f, 2f}, numeric.toFloatArray(), 1e-3f);
        }
    }

    @Test
    void relativeErrorIsZeroForEqualArraysAndOneForOpposite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new double[] {3, 4});
            assertEquals(0.0, GradientCheck.relativeError(a, a.duplicate()), 0);
            // ‖a − (−a)‖ / (‖a‖ + ‖−a‖) = 10 / (5 + 5)
            assertEquals(1.0, GradientCheck.relativeError(a, a.neg()), 1e-12);
            // ‖(3,4) − (3,0)‖ / (5 + 3) = 4 / 8
            assertEquals(0.5, GradientCheck.relativeError(a, manager.create(new double[] {3, 0})), 1e-12);
            NDArray zero = manager.zeros(new Shape(2));
            assertEquals(0.0, GradientCheck.relativeError(zero, zero), 0);
        }
    }

    @Test
    void checkFindsAWrongGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2, 3});
            double right = GradientCheck.check(v -> v.square().sum(), x, x.mul(2), 1e-6);
            double wrong = GradientCheck.check(v -> v.square().sum(), x, x, 1e-6);
            assertTrue(right < 1e-8, "2x is the gradient of sum(x²): " + right);
            assertEquals(1.0 / 3.0, wrong, 1e-6);   // ‖x − 2x‖ / (‖x‖ + ‖2x‖)
        }
    }

    @Test
    void aWrongShapeIsNamedInTheError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2, 3});
            NDArray analytic = manager.create(new double[] {2, 4, 6, 8}, new Shape(2, 2));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.check(v -> v.square().sum(), x, analytic, 1e-6));
            assertTrue(error.getMessage().contains("(2, 2)") && error.getMessage().contains("(3)"), error.getMessage());
            error = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.relativeError(x, analytic));
            assertTrue(error.getMessage().contains("numerical gradient"), error.getMessage());
        }
    }

    @Test
    void aFunctionThatIsNotScalarOrABadStepIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.numerical(v -> v.square(), x, 1e-6));
            assertTrue(error.getMessage().contains("one number"), error.getMessage());
            assertThrows(IllegalArgumentException.class, () -> GradientCheck.numerical(v -> v.sum(), x, 0));
        }
    }
}
