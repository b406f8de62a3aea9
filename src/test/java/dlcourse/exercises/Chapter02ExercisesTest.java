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
    void largestStableRateSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter02Exercises.largestStableRate(() -> 1.0));
        assertTrue(p.wrong() && p.text().contains("x₁² + 10 x₂² 上最大的稳定学习率")
                && p.text().contains("取 η = 0.9800（你的答案的 0.98 倍）时，从 (-5, 2) 出发的梯度下降最终离最小值"), p.text());
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
    void adaGradSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter02Exercises.adaGrad((rate, state) -> (x, g) -> x.subi(g.mul(rate))));
        assertTrue(p.wrong() && p.text().contains("AdaGrad 与公式对照") && p.text().contains("第 1 步之后第 0 个元素是"), p.text());
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
