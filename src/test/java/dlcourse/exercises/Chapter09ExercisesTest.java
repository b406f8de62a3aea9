package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter09Solutions;
import org.junit.jupiter.api.Test;

class Chapter09ExercisesTest {

    @Test
    void sequenceMaskAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter09Exercises.sequenceMask(Chapter09Solutions::sequenceMask)).passed());
    }

    @Test
    void sequenceMaskAcceptsABooleanMask() {
        assertTrue(Printed.run(() -> Chapter09Exercises.sequenceMask((lengths, steps) ->
                lengths.getManager().arange(steps).reshape(1, steps).lt(lengths.toType(DataType.INT32, false).reshape(-1, 1)))).passed());
    }

    @Test
    void sequenceMaskRejectsAnOffByOneMask() {
        assertFalse(Printed.run(() -> Chapter09Exercises.sequenceMask((lengths, steps) ->
                lengths.getManager().arange(steps).reshape(1, steps).lte(lengths.toType(DataType.INT32, false).reshape(-1, 1)))).passed());
    }

    @Test
    void sequenceMaskRejectsTheWrongShapeAndThePlaceholder() {
        assertFalse(Printed.run(() -> Chapter09Exercises.sequenceMask((lengths, steps) -> lengths.getManager().ones(lengths.getShape()))).passed());
        assertFalse(Printed.run(() -> Chapter09Exercises.sequenceMask((lengths, steps) -> Exercise.todo())).passed());
    }

    @Test
    void beamStepAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter09Exercises.beamStep(Chapter09Solutions::bestExtensions)).passed());
    }

    @Test
    void beamStepRejectsPerBeamGreedyChoices() {
        // Wrong: the best token of each beam in turn, ignoring that a good beam's second token may win.
        assertFalse(Printed.run(() -> Chapter09Exercises.beamStep((scores, logP, k) -> {
            int[][] pairs = new int[k][];
            for (int i = 0; i < k; i++) {
                int beam = i % scores.length;
                int best = 0;
                for (int t = 1; t < logP[beam].length; t++) {
                    best = logP[beam][t] > logP[beam][best] ? t : best;
                }
                pairs[i] = new int[] {beam, best};
            }
            return pairs;
        })).passed());
        assertFalse(Printed.run(() -> Chapter09Exercises.beamStep((scores, logP, k) -> Exercise.todo())).passed());
    }
}
