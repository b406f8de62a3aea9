package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter13Solutions;
import org.junit.jupiter.api.Test;

class Chapter13ExercisesTest {

    @Test
    void cosineSimilarityAcceptsTheSolution() {
        assertTrue(Chapter13Exercises.cosineSimilarity(Chapter13Solutions::cosineSimilarity));
    }

    @Test
    void cosineSimilarityRejectsTheBareDotProduct() {
        assertFalse(Chapter13Exercises.cosineSimilarity((a, b) -> {
            double dot = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * b[i];
            }
            return dot;
        }));
    }

    @Test
    void cosineSimilarityReportsThePlaceholder() {
        assertFalse(Chapter13Exercises.cosineSimilarity((a, b) -> Exercise.todo()));
    }

    @Test
    void keepProbabilityAcceptsTheSolution() {
        assertTrue(Chapter13Exercises.keepProbability(Chapter13Solutions::keepProbability));
    }

    @Test
    void keepProbabilityRejectsAnUncappedRule() {
        assertFalse(Chapter13Exercises.keepProbability((count, total, t) -> Math.sqrt(t / ((double) count / total))));
    }

    @Test
    void keepProbabilityReportsThePlaceholder() {
        assertFalse(Chapter13Exercises.keepProbability((count, total, t) -> Exercise.todo()));
    }

    @Test
    void negativeSamplingLossAcceptsTheSolution() {
        assertTrue(Chapter13Exercises.negativeSamplingLoss(Chapter13Solutions::negativeSamplingLoss));
    }

    @Test
    void negativeSamplingLossRejectsNoiseWordsTreatedAsContexts() {
        assertFalse(Chapter13Exercises.negativeSamplingLoss((s, noise) -> {
            double loss = Math.log1p(Math.exp(-s));
            for (double n : noise) {
                loss += Math.log1p(Math.exp(-n));
            }
            return loss;
        }));
    }

    @Test
    void negativeSamplingLossReportsThePlaceholder() {
        assertFalse(Chapter13Exercises.negativeSamplingLoss((s, noise) -> Exercise.todo()));
    }
}
