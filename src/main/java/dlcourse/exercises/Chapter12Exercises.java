package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import dlcourse.tensor.Pca;

/** Checkers of notebook 12's exercises (autoencoders). Each prints one line and returns true when the answer is right. */
public final class Chapter12Exercises {

    private Chapter12Exercises() {
    }

    /** A learner's PCA reconstruction: data (N, D), mean (D), components (K, D) to the reconstruction (N, D). */
    @FunctionalInterface
    public interface PcaReconstruction {
        NDArray reconstruct(NDArray data, NDArray mean, NDArray components);
    }

    /** A learner's latent walk: {@code steps} points evenly spaced from {@code from} to {@code to}, both included. */
    @FunctionalInterface
    public interface LatentWalk {
        NDArray walk(NDArray from, NDArray to, int steps);
    }

    /**
     * Exercise "PCA by hand": {@code (x - mean) V^T V + mean}, compared with {@link Pca#reconstruct} on
     * random data of several shapes and code sizes.
     */
    public static boolean pcaReconstruction(PcaReconstruction answer) {
        return Exercise.check(Messages.text("ch12.pcaReconstruction.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(12);
                int[][] cases = {{50, 4, 1}, {80, 6, 3}, {120, 10, 5}};
                for (int[] c : cases) {
                    NDArray data = manager.randomNormal(new Shape(c[0], c[1]))
                            .mul(manager.arange(1f, c[1] + 1f)).add(3);
                    Pca pca = Pca.fit(data, c[2]);
                    NDArray yours = answer.reconstruct(data, pca.mean(), pca.components());
                    Exercise.require(yours != null, Messages.text("ch12.pcaReconstruction.null"));
                    Shape expectedShape = new Shape(c[0], c[1]);
                    Exercise.require(yours.getShape().equals(expectedShape), Messages.text(
                            "ch12.pcaReconstruction.shape", expectedShape, c[2], yours.getShape(), expectedShape));
                    double error = yours.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .sub(pca.reconstruct(data)).abs().max().getFloat();
                    Exercise.require(error < 1e-3,
                            Messages.text("ch12.pcaReconstruction.off", expectedShape, c[2], error));
                }
            }
        });
    }

    /** Exercise "latent walk": the points {@code (1 - t) from + t to} for t = 0, 1/(steps-1), ..., 1, shape (steps, D). */
    public static boolean latentWalk(LatentWalk answer) {
        return Exercise.check(Messages.text("ch12.latentWalk.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray from = manager.create(new float[] {1, -2});
                NDArray to = manager.create(new float[] {4, 2});
                NDArray yours = answer.walk(from, to, 4);
                Exercise.require(yours != null, Messages.text("ch12.latentWalk.null"));
                Exercise.require(yours.getShape().equals(new Shape(4, 2)),
                        Messages.text("ch12.latentWalk.shape4", yours.getShape()));
                float[] expected = {1, -2, 2, -2f / 3, 3, 2f / 3, 4, 2};
                float[] got = yours.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    Exercise.requireClose(got[i], expected[i], 1e-4,
                            Messages.text("ch12.latentWalk.point", i / 2, i % 2));
                }
                NDArray longer = answer.walk(manager.zeros(new Shape(3)), manager.ones(new Shape(3)), 11);
                Exercise.require(longer.getShape().equals(new Shape(11, 3)),
                        Messages.text("ch12.latentWalk.shape11", longer.getShape()));
                Exercise.requireClose(longer.get(5).mean().getFloat(), 0.5, 1e-4, Messages.text("ch12.latentWalk.middle"));
            }
        });
    }
}
