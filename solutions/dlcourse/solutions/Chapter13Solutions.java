package dlcourse.solutions;

/** Reference answers to notebook 13's checked exercises. */
public final class Chapter13Solutions {

    private Chapter13Solutions() {
    }

    /** Cosine similarity: the dot product of the two vectors divided by the product of their lengths. */
    public static double cosineSimilarity(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }

    /** Subsampling: a word of relative frequency f is kept with probability sqrt(threshold / f), at most 1. */
    public static double keepProbability(long count, long total, double threshold) {
        double frequency = (double) count / total;
        return Math.min(1, Math.sqrt(threshold / frequency));
    }

    /**
     * Negative sampling: -log sigma(s) for the real context and -log sigma(-n) = -log(1 - sigma(n)) for
     * each noise word. With sigma(x) = 1 / (1 + e^-x), -log sigma(x) = log(1 + e^-x).
     */
    public static double negativeSamplingLoss(double contextScore, double[] noiseScores) {
        double loss = Math.log1p(Math.exp(-contextScore));
        for (double noise : noiseScores) {
            loss += Math.log1p(Math.exp(noise));
        }
        return loss;
    }
}
