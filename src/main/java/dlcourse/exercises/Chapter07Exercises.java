package dlcourse.exercises;

import static dlcourse.notebook.Exercise.require;
import static dlcourse.notebook.Exercise.requireClose;

import dlcourse.notebook.Exercise;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/** Checkers for the exercises of notebook 07, text and recurrent neural networks. */
public final class Chapter07Exercises {

    private Chapter07Exercises() {
    }

    /**
     * Exercise 1: the perplexity of a model from the probabilities it gave the true next tokens,
     * {@code exp(-mean(log p))}. Checked on hand-worked cases and on a long text whose product of
     * probabilities underflows, which only the average of logarithms survives.
     */
    public static boolean perplexity(ToDoubleFunction<double[]> answer) {
        return Exercise.check("perplexity", () -> {
            requireClose(answer.applyAsDouble(new double[] {0.25, 0.25, 0.25, 0.25}), 4, 1e-9,
                    "the perplexity of probabilities 1/4, 1/4, 1/4, 1/4 (as unsure as choosing among 4)");
            requireClose(answer.applyAsDouble(new double[] {1, 1, 1}), 1, 1e-9,
                    "the perplexity of a model that gives the true token probability 1 every time");
            requireClose(answer.applyAsDouble(new double[] {0.5, 0.125}), 4, 1e-9,
                    "the perplexity of probabilities 1/2 and 1/8 (exp of the mean negative log, not 1 / the mean)");
            double[] longText = new double[2000];
            Arrays.fill(longText, 0.1);
            double value = answer.applyAsDouble(longText);
            require(Double.isFinite(value), "2000 tokens each with probability 0.1 give " + value
                    + ": their product underflows to 0, so average the logarithms instead of multiplying");
            requireClose(value, 10, 1e-6, "the perplexity of 2000 tokens each with probability 0.1");
            Random random = new Random(7);
            double[] probabilities = random.doubles(50, 0.01, 1).toArray();
            double[] copy = probabilities.clone();
            requireClose(answer.applyAsDouble(probabilities), referencePerplexity(copy), 1e-9,
                    "the perplexity of 50 random probabilities");
            require(Arrays.equals(probabilities, copy), "your function changed the array it was given");
        });
    }

    private static double referencePerplexity(double[] probabilities) {
        return Math.exp(-Arrays.stream(probabilities).map(Math::log).average().orElseThrow());
    }

    /**
     * Exercise 2: the softmax of scores divided by a temperature, the distribution the next
     * character is sampled from. Checked against the definition, the two limits (a low temperature
     * picks the largest score, a high one approaches uniform) and large scores, which overflow
     * {@code exp} unless the largest score is subtracted first.
     */
    public static boolean temperatureSoftmax(BiFunction<double[], Double, double[]> answer) {
        return Exercise.check("softmax with temperature", () -> {
            double[] scores = {1, 2, 3};
            expect(answer, scores, 1, new double[] {0.09003057, 0.24472847, 0.66524096}, 1e-7,
                    "at temperature 1, the plain softmax of " + Arrays.toString(scores));
            expect(answer, scores, 0.5, reference(new double[] {2, 4, 6}), 1e-9,
                    "at temperature 0.5, the softmax of the scores doubled");
            double[] cold = answer.apply(new double[] {0.3, 2.0, 1.9, -1}, 0.01);
            require(cold.length == 4, "the answer has " + cold.length + " probabilities for 4 scores");
            requireClose(cold[1], 1, 1e-3, "at temperature 0.01, the probability of the largest score");
            double[] hot = answer.apply(new double[] {0.3, 2.0, 1.9, -1}, 1000.0);
            for (double probability : hot) {
                requireClose(probability, 0.25, 1e-2, "at temperature 1000, each of 4 probabilities");
            }
            expect(answer, new double[] {1000, 999}, 1, new double[] {0.73105858, 0.26894142}, 1e-7,
                    "for the scores 1000 and 999 (exp(1000) overflows: subtract the largest score first)");
            Random random = new Random(11);
            double[] many = random.doubles(29, -5, 5).toArray();
            expect(answer, many, 0.7, reference(Arrays.stream(many).map(s -> s / 0.7).toArray()), 1e-9,
                    "29 random scores at temperature 0.7");
        });
    }

    private static void expect(BiFunction<double[], Double, double[]> answer, double[] scores, double temperature,
            double[] expected, double tolerance, String what) {
        double[] given = scores.clone();
        double[] actual = answer.apply(given, temperature);
        require(Arrays.equals(given, scores), what + ": your function changed the scores it was given");
        require(actual != null && actual.length == expected.length, what + ": expected " + expected.length
                + " probabilities, got " + (actual == null ? "null" : actual.length));
        requireClose(Arrays.stream(actual).sum(), 1, 1e-9, what + ": the sum of the probabilities");
        for (int i = 0; i < expected.length; i++) {
            requireClose(actual[i], expected[i], tolerance,
                    String.format(Locale.ROOT, "%s: probability %d", what, i));
        }
    }

    private static double[] reference(double[] scores) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] exp = Arrays.stream(scores).map(s -> Math.exp(s - max)).toArray();
        double sum = Arrays.stream(exp).sum();
        return Arrays.stream(exp).map(e -> e / sum).toArray();
    }
}
