package dlcourse.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;

/** Checkers for notebook 09 (encoder-decoder). */
public final class Chapter09Exercises {

    private Chapter09Exercises() {
    }

    /**
     * Exercise: the mask behind the masked loss. {@code answer.apply(validLengths, steps)} must
     * return a (batch, steps) array that is 1 (or true) where the position is less than the row's
     * valid length and 0 (or false) after it.
     */
    public static boolean sequenceMask(BiFunction<NDArray, Integer, NDArray> answer) {
        return Exercise.check(Messages.text("ch09.sequenceMask.name"), () -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                int[][] cases = {{3, 1, 0}, {5}, {2, 4, 4, 1}, {0, 6}};
                int[] steps = {4, 5, 4, 6};
                for (int c = 0; c < cases.length; c++) {
                    int[] lengths = cases[c];
                    NDArray mask = answer.apply(manager.create(lengths), steps[c]);
                    Exercise.require(mask != null, Messages.text("ch09.sequenceMask.null"));
                    Shape expected = new Shape(lengths.length, steps[c]);
                    Exercise.require(mask.getShape().equals(expected), Messages.text("ch09.sequenceMask.shape",
                            Arrays.toString(lengths), steps[c], expected, mask.getShape()));
                    float[] values = mask.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int row = 0; row < lengths.length; row++) {
                        for (int t = 0; t < steps[c]; t++) {
                            float want = t < lengths[row] ? 1f : 0f;
                            float got = values[row * steps[c] + t];
                            Exercise.require(got == want, Messages.text("ch09.sequenceMask.value",
                                    Arrays.toString(lengths), steps[c], row, t,
                                    Messages.text(want == 1f ? "ch09.sequenceMask.real" : "ch09.sequenceMask.padding"),
                                    got));
                        }
                    }
                }
            }
        });
    }

    /** A learner's beam-search step: the k best (beam, token) extensions, best first. */
    @FunctionalInterface
    public interface BeamStep {
        int[][] best(double[] beamScores, double[][] logProbabilities, int k);
    }

    /**
     * Exercise: one step of beam search. Beam {@code b} has total log-probability
     * {@code beamScores[b]}; extending it by token {@code t} scores
     * {@code beamScores[b] + logProbabilities[b][t]}. The answer returns the {@code k} best
     * extensions over all beams and tokens as pairs {beam, token}, best first.
     */
    public static boolean beamStep(BeamStep answer) {
        return Exercise.check(Messages.text("ch09.beamStep.name"), () -> {
            // By hand: totals -0.3, -2.1, -3.1 for beam 0 and -4.5, -0.6, -3.0 for beam 1.
            double[] scores = {-0.1, -0.5};
            double[][] logP = {{-0.2, -2.0, -3.0}, {-4.0, -0.1, -2.5}};
            requirePairs(answer.best(scores, logP, 3), new int[][] {{0, 0}, {1, 1}, {0, 1}},
                    Messages.text("ch09.beamStep.byHand"));
            Random random = new Random(9);
            for (int trial = 0; trial < 20; trial++) {
                int beams = 1 + random.nextInt(4);
                int tokens = 2 + random.nextInt(6);
                int k = 1 + random.nextInt(Math.min(beams * tokens, 4));
                double[] beamScores = new double[beams];
                double[][] logProbabilities = new double[beams][tokens];
                for (int b = 0; b < beams; b++) {
                    beamScores[b] = -5 * random.nextDouble();
                    for (int t = 0; t < tokens; t++) {
                        logProbabilities[b][t] = -5 * random.nextDouble();
                    }
                }
                requirePairs(answer.best(beamScores, logProbabilities, k), best(beamScores, logProbabilities, k),
                        Messages.text("ch09.beamStep.random", beams, tokens, k));
            }
        });
    }

    /** The reference: every (beam, token) pair ranked by total score. */
    private static int[][] best(double[] beamScores, double[][] logProbabilities, int k) {
        int tokens = logProbabilities[0].length;
        Integer[] order = new Integer[beamScores.length * tokens];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(beamScores[b / tokens] + logProbabilities[b / tokens][b % tokens],
                beamScores[a / tokens] + logProbabilities[a / tokens][a % tokens]));
        int[][] pairs = new int[k][];
        for (int i = 0; i < k; i++) {
            pairs[i] = new int[] {order[i] / tokens, order[i] % tokens};
        }
        return pairs;
    }

    private static void requirePairs(int[][] got, int[][] expected, String what) {
        Exercise.require(got != null && got.length == expected.length, Messages.text("ch09.beamStep.count", what, expected.length,
                got == null ? "null" : got.length));
        for (int i = 0; i < expected.length; i++) {
            Exercise.require(Arrays.equals(got[i], expected[i]), Messages.text("ch09.beamStep.pair", what, i + 1, expected[i][0],
                    expected[i][1], Arrays.toString(got[i])));
        }
    }
}
