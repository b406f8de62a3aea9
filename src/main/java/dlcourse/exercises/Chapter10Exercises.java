package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.nn.MaskedSoftmax;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;

/** Checkers for notebook 10 (attention). */
public final class Chapter10Exercises {

    private Chapter10Exercises() {
    }

    /** A learner's Nadaraya-Watson estimate at one query. */
    @FunctionalInterface
    public interface KernelRegression {
        double predict(double query, double[] keys, double[] values, double bandwidth);
    }

    /**
     * Exercise: Nadaraya-Watson regression with a Gaussian kernel of learned bandwidth w:
     * {@code sum_i softmax_i(-((query - keys[i]) * w)^2 / 2) * values[i]}.
     */
    public static boolean nadarayaWatson(KernelRegression answer) {
        return Exercise.check(Messages.text("ch10.nadarayaWatson.name"), () -> {
            // By hand: a query halfway between two keys weighs both equally.
            Exercise.requireClose(answer.predict(0.5, new double[] {0, 1}, new double[] {0, 1}, 1), 0.5, 1e-9,
                    Messages.text("ch10.nadarayaWatson.halfway"));
            // Weights exp(-1/2) and exp(-2): (2 e^{-1/2} + 4 e^{-2}) / (e^{-1/2} + e^{-2}).
            double near = Math.exp(-0.5), far = Math.exp(-2);
            Exercise.requireClose(answer.predict(0, new double[] {1, 2}, new double[] {2, 4}, 1),
                    (2 * near + 4 * far) / (near + far), 1e-9, Messages.text("ch10.nadarayaWatson.byHand"));
            Exercise.requireClose(answer.predict(0, new double[] {1, 2}, new double[] {2, 4}, 0.5),
                    reference(0, new double[] {1, 2}, new double[] {2, 4}, 0.5), 1e-9,
                    Messages.text("ch10.nadarayaWatson.bandwidth"));
            Random random = new Random(10);
            for (int trial = 0; trial < 30; trial++) {
                int n = 1 + random.nextInt(20);
                double[] keys = new double[n];
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = 5 * random.nextDouble();
                    values[i] = 4 * random.nextDouble() - 2;
                }
                double query = 5 * random.nextDouble();
                double w = 0.2 + 5 * random.nextDouble();
                Exercise.requireClose(answer.predict(query, keys, values, w), reference(query, keys, values, w), 1e-6,
                        Messages.text("ch10.nadarayaWatson.random", (float) query, Arrays.toString(toFloats(keys)),
                                (float) w));
            }
            // Far from every key the scores are tiny: a softmax that does not subtract the maximum gives 0/0.
            Exercise.requireClose(answer.predict(100, new double[] {0, 1}, new double[] {3, 7}, 2), 7, 1e-6,
                    Messages.text("ch10.nadarayaWatson.far"));
        });
    }

    private static double reference(double query, double[] keys, double[] values, double w) {
        double[] scores = new double[keys.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < keys.length; i++) {
            double d = (query - keys[i]) * w;
            scores[i] = -d * d / 2;
            max = Math.max(max, scores[i]);
        }
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < keys.length; i++) {
            double e = Math.exp(scores[i] - max);
            total += e;
            weighted += e * values[i];
        }
        return weighted / total;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /**
     * Exercise: masked softmax with a valid length per query. {@code answer.apply(scores, validLengths)},
     * scores (batch, queries, keys) and valid lengths (batch, queries), must return the softmax over
     * keys in which key k counts for query q of sequence b only when k &lt; validLengths[b, q]: the
     * other keys get weight 0.
     */
    public static boolean maskedSoftmax(BiFunction<NDArray, NDArray, NDArray> answer) {
        return Exercise.check(Messages.text("ch10.maskedSoftmax.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                // By hand: equal scores, query 0 sees 1 key, query 1 sees all 3.
                NDArray uniform = manager.zeros(new Shape(1, 2, 3));
                NDArray lengths = manager.create(new int[] {1, 3}).reshape(1, 2);
                requireSame(answer.apply(uniform, lengths), manager.create(new float[] {1, 0, 0, 1f / 3, 1f / 3, 1f / 3})
                        .reshape(1, 2, 3), Messages.text("ch10.maskedSoftmax.byHand"));
                Random random = new Random(10);
                for (int trial = 0; trial < 5; trial++) {
                    int batch = 1 + random.nextInt(3);
                    int queries = 2 + random.nextInt(3);
                    int keys = 2 + random.nextInt(6);
                    int[] valid = new int[batch * queries];
                    for (int i = 0; i < valid.length; i++) {
                        valid[i] = 1 + random.nextInt(keys);
                    }
                    NDArray scores = manager.randomNormal(0, 3, new Shape(batch, queries, keys), DataType.FLOAT32);
                    NDArray validLengths = manager.create(valid).reshape(batch, queries);
                    requireSame(answer.apply(scores, validLengths), MaskedSoftmax.apply(scores, validLengths),
                            Messages.text("ch10.maskedSoftmax.random", scores.getShape(), Arrays.toString(valid)));
                }
            }
        });
    }

    private static void requireSame(NDArray got, NDArray expected, String what) {
        Exercise.require(got != null, Messages.text("ch10.maskedSoftmax.null", what));
        Exercise.require(got.getShape().equals(expected.getShape()),
                Messages.text("ch10.maskedSoftmax.shape", what, expected.getShape(), got.getShape()));
        float[] g = got.toType(DataType.FLOAT32, false).toFloatArray();
        float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (e[i] == 0) {
                Exercise.require(Math.abs(g[i]) < 1e-6, Messages.text("ch10.maskedSoftmax.padded", what, i, g[i]));
            } else {
                Exercise.requireClose(g[i], e[i], 1e-5, Messages.text("ch10.maskedSoftmax.element", what, i));
            }
        }
    }
}
