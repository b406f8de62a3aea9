package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reference answers to the checked exercises of notebook 09 (encoder-decoder). */
public final class Chapter09Solutions {

    private Chapter09Solutions() {
    }

    /**
     * The mask of the masked loss: compare the positions 0, 1, ..., steps - 1 (a row) with each
     * sequence's valid length (a column); broadcasting gives the whole (batch, steps) mask at once.
     */
    public static NDArray sequenceMask(NDArray validLengths, int steps) {
        NDArray positions = validLengths.getManager().arange(steps).reshape(1, steps);   // int32
        NDArray lengths = validLengths.toType(DataType.INT32, false).reshape(-1, 1);    // compare like with like
        return positions.lt(lengths).toType(DataType.FLOAT32, false);
    }

    /**
     * One step of beam search: score every extension (beam b, token t) by the beam's total
     * log-probability plus the token's, and keep the k best over all beams together. Comparing
     * across beams is the point: the second-best token of a good beam can lose to the best token
     * of a weaker one.
     */
    public static int[][] bestExtensions(double[] beamScores, double[][] logProbabilities, int k) {
        List<int[]> candidates = new ArrayList<>();
        for (int b = 0; b < beamScores.length; b++) {
            for (int t = 0; t < logProbabilities[b].length; t++) {
                candidates.add(new int[] {b, t});
            }
        }
        candidates.sort(Comparator.comparingDouble((int[] c) -> beamScores[c[0]] + logProbabilities[c[0]][c[1]])
                .reversed());
        return candidates.subList(0, k).toArray(new int[0][]);
    }
}
