package io.pagoda.paging.error;

/**
 * A zero length, a length that overflows, or a range past the end of the address space or of a
 * table.
 */
public class InvalidRangeException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public InvalidRangeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    public InvalidRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
