package dlcourse.notebook;

/** Thrown by {@link Check} when what a notebook states does not hold. */
public class CheckFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckFailedException(String message) {
        super(message);
    }
}
