package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Course;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter12Solutions;
import org.junit.jupiter.api.Test;

class Chapter12ExercisesTest {

    @Test
    void pcaReconstructionAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter12Exercises.pcaReconstruction(Chapter12Solutions::pcaReconstruction)).passed());
    }

    @Test
    void pcaReconstructionRejectsForgettingTheMean() {
        assertFalse(Printed.run(() -> Chapter12Exercises.pcaReconstruction((x, mean, v) -> x.sub(mean).matMul(v.transpose()).matMul(v))).passed());
    }

    @Test
    void pcaReconstructionRejectsTheCodeInsteadOfTheReconstruction() {
        assertFalse(Printed.run(() -> Chapter12Exercises.pcaReconstruction((x, mean, v) -> x.sub(mean).matMul(v.transpose()))).passed());
    }

    @Test
    void pcaReconstructionReportsThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter12Exercises.pcaReconstruction((x, mean, v) -> Exercise.todo())).passed());
    }

    @Test
    void latentWalkAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter12Exercises.latentWalk(Chapter12Solutions::latentWalk)).passed());
    }

    @Test
    void latentWalkRejectsAWalkThatStopsShortOfTheEnd() {
        // t = 0, 1/steps, ..., (steps-1)/steps never reaches "to".
        assertFalse(Printed.run(() -> Chapter12Exercises.latentWalk((from, to, steps) -> {
            var t = from.getManager().arange(0f, steps).div(steps).reshape(steps, 1);
            return from.mul(t.neg().add(1)).add(to.mul(t));
        })).passed());
    }

    @Test
    void latentWalkReportsThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter12Exercises.latentWalk((from, to, steps) -> Exercise.todo())).passed());
    }

    @Test
    void latentWalkNamesTheShapeInTheNotebooksLanguage() {
        String english = Printed.run(() -> Chapter12Exercises.latentWalk((from, to, steps) -> from.reshape(1, -1))).text();
        assertTrue(english.contains("✘ latent walk: not yet. a walk of 4 steps between 2-number codes should have shape "
                + "(4, 2), yours has (1, 2)"), english);
        Course.language("zh");
        try {
            String chinese = Printed.run(() -> Chapter12Exercises.latentWalk((from, to, steps) -> from.reshape(1, -1)))
                    .text();
            assertTrue(chinese.contains("潜在空间漫步") && chinese.contains("在两个 2 维编码之间走 4 步，形状应为 (4, 2)，你的是 (1, 2)"),
                    chinese);
            String pca = Printed.run(() -> Chapter12Exercises.pcaReconstruction((x, mean, v) -> x.sub(mean))).text();
            assertTrue(pca.contains("PCA 重构") && pca.contains("主成分为 1 个时，你的重构最多偏差"), pca);
        } finally {
            Course.language("en");
        }
    }
}
