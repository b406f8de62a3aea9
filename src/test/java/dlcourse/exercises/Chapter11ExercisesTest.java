package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter11Solutions;
import org.junit.jupiter.api.Test;

class Chapter11ExercisesTest {

    @Test
    void causalValidLengthsAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter11Exercises.causalValidLengths(Chapter11Solutions::causalValidLengths)).passed());
    }

    @Test
    void causalValidLengthsRejectsLengthsThatIgnoreEarlierTokensOrCountFromZero() {
        assertFalse(Printed.run(() -> Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) ->
                Chapter11Solutions.causalValidLengths(manager, batch, steps, 0))).passed());
        assertFalse(Printed.run(() -> Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) ->
                manager.arange(earlier, earlier + steps, 1, DataType.INT32).reshape(1, steps)
                        .broadcast(new Shape(batch, steps)))).passed());
        assertFalse(Printed.run(() -> Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) -> Exercise.todo())).passed());
    }

    @Test
    void encoderBlockParametersAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter11Exercises.encoderBlockParameters(Chapter11Solutions::encoderBlockParameters)).passed());
    }

    @Test
    void encoderBlockParametersRejectsAFormulaWithoutLayerNormOrBiases() {
        assertFalse(Printed.run(() -> Chapter11Exercises.encoderBlockParameters((d, f) -> 4L * d * d + 2L * d * f)).passed());
        assertFalse(Printed.run(() -> Chapter11Exercises.encoderBlockParameters((d, f) -> Exercise.todo())).passed());
    }
}
