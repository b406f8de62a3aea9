package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter07Solutions;
import java.util.Arrays;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Chapter07ExercisesTest {

    @Test
    void perplexityAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter07Exercises.perplexity(Chapter07Solutions::perplexity)).passed());
    }

    @Test
    void perplexityRejectsWrongAnswers() {
        assertFalse(Printed.run(() -> Chapter07Exercises.perplexity(p -> Exercise.todo())).passed(), "the placeholder");
        assertFalse(Printed.run(() -> Chapter07Exercises.perplexity(p -> 1 / Arrays.stream(p).average().orElseThrow())).passed(),
                "one over the mean probability is not the geometric mean");
        assertFalse(Printed.run(() -> Chapter07Exercises.perplexity(p -> Math.pow(Arrays.stream(p).reduce(1, (a, b) -> a * b), -1.0 / p.length))).passed(),
                "the product of the probabilities underflows on a long text");
        assertFalse(Printed.run(() -> Chapter07Exercises.perplexity(p -> -Arrays.stream(p).map(Math::log).average().orElseThrow())).passed(),
                "the cross-entropy is the logarithm of the perplexity");
    }

    @Test
    void temperatureSoftmaxAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter07Exercises.temperatureSoftmax(Chapter07Solutions::softmax)).passed());
    }

    @Test
    void temperatureSoftmaxRejectsWrongAnswers() {
        assertFalse(Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> Exercise.todo())).passed(), "the placeholder");
        assertFalse(Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> Chapter07Solutions.softmax(s, 1))).passed(),
                "the temperature ignored");
        assertFalse(Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> Chapter07Solutions.softmax(s, 1 / t))).passed(),
                "scores multiplied by the temperature instead of divided");
        assertFalse(Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> {
            double[] e = Arrays.stream(s).map(x -> Math.exp(x / t)).toArray();
            double sum = Arrays.stream(e).sum();
            return Arrays.stream(e).map(x -> x / sum).toArray();
        })).passed(), "without subtracting the largest score, exp(1000) overflows");
        assertFalse(Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> {
            double max = Arrays.stream(s).max().orElseThrow();
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.exp((s[i] - max) / t);
            }
            double sum = Arrays.stream(s).sum();
            return Arrays.stream(s).map(x -> x / sum).toArray();
        })).passed(), "an answer that overwrites the scores it was given");
    }

    @AfterEach
    void backToEnglish() {
        Course.language("en");
    }

    /** The product of the probabilities: right on short cases, Infinity on the long text. */
    private static Printed underflowingPerplexity() {
        return Printed.run(() -> Chapter07Exercises.perplexity(p -> Math.pow(Arrays.stream(p).reduce(1, (a, b) -> a * b), -1.0 / p.length)));
    }

    @Test
    void perplexitySaysInEnglishWhatItSaidBeforeTheMessageTables() {
        Printed printed = underflowingPerplexity();
        assertTrue(printed.wrong(), printed.text());
        assertTrue(printed.text().startsWith("✘ perplexity: "), printed.text());
        assertTrue(printed.text().contains("2000 tokens each with probability 0.1 give Infinity: their product underflows to 0, "
                + "so average the logarithms instead of multiplying"), printed.text());
    }

    @Test
    void perplexityAndSoftmaxSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        Printed printed = underflowingPerplexity();
        assertFalse(printed.passed());
        assertTrue(printed.text().contains("困惑度"), printed.text());
        assertTrue(printed.text().contains("2000 个概率都为 0.1 的词元得到 Infinity：它们的乘积下溢为 0"), printed.text());
        Printed ignored = Printed.run(() -> Chapter07Exercises.temperatureSoftmax((s, t) -> Chapter07Solutions.softmax(s, 1)));
        assertFalse(ignored.passed());
        assertTrue(ignored.text().contains("带温度的 softmax") && ignored.text().contains("温度为 0.5 时"), ignored.text());
    }
}
