package io.pagoda.paging.error;

/**
 * A live valid entry replaced by a different valid one without the invalidation the architecture
 * requires in between.
 */
public class BreakBeforeMakeException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public BreakBeforeMakeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    public BreakBeforeMakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
