package dlcourse.train;

/**
 * Thrown by a training or evaluation loop of this package when the thread running it is
 * interrupted (Jupyter's stop button): the loop stops between two batches, so no optimiser step
 * is half applied and no gradient collector stays open. Its message is one line that says where
 * training stopped; the model and the history of the finished epochs are kept, and the next cell
 * can evaluate or call {@code fit} again.
 */
public final class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrainingInterruptedException(String message) {
        super(message);
    }
}
