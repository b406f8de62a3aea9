package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CheckTest {

    /** A library bug these tests pin down; see the report of the unit tests. */

    private static String printedBy(Runnable action) {
        return dlcourse.SystemOut.capture(action);
    }

    @Test
    void theFixedWordsFollowTheCourseLanguageAndTheStatementStaysAsGiven() {
        Course.language("zh");
        try {
            CheckFailedException error = assertThrows(CheckFailedException.class,
                    () -> Check.close(0.7, Math.log(2), 1e-3, "公平猜测的损失为 ln 2"));
            assertEquals("检查未通过：公平猜测的损失为 ln 2：得到 0.7000，应为 0.6931（差值 0.00685 超过容差 0.00100）",
                    error.getMessage());
            assertEquals("公平猜测的损失为 ln 2：得到 0.7000，应为 0.6931（差值 0.00685 超过容差 0.00100）", error.reason());
            assertEquals("✔ accuracy is at least 0.80（0.8125）" + System.lineSeparator(),
                    printedBy(() -> Check.that(true, "accuracy is at least 0.80", 0.8125)));
        } finally {
            Course.language("en");
        }
    }

    @Test
    void aNegativeToleranceIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Check.close(1.0, 1.0, -0.5, "one is one"));
        assertEquals("tolerance must be 0 or more, got -0.5", error.getMessage());
    }

    @Test
    void thatPassesAndPrintsATick() {
        String printed = printedBy(() -> Check.that(true, "one is one"));
        assertEquals("✔ one is one" + System.lineSeparator(), printed);
    }

    @Test
    void thatFailsWithTheStatement() {
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.that(false, "test accuracy is at least 0.80"));
        assertEquals("Check failed: test accuracy is at least 0.80", error.getMessage());
    }

    @Test
    void thatWithAMeasuredValueShowsTheValue() {
        String printed = printedBy(() -> Check.that(true, "accuracy is at least 0.80", 0.8125));
        assertEquals("✔ accuracy is at least 0.80 (0.8125)" + System.lineSeparator(), printed);
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.that(false, "accuracy is at least 0.80", 0.7512345));
        assertEquals("Check failed: accuracy is at least 0.80 (measured: 0.7512)", error.getMessage());
        CheckFailedException text = assertThrows(CheckFailedException.class,
                () -> Check.that(false, "the vocabulary has 10 words", 12));
        assertEquals("Check failed: the vocabulary has 10 words (measured: 12)", text.getMessage());
    }

    @Test
    void closePassesWithinTheTolerance() {
        String printed = dlcourse.SystemOut.capture(() -> assertDoesNotThrow(() -> {
            Check.close(0.6935, Math.log(2), 1e-3, "the loss of a fair guess is ln 2");
            Check.close(1.0, 1.0, 0, "exactly equal is close");
        }));
        assertTrue(printed.contains("✔ the loss of a fair guess is ln 2") && printed.contains("✔ exactly equal is close"), printed);
    }

    @Test
    void closeFailsWithBothValuesAndTheDifference() {
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.close(0.7, Math.log(2), 1e-3, "the loss of a fair guess is ln 2"));
        assertEquals("Check failed: the loss of a fair guess is ln 2: got 0.7000, expected 0.6931"
                + " (difference 0.00685 is more than the tolerance 0.00100)", error.getMessage());
    }

    @Test
    void nanIsNeverClose() {
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.close(Double.NaN, 1.0, 1e9, "the loss is finite"));
        assertTrue(error.getMessage().startsWith("Check failed: the loss is finite: got NaN"), error.getMessage());
        assertThrows(CheckFailedException.class,
                () -> Check.close(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, "NaN equals NaN"));
    }

    @Test
    void closeArraysPassWithinTheTolerance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray actual = manager.create(new float[] {1f, 2.0005f, 3f});
            NDArray expected = manager.create(new double[] {1, 2, 3});
            String printed = printedBy(() -> Check.close(actual, expected, 1e-3, "the arrays agree"));
            assertTrue(printed.startsWith("✔ the arrays agree (largest difference 0.00050"), printed);
        }
    }

    @Test
    void closeArraysFailOnTheWorstElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray actual = manager.create(new float[] {1f, 2.5f, 3.1f});
            NDArray expected = manager.create(new float[] {1f, 2f, 3f});
            CheckFailedException error = assertThrows(CheckFailedException.class,
                    () -> Check.close(actual, expected, 0.01, "the gradients agree"));
            assertEquals("Check failed: the gradients agree: element 1 is 2.500, expected 2.000"
                    + " (difference 0.500 is more than the tolerance 0.0100)", error.getMessage());
        }
    }

    @Test
    void closeArraysNameBothShapesWhenTheyDiffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray actual = manager.zeros(new Shape(2, 3));
            NDArray expected = manager.zeros(new Shape(3, 2));
            CheckFailedException error = assertThrows(CheckFailedException.class,
                    () -> Check.close(actual, expected, 1, "the outputs agree"));
            assertEquals("Check failed: the outputs agree: shapes differ, got (2, 3), expected (3, 2)",
                    error.getMessage());
        }
    }

    @Test
    void nanInAnArrayIsNeverClose() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray actual = manager.create(new float[] {1f, Float.NaN, 3f});
            NDArray expected = manager.create(new float[] {1f, 2f, 3f});
            CheckFailedException error = assertThrows(CheckFailedException.class,
                    () -> Check.close(actual, expected, 1e6, "no NaN in the output"));
            assertTrue(error.getMessage().startsWith("Check failed: no NaN in the output: element 1 is NaN"),
                    error.getMessage());
        }
    }

    @Test
    void nanInAnArrayIsNotCloseEvenWithAnInfiniteTolerance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray actual = manager.create(new float[] {Float.NaN});
            NDArray expected = manager.create(new float[] {1f});
            assertThrows(CheckFailedException.class,
                    () -> Check.close(actual, expected, Double.POSITIVE_INFINITY, "no NaN in the output"));
        }
    }

    @Test
    void failsPassesWhenTheExpectedExceptionIsThrown() {
        String printed = printedBy(() -> Check.fails(IllegalArgumentException.class,
                () -> Integer.parseInt("x"), "a word is not a number"));
        assertEquals("✔ a word is not a number" + System.lineSeparator(), printed);
    }

    @Test
    void failsFailsWhenNothingIsThrown() {
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.fails(IllegalArgumentException.class, () -> Integer.parseInt("1"), "parsing fails"));
        assertEquals("Check failed: parsing fails: expected IllegalArgumentException but nothing was thrown",
                error.getMessage());
    }

    @Test
    void failsFailsWhenAnotherExceptionIsThrown() {
        CheckFailedException error = assertThrows(CheckFailedException.class,
                () -> Check.fails(IllegalStateException.class, () -> {
                    throw new IllegalArgumentException("bad shape");
                }, "the state is refused"));
        assertEquals("Check failed: the state is refused: expected IllegalStateException"
                + " but got IllegalArgumentException: bad shape", error.getMessage());
    }
}
