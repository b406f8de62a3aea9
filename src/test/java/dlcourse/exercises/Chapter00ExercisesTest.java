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
        assertTrue(p.wrong() && p.text().contains("a² + 3a"), p.text());
    }

    @Test
    void slopeAtWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter00Exercises.slopeAt((f, a) -> Exercise.todo())).unanswered());
    }
}
