package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter02Solutions;
import org.junit.jupiter.api.Test;

class Chapter02ExercisesTest {

    @Test
    void largestStableRateAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter02Exercises.largestStableRate(Chapter02Solutions::largestStableRate));
        assertTrue(p.right(), p.text());
    }

    @Test
    void largestStableRateRejectsTheOneDimensionalLimit() {
        Printed p = Printed.run(() -> Chapter02Exercises.largestStableRate(() -> 1.0));
        assertTrue(p.wrong() && p.text().contains("too large"), p.text());
    }

    @Test
    void largestStableRateRejectsARateThatIsMerelyStable() {
        Printed p = Printed.run(() -> Chapter02Exercises.largestStableRate(() -> 0.05));
        assertTrue(p.wrong() && p.text().contains("still converges"), p.text());
    }

    @Test
    void largestStableRateRejectsANegativeRate() {
        assertTrue(Printed.run(() -> Chapter02Exercises.largestStableRate(() -> -0.1)).wrong());
    }

    @Test
    void largestStableRateWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter02Exercises.largestStableRate(Exercise::todo)).unanswered());
    }

    @Test
    void adaGradAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter02Exercises.adaGrad(Chapter02Solutions::adaGrad));
        assertTrue(p.right(), p.text());
    }

    @Test
    void adaGradRejectsPlainGradientDescent() {
        Printed p = Printed.run(() -> Chapter02Exercises.adaGrad((rate, state) -> (x, g) -> x.subi(g.mul(rate))));
        assertTrue(p.wrong() && p.text().contains("AdaGrad gives"), p.text());
    }

    @Test
    void adaGradRejectsRmsPropsForgettingAverage() {
        Printed p = Printed.run(() -> Chapter02Exercises.adaGrad((rate, state) -> (x, g) -> {
            state.muli(0.9f).addi(g.square().mul(0.1f));
            x.subi(g.mul(rate).div(state.sqrt().add(1e-8f)));
        }));
        assertTrue(p.wrong(), p.text());
    }

    @Test
    void adaGradWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter02Exercises.adaGrad((rate, state) -> (x, g) -> Exercise.todo())).unanswered());
    }
}
