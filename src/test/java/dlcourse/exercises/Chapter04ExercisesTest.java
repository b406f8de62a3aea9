package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter04Solutions;
import org.junit.jupiter.api.Test;

class Chapter04ExercisesTest {

    @Test
    void logSoftmaxAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter04Exercises.logSoftmax(Chapter04Solutions::logSoftmax));
        assertTrue(p.right(), p.text());
    }

    @Test
    void logSoftmaxRejectsTheLogOfAStableSoftmax() {
        // Shifting by the maximum keeps exp from overflowing, but exp(-2000) still rounds to 0 before the log.
        Printed p = Printed.run(() -> Chapter04Exercises.logSoftmax(o -> {
            var exp = o.sub(o.max(new int[] {1}, true)).exp();
            return exp.div(exp.sum(new int[] {1}, true)).log();
        }));
        assertTrue(p.wrong() && p.text().contains("-Infinity"), p.text());
    }

    @Test
    void logSoftmaxRejectsTheSoftmaxItself() {
        Printed p = Printed.run(() -> Chapter04Exercises.logSoftmax(o -> {
            var exp = o.sub(o.max(new int[] {1}, true)).exp();
            return exp.div(exp.sum(new int[] {1}, true));
        }));
        assertTrue(p.wrong() && p.text().contains("expected"), p.text());
    }

    @Test
    void logSoftmaxWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter04Exercises.logSoftmax(o -> Exercise.todo())).unanswered());
    }

    @Test
    void mlpParametersAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter04Exercises.mlpParameters(Chapter04Solutions::mlpParameters));
        assertTrue(p.right(), p.text());
    }

    @Test
    void mlpParametersRejectsForgettingTheBiases() {
        Printed p = Printed.run(() -> Chapter04Exercises.mlpParameters((inputs, hidden, outputs) -> {
            long count = 0;
            int previous = inputs;
            for (int width : hidden) {
                count += (long) previous * width;
                previous = width;
            }
            return count + (long) previous * outputs;
        }));
        assertTrue(p.wrong() && p.text().contains("DJL creates"), p.text());
    }

    @Test
    void mlpParametersWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter04Exercises.mlpParameters((inputs, hidden, outputs) -> Exercise.todo())).unanswered());
    }

    @Test
    void speaksTheNotebooksLanguage() {
        Printed p = Chinese.run(() -> Chapter04Exercises.mlpParameters((inputs, hidden, outputs) -> 0));
        assertTrue(p.text().contains("MLP 的参数个数") && p.text().contains("你数出 0 个参数，而 DJL 创建了 7850 个"),
                p.text());
    }
}
