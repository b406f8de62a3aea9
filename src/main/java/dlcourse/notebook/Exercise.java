package dlcourse.notebook;

import dlcourse.tensor.Reductions;
import java.util.Objects;

/**
 * Checked exercises. A notebook's exercise cell holds the learner's answer, which starts as
 * {@link #todo()}; the next cell passes the answer to a checker in {@code dlcourse.exercises}, which
 * calls {@link #check}. The check prints one line, a tick or what is still wrong, and never stops the
 * notebook, so an unanswered exercise does not break "Run all".
 *
 * <pre>
 * int outputSize(int n, int k, int p, int s) {
 *     return Exercise.todo(); // your formula here
 * }
 * boolean sizeSolved = Chapter05Exercises.outputSize((n, k, p, s) -&gt; outputSize(n, k, p, s));
 * </pre>
 *
 * (Assign the result: the kernel shows the value of a bare expression, which would add a stray
 * {@code false} under the printed line.)
 *
 * Each checker is tested against the reference solution in {@code solutions/} and against a wrong answer.
 */
public final class Exercise {

    private Exercise() {
    }

    /** Thrown by {@link #todo()}: the learner has not written an answer yet. */
    public static final class NotAnsweredException extends RuntimeException {
        public NotAnsweredException() {
            super(Messages.text("exercise.todo"));
        }
    }

    /** The placeholder for an answer not written yet. */
    public static <T> T todo() {
        throw new NotAnsweredException();
    }

    /**
     * Runs {@code checks} against a learner's answer. Prints "✔ name: right" when every check holds and
     * returns true; otherwise prints "✘ name: not yet. what is wrong" and returns false. Never throws.
     * The fixed words come from {@link Messages} in the course's language; {@code name} is printed as given.
     */
    public static boolean check(String name, Runnable checks) {
        Objects.requireNonNull(checks, "checks");
        try {
            checks.run();
        } catch (NotAnsweredException notAnswered) {
            System.out.println(Messages.text("exercise.notAnswered", name));
            return false;
        } catch (CheckFailedException wrong) {
            System.out.println(Messages.text("exercise.wrong", name, wrong.reason()));
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError broken) {
            System.out.println(Messages.text("exercise.threw", name, broken.getClass().getSimpleName()
                    + (broken.getMessage() == null ? "" : ": " + broken.getMessage()) + Reductions.hintFor(broken)));
            return false;
        }
        System.out.println(Messages.text("exercise.right", name));
        return true;
    }

    /** Inside {@link #check}: fails the exercise with {@code message} unless {@code condition} holds. Prints nothing. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new CheckFailedException(message);
        }
    }

    /** Inside {@link #check}: fails unless {@code actual} is within {@code tolerance} of {@code expected}. */
    public static void requireClose(double actual, double expected, double tolerance, String what) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new CheckFailedException(Messages.text("exercise.close", what, actual, expected, tolerance));
        }
    }
}
