package io.pagoda.paging.error;

/**
 * The format cannot express the requested access rights or attributes; nothing was dropped
 * silently.
 */
public class RightsNotExpressibleException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public RightsNotExpressibleException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    public RightsNotExpressibleException(String message, Throwable cause) {
        super(message, cause);
    }
}
