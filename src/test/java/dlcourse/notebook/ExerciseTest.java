package dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ExerciseTest {

    private static String captured(Runnable action) {
        return dlcourse.SystemOut.capture(action);
    }

    private static boolean doubles(IntUnaryOperator answer) {
        return Exercise.check("double it", () -> {
            for (int x = -3; x <= 3; x++) {
                Exercise.require(answer.applyAsInt(x) == 2 * x, "f(" + x + ") should be " + 2 * x);
            }
        });
    }

    @Test
    void rightAnswerPassesWithATick() {
        String out = captured(() -> assertTrue(doubles(x -> x + x)));
        assertTrue(out.startsWith("✔ double it"), out);
    }

    @Test
    void wrongAnswerSaysWhatIsWrongWithoutThrowing() {
        String out = captured(() -> assertFalse(doubles(x -> x * x)));
        assertTrue(out.contains("✘ double it: not yet. f(-3) should be -6"), out);
    }

    @Test
    void verdictsFollowTheCourseLanguage() {
        Course.language("zh");
        try {
            assertEquals("✔ double it：正确" + System.lineSeparator(), captured(() -> assertTrue(doubles(x -> x + x))));
            assertEquals("✘ double it：还不对。f(-3) should be -6" + System.lineSeparator(),
                    captured(() -> assertFalse(doubles(x -> x * x))));
            assertEquals("… double it：尚未作答（请把 Exercise.todo() 换成你的代码）" + System.lineSeparator(),
                    captured(() -> assertFalse(doubles(x -> Exercise.todo()))));
        } finally {
            Course.language("en");
        }
    }

    @Test
    void placeholderSaysNotAnswered() {
        String out = captured(() -> assertFalse(doubles(x -> Exercise.todo())));
        assertTrue(out.contains("not answered yet"), out);
    }

    @Test
    void crashingAnswerIsReported() {
        String out = captured(() -> assertFalse(doubles(x -> 1 / (x - x))));
        assertTrue(out.contains("your code threw ArithmeticException"), out);
    }

    @Test
    void anAnswerReducingOverSeveralAxesOnAnEngineThatCannotIsToldWhatWorks() {
        String out = captured(() -> assertFalse(doubles(x -> {
            throw new UnsupportedOperationException("Only 1 axis is support!");
        })));
        assertTrue(out.contains("your code threw UnsupportedOperationException: Only 1 axis is support! (this engine reduces"
                + " over one axis at a time: Reductions.mean, max and min take several, on every engine)"), out);
    }

    @Test
    void requireCloseNamesTheValues() {
        CheckFailedException e = assertThrows(CheckFailedException.class,
                () -> Exercise.requireClose(1.5, 1.0, 0.1, "the loss"));
        assertTrue(e.getMessage().contains("the loss is 1.50000, expected 1.00000"), e.getMessage());
    }
}
