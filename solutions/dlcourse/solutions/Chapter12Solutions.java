package dlcourse.solutions;

import ai.djl.ndarray.NDArray;

/** Reference answers to notebook 12's checked exercises. */
public final class Chapter12Solutions {

    private Chapter12Solutions() {
    }

    /**
     * PCA reconstruction. Encoding centres each row and projects it onto the K unit components,
     * z = (x - mean) V^T, shape (N, K); decoding maps the code back, z V + mean, shape (N, D).
     */
    public static NDArray pcaReconstruction(NDArray data, NDArray mean, NDArray components) {
        NDArray codes = data.sub(mean).matMul(components.transpose());
        return codes.matMul(components).add(mean);
    }

    /**
     * Latent walk. The fractions t = 0, 1/(steps-1), ..., 1 as a column (steps, 1) broadcast against
     * the codes (D): each row is (1 - t) from + t to.
     */
    public static NDArray latentWalk(NDArray from, NDArray to, int steps) {
        NDArray t = from.getManager().linspace(0f, 1f, steps).reshape(steps, 1);
        return from.mul(t.neg().add(1)).add(to.mul(t));
    }
}
