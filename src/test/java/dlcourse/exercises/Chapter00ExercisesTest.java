package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter00Solutions;
import org.junit.jupiter.api.Test;

class Chapter00ExercisesTest {

    @Test
    void rowsSumToOneAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter00Exercises.rowsSumToOne(Chapter00Solutions::rowsToOne));
        assertTrue(p.right(), p.text());
    }

    @Test
    void rowsSumToOneRejectsDividingByTheTotal() {
        Printed p = Printed.run(() -> Chapter00Exercises.rowsSumToOne(x -> x.div(x.sum())));
        assertTrue(p.wrong() && p.text().contains("expected"), p.text());
    }

    @Test
    void rowsSumToOneNamesTheShapeItExpects() {
        Printed p = Printed.run(() -> Chapter00Exercises.rowsSumToOne(x -> x.sum(new int[] {1})));
        assertTrue(p.wrong() && p.text().contains("for a 3×4 matrix the result has shape (3), expected (3, 4): divide by a"
                + " column vector of row sums, shape (3, 1)"), p.text());
    }

    @Test
    void rowsSumToOneSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter00Exercises.rowsSumToOne(x -> x.sum(new int[] {1})));
        assertTrue(p.wrong() && p.text().contains("每行除以该行之和") && p.text().contains(
                "对 3×4 矩阵，结果的形状是 (3)，应为 (3, 4)：请除以由各行之和组成的列向量，其形状为 (3, 1)"), p.text());
    }

    @Test
    void rowsSumToOneRejectsTheWrongAxisByShapeOrValue() {
        Printed p = Printed.run(() -> Chapter00Exercises.rowsSumToOne(x -> x.div(x.sum(new int[] {0}, true))));
        assertTrue(p.wrong(), p.text());
    }

    @Test
    void rowsSumToOneWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter00Exercises.rowsSumToOne(x -> Exercise.todo())).unanswered());
    }

    @Test
    void slopeAtAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter00Exercises.slopeAt(Chapter00Solutions::slopeAt));
        assertTrue(p.right(), p.text());
    }

    @Test
    void slopeAtRejectsTheFunctionsValue() {
        Printed p = Printed.run(() -> Chapter00Exercises.slopeAt((f, a) -> {
            try (var manager = ai.djl.ndarray.NDManager.newBaseManager()) {
                return f.apply(manager.create(a)).getDouble();
            }
        }));
        assertTrue(p.wrong() && p.text().contains("for f(a) = a² + 3a at a = 2.0 your slope is 10.0000, which is not"
                + " f'(2.0): backward from f(x), then read x's gradient"), p.text());
    }

    @Test
    void slopeAtSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter00Exercises.slopeAt((f, a) -> 0));
        assertTrue(p.wrong() && p.text().contains("对 f(a) = a² + 3a，你在 a = 2.0 处求出的斜率是 0.00000，这不是 f'(2.0)"),
                p.text());
    }

    @Test
    void slopeAtWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter00Exercises.slopeAt((f, a) -> Exercise.todo())).unanswered());
    }
}
