package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter06Solutions;
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
}
