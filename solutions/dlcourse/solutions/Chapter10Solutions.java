package dlcourse.solutions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Reference answers to the checked exercises of notebook 10 (attention). */
public final class Chapter10Solutions {

    private Chapter10Solutions() {
    }

    /**
     * Nadaraya-Watson regression: the query attends to every key with weight
     * softmax(-((query - key) w)^2 / 2) and returns the weighted mean of the values. The largest
     * score is subtracted before exp, so a query far from all keys does not divide 0 by 0.
     */
    public static double nadarayaWatson(double query, double[] keys, double[] values, double w) {
        double[] scores = new double[keys.length];
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < keys.length; i++) {
            double distance = (query - keys[i]) * w;
            scores[i] = -distance * distance / 2;
            largest = Math.max(largest, scores[i]);
        }
        double weightSum = 0;
        double weightedValues = 0;
        for (int i = 0; i < keys.length; i++) {
            double weight = Math.exp(scores[i] - largest);
            weightSum += weight;
            weightedValues += weight * values[i];
        }
        return weightedValues / weightSum;
    }

    /**
     * Masked softmax with a valid length per query: key positions (1, 1, keys) compared with the
     * valid lengths as (batch, queries, 1) give a (batch, queries, keys) mask by broadcasting; keys at
     * or past a query's length get -1e6, whose exp is 0 in float32.
     */
    public static NDArray maskedSoftmax(NDArray scores, NDArray validLengths) {
        long keys = scores.getShape().get(2);
        NDArray positions = scores.getManager().arange(keys).reshape(1, 1, keys);
        NDArray lengths = validLengths.toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray penalty = positions.gte(lengths).toType(DataType.FLOAT32, false).mul(-1e6f);
        return scores.add(penalty).softmax(-1);
    }
}
