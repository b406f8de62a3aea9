package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter13Solutions;
import org.junit.jupiter.api.Test;

class Chapter13ExercisesTest {

    @Test
    void cosineSimilarityAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter13Exercises.cosineSimilarity(Chapter13Solutions::cosineSimilarity)).passed());
    }

    @Test
    void cosineSimilarityRejectsTheBareDotProduct() {
        assertFalse(Printed.run(() -> Chapter13Exercises.cosineSimilarity((a, b) -> {
            double dot = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * b[i];
            }
            return dot;
        })).passed());
    }

    @Test
    void cosineSimilarityReportsThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter13Exercises.cosineSimilarity((a, b) -> Exercise.todo())).passed());
    }

    @Test
    void keepProbabilityAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter13Exercises.keepProbability(Chapter13Solutions::keepProbability)).passed());
    }

    @Test
    void keepProbabilityRejectsAnUncappedRule() {
        assertFalse(Printed.run(() -> Chapter13Exercises.keepProbability((count, total, t) -> Math.sqrt(t / ((double) count / total)))).passed());
    }

    @Test
    void keepProbabilityReportsThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter13Exercises.keepProbability((count, total, t) -> Exercise.todo())).passed());
    }

    @Test
    void negativeSamplingLossAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter13Exercises.negativeSamplingLoss(Chapter13Solutions::negativeSamplingLoss)).passed());
    }

    @Test
    void negativeSamplingLossRejectsNoiseWordsTreatedAsContexts() {
        assertFalse(Printed.run(() -> Chapter13Exercises.negativeSamplingLoss((s, noise) -> {
            double loss = Math.log1p(Math.exp(-s));
            for (double n : noise) {
                loss += Math.log1p(Math.exp(-n));
            }
            return loss;
        })).passed());
    }

    @Test
    void negativeSamplingLossReportsThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter13Exercises.negativeSamplingLoss((s, noise) -> Exercise.todo())).passed());
    }
}
