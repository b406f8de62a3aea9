package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MatrixNormsTest {

    @Test
    void aDiagonalMatrixStretchesMostAlongItsLargestEntry() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray diagonal = manager.create(new float[][] {{0.5f, 0, 0}, {0, -3, 0}, {0, 0, 2}});
            assertEquals(3, MatrixNorms.largestSingularValue(diagonal), 1e-6);
        }
    }

    @Test
    void aScaledRotationStretchesEveryVectorByItsScale() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 2 × (rotation by 30°): every vector keeps its direction's length times 2
            double c = Math.cos(Math.PI / 6) * 2;
            double s = Math.sin(Math.PI / 6) * 2;
            NDArray rotation = manager.create(new double[][] {{c, -s}, {s, c}});
            assertEquals(2, MatrixNorms.largestSingularValue(rotation), 1e-9);
        }
    }

    @Test
    void aRankOneMatrixHasTheProductOfTheLengths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // u vᵀ with |u| = 5 (3, 4) and |v| = 2 (0, 2, 0, 0): σ = 10
            NDArray u = manager.create(new double[] {3, 4}).reshape(2, 1);
            NDArray v = manager.create(new double[] {0, 2, 0, 0}).reshape(1, 4);
            assertEquals(10, MatrixNorms.largestSingularValue(u.matMul(v)), 1e-9);
        }
    }

    @Test
    void aNonSymmetricMatrixGetsItsSingularValueNotItsEigenvalue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // ((1, 1), (0, 1)) has both eigenvalues 1, but stretches some vectors by the golden ratio 1.618
            NDArray shear = manager.create(new double[][] {{1, 1}, {0, 1}});
            assertEquals((1 + Math.sqrt(5)) / 2, MatrixNorms.largestSingularValue(shear), 1e-9);
        }
    }

    @Test
    void theZeroMatrixStretchesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(0, MatrixNorms.largestSingularValue(manager.zeros(new Shape(3, 2))));
        }
    }

    @Test
    void freesWhatItComputesWith() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.randomNormal(new Shape(16, 16));
            int before = ((BaseNDManager) manager).getManagedArrays().size();
            MatrixNorms.largestSingularValue(w);
            assertEquals(before, ((BaseNDManager) manager).getManagedArrays().size(), "no array is left in the caller's manager");
        }
    }

    @Test
    void aVectorIsRefusedWithItsShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MatrixNorms.largestSingularValue(manager.ones(new Shape(4))));
            assertTrue(e.getMessage().contains("a matrix") && e.getMessage().contains("(4)"), e.getMessage());
        }
    }
}
