package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter12Solutions;
import org.junit.jupiter.api.Test;

class Chapter12ExercisesTest {

    @Test
    void pcaReconstructionAcceptsTheSolution() {
        assertTrue(Chapter12Exercises.pcaReconstruction(Chapter12Solutions::pcaReconstruction));
    }

    @Test
    void pcaReconstructionRejectsForgettingTheMean() {
        assertFalse(Chapter12Exercises.pcaReconstruction((x, mean, v) -> x.sub(mean).matMul(v.transpose()).matMul(v)));
    }

    @Test
    void pcaReconstructionRejectsTheCodeInsteadOfTheReconstruction() {
        assertFalse(Chapter12Exercises.pcaReconstruction((x, mean, v) -> x.sub(mean).matMul(v.transpose())));
    }

    @Test
    void pcaReconstructionReportsThePlaceholder() {
        assertFalse(Chapter12Exercises.pcaReconstruction((x, mean, v) -> Exercise.todo()));
    }

    @Test
    void latentWalkAcceptsTheSolution() {
        assertTrue(Chapter12Exercises.latentWalk(Chapter12Solutions::latentWalk));
    }

    @Test
    void latentWalkRejectsAWalkThatStopsShortOfTheEnd() {
        // t = 0, 1/steps, ..., (steps-1)/steps never reaches "to".
        assertFalse(Chapter12Exercises.latentWalk((from, to, steps) -> {
            var t = from.getManager().arange(0f, steps).div(steps).reshape(steps, 1);
            return from.mul(t.neg().add(1)).add(to.mul(t));
        }));
    }

    @Test
    void latentWalkReportsThePlaceholder() {
        assertFalse(Chapter12Exercises.latentWalk((from, to, steps) -> Exercise.todo()));
    }
}
