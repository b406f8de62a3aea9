package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter07Solutions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Chapter07ExercisesTest {

    @Test
    void perplexityAcceptsTheSolution() {
        assertTrue(Chapter07Exercises.perplexity(Chapter07Solutions::perplexity));
    }

    @Test
    void perplexityRejectsWrongAnswers() {
        assertFalse(Chapter07Exercises.perplexity(p -> Exercise.todo()), "the placeholder");
        assertFalse(Chapter07Exercises.perplexity(p -> 1 / Arrays.stream(p).average().orElseThrow()),
                "one over the mean probability is not the geometric mean");
        assertFalse(Chapter07Exercises.perplexity(p -> Math.pow(Arrays.stream(p).reduce(1, (a, b) -> a * b), -1.0 / p.length)),
                "the product of the probabilities underflows on a long text");
        assertFalse(Chapter07Exercises.perplexity(p -> -Arrays.stream(p).map(Math::log).average().orElseThrow()),
                "the cross-entropy is the logarithm of the perplexity");
    }

    @Test
    void temperatureSoftmaxAcceptsTheSolution() {
        assertTrue(Chapter07Exercises.temperatureSoftmax(Chapter07Solutions::softmax));
    }

    @Test
    void temperatureSoftmaxRejectsWrongAnswers() {
        assertFalse(Chapter07Exercises.temperatureSoftmax((s, t) -> Exercise.todo()), "the placeholder");
        assertFalse(Chapter07Exercises.temperatureSoftmax((s, t) -> Chapter07Solutions.softmax(s, 1)),
                "the temperature ignored");
        assertFalse(Chapter07Exercises.temperatureSoftmax((s, t) -> Chapter07Solutions.softmax(s, 1 / t)),
                "scores multiplied by the temperature instead of divided");
        assertFalse(Chapter07Exercises.temperatureSoftmax((s, t) -> {
            double[] e = Arrays.stream(s).map(x -> Math.exp(x / t)).toArray();
            double sum = Arrays.stream(e).sum();
            return Arrays.stream(e).map(x -> x / sum).toArray();
        }), "without subtracting the largest score, exp(1000) overflows");
        assertFalse(Chapter07Exercises.temperatureSoftmax((s, t) -> {
            double max = Arrays.stream(s).max().orElseThrow();
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.exp((s[i] - max) / t);
            }
            double sum = Arrays.stream(s).sum();
            return Arrays.stream(s).map(x -> x / sum).toArray();
        }), "an answer that overwrites the scores it was given");
    }
}
