package dlcourse.solutions;

import java.util.Arrays;

/** Reference answers to the checked exercises of notebook 07, text and recurrent neural networks. */
public final class Chapter07Solutions {

    private Chapter07Solutions() {
    }

    /**
     * Exercise 1: perplexity = exp(-(1/n) sum log p_t). Averaging the logarithms, not multiplying
     * the probabilities, keeps it finite on long texts: 0.1 to the power 2000 is 0 in a double.
     */
    public static double perplexity(double[] probabilities) {
        double meanLog = Arrays.stream(probabilities).map(Math::log).average().orElseThrow();
        return Math.exp(-meanLog);
    }

    /**
     * Exercise 2: softmax(scores / temperature). Subtracting the largest score first changes nothing
     * mathematically (it cancels between numerator and denominator) but keeps exp from overflowing.
     */
    public static double[] softmax(double[] scores, double temperature) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] weights = Arrays.stream(scores).map(score -> Math.exp((score - max) / temperature)).toArray();
        double sum = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(weight -> weight / sum).toArray();
    }
}
