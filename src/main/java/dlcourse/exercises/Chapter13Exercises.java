package dlcourse.exercises;

import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.function.ToDoubleBiFunction;

/** Checkers of notebook 13's exercises (embeddings). Each prints one line and returns true when the answer is right. */
public final class Chapter13Exercises {

    private Chapter13Exercises() {
    }

    /** A learner's subsampling rule: the probability of keeping a word seen {@code count} times among {@code total} words. */
    @FunctionalInterface
    public interface KeepProbability {
        double keep(long count, long total, double threshold);
    }

    /** A learner's negative-sampling loss of one pair: the context's score and the noise words' scores. */
    @FunctionalInterface
    public interface NegativeSamplingLoss {
        double loss(double contextScore, double[] noiseScores);
    }

    /** Exercise "cosine similarity": a.b / (|a| |b|) of two vectors, on vectors of several lengths and directions. */
    public static boolean cosineSimilarity(ToDoubleBiFunction<float[], float[]> answer) {
        return Exercise.check(Messages.text("ch13.cosineSimilarity.name"), () -> {
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 0}, new float[] {0, 3}), 0, 1e-6,
                    Messages.text("ch13.cosineSimilarity.rightAngle"));
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 2, 2}, new float[] {2, 4, 4}), 1, 1e-6,
                    Messages.text("ch13.cosineSimilarity.sameWay"));
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 1}, new float[] {-3, -3}), -1, 1e-6,
                    Messages.text("ch13.cosineSimilarity.oppositeWays"));
            Exercise.requireClose(answer.applyAsDouble(new float[] {3, 4}, new float[] {4, 3}), 24.0 / 25, 1e-6,
                    Messages.text("ch13.cosineSimilarity.general"));
        });
    }

    /** Exercise "subsampling": min(1, sqrt(threshold / f)) with f = count / total. */
    public static boolean keepProbability(KeepProbability answer) {
        return Exercise.check(Messages.text("ch13.keepProbability.name"), () -> {
            Exercise.requireClose(answer.keep(4000, 100_000, 1e-3), Math.sqrt(1e-3 / 0.04), 1e-9,
                    Messages.text("ch13.keepProbability.frequent"));
            Exercise.requireClose(answer.keep(50, 100_000, 1e-3), 1, 1e-9,
                    Messages.text("ch13.keepProbability.rare"));
            Exercise.requireClose(answer.keep(1000, 1000, 0.25), 0.5, 1e-9,
                    Messages.text("ch13.keepProbability.onlyWord"));
        });
    }

    /** Exercise "the loss": -log sigma(s) - sum over k of log sigma(-n_k). */
    public static boolean negativeSamplingLoss(NegativeSamplingLoss answer) {
        return Exercise.check(Messages.text("ch13.negativeSamplingLoss.name"), () -> {
            Exercise.requireClose(answer.loss(0, new double[] {0, 0}), 3 * Math.log(2), 1e-6,
                    Messages.text("ch13.negativeSamplingLoss.zeroScores"));
            double expected = Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(3));
            Exercise.requireClose(answer.loss(2, new double[] {-1, 3}), expected, 1e-6,
                    Messages.text("ch13.negativeSamplingLoss.example"));
            Exercise.require(answer.loss(5, new double[] {-5}) < answer.loss(-5, new double[] {5}),
                    Messages.text("ch13.negativeSamplingLoss.order"));
        });
    }
}
