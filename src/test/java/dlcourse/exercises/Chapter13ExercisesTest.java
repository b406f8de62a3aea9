package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter13Solutions;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void backToEnglish() {
        Course.language("en");
    }

    private static Printed uncappedKeepProbability() {
        return Printed.run(() -> Chapter13Exercises.keepProbability((count, total, t) -> Math.sqrt(t / ((double) count / total))));
    }

    @Test
    void keepProbabilitySaysInEnglishWhatItSaidBeforeTheMessageTables() {
        Printed printed = uncappedKeepProbability();
        assertTrue(printed.wrong(), printed.text());
        assertTrue(printed.text().startsWith("✘ keep probability: "), printed.text());
        assertTrue(printed.text().contains("the keep probability of a word rarer than the threshold (it must be kept: capped at 1) is 1.41421"),
                printed.text());
    }

    @Test
    void theCheckersSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        Printed keep = uncappedKeepProbability();
        assertFalse(keep.passed());
        assertTrue(keep.text().contains("保留概率") && keep.text().contains("比阈值更罕见的词的保留概率（它必须保留：上限为 1）"), keep.text());
        Printed cosine = Printed.run(() -> Chapter13Exercises.cosineSimilarity((a, b) -> 18));
        assertFalse(cosine.passed());
        assertTrue(cosine.text().contains("余弦相似度") && cosine.text().contains("(1, 0) 与 (0, 3) 互相垂直，它们的相似度"), cosine.text());
        Printed loss = Printed.run(() -> Chapter13Exercises.negativeSamplingLoss((s, noise) -> Exercise.todo()));
        assertTrue(loss.text().contains("负采样损失"), loss.text());
    }
}
