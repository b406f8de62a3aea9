package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter06Solutions;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.Test;

class Chapter06ExercisesTest {

    @Test
    void separableParametersAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter06Exercises.separableParameters(Chapter06Solutions::separableParameters));
        assertTrue(p.right(), p.text());
    }

    @Test
    void separableParametersRejectsTheStandardConvolutionsCount() {
        Printed p = Printed.run(() -> Chapter06Exercises.separableParameters((in, out, k) -> (long) k * k * in * out + out));
        assertTrue(p.wrong() && p.text().contains("DJL's two convolutions have"), p.text());
    }

    @Test
    void separableParametersRejectsForgettingTheBiases() {
        Printed p = Printed.run(() -> Chapter06Exercises.separableParameters((in, out, k) -> (long) k * k * in + (long) in * out));
        assertTrue(p.wrong(), p.text());
    }

    @Test
    void separableParametersWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter06Exercises.separableParameters((in, out, k) -> Exercise.todo())).unanswered());
    }

    @Test
    void layerNormAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter06Exercises.layerNorm(Chapter06Solutions::layerNorm));
        assertTrue(p.right(), p.text());
    }

    @Test
    void layerNormRejectsBatchNormsAxes() {
        Printed p = Printed.run(() -> Chapter06Exercises.layerNorm(x -> {
            var mean = x.mean(new int[] {0}, true);
            return x.sub(mean).div(x.sub(mean).square().mean(new int[] {0}, true).add(1e-5f).sqrt());
        }));
        assertTrue(p.wrong() && p.text().contains("DJL's layer norm gives"), p.text());
    }

    @Test
    void layerNormWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter06Exercises.layerNorm(x -> Exercise.todo())).unanswered());
    }


    @Test
    void separableParametersCountsTheFirstCaseInTodaysEnglish() {
        // First case: 1 -> 4 channels, 1x1 kernel: depthwise 1 weight + 1 bias, pointwise 4 weights + 4 biases = 10.
        Printed p = Printed.run(() -> Chapter06Exercises.separableParameters((in, out, k) -> 0L));
        assertTrue(p.text().startsWith("✘ parameters of a depthwise separable convolution: not yet. for 1 → 4 channels"
                + " with a 1×1 kernel you count 0 parameters, DJL's two convolutions have 10"), p.text());
    }

    @Test
    void checksSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        try {
            Printed count = Printed.run(() -> Chapter06Exercises.separableParameters((in, out, k) -> 0L));
            assertTrue(count.wrong() && count.text().contains("深度可分离卷积的参数量")
                    && count.text().contains("从 1 个通道到 4 个通道、卷积核为 1×1 时，你算出 0 个参数，而 DJL 的两个卷积共有 10 个"),
                    count.text());
            Printed shape = Printed.run(() -> Chapter06Exercises.layerNorm(x -> x.reshape(-1)));
            assertTrue(shape.wrong() && shape.text().contains("层规范化") && shape.text().contains("规范化不改变形状"),
                    shape.text());
        } finally {
            Course.language("en");
        }
    }
}
