package dlcourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void findsTheEigenvectorsOfATwoByTwoCovarianceWorkedOutByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Four points with mean (1, 2) and covariance [[2, 1], [1, 2]] (divided by n - 1 = 3):
            // eigenvalues 3 and 1, eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2.
            // Offsets of +-a along (1, 1) and +-b along (1, -1) give 2 * 2a^2 / 3 = 3 and 2 * 2b^2 / 3 = 1.
            double a = 1.5;
            double b = Math.sqrt(0.75);
            NDArray data = manager.create(new float[][] {
                {(float) (1 + a), (float) (2 + a)}, {(float) (1 - a), (float) (2 - a)},
                {(float) (1 + b), (float) (2 - b)}, {(float) (1 - b), (float) (2 + b)}});
            Pca pca = Pca.fit(data, 2);
            assertArrayEquals(new double[] {3, 1}, pca.variances(), 1e-5);
            assertArrayEquals(new float[] {1, 2}, pca.mean().toFloatArray(), 1e-6f);
            float r = (float) Math.sqrt(0.5);
            // Signs: the largest entry of each component is positive (ties: the first one).
            assertArrayEquals(new float[] {r, r, r, -r}, pca.components().toFloatArray(), 1e-4f);
        }
    }

    @Test
    void orderedComponentsOfAxisAlignedDataAreTheAxes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.randomNormal(new Shape(2000, 3)).mul(manager.create(new float[] {1, 5, 2}));
            Pca pca = Pca.fit(data, 2);
            double[] variances = pca.variances();
            assertEquals(25, variances[0], 2.5);
            assertEquals(4, variances[1], 0.4);
            NDArray first = pca.components().get(0).abs();
            assertTrue(first.getFloat(1) > 0.99, "first component is the y axis: " + first);
        }
    }

    @Test
    void allComponentsReconstructTheDataAndFewerComponentsLoseTheRestOfTheVariance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.randomNormal(new Shape(500, 4)).mul(manager.create(new float[] {3, 2, 1, 0.5f}));
            Pca all = Pca.fit(data, 4);
            NDArray back = all.reconstruct(data);
            assertTrue(back.sub(data).abs().max().getFloat() < 1e-3, "full reconstruction is exact");
            assertEquals(new Shape(500, 4), all.encode(data).getShape());
            Pca two = Pca.fit(data, 2);
            assertTrue(two.components().sub(all.first(2).components()).abs().max().getFloat() < 1e-4,
                    "first(2) of a 4-component fit equals a 2-component fit");
            assertThrows(IllegalArgumentException.class, () -> two.first(3));
            // Lost variance per example = the variance along the dropped components.
            double lost = two.reconstruct(data).sub(data).square().sum().getFloat() / (500 - 1);
            double[] v = all.variances();
            assertEquals(v[2] + v[3], lost, 1e-3 * lost + 1e-4);
        }
    }

    @Test
    void refusesBadShapesAndCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                    () -> Pca.fit(manager.zeros(new Shape(5, 2, 2)), 1));
            assertTrue(flat.getMessage().contains("(5, 2, 2)"), flat.getMessage());
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                    () -> Pca.fit(manager.ones(new Shape(5, 3)), 4));
            assertTrue(many.getMessage().contains("3 features, got 4"), many.getMessage());
            Pca pca = Pca.fit(manager.randomNormal(new Shape(10, 3)), 2);
            IllegalArgumentException decode = assertThrows(IllegalArgumentException.class,
                    () -> pca.decode(manager.zeros(new Shape(4, 3))));
            assertTrue(decode.getMessage().contains("(N, 2)"), decode.getMessage());
        }
    }
}
