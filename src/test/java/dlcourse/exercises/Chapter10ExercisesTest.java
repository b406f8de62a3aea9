package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.nn.MaskedSoftmax;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter10Solutions;
import org.junit.jupiter.api.Test;

class Chapter10ExercisesTest {

    @Test
    void nadarayaWatsonAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter10Exercises.nadarayaWatson(Chapter10Solutions::nadarayaWatson)).passed());
    }

    @Test
    void nadarayaWatsonRejectsAveragesThatIgnoreTheBandwidthOrOverflow() {
        // Wrong: w divides the distance instead of multiplying it.
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) ->
                Chapter10Solutions.nadarayaWatson(q, keys, values, 1 / w))).passed());
        // Wrong: a softmax without subtracting the largest score (0/0 far from the keys).
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) -> {
            double total = 0, weighted = 0;
            for (int i = 0; i < keys.length; i++) {
                double e = Math.exp(-Math.pow((q - keys[i]) * w, 2) / 2);
                total += e;
                weighted += e * values[i];
            }
            return weighted / total;
        })).passed());
        assertFalse(Printed.run(() -> Chapter10Exercises.nadarayaWatson((q, keys, values, w) -> Exercise.todo())).passed());
    }

    @Test
    void maskedSoftmaxAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter10Exercises.maskedSoftmax(Chapter10Solutions::maskedSoftmax)).passed());
    }

    @Test
    void maskedSoftmaxRejectsAPlainSoftmaxOneLengthPerSequenceAndThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> scores.softmax(-1))).passed());
        // Wrong: every query of a sequence masked with its first query's length.
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) ->
                MaskedSoftmax.apply(scores, lengths.get(":, 0")))).passed());
        assertFalse(Printed.run(() -> Chapter10Exercises.maskedSoftmax((scores, lengths) -> Exercise.todo())).passed());
    }
}
