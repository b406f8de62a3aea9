package dlcourse.notebook;

/**
 * Thrown by {@link Check} when what a notebook states does not hold, and by {@link Exercise#require}
 * inside an exercise check. Its message is "Check failed: " and the reason, in the course's language.
 */
public class CheckFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** {@code reason} says what does not hold, e.g. "f(2) should be 4". */
    public CheckFailedException(String reason) {
        super(Messages.text("check.failed", reason));
        this.reason = reason;
    }

    /** What does not hold, without the "Check failed:" prefix. */
    public String reason() {
        return reason;
    }
}
