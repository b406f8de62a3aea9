package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
