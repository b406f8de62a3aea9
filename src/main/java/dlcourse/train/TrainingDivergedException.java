package dlcourse.train;

/**
 * Thrown when the loss (or the gradients' norm) of a training batch is no longer a finite number:
 * training stops before the optimiser applies that batch's step. The message names the epoch, the
 * batch, the last finite loss and what to change; the history of the finished epochs is kept.
 */
public final class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    TrainingDivergedException(String message) {
        super(message);
    }
}
