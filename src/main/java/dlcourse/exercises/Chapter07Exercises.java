package dlcourse.exercises;

import static dlcourse.notebook.Exercise.require;
import static dlcourse.notebook.Exercise.requireClose;

import dlcourse.notebook.Exercise;
import dlcourse.notebook.Messages;
import java.util.Arrays;
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
        return Exercise.check(Messages.text("ch07.perplexity.name"), () -> {
            requireClose(answer.applyAsDouble(new double[] {0.25, 0.25, 0.25, 0.25}), 4, 1e-9,
                    Messages.text("ch07.perplexity.quarters"));
            requireClose(answer.applyAsDouble(new double[] {1, 1, 1}), 1, 1e-9,
                    Messages.text("ch07.perplexity.certain"));
            requireClose(answer.applyAsDouble(new double[] {0.5, 0.125}), 4, 1e-9,
                    Messages.text("ch07.perplexity.halfAndEighth"));
            double[] longText = new double[2000];
            Arrays.fill(longText, 0.1);
            double value = answer.applyAsDouble(longText);
            require(Double.isFinite(value), Messages.text("ch07.perplexity.underflow", value));
            requireClose(value, 10, 1e-6, Messages.text("ch07.perplexity.longText"));
            Random random = new Random(7);
            double[] probabilities = random.doubles(50, 0.01, 1).toArray();
            double[] copy = probabilities.clone();
            requireClose(answer.applyAsDouble(probabilities), referencePerplexity(copy), 1e-9,
                    Messages.text("ch07.perplexity.random"));
            require(Arrays.equals(probabilities, copy), Messages.text("ch07.perplexity.changedInput"));
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
        return Exercise.check(Messages.text("ch07.temperatureSoftmax.name"), () -> {
            double[] scores = {1, 2, 3};
            expect(answer, scores, 1, new double[] {0.09003057, 0.24472847, 0.66524096}, 1e-7,
                    Messages.text("ch07.temperatureSoftmax.plain", Arrays.toString(scores)));
            expect(answer, scores, 0.5, reference(new double[] {2, 4, 6}), 1e-9,
                    Messages.text("ch07.temperatureSoftmax.doubled"));
            double[] cold = answer.apply(new double[] {0.3, 2.0, 1.9, -1}, 0.01);
            require(cold.length == 4, Messages.text("ch07.temperatureSoftmax.count", cold.length));
            requireClose(cold[1], 1, 1e-3, Messages.text("ch07.temperatureSoftmax.cold"));
            double[] hot = answer.apply(new double[] {0.3, 2.0, 1.9, -1}, 1000.0);
            for (double probability : hot) {
                requireClose(probability, 0.25, 1e-2, Messages.text("ch07.temperatureSoftmax.hot"));
            }
            expect(answer, new double[] {1000, 999}, 1, new double[] {0.73105858, 0.26894142}, 1e-7,
                    Messages.text("ch07.temperatureSoftmax.large"));
            Random random = new Random(11);
            double[] many = random.doubles(29, -5, 5).toArray();
            expect(answer, many, 0.7, reference(Arrays.stream(many).map(s -> s / 0.7).toArray()), 1e-9,
                    Messages.text("ch07.temperatureSoftmax.random"));
        });
    }

    private static void expect(BiFunction<double[], Double, double[]> answer, double[] scores, double temperature,
            double[] expected, double tolerance, String what) {
        double[] given = scores.clone();
        double[] actual = answer.apply(given, temperature);
        require(Arrays.equals(given, scores), Messages.text("ch07.temperatureSoftmax.changedInput", what));
        require(actual != null && actual.length == expected.length, Messages.text("ch07.temperatureSoftmax.length", what,
                expected.length, actual == null ? "null" : actual.length));
        requireClose(Arrays.stream(actual).sum(), 1, 1e-9, Messages.text("ch07.temperatureSoftmax.sum", what));
        for (int i = 0; i < expected.length; i++) {
            requireClose(actual[i], expected[i], tolerance,
                    Messages.text("ch07.temperatureSoftmax.probability", what, i));
        }
    }

    private static double[] reference(double[] scores) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] exp = Arrays.stream(scores).map(s -> Math.exp(s - max)).toArray();
        double sum = Arrays.stream(exp).sum();
        return Arrays.stream(exp).map(e -> e / sum).toArray();
    }
}
