package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter03Solutions;
import org.junit.jupiter.api.Test;

class Chapter03ExercisesTest {

    @Test
    void weightGradientAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter03Exercises.sigmoidWeightGradient(Chapter03Solutions::sigmoidWeightGradient));
        assertTrue(p.right(), p.text());
    }

    @Test
    void weightGradientRejectsForgettingTheSigmoidsDerivative() {
        Printed p = Printed.run(() -> Chapter03Exercises.sigmoidWeightGradient((x, w, b, g) -> x.transpose().matMul(g)));
        assertTrue(p.wrong() && p.text().contains("relative error"), p.text());
    }

    @Test
    void weightGradientRejectsTheWrongShape() {
        Printed p = Printed.run(() -> Chapter03Exercises.sigmoidWeightGradient(Chapter03Solutions::sigmoidInputGradient));
        assertTrue(p.wrong() && p.text().contains("has shape"), p.text());
    }

    @Test
    void weightGradientWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter03Exercises.sigmoidWeightGradient((x, w, b, g) -> Exercise.todo())).unanswered());
    }

    @Test
    void inputGradientAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter03Exercises.sigmoidInputGradient(Chapter03Solutions::sigmoidInputGradient));
        assertTrue(p.right(), p.text());
    }

    @Test
    void inputGradientRejectsForgettingTheSigmoidsDerivative() {
        Printed p = Printed.run(() -> Chapter03Exercises.sigmoidInputGradient((x, w, b, g) -> g.matMul(w.transpose())));
        assertTrue(p.wrong() && p.text().contains("relative error"), p.text());
    }

    @Test
    void inputGradientWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter03Exercises.sigmoidInputGradient((x, w, b, g) -> Exercise.todo())).unanswered());
    }

    @Test
    void speaksTheNotebooksLanguage() {
        Printed p = Chinese.run(() -> Chapter03Exercises.sigmoidWeightGradient((x, w, b, g) -> x.transpose().matMul(g)));
        assertTrue(p.text().contains("sigmoid 层的 δW") && p.text().contains("与数值梯度相比的相对误差为"), p.text());
    }
}
