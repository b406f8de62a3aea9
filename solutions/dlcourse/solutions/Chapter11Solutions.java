package dlcourse.solutions;

/** Reference answers to the checked exercises of notebook 11 (transformer). */
public final class Chapter11Solutions {

    private Chapter11Solutions() {
    }

    /**
     * The learning rate at {@code update}: for the first 200 updates a straight line from 1e-4 to
     * 0.0125; then half a cosine wave from 0.0125 down to 1e-4 over {@code decayUpdates} updates;
     * after that 1e-4.
     */
    public static double learningRate(int update, int decayUpdates) {
        double begin = 1e-4;
        double peak = 0.0125;
        double last = 1e-4;
        int warmUp = 200;
        if (update < warmUp) {
            return begin + (peak - begin) * update / warmUp;
        }
        int decayed = update - warmUp;
        if (decayed > decayUpdates) {
            return last;
        }
        return last + (peak - last) / 2 * (1 + Math.cos(Math.PI * decayed / decayUpdates));
    }

    /**
     * Parameters of one encoder block with d = hidden and f = feedForward:
     * multi-head attention, four d x d projections without bias: 4 d^2;
     * feed-forward, d x f weights + f biases, then f x d weights + d biases: 2 d f + f + d;
     * two layer norms, a scale and a shift per feature each: 4 d.
     * The number of heads does not matter: the heads split the d features, they do not add any.
     */
    public static long encoderBlockParameters(int hidden, int feedForward) {
        long d = hidden;
        long f = feedForward;
        return 4 * d * d + (2 * d * f + f + d) + 4 * d;
    }
}
