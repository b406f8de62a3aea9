package dlcourse.exercises;

import dlcourse.notebook.Exercise;
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
        return Exercise.check("cosine similarity", () -> {
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 0}, new float[] {0, 3}), 0, 1e-6,
                    "the similarity of (1, 0) and (0, 3), which are at right angles,");
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 2, 2}, new float[] {2, 4, 4}), 1, 1e-6,
                    "the similarity of (1, 2, 2) and (2, 4, 4), which point the same way,");
            Exercise.requireClose(answer.applyAsDouble(new float[] {1, 1}, new float[] {-3, -3}), -1, 1e-6,
                    "the similarity of (1, 1) and (-3, -3), which point opposite ways,");
            Exercise.requireClose(answer.applyAsDouble(new float[] {3, 4}, new float[] {4, 3}), 24.0 / 25, 1e-6,
                    "the similarity of (3, 4) and (4, 3)");
        });
    }

    /** Exercise "subsampling": min(1, sqrt(threshold / f)) with f = count / total. */
    public static boolean keepProbability(KeepProbability answer) {
        return Exercise.check("keep probability", () -> {
            Exercise.requireClose(answer.keep(4000, 100_000, 1e-3), Math.sqrt(1e-3 / 0.04), 1e-9,
                    "the keep probability of a word that is 4% of the text, threshold 1e-3,");
            Exercise.requireClose(answer.keep(50, 100_000, 1e-3), 1, 1e-9,
                    "the keep probability of a word rarer than the threshold (it must be kept: capped at 1)");
            Exercise.requireClose(answer.keep(1000, 1000, 0.25), 0.5, 1e-9,
                    "the keep probability of the only word of a text, threshold 0.25,");
        });
    }

    /** Exercise "the loss": -log sigma(s) - sum over k of log sigma(-n_k). */
    public static boolean negativeSamplingLoss(NegativeSamplingLoss answer) {
        return Exercise.check("negative-sampling loss", () -> {
            Exercise.requireClose(answer.loss(0, new double[] {0, 0}), 3 * Math.log(2), 1e-6,
                    "the loss when every score is 0 (each term is log 2)");
            double expected = Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(3));
            Exercise.requireClose(answer.loss(2, new double[] {-1, 3}), expected, 1e-6,
                    "the loss for context score 2 and noise scores -1 and 3");
            Exercise.require(answer.loss(5, new double[] {-5}) < answer.loss(-5, new double[] {5}),
                    "a high context score and low noise scores must give a smaller loss than the opposite");
        });
    }
}
