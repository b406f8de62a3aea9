package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter09Solutions;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.AfterEach;
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
        assertFalse(perBeamGreedy().passed());
        assertFalse(Printed.run(() -> Chapter09Exercises.beamStep((scores, logP, k) -> Exercise.todo())).passed());
    }

    @AfterEach
    void backToEnglish() {
        Course.language("en");
    }

    /** Position t counted as real where t equals the valid length: wrong first at (0, 3) of lengths [3, 1, 0]. */
    private static Printed offByOneMask() {
        return Printed.run(() -> Chapter09Exercises.sequenceMask((lengths, steps) ->
                lengths.getManager().arange(steps).reshape(1, steps).lte(lengths.toType(DataType.INT32, false).reshape(-1, 1))));
    }

    /** Beams taken in turn, each with its best token: the third extension of the hand-worked case is wrong. */
    private static Printed perBeamGreedy() {
        return Printed.run(() -> Chapter09Exercises.beamStep((scores, logP, k) -> {
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
        }));
    }

    @Test
    void theCheckersSayInEnglishWhatTheySaidBeforeTheMessageTables() {
        Printed mask = offByOneMask();
        assertTrue(mask.text().startsWith("✘ sequence mask: "), mask.text());
        assertTrue(mask.text().contains("valid lengths [3, 1, 0], 4 steps: position (0, 3) should be 0 (padding), got 1.0"),
                mask.text());
        Printed beam = perBeamGreedy();
        assertTrue(beam.text().startsWith("✘ one step of beam search: "), beam.text());
        assertTrue(beam.text().contains("beam scores [-0.1, -0.5], log p [[-0.2, -2, -3], [-4, -0.1, -2.5]], k = 3: "
                + "extension 3 should be {beam 0, token 1}, got [0, 0] (rank by beam score + token log-probability, best first)"),
                beam.text());
    }

    @Test
    void theCheckersSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        Printed mask = offByOneMask();
        assertFalse(mask.passed());
        assertTrue(mask.text().contains("序列掩码") && mask.text().contains("有效长度 [3, 1, 0]，4 步：位置 (0, 3) 应为 0（填充），实际为 1.0"),
                mask.text());
        Printed beam = perBeamGreedy();
        assertFalse(beam.passed());
        assertTrue(beam.text().contains("束搜索的一步") && beam.text().contains("第 3 个扩展应为 {beam 0, token 1}，实际为 [0, 0]"),
                beam.text());
    }
}
