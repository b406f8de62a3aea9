package dlcourse.data;

/** A data file is missing, truncated or damaged; the message names the file and the fix. */
public class DataFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
