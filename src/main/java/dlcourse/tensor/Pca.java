package dlcourse.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Principal component analysis with NDArray operations: the directions along which data varies
 * most, found by power iteration with deflation on the covariance matrix (the engine has no
 * eigen-decomposition), run on its square, which has the same eigenvectors and converges faster. Taught in notebook 12 as the linear baseline of an autoencoder, reused in
 * notebook 13 to draw word vectors in 2-D.
 *
 * <pre>
 * Pca pca = Pca.fit(images.reshape(n, 784), 32);   // mean (784), components (32, 784)
 * NDArray codes = pca.encode(images.reshape(n, 784));   // (n, 32)
 * NDArray back = pca.decode(codes);                     // (n, 784), the best rank-32 approximation
 * </pre>
 *
 * <p>Arrays returned are float32 and belong to the manager of the array passed in; the fitted
 * mean and components belong to the manager of the data given to {@link #fit}.
 */
public final class Pca {

    /**
     * Power iteration stops when no entry of a component moves more than this in one step, or after
     * MAX_ITERATIONS: two components of nearly equal variance converge slowly, but then any mix of
     * them serves as well, and deflation keeps the span of the components found right.
     */
    private static final double TOLERANCE = 1e-5;
    private static final int CHECK_EVERY = 10;
    private static final int MAX_ITERATIONS = 60;

    private final NDArray mean;
    private final NDArray components;
    private final double[] variances;

    private Pca(NDArray mean, NDArray components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * The first {@code count} principal components of {@code data} (N, D), rows being examples.
     * Each component is a unit vector; its sign is chosen so that its largest entry is positive.
     */
    public static Pca fit(NDArray data, int count) {
        Shape shape = data.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("PCA needs data of shape (examples, features), got " + shape
                    + "; flatten each example first, for example images.reshape(n, -1)");
        }
        long n = shape.get(0);
        long d = shape.get(1);
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 examples to measure variance, got " + n);
        }
        if (count < 1 || count > d) {
            throw new IllegalArgumentException("number of components must be between 1 and the " + d
                    + " features, got " + count);
        }
        NDManager owner = data.getManager();
        try (NDManager work = owner.newSubManager()) {
            NDArray x = data.toType(DataType.FLOAT32, true);
            x.attach(work);
            NDArray mean = x.mean(new int[] {0});
            NDArray centred = x.sub(mean);
            NDArray covariance = centred.transpose().matMul(centred).div(n - 1);
            // Iterating with C^2 converges twice as fast per step as with C; its eigenvectors are C's and
            // its eigenvalues their squares, so deflating C^2 by variance^2 removes the same direction.
            NDArray squared = covariance.matMul(covariance);
            NDList found = new NDList();
            double[] variances = new double[count];
            for (int i = 0; i < count; i++) {
                NDArray v;   // (D, 1)
                try (NDManager iterations = work.newSubManager()) {
                    v = leadingEigenvector(squared, iterations, i);
                    v.attach(work);
                }
                double variance = v.transpose().matMul(covariance).matMul(v).getFloat();
                variances[i] = variance;
                // Deflation: remove the component found, so the next one is the largest that is left.
                squared = squared.sub(v.matMul(v.transpose()).mul(variance * variance));
                found.add(v.transpose());
            }
            NDArray components = NDArrays.concat(found);
            NDArray meanOut = mean.duplicate();
            components.attach(owner);
            meanOut.attach(owner);
            return new Pca(meanOut, components, variances);
        }
    }

    private static NDArray leadingEigenvector(NDArray matrix, NDManager manager, int index) {
        long d = matrix.getShape().get(0);
        // A fixed, deterministic start that is not orthogonal to any eigenvector in practice.
        NDArray v = manager.arange(0, d, 1, matrix.getDataType()).add(index + 1).mul(0.7548776662).sin().reshape(d, 1);
        v = v.div(v.norm());
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            NDArray next = matrix.matMul(v);
            next.attach(manager);   // products belong to the matrix's manager; these are temporary
            NDArray length = next.norm();
            if (iteration % CHECK_EVERY == 1 && length.getFloat() == 0) {
                return v;   // the remaining variance is zero: any unit vector will do
            }
            next = next.div(length);
            boolean settled = iteration % CHECK_EVERY == 0 && next.sub(v).abs().max().getFloat() < TOLERANCE;
            v = next;
            if (settled) {
                break;
            }
        }
        long largest = v.abs().argMax().getLong();
        return v.getFloat(largest, 0) < 0 ? v.neg() : v;
    }

    /** The mean of the data, shape (D). */
    public NDArray mean() {
        return mean;
    }

    /** The components as rows, shape (count, D), most variance first. */
    public NDArray components() {
        return components;
    }

    /** The variance of the data along each component, largest first. */
    public double[] variances() {
        return variances.clone();
    }

    /** Number of components. */
    public int count() {
        return variances.length;
    }

    /**
     * The first {@code k} components only: the same as fitting with k components (power iteration
     * finds them in order), without repeating the work.
     */
    public Pca first(int k) {
        if (k < 1 || k > count()) {
            throw new IllegalArgumentException("this PCA has " + count() + " components; first(k) needs k between 1 and "
                    + count() + ", got " + k);
        }
        return new Pca(mean, components.get("0:" + k), Arrays.copyOf(variances, k));
    }

    /** The coordinates of {@code data} (N, D) along the components: (N, count). */
    public NDArray encode(NDArray data) {
        checkFeatures(data, mean.getShape().get(0), "encode");
        return data.toType(DataType.FLOAT32, false).sub(mean).matMul(components.transpose());
    }

    /** The points (N, D) that codes (N, count) stand for: the mean plus the components weighted by the code. */
    public NDArray decode(NDArray codes) {
        checkFeatures(codes, count(), "decode");
        return codes.toType(DataType.FLOAT32, false).matMul(components).add(mean);
    }

    /** Encode then decode: the projection of {@code data} onto the components. */
    public NDArray reconstruct(NDArray data) {
        return decode(encode(data));
    }

    private static void checkFeatures(NDArray array, long features, String what) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(1) != features) {
            throw new IllegalArgumentException("PCA " + what + " needs an array of shape (N, " + features + "), got "
                    + shape);
        }
    }

    @Override
    public String toString() {
        return "PCA with " + count() + " components of " + mean.getShape().get(0) + " features";
    }
}
