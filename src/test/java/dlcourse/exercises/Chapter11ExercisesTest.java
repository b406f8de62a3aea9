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
        assertTrue(Chapter11Exercises.causalValidLengths(Chapter11Solutions::causalValidLengths));
    }

    @Test
    void causalValidLengthsRejectsLengthsThatIgnoreEarlierTokensOrCountFromZero() {
        assertFalse(Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) ->
                Chapter11Solutions.causalValidLengths(manager, batch, steps, 0)));
        assertFalse(Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) ->
                manager.arange(earlier, earlier + steps, 1, DataType.INT32).reshape(1, steps)
                        .broadcast(new Shape(batch, steps))));
        assertFalse(Chapter11Exercises.causalValidLengths((manager, batch, steps, earlier) -> Exercise.todo()));
    }

    @Test
    void encoderBlockParametersAcceptsTheSolution() {
        assertTrue(Chapter11Exercises.encoderBlockParameters(Chapter11Solutions::encoderBlockParameters));
    }

    @Test
    void encoderBlockParametersRejectsAFormulaWithoutLayerNormOrBiases() {
        assertFalse(Chapter11Exercises.encoderBlockParameters((d, f) -> 4L * d * d + 2L * d * f));
        assertFalse(Chapter11Exercises.encoderBlockParameters((d, f) -> Exercise.todo()));
    }
}
