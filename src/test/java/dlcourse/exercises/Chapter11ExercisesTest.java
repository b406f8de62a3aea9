package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import dlcourse.notebook.Course;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter11Solutions;
import org.junit.jupiter.api.Test;

class Chapter11ExercisesTest {

    @Test
    void learningRateAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter11Exercises.learningRate(Chapter11Solutions::learningRate)).right());
    }

    @Test
    void learningRateRejectsSchedulesWithoutWarmUpOrThatNeverStopDecaying() {
        Printed noWarmUp = Printed.run(() -> Chapter11Exercises.learningRate((update, decay) ->
                Chapter11Solutions.learningRate(Math.max(update, 200), decay)));
        assertTrue(noWarmUp.wrong(), noWarmUp.text());
        assertTrue(noWarmUp.text().contains("update 0 "), noWarmUp.text());
        Printed cosineForever = Printed.run(() -> Chapter11Exercises.learningRate((update, decay) -> update < 200
                ? Chapter11Solutions.learningRate(update, decay)
                : 1e-4 + (0.0125 - 1e-4) / 2 * (1 + Math.cos(Math.PI * (update - 200) / decay))));
        assertTrue(cosineForever.wrong(), cosineForever.text());
        assertTrue(Printed.run(() -> Chapter11Exercises.learningRate((update, decay) -> Exercise.todo())).unanswered());
    }

    @Test
    void theReferenceScheduleIsTheNotebooksWarmUpThenCosine() {
        Tracker schedule = Chapter11Exercises.schedule(1000);
        assertEquals(1e-4, schedule.getNewValue(0), 1e-9);
        assertEquals(0.0063, schedule.getNewValue(100), 1e-9);
        assertEquals(0.0125, schedule.getNewValue(200), 1e-9);
        assertEquals(0.0063, schedule.getNewValue(700), 1e-9);
        assertEquals(1e-4, schedule.getNewValue(1200), 1e-9);
        assertEquals(1e-4, schedule.getNewValue(5000), 1e-9);
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

    @Test
    void encoderBlockParametersNamesTheCountInTheNotebooksLanguage() {
        String english = Printed.run(() -> Chapter11Exercises.encoderBlockParameters((d, f) -> 0L)).text();
        assertTrue(english.contains("✘ parameters of an encoder block: not yet. hidden 16, feed-forward 32: the block has "
                + "2160 parameters, your formula gives 0"), english);
        Course.language("zh");
        try {
            String chinese = Printed.run(() -> Chapter11Exercises.encoderBlockParameters((d, f) -> 0L)).text();
            assertTrue(chinese.contains("编码器块的参数个数") && chinese.contains("隐藏 16、前馈 32：该块有 2160 个参数，你的公式给出 0 个"),
                    chinese);
            String schedule = Printed.run(() -> Chapter11Exercises.learningRate((update, decay) -> 0)).text();
            assertTrue(schedule.contains("带预热和余弦衰减的学习率") && schedule.contains("第 0 次更新（调度在 1000 次更新内衰减）"),
                    schedule);
        } finally {
            Course.language("en");
        }
    }
}
