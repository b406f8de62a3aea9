package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter05Solutions;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.Test;

class Chapter05ExercisesTest {

    @Test
    void horizontalKernelAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(Chapter05Solutions::horizontalLineKernel));
        assertTrue(p.right(), p.text());
    }

    @Test
    void horizontalKernelAcceptsTheTransposedSobel() {
        Printed p = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(
                m -> m.create(new float[][] {{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}})));
        assertTrue(p.right(), p.text());
    }

    @Test
    void horizontalKernelRejectsTheVerticalSobel() {
        Printed p = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(
                m -> m.create(new float[][] {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}})));
        assertTrue(p.wrong() && p.text().contains("vertical line"), p.text());
    }

    @Test
    void horizontalKernelRejectsABlur() {
        Printed p = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(m -> m.ones(new ai.djl.ndarray.types.Shape(3, 3))));
        assertTrue(p.wrong() && p.text().contains("uniform grey"), p.text());
    }

    @Test
    void horizontalKernelRejectsANonSquareKernel() {
        Printed p = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(m -> m.create(new float[] {-1, 2, -1})));
        assertTrue(p.wrong() && p.text().contains("square"), p.text());
    }

    @Test
    void horizontalKernelWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter05Exercises.horizontalLineKernel(m -> Exercise.todo())).unanswered());
    }

    @Test
    void downsampleAcceptsTheSolutionAndAnotherValidChoice() {
        assertTrue(Printed.run(() -> Chapter05Exercises.downsampleTo7(Chapter05Solutions::downsampleTo7)).right());
        assertTrue(Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {0, 2, 1, 2})).right());
    }

    @Test
    void downsampleRejectsStrideOneAndSaysWhatItGot() {
        Printed p = Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {1, 1, 1, 1}));
        assertTrue(p.wrong() && p.text().contains("28 → 28 → 28"), p.text());
    }

    @Test
    void downsampleRejectsOutOfRangeSettings() {
        assertTrue(Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {1, 0, 1, 2})).wrong());
        assertTrue(Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {1, 2})).wrong());
    }

    @Test
    void downsampleWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter05Exercises.downsampleTo7(Exercise::todo)).unanswered());
    }


    @Test
    void downsampleNamesTheLayerOutOfRangeInTodaysEnglish() {
        Printed p = Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {1, 5, 1, 1}));
        assertTrue(p.text().startsWith("✘ two 3×3 convolutions from 28×28 to 7×7: not yet. layer 1 has padding 1 and stride 5;"
                + " use a padding from 0 to 2 and a stride from 1 to 4"), p.text());
    }

    @Test
    void checksSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        try {
            Printed vertical = Printed.run(() -> Chapter05Exercises.horizontalLineKernel(
                    m -> m.create(new float[][] {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}})));
            assertTrue(vertical.wrong() && vertical.text().contains("检测水平线的卷积核")
                    && vertical.text().contains("卷积核对竖线有响应"), vertical.text());
            Printed sizes = Printed.run(() -> Chapter05Exercises.downsampleTo7(() -> new int[] {1, 1, 1, 1}));
            assertTrue(sizes.wrong() && sizes.text().contains("得到的尺寸依次为 28 → 28 → 28，最后不是 7"), sizes.text());
        } finally {
            Course.language("en");
        }
    }
}
